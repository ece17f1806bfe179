'use client';

import { useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import { histogramBins, histogramSpec } from '@/lib/data/explore/vega-specs';
import type { Preview } from './use-preview';

const ROWS = 20;

function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  if (typeof v === 'number') return Number.isNaN(v) ? '∅' : Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

/** Before/after table (first 20 test rows: raw inputs | output features), a histogram of one feature, and warnings. */
export function FeaturePreview({ preview, loading }: { preview: Preview; loading: string | null }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const r = preview?.ok ? preview.result : null;
  const feature = r ? (chosen && r.featureNames.includes(chosen) ? chosen : r.featureNames[0]) : null;

  const spec = useMemo(() => {
    if (!r || !feature) return null;
    const j = r.featureNames.indexOf(feature);
    const nf = r.featureNames.length;
    const n = r.X.length / Math.max(1, nf);
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = r.X[i * nf + j];
    return histogramSpec(`${feature} (test rows)`, histogramBins(col, 30));
  }, [r, feature]);

  if (loading) return <div className="muted" data-testid="preview-loading">{loading}</div>;
  if (!preview) return <div className="empty">No snapshot loaded: the preview needs a snapshot of this project.</div>;
  if (!preview.ok) {
    return (
      <div className="alert alert-error" role="alert" data-testid="preview-error">
        {preview.error}
      </div>
    );
  }
  const res = preview.result;
  // Only raw columns that feed a feature: dropped ids and dates would push the features off screen.
  const inputs = res.fitted.inputColumns.filter((c) => c.required).map((c) => c.name);
  const nf = res.featureNames.length;
  const nShow = Math.min(ROWS, res.test.numRows());
  const raw = inputs.map((c) => res.test.array(c));
  return (
    <div className="stack" data-testid="feature-preview">
      <div className="muted">
        Fitted on {res.nTrain.toLocaleString('en-US')} sample rows (seeded 80 %), applied to {res.test.numRows().toLocaleString('en-US')} (20 %): {inputs.length} input columns used → {nf} features in {res.ms.toFixed(0)} ms.
      </div>
      <Warnings preview={preview} />
      <div data-testid="preview-features" className="row" style={{ gap: 4 }}>
        {res.featureNames.map((f) => (
          <button key={f} type="button" className={`badge${f === feature ? ' badge-running' : ''}`} style={{ cursor: 'pointer' }} data-feature={f} onClick={() => setChosen(f)}>
            {f}
          </button>
        ))}
      </div>
      {spec && <VegaChart spec={spec} label={`Distribution of ${feature}`} />}
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="preview-table" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          <thead>
            <tr>
              <th colSpan={inputs.length} style={{ borderRight: '2px solid var(--line)' }}>before: raw input</th>
              <th colSpan={nf}>after: features</th>
            </tr>
            <tr>
              {inputs.map((c, k) => (
                <th key={`in-${c}`} style={k === inputs.length - 1 ? { borderRight: '2px solid var(--line)' } : undefined}>
                  {c}
                </th>
              ))}
              {res.featureNames.map((f) => (
                <th key={`out-${f}`} data-feature={f}>
                  {f}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: nShow }, (_, i) => (
              <tr key={i}>
                {raw.map((col, k) => (
                  <td key={`in-${k}`} style={k === raw.length - 1 ? { borderRight: '2px solid var(--line)' } : undefined}>
                    {fmtCell(col[i])}
                  </td>
                ))}
                {res.featureNames.map((f, j) => (
                  <td key={`out-${f}`}>{fmtCell(res.X[i * nf + j])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Warnings({ preview }: { preview: Preview }) {
  if (!preview?.ok) return null;
  const w = preview.result.warnings;
  return (
    <div data-testid="feature-warnings" data-count={w.length}>
      {w.length === 0 ? (
        <div className="alert alert-ok">No warnings: no leakage suspect, constant feature or high-cardinality column.</div>
      ) : (
        <ul className="alert alert-info" style={{ margin: 0, paddingLeft: 28 }}>
          {w.map((x) => (
            <li key={`${x.code}-${x.name}`} data-code={x.code}>
              <strong>{x.code.replace(/_/g, ' ')}</strong>: {x.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
