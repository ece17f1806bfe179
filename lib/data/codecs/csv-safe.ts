/**
 * CSV cells safe to open in a spreadsheet: RFC 4180 quoting, and a leading `'` on text that a spreadsheet would
 * run as a formula (cells beginning with `=`, `+`, `-`, `@`, tab or carriage return — OWASP "CSV injection").
 * Numbers are written as numbers (a negative number is data, not a formula).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = typeof v === 'string' ? v : JSON.stringify(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV document (header + rows, CRLF line ends as RFC 4180). */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const out: string[] = [header.map(csvCell).join(',')];
  for (const r of rows) out.push(r.map(csvCell).join(','));
  return out.join('\r\n') + '\r\n';
}
