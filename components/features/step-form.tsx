'use client';

import { useState } from 'react';
import { FeatureSpecError, parseFeatureSpec, type Step } from '@/lib/features';
import type { Edge } from '@/lib/features/spec';
import { ColumnPicker, ColumnsOrSelector } from './column-picker';
import { ExpressionField } from './expression-field';
import { blankStep, STEP_TYPES, type StepType } from './step-summary';

/** Validates one step as the server will (schema, expression, bin edges/labels): the problems, or []. */
export function stepProblems(step: Step): string[] {
  try {
    parseFeatureSpec({ format: 'churnlab.feature-spec', version: 1, steps: [step] });
    return [];
  } catch (e) {
    if (e instanceof FeatureSpecError) return e.issues.map((i) => `${i.path.replace(/^steps\[0\]\.?/, '') || 'step'}: ${i.message}`);
    return [(e as Error).message];
  }
}

const parseEdges = (text: string): Edge[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (/^[+-]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? '-inf' : 'inf') : Number(t)));
const parseList = (text: string): string[] => text.split(',').map((t) => t.trim()).filter(Boolean);
const optNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The edit form of one step: a type picker (new steps only) and the fields of that type. */
export function StepForm({ initial, isNew, columns, onSave, onCancel }: { initial: Step; isNew: boolean; columns: readonly string[]; onSave: (s: Step) => void; onCancel: () => void }) {
  const [step, setStep] = useState<Step>(initial);
  // Free-text fields keep what the user typed; they are parsed into the step on each change.
  const [edgesText, setEdgesText] = useState(initial.type === 'bin' ? initial.edges.join(', ') : '');
  const [labelsText, setLabelsText] = useState(initial.type === 'bin' ? initial.labels.join(', ') : '');
  const [problems, setProblems] = useState<string[]>([]);
  const set = (patch: Record<string, unknown>) => setStep((s) => ({ ...s, ...patch }) as Step);

  const save = () => {
    const p = stepProblems(step);
    setProblems(p);
    if (p.length === 0) onSave(step);
  };

  return (
    <div className="card stack" data-testid="step-form" style={{ background: '#fafbfc' }}>
      <div className="row">
        <label>
          Step type
          <select
            data-testid="step-type"
            value={step.type}
            disabled={!isNew}
            onChange={(e) => {
              const t = e.target.value as StepType;
              setStep(blankStep(t, [...columns]));
              setProblems([]);
            }}
          >
            {STEP_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>

      {step.type === 'impute' && (
        <>
          <label>
            Strategy
            <select data-testid="impute-strategy" value={step.strategy} onChange={(e) => set({ strategy: e.target.value })}>
              {['median', 'mean', 'most_frequent', 'constant'].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          {step.strategy === 'constant' && (
            <label>
              Fill value (a number, or text for categoricals)
              <input value={step.fill_value === undefined ? '' : String(step.fill_value)} onChange={(e) => set({ fill_value: e.target.value === '' ? undefined : Number.isFinite(Number(e.target.value)) ? Number(e.target.value) : e.target.value })} />
            </label>
          )}
          <ColumnsOrSelector selectors={['numeric', 'categorical'] as const} value={step.columns} onChange={(columns) => set({ columns })} options={columns} />
          <label style={{ flexDirection: 'row', alignItems: 'center' }}>
            <input type="checkbox" checked={step.add_indicator ?? false} onChange={(e) => set({ add_indicator: e.target.checked || undefined })} /> add a missing-indicator column
          </label>
        </>
      )}

      {step.type === 'derive' && (
        <>
          <label>
            New column name
            <input data-testid="derive-name" value={step.name} onChange={(e) => set({ name: e.target.value })} placeholder="avg_revenue_per_month" />
          </label>
          <ExpressionField value={step.expression} onChange={(expression) => set({ expression })} columns={columns} />
        </>
      )}

      {step.type === 'bin' && (
        <>
          <label>
            Column
            <select data-testid="bin-column" value={step.column} onChange={(e) => set({ column: e.target.value })}>
              {[...new Set([...columns, step.column])].filter(Boolean).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            New column name
            <input data-testid="bin-name" value={step.name} onChange={(e) => set({ name: e.target.value })} placeholder="tenure_category" />
          </label>
          <label>
            Edges (increasing, comma-separated; inf / -inf allowed)
            <input data-testid="bin-edges" value={edgesText} onChange={(e) => (setEdgesText(e.target.value), set({ edges: parseEdges(e.target.value) }))} />
          </label>
          <label>
            Labels (one per bin)
            <input data-testid="bin-labels" value={labelsText} onChange={(e) => (setLabelsText(e.target.value), set({ labels: parseList(e.target.value) }))} />
          </label>
          <label style={{ flexDirection: 'row', alignItems: 'center' }}>
            <input type="checkbox" checked={step.right ?? false} onChange={(e) => set({ right: e.target.checked || undefined })} /> bins closed on the right: (a, b]
          </label>
        </>
      )}

      {step.type === 'encode' && <EncodeFields step={step} columns={columns} onChange={setStep} />}

      {step.type === 'scale' && (
        <>
          <label>
            Method
            <select data-testid="scale-method" value={step.method} onChange={(e) => set({ method: e.target.value })}>
              {['standard', 'minmax', 'none'].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <ColumnsOrSelector selectors={['numeric'] as const} value={step.columns} onChange={(c) => set({ columns: c })} options={columns} />
        </>
      )}

      {(step.type === 'select' || step.type === 'drop') && (
        <ColumnPicker label={step.type === 'select' ? 'Keep only' : 'Drop'} options={columns} value={step.columns} onChange={(c) => set({ columns: c })} />
      )}

      <label>
        Note (optional)
        <input value={step.note ?? ''} onChange={(e) => set({ note: e.target.value || undefined })} />
      </label>
      {problems.length > 0 && (
        <ul className="alert alert-error" role="alert" data-testid="step-problems" style={{ margin: 0, paddingLeft: 28 }}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" data-testid="step-save" onClick={save}>
          {isNew ? 'Add step' : 'Update step'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

type EncodeStep = Extract<Step, { type: 'encode' }>;

function EncodeFields({ step, columns, onChange }: { step: EncodeStep; columns: readonly string[]; onChange: (s: Step) => void }) {
  const [levelsText, setLevelsText] = useState(step.method === 'ordinal' ? (step.levels ?? []).map((l) => `${l.column}: ${l.levels.join(', ')}`).join('\n') : '');
  const base = { type: 'encode' as const, columns: step.columns, note: step.note };
  return (
    <>
      <label>
        Method
        <select
          data-testid="encode-method"
          value={step.method}
          onChange={(e) => {
            const m = e.target.value as EncodeStep['method'];
            onChange(m === 'one_hot' ? { ...base, method: m } : m === 'ordinal' ? { ...base, method: m } : { ...base, method: m, smoothing: 10 });
          }}
        >
          <option value="one_hot">one-hot</option>
          <option value="ordinal">ordinal</option>
          <option value="target">target (mean, smoothed)</option>
        </select>
      </label>
      <ColumnsOrSelector selectors={['categorical'] as const} value={step.columns} onChange={(c) => onChange({ ...step, columns: c })} options={columns} />
      {step.method === 'one_hot' && (
        <>
          <label>
            Max columns per input (rarer levels → __other__; empty = all)
            <input type="number" min={2} value={step.max_levels ?? ''} onChange={(e) => onChange({ ...step, max_levels: optNumber(e.target.value) })} />
          </label>
          <label style={{ flexDirection: 'row', alignItems: 'center' }}>
            <input type="checkbox" checked={step.missing_level ?? false} onChange={(e) => onChange({ ...step, missing_level: e.target.checked || undefined })} /> a column for missing values
          </label>
        </>
      )}
      {step.method === 'target' && (
        <label>
          Smoothing m (enc = (Σy + m·prior) / (n + m))
          <input type="number" min={0} step="any" value={step.smoothing ?? ''} onChange={(e) => onChange({ ...step, smoothing: optNumber(e.target.value) })} />
        </label>
      )}
      {step.method === 'ordinal' && (
        <label>
          Level order (optional), one column per line: <code>column: low, mid, high</code>
          <textarea
            rows={3}
            value={levelsText}
            onChange={(e) => {
              setLevelsText(e.target.value);
              const levels = e.target.value
                .split('\n')
                .map((line) => line.split(':'))
                .filter((p) => p.length >= 2 && p[0].trim())
                .map(([c, ...rest]) => ({ column: c.trim(), levels: parseList(rest.join(':')) }));
              onChange({ ...step, levels: levels.length ? levels : undefined });
            }}
          />
        </label>
      )}
    </>
  );
}
