import { ERROR_CODES, ErrorCode } from '../contract/error-codes';

/**
 * The one error type services throw. The filter turns it into
 * `{ code, message, requestId, field? }` with the code's HTTP status.
 */
export class BizError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;

  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'BizError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = field;
  }
}

export function notFound(what = '内容'): BizError {
  return new BizError('NOT_FOUND', `${what}不存在`);
}

export function invalidField(field: string, message: string): BizError {
  return new BizError('VALIDATION_FAILED', message, field);
}
