'use client';

import { useMemo } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import { quickImportanceSpec } from '@/lib/ml/quick/importance-spec';
import { QUICK_MODEL_KINDS, type QuickModelKind, type QuickModelResult } from '@/lib/ml/quick/types';
import type { SampleInfo } from './use-quick-model';

const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const int = (x: number) => x.toLocaleString('en-US');

/** The quick model's first read: holdout metrics, what it was fitted on, top importances and the way to the server. */
export function QuickModelResultView({
  result,
  sample,
  onTrainOnServer,
}: {
  result: QuickModelResult;
  sample: SampleInfo;
  /** Absent for viewers, who cannot start server training. */
  onTrainOnServer?: (family: QuickModelKind) => void;
}) {
  const signed = result.kind === 'logreg';
  const spec = useMemo(() => quickImportanceSpec(result.importances, result.importanceLabel, signed), [result, signed]);
  const label = QUICK_MODEL_KINDS.find((k) => k.value === result.kind)?.label ?? result.kind;
  const sampled = sample.rows !== null && sample.totalRows !== null && sample.rows < sample.totalRows;
  return (
    <div className="stack" style={{ gap: 8 }} data-testid="quick-result" data-kind={result.kind} data-auc={result.rocAuc}>
      <div className="row" style={{ flexWrap: 'wrap', gap: 16 }}>
        <span>
          Holdout ROC AUC <strong data-testid="quick-auc">{fmt(result.rocAuc)}</strong>
        </span>
        <span>PR AUC <strong data-testid="quick-pr-auc">{fmt(result.prAuc)}</strong></span>
        <span>log loss <strong>{fmt(result.logLoss)}</strong></span>
        <span className="muted" data-testid="quick-rows">
          {int(result.trainRows)} train + {int(result.testRows)} holdout rows, {result.featureCount} features
        </span>
        <span className="muted" data-testid="quick-fit-time">fit {(result.fitMs / 1000).toFixed(1)} s (total {(result.totalMs / 1000).toFixed(1)} s)</span>
      </div>
      <div className="alert alert-info" data-testid="quick-note">
        A first read, not a model: {label} fitted in your browser on{' '}
        {sampled ? `a ${int(sample.rows!)}-row sample of the ${int(sample.totalRows!)} rows` : `all ${int(result.rowsUsed)} labelled rows`} of “{sample.snapshotName}”, with {result.specNote},
        and scored on a 20% stratified holdout of that sample. Nothing was saved. Train on the server for a tracked run with full
        metrics, explanations and artifacts.
      </div>
      <ol className="stack" style={{ gap: 2, margin: 0, paddingLeft: 20 }} data-testid="quick-importances">
        {result.importances.map((imp) => (
          <li key={imp.feature} data-testid="quick-importance" data-feature={imp.feature} data-value={imp.value}>
            <code>{imp.feature}</code> <span className="muted">{fmt(imp.value)}{signed ? (imp.sign > 0 ? ' (raises churn)' : ' (lowers churn)') : ''}</span>
          </li>
        ))}
      </ol>
      <div data-testid="quick-importance-chart">
        <VegaChart spec={spec} label={`Quick model feature importance (${result.importanceLabel})`} />
      </div>
      {onTrainOnServer && (
        <div className="row">
          <button type="button" className="btn" data-testid="quick-train-on-server" onClick={() => onTrainOnServer(result.kind)}>
            Train on the server ({result.kind}) →
          </button>
        </div>
      )}
    </div>
  );
}
