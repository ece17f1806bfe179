/**
 * An error in a derive expression. `position` is the 0-based character offset in the expression source;
 * the message starts with `at <position>: `.
 */
export class ExpressionError extends Error {
  readonly position: number;
  readonly detail: string;
  constructor(detail: string, position: number) {
    super(`at ${position}: ${detail}`);
    this.name = 'ExpressionError';
    this.position = position;
    this.detail = detail;
  }
}
