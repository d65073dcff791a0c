import type { ErrorCode } from '../../../server/src/contract/error-codes';

/** Expects `fn` to throw a BizError with this code (and field, and message, when given). */
export function expectRefusal(fn: () => unknown, code: ErrorCode, detail: { field?: string; message?: string } = {}): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toMatchObject({ code, ...detail });
}
