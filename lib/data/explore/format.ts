/** Display formatting for the data explorer: pure, locale-independent (en-US grouping) so tests are stable. */

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 12345 → "12,345"; null/NaN → "—". */
export function formatInt(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? INT.format(n) : '—';
}

/**
 * A measurement with about `digits` significant digits: integers keep all digits, large or tiny magnitudes use
 * exponent notation. null/undefined/NaN → "—".
 */
export function formatNumber(n: number | null | undefined, digits = 4): string {
  if (typeof n !== 'number' || Number.isNaN(n)) return '—';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (n === 0) return '0';
  const a = Math.abs(n);
  if (Number.isInteger(n) && a < 1e15) return INT.format(n);
  if (a >= 1e9 || a < 1e-4) return n.toExponential(Math.max(0, digits - 1));
  return String(Number(n.toPrecision(digits)));
}

/** A fraction in [0, 1] as a percentage: 0.1234 → "12.3%". null → "—". */
export function formatPercent(p: number | null | undefined, decimals = 1): string {
  return typeof p === 'number' && Number.isFinite(p) ? `${(p * 100).toFixed(decimals)}%` : '—';
}

/** Bytes with binary units: 1536 → "1.5 KiB". */
export function formatBytes(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

/** Milliseconds for a timing readout: 1234.5 → "1,235 ms". */
export function formatMs(ms: number): string {
  return `${formatInt(Math.round(ms))} ms`;
}

/** The first 12 characters of a content hash (with any "sha256:" prefix removed). */
export function shortHash(hash: string | null | undefined): string {
  if (!hash) return '—';
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

/** A table cell: numbers via formatNumber, missing as "", booleans and strings as is. */
export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : formatNumber(v, 6);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** An ISO date-time as "YYYY-MM-DD" (UTC); null → "—". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}
