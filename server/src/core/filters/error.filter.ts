import { Catch, httpError, MidwayHttpError } from '@midwayjs/core';
import { randomUUID } from 'crypto';
import { Context } from '@midwayjs/koa';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../contract/error-codes';
import { CHECK_DIGIT_CODES } from '../check-digit-rules';
import { BizError } from '../errors';
import { clip } from '../log-redaction';
import { RateLimitedError } from '../rate-limit';
import { echo, validationMessage, type ValidationDetail } from '../validation-messages';

function joiDetail(err: Error): ValidationDetail | undefined {
  const cause = (err as { cause?: { details?: ValidationDetail[] } }).cause;
  return cause?.details?.[0];
}

function fieldPath(path: ReadonlyArray<string | number>): string {
  return path.map(p => String(p)).join('.');
}

/** Body-parser (raw-body) errors carry a `type`; map the ones a client can cause. */
function bodyParserCode(err: Error & { type?: string; status?: number }): ErrorCode | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return 'BAD_JSON';
    case 'entity.too.large':
      return 'BODY_TOO_LARGE';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return 'BAD_REQUEST';
    default:
      return null;
  }
}

const MONGO_UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoNetworkTimeoutError',
]);

function classify(err: Error): { code: ErrorCode; message?: string; field?: string; status?: number } {
  if (err instanceof BizError) return { code: err.code, message: err.message, field: err.field };
  const parser = bodyParserCode(err as Error & { type?: string });
  if (parser) return { code: parser };
  // co-body marks a JSON parse failure as a SyntaxError with status 400 and no type.
  if (err instanceof SyntaxError && (err as { status?: number }).status === 400) return { code: 'BAD_JSON' };
  if (err.name === 'MidwayValidationError') {
    // Joi's own message (untranslated words, regular expressions, the rejected value) is never used.
    const detail = joiDetail(err);
    if (!detail) return { code: 'VALIDATION_FAILED' };
    return { code: CHECK_DIGIT_CODES[detail.type] ?? 'VALIDATION_FAILED', message: validationMessage(detail), field: fieldPath(detail.path) };
  }
  if (err instanceof httpError.NotFoundError) return { code: 'ROUTE_NOT_FOUND' };
  if (err.name === 'CastError') return { code: 'BAD_REQUEST' };
  if ((err as { code?: unknown }).code === 11000) return { code: 'CONFLICT' };
  if (MONGO_UNAVAILABLE.has(err.name)) return { code: 'DATABASE_UNAVAILABLE' };
  if (err instanceof MidwayHttpError && err.status === 405) return { code: 'METHOD_NOT_ALLOWED' };
  if (err instanceof MidwayHttpError && err.status >= 400 && err.status < 500) {
    return { code: 'BAD_REQUEST', status: err.status };
  }
  return { code: 'INTERNAL' };
}

/** The status an error is answered with (the access log reads it before this filter has run). */
export function errorStatus(err: unknown): number {
  if (!(err instanceof Error)) return ERROR_CODES.INTERNAL.status;
  const { code, status } = classify(err);
  return status ?? ERROR_CODES[code].status;
}

/**
 * The single error path. Clients get a stable code and a Chinese message;
 * stack traces and internal messages stay in the log.
 */
@Catch()
export class ErrorFilter {
  async catch(err: Error, ctx: Context): Promise<ApiErrorBody> {
    const { code, message, field, status } = classify(err);
    ctx.status = status ?? ERROR_CODES[code].status;
    if (err instanceof RateLimitedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof BizError || ctx.status < 500) {
      // An answer the service meant to give (a refusal, WeChat not configured, a surge): one line, no stack.
      // A validation error's own message repeats what the client sent: log the one the client got.
      const said = err.name === 'MidwayValidationError' ? (message ?? code) : err.message;
      const line = `rejected ${code}${field ? ` ${echo(field, 100)}` : ''}: ${clip(said)}`;
      if (ctx.status >= 500) ctx.logger.warn(line);
      else ctx.logger.info(line);
    } else {
      ctx.logger.error(err);
    }
    const body: ApiErrorBody = {
      code,
      message: message ?? ERROR_CODES[code].message,
      requestId: ctx.requestId ?? randomUUID(),
    };
    if (field) body.field = field;
    if (err instanceof BizError && err.problems?.length) body.problems = [...err.problems];
    ctx.type = 'application/json';
    return body;
  }
}
