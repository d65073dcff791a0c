import { ERROR_CODES, type ApiProblem, type ErrorCode } from '../contract/error-codes';

/**
 * The one error type services throw. The filter turns it into
 * `{ code, message, requestId, field? }` with the code's HTTP status.
 */
export class BizError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  /** Every reason, when there are several (the body's `problems`). */
  readonly problems?: readonly ApiProblem[];

  constructor(code: ErrorCode, message?: string, field?: string, problems?: readonly ApiProblem[]) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'BizError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = field;
    this.problems = problems;
  }
}

export function notFound(what = '内容'): BizError {
  return new BizError('NOT_FOUND', `${what}不存在`);
}

export function invalidField(field: string, message: string): BizError {
  return new BizError('VALIDATION_FAILED', message, field);
}
