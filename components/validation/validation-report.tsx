import Link from 'next/link';
import type { ValidationRunDTO } from '@/lib/api/dto';
import { kwargsSummary, showValue, shortType } from './expectation-format';

/** The stored report, read defensively (JSON from the database, shaped as lib/validation `ValidationReport`). */
interface Result {
  success?: boolean;
  severity?: string;
  expectation_config?: { expectation_type?: string; kwargs?: Record<string, unknown> };
  result?: {
    observed_value?: unknown;
    element_count?: number;
    missing_count?: number;
    missing_percent?: number | null;
    unexpected_count?: number;
    unexpected_percent?: number | null;
    partial_unexpected_list?: unknown[];
    partial_unexpected_index_list?: unknown[];
    partial_unexpected_counts?: { value: unknown; count: number }[];
  };
  exception_info?: { raised_exception?: boolean; exception_message?: string | null };
}
interface Report {
  success?: boolean;
  statistics?: { evaluated_expectations?: number; successful_expectations?: number; success_percent?: number | null };
  summary?: { evaluated?: number; successful?: number; failed_errors?: number; failed_warnings?: number; disabled?: number };
  results?: Result[];
  meta?: { row_count?: number; column_count?: number; id_column?: string | null };
}

function readReport(r: unknown): Report {
  return r !== null && typeof r === 'object' ? (r as Report) : {};
}

/** A stable key for matching one expectation across runs: type + kwargs. */
function keyOf(r: Result): string {
  return `${r.expectation_config?.expectation_type ?? '?'}|${JSON.stringify(r.expectation_config?.kwargs ?? {})}`;
}

function labelOf(r: Result): string {
  const c = r.expectation_config;
  const col = typeof c?.kwargs?.column === 'string' ? ` (${c.kwargs.column})` : '';
  return `${shortType(c?.expectation_type ?? '?')}${col}`;
}

const pct = (p: number | null | undefined) => (typeof p === 'number' && Number.isFinite(p) ? `${p.toFixed(2)} %` : '—');
const WRAP = { maxWidth: 320, overflowWrap: 'anywhere', whiteSpace: 'normal', verticalAlign: 'top' } as const;
const when = (iso: string) => iso.replace('T', ' ').slice(0, 19);

function Status({ ok, severity }: { ok: boolean; severity?: string }) {
  if (ok) return <span className="badge badge-passed">passed</span>;
  return <span className={severity === 'warning' ? 'badge badge-stale' : 'badge badge-failed'}>{severity === 'warning' ? 'failed (warning)' : 'failed'}</span>;
}

/**
 * A validation report in the spirit of GX Data Docs: summary, each expectation with status, expected (kwargs) vs
 * observed, failing samples and row ids; then the last runs of the same suite side by side.
 */
