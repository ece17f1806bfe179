'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import type { RunDTO } from '@/lib/api/dto';
import { importanceSpec, prSpec, rocSpec, type CurveSeries } from '@/lib/ml/charts/run-specs';
import { formatDuration, formatMetric, num, paramRows, readImportance, readPr, readRoc, RUN_METRICS } from '@/lib/ml/charts/run-view';

/** Legend labels: run names, made unique when two runs share a name. */
function labels(runs: RunDTO[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n === 1 ? r.name : `${r.name} (${n})`;
  });
}

/** 2–5 runs side by side: params (optionally only the differing ones), metrics, overlaid ROC/PR, importances. */
export function CompareView({ runs, projectSlug }: { runs: RunDTO[]; projectSlug: string }) {
  const slug = encodeURIComponent(projectSlug);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const names = useMemo(() => labels(runs), [runs]);
  const params = useMemo(() => paramRows(runs), [runs]);
  const shownParams = onlyDiff ? params.filter((p) => p.differs) : params;

  const rocChart = useMemo(() => {
    const series: CurveSeries[] = runs.flatMap((r, i) => {
      const c = readRoc(r.curves);
      return c ? [{ run: names[i], x: c.fpr, y: c.tpr }] : [];
    });
    return series.length ? rocSpec(series) : null;
  }, [runs, names]);
  const prChart = useMemo(() => {
    const series: CurveSeries[] = runs.flatMap((r, i) => {
      const c = readPr(r.curves);
      return c ? [{ run: names[i], x: c.recall, y: c.precision }] : [];
    });
    return series.length ? prSpec(series) : null;
  }, [runs, names]);
  const importances = useMemo(
    () => runs.map((r, i) => {
      const imp = readImportance(r.importance);
      return { id: r.id, name: names[i], spec: imp ? importanceSpec(imp.rows, imp.label, 10, `${names[i]}: top 10 (${imp.label})`) : null };
    }),
    [runs, names],
  );

  const best = (key: string, lowerIsBetter?: boolean): number | null => {
    const vals = runs.map((r) => num(r.metrics[key])).filter((v): v is number => v !== null);
    if (!vals.length) return null;
    return lowerIsBetter ? Math.min(...vals) : Math.max(...vals);
  };

  return (
    <div className="stack" data-testid="compare-view">
      <div className="page-head">
        <div>
          <p className="muted" style={{ margin: 0 }}><Link href={`/projects/${slug}`}>← project</Link></p>
          <h1 style={{ margin: '4px 0' }}>Compare {runs.length} runs</h1>
        </div>
      </div>

      <section className="card stack">
        <h3 style={{ margin: 0 }}>Metrics (test set)</h3>
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="compare-metrics">
            <thead>
              <tr>
                <th>Metric</th>
                {runs.map((r, i) => <th key={r.id} data-run-id={r.id}><Link href={`/projects/${slug}/runs/${encodeURIComponent(r.id)}`} style={{ textTransform: 'none' }}>{names[i]}</Link></th>)}
              </tr>
            </thead>
            <tbody>
              {RUN_METRICS.map((m) => {
                const b = best(m.key, m.lowerIsBetter);
                return (
                  <tr key={m.key} data-metric={m.key}>
                    <th>{m.label}</th>
                    {runs.map((r) => {
                      const v = num(r.metrics[m.key]);
                      return <td key={r.id} style={{ fontVariantNumeric: 'tabular-nums', fontWeight: v !== null && v === b && runs.length > 1 && !m.key.endsWith('Threshold') ? 700 : undefined }}>{formatMetric(v)}</td>;
                    })}
                  </tr>
                );
              })}
              <tr>
                <th>Family</th>
                {runs.map((r) => <td key={r.id}><span className="badge">{r.family}</span></td>)}
              </tr>
              <tr>
                <th>Snapshot</th>
                {runs.map((r) => <td key={r.id}>{r.snapshotName}</td>)}
              </tr>
              <tr>
                <th>Duration</th>
                {runs.map((r) => <td key={r.id}>{formatDuration(r.durationMs)}</td>)}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section className="card stack">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h3 style={{ margin: 0 }}>Parameters</h3>
          <label className="row" style={{ gap: 6 }}>
            <input type="checkbox" data-testid="only-differences" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
            only differences
          </label>
        </div>
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="compare-params" data-rows={shownParams.length}>
            <thead>
              <tr><th>Param</th>{runs.map((r, i) => <th key={r.id} style={{ textTransform: 'none' }}>{names[i]}</th>)}</tr>
            </thead>
            <tbody>
              {shownParams.map((p) => (
                <tr key={p.key} data-param={p.key} data-differs={p.differs ? 'true' : 'false'} style={p.differs ? { background: '#fdf4e3' } : undefined}>
                  <th><code>{p.key}</code></th>
                  {p.values.map((v, i) => <td key={runs[i].id}><code>{v}</code></td>)}
                </tr>
              ))}
              {shownParams.length === 0 && <tr><td colSpan={runs.length + 1} className="muted">All parameters are equal.</td></tr>}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))' }}>
        <section className="card stack" data-testid="compare-roc">
          <h3 style={{ margin: 0 }}>ROC curves</h3>
          {rocChart ? <VegaChart spec={rocChart} label="Overlaid ROC curves" /> : <div className="empty">No ROC curves.</div>}
        </section>
        <section className="card stack" data-testid="compare-pr">
          <h3 style={{ margin: 0 }}>Precision–recall curves</h3>
          {prChart ? <VegaChart spec={prChart} label="Overlaid precision-recall curves" /> : <div className="empty">No PR curves.</div>}
        </section>
      </div>

      <section className="card stack" data-testid="compare-importance">
        <h3 style={{ margin: 0 }}>Feature importance (top 10 per run)</h3>
        <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
          {importances.map((x) => (
            <div key={x.id}>
              {x.spec ? <VegaChart spec={x.spec} label={`Importance of ${x.name}`} /> : <div className="empty">{x.name}: no importance for this family.</div>}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
