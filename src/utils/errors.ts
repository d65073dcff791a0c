import { ApiError } from '@/services/http';

/** A sentence the user can act on, for any failure a page catches. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : '操作失败，请稍后重试';
}
