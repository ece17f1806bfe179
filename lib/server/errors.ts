/**
 * The one error type of the server. A code maps to an HTTP status; the message is safe to show a client.
 * Anything else thrown is logged and answered with a generic 500 that leaks nothing (see toErrorResponse).
 */
import { ZodError } from 'zod';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; [k: string]: unknown };
}

/** Names each failing field: `items.0.tenure: expected number`. */
export function zodIssues(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** Maps any thrown value to a status and a JSON body that is safe to send. */
export function toErrorResponse(err: unknown, log: (e: unknown) => void = console.error): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...err.details } }, headers: err.headers };
  }
  if (err instanceof ZodError) {
    const issues = zodIssues(err);
    return {
      status: 400,
      body: { error: { code: 'bad_request', message: `invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues } },
    };
  }
  log(err);
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
