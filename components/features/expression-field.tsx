'use client';

import { ExpressionError, parseExpression, referencedColumns } from '@/lib/features';

/** Parses a derive expression: null when valid, else the error with its 0-based position. */
export function checkExpression(src: string): { position: number; message: string } | null {
  try {
    parseExpression(src);
    return null;
  } catch (e) {
    if (e instanceof ExpressionError) return { position: e.position, message: e.message };
    return { position: 0, message: (e as Error).message };
  }
}

/**
 * The expression input of a derive step: parses on every keystroke with the same parser as the server and shows
 * the error under the expression with a caret at its position; unknown column names are flagged too.
 */
export function ExpressionField({ value, onChange, columns }: { value: string; onChange: (v: string) => void; columns: readonly string[] }) {
  const err = value.trim() === '' ? null : checkExpression(value);
  let unknown: string[] = [];
  if (!err && value.trim() !== '' && columns.length > 0) {
    const known = new Set(columns);
    unknown = referencedColumns(parseExpression(value)).filter((c) => !known.has(c));
  }
  return (
    <div className="stack" style={{ gap: 4 }}>
      <label>
        Expression
        <input
          data-testid="derive-expression"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          aria-invalid={err ? 'true' : 'false'}
          placeholder="avg_monthly_charges / (tenure + 1)"
          style={{ fontFamily: 'ui-monospace, monospace' }}
        />
      </label>
      {err && (
        <div className="alert alert-error" role="alert" data-testid="expression-error" data-position={err.position}>
          <pre style={{ margin: 0, fontFamily: 'ui-monospace, monospace', whiteSpace: 'pre' }}>
            {value}
            {'\n'}
            {' '.repeat(err.position)}^
          </pre>
          <div>{err.message}</div>
        </div>
      )}
      {unknown.length > 0 && (
        <div className="muted" data-testid="expression-unknown">
          Not a column of the sample (yet): {unknown.join(', ')}
        </div>
      )}
      <div className="muted" style={{ fontSize: 12 }}>
        Columns, numbers, &quot;text&quot;, + - * / %, comparisons, and/or/not, and min max abs log sqrt exp round floor ceil coalesce if is_null.
      </div>
    </div>
  );
}
