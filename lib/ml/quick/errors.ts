/** Why a quick model could not be fitted; `code` lets the panel word the message and tests assert the cause. */
export type QuickModelErrorCode = 'no_target' | 'single_class' | 'too_few_rows' | 'no_features' | 'aborted' | 'bad_input';

/** A quick-model failure the user can act on (the message says what to do); anything else is a bug. */
export class QuickModelError extends Error {
  readonly code: QuickModelErrorCode;

  constructor(code: QuickModelErrorCode, message: string) {
    super(message);
    this.name = 'QuickModelError';
    this.code = code;
  }
}

/** True for an AbortSignal abort (DOMException or the GBDT's AbortError) or a QuickModelError('aborted'). */
export function isAbort(err: unknown): boolean {
  if (err instanceof QuickModelError) return err.code === 'aborted';
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}