export function ValidationReportView({ run, projectSlug, history }: { run: ValidationRunDTO; projectSlug: string; history: ValidationRunDTO[] }) {
  const report = readReport(run.report);
  const s = report.summary ?? {};
  const results = report.results ?? [];
  const idColumn = report.meta?.id_column ?? null;
  const slug = encodeURIComponent(projectSlug);

  // Rows of the history table: expectations of this run first (suite order), then any only in older runs.
  const rows: { key: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const r of [run, ...history]) {
    for (const x of readReport(r.report).results ?? []) {
      const k = keyOf(x);
      if (!seen.has(k)) {
        seen.add(k);
        rows.push({ key: k, label: labelOf(x) });
      }
    }
  }
  const byRun = history.map((h) => new Map((readReport(h.report).results ?? []).map((x) => [keyOf(x), x])));

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Validation report</h1>
          <p className="muted">
            Snapshot “{run.snapshotName}” · suite “{run.suiteName}” v{run.suiteVersion} · {when(run.createdAt)}
            {run.createdBy ? ` · ${run.createdBy}` : ''} · <Link href={`/projects/${slug}`}>back to the notebook</Link>
          </p>
        </div>
      </div>

      <div className="card" data-testid="report-summary" data-success={String(run.success)}>
        <div className="row" style={{ flexWrap: 'wrap', gap: 18 }}>
          <span className={run.success ? 'badge badge-passed' : 'badge badge-failed'} style={{ fontSize: 14 }}>{run.success ? 'Succeeded' : 'Failed'}</span>
          <span>Evaluated <strong>{s.evaluated ?? run.evaluated}</strong></span>
          <span>Successful <strong>{s.successful ?? '—'}</strong></span>
          <span>Failed errors <strong data-testid="report-failed-errors">{s.failed_errors ?? run.failedErrors}</strong></span>
          <span>Failed warnings <strong>{s.failed_warnings ?? run.failedWarnings}</strong></span>
          <span>Disabled <strong>{s.disabled ?? 0}</strong></span>
          <span>Success <strong>{pct(report.statistics?.success_percent)}</strong></span>
          <span className="muted">
            {report.meta?.row_count?.toLocaleString('en-US') ?? '—'} rows × {report.meta?.column_count ?? '—'} columns; rows named by {idColumn ?? 'row index'}
          </span>
        </div>
      </div>

      <h2 style={{ margin: 0 }}>Expectations</h2>
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Expectation</th>
              <th>Expected</th>
              <th>Observed</th>
              <th>Unexpected</th>
              <th>Failing samples</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r, i) => {
              const c = r.expectation_config ?? {};
              const res = r.result ?? {};
              const ids = res.partial_unexpected_index_list ?? [];
              const vals = res.partial_unexpected_list ?? [];
              const counts = res.partial_unexpected_counts ?? [];
              return (
                <tr key={i} data-testid="report-expectation" data-success={String(r.success === true)} data-type={c.expectation_type} data-column={typeof c.kwargs?.column === 'string' ? c.kwargs.column : ''}>
                  <td><Status ok={r.success === true} severity={r.severity} /></td>
                  <td>
                    <strong>{labelOf(r)}</strong>
                    <div className="muted" style={{ fontSize: 12 }}><code>{c.expectation_type}</code> · {r.severity ?? 'error'}</div>
                    {r.exception_info?.raised_exception && <div className="alert alert-error" style={{ fontSize: 12 }}>{r.exception_info.exception_message}</div>}
                  </td>
                  <td style={WRAP}><code>{kwargsSummary(c.kwargs ?? {})}</code></td>
                  <td style={WRAP}>
                    {res.observed_value !== undefined && <div><code>{showValue(res.observed_value, 120)}</code></div>}
                    {res.element_count !== undefined && <div className="muted" style={{ fontSize: 12 }}>{res.element_count.toLocaleString('en-US')} rows, {res.missing_count ?? 0} missing ({pct(res.missing_percent)})</div>}
                  </td>
                  <td>{res.unexpected_count !== undefined ? <>{res.unexpected_count.toLocaleString('en-US')} <span className="muted">({pct(res.unexpected_percent)})</span></> : '—'}</td>
                  <td style={{ ...WRAP, fontSize: 12 }}>
                    {vals.length > 0 && (
                      <div data-testid="report-samples">
                        values: <code>{counts.length > 0 ? counts.map((x) => `${showValue(x.value, 30)}×${x.count}`).join(', ') : vals.map((v) => showValue(v, 30)).join(', ')}</code>
                      </div>
                    )}
                    {ids.length > 0 && (
                      <div data-testid="report-row-ids">
                        {idColumn ?? 'rows'}: <code>{ids.map((x) => String(x)).join(', ')}</code>
                        {res.unexpected_count !== undefined && res.unexpected_count > ids.length && <span className="muted"> (first {ids.length})</span>}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 style={{ margin: 0 }}>Last {history.length} run{history.length === 1 ? '' : 's'} of suite “{run.suiteName}”</h2>
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="report-history">
          <thead>
            <tr>
              <th>Expectation</th>
              {history.map((h) => (
                <th key={h.id} style={h.id === run.id ? { background: '#eaf0fd' } : undefined}>
                  <Link href={`/projects/${slug}/validations/${encodeURIComponent(h.id)}`}>{when(h.createdAt)}</Link>
                  <div className="muted" style={{ fontSize: 11 }}>v{h.suiteVersion} · {h.snapshotName}</div>
                  <span className={h.success ? 'badge badge-passed' : 'badge badge-failed'}>{h.success ? 'passed' : 'failed'}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td title={row.key}>{row.label}</td>
                {byRun.map((m, j) => {
                  const x = m.get(row.key);
                  return <td key={history[j].id}>{x ? <Status ok={x.success === true} severity={x.severity} /> : <span className="muted">—</span>}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
