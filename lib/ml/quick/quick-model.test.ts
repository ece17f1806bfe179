import { describe, expect, it } from 'vitest';
import { tableToParquet } from '@/lib/data/codecs/parquet';
import { tableFromColumns } from '@/lib/data/table';
import { defaultSpecFromProfile } from '@/lib/features';
import { QuickModelError } from './errors';
import { prepareQuickData } from './prepare';
import { handleQuickRequest, type QuickWorkerMessage } from './protocol';
import { runQuickModel, type QuickModelInput } from './run-quick-model';
import { syntheticChurn } from './test-data';

const table = syntheticChurn();
const base: QuickModelInput = { kind: 'gbdt', table, target: 'Churn', positiveValue: 'Yes', savedSpec: null };

async function rejection(p: Promise<unknown>): Promise<QuickModelError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(QuickModelError);
  return err as QuickModelError;
}

describe('runQuickModel: GBDT', () => {
  it('reaches holdout AUC > 0.9 on a separable synthetic set and ranks the informative features first', async () => {
    const iterations: number[] = [];
    const r = await runQuickModel(base, { onProgress: (p) => p.iteration && iterations.push(p.iteration) });
    expect(r.rocAuc).toBeGreaterThan(0.9);
    expect(r.prAuc).toBeGreaterThan(0.8);
    expect(r.logLoss).toBeLessThan(0.45);
    expect(r.trainRows + r.testRows).toBe(2000);
    expect(r.testRows).toBe(400); // the server's default 20% holdout
    expect(iterations).toEqual(Array.from({ length: 50 }, (_, i) => i + 1)); // quick default max_iter 50
    expect(r.params).toMatchObject({ max_iter: 50, max_leaf_nodes: 15, random_state: 42 });
    expect(r.importances.length).toBeLessThanOrEqual(10);
    expect(r.importances.map((i) => i.feature).slice(0, 2).sort()).toEqual(['tenure', 'usage']);
    expect(r.importances.map((i) => i.feature)).not.toContain('customer_id'); // dropped as id-like by the default spec
    const shares = r.importances.reduce((a, b) => a + b.value, 0);
    expect(shares).toBeGreaterThan(0.9);
    expect(shares).toBeLessThanOrEqual(1 + 1e-9);
    expect(r.specSource).toBe('profile');
  });

  it('is deterministic for a seed, and honours the server params API (bad names are refused)', async () => {
    const a = await runQuickModel({ ...base, params: { max_iter: 10 } });
    const b = await runQuickModel({ ...base, params: { max_iter: 10 } });
    expect(b.rocAuc).toBe(a.rocAuc);
    expect(b.importances).toEqual(a.importances);
    const c = await runQuickModel({ ...base, seed: 3, params: { max_iter: 10 } });
    expect(c.rocAuc).not.toBe(a.rocAuc); // another split
    await expect(runQuickModel({ ...base, params: { no_such_param: 1 } })).rejects.toThrow(/no_such_param/);
  });

  it('cancels between iterations', async () => {
    const ac = new AbortController();
    const err = await rejection(runQuickModel(base, { signal: ac.signal, onProgress: (p) => (p.iteration ?? 0) >= 3 && ac.abort() }));
    expect(err.code).toBe('aborted');
  });
});

describe('runQuickModel: logistic regression (tfjs)', () => {
  it('reaches AUC > 0.9 with coefficient signs matching the generating model', async () => {
    const r = await runQuickModel({ ...base, kind: 'logreg', topK: 20 });
    expect(r.rocAuc).toBeGreaterThan(0.9);
    expect(r.importanceLabel).toContain('coefficient');
    const by = new Map(r.importances.map((i) => [i.feature, i]));
    expect(by.get('usage')?.sign).toBe(1);
    expect(by.get('tenure')?.sign).toBe(-1);
    expect(by.get('plan=C')?.sign).toBe(1);
    expect(by.get('noise')!.value).toBeLessThan(by.get('usage')!.value / 5);
    expect(r.importances[0].feature).toMatch(/usage|tenure/);
  });

  it('is deterministic for a seed and cancels between epochs', async () => {
    const input = { ...base, kind: 'logreg' as const, params: { epochs: 3 } };
    const a = await runQuickModel(input);
    const b = await runQuickModel(input);
    expect(b.rocAuc).toBe(a.rocAuc);
    expect(b.importances).toEqual(a.importances);
    const ac = new AbortController();
    const err = await rejection(runQuickModel({ ...input, params: { epochs: 20 } }, { signal: ac.signal, onProgress: (p) => p.iteration === 2 && ac.abort() }));
    expect(err.code).toBe('aborted');
  });
});

describe('runQuickModel: data the user must fix', () => {
  it('refuses a snapshot without a target, a missing target column and a single-class sample', async () => {
    expect((await rejection(runQuickModel({ ...base, target: null }))).code).toBe('no_target');
    expect((await rejection(runQuickModel({ ...base, positiveValue: null }))).code).toBe('no_target');
    expect((await rejection(runQuickModel({ ...base, target: 'Gone' }))).message).toContain('"Gone"');
    const single = await rejection(runQuickModel({ ...base, positiveValue: 'Maybe' }));
    expect(single.code).toBe('single_class');
    expect(single.message).toContain('single class');
    const one = tableFromColumns({ x: [1, 2, 3, 4, 5], Churn: ['Yes', 'No', 'No', 'No', 'No'] });
    expect((await rejection(runQuickModel({ ...base, table: one }))).code).toBe('too_few_rows');
  });

  it('leaves rows with a missing label out', () => {
    const t = tableFromColumns({ x: Float64Array.from({ length: 20 }, (_, i) => i), Churn: Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? null : i % 2 ? 'Yes' : 'No')) });
    expect(prepareQuickData(t, 'Churn', 'Yes', null).rowsUsed).toBe(16);
  });
});

describe('prepareQuickData: the feature spec', () => {
  it('uses a saved spec that fits, and falls back to the default (saying why) when it does not', () => {
    const saved = { version: 3, spec: { format: 'churnlab.feature-spec', version: 1, target: 'Churn', steps: [{ type: 'drop', columns: ['customer_id', 'plan', 'noise'] }] } };
    const a = prepareQuickData(table, 'Churn', 'Yes', saved);
    expect(a.specSource).toBe('saved');
    expect(a.featureNames).toEqual(['usage', 'tenure']);
    expect(a.specNote).toContain('v3');
    const wrong = { version: 4, spec: { ...saved.spec, steps: [{ type: 'impute', strategy: 'median', columns: ['not_here'] }] } };
    const b = prepareQuickData(table, 'Churn', 'Yes', wrong);
    expect(b.specSource).toBe('profile');
    expect(b.specNote).toMatch(/v4 does not fit/);
    expect(b.featureNames).toEqual(expect.arrayContaining(['usage', 'tenure', 'plan=C']));
  });

  it('fits the default spec on the training rows only', () => {
    const p = prepareQuickData(table, 'Churn', 'Yes', null);
    // standard scaling learned on the training split: training columns have mean 0, the holdout's do not exactly
    const j = p.featureNames.indexOf('usage');
    const d = p.featureNames.length;
    const mean = (X: Float64Array) => {
      let s = 0;
      for (let r = 0; r < X.length / d; r++) s += X[r * d + j];
      return s / (X.length / d);
    };
    expect(Math.abs(mean(p.Xtrain))).toBeLessThan(1e-9);
    expect(Math.abs(mean(p.Xtest))).toBeGreaterThan(1e-6);
    expect(defaultSpecFromProfile(table, 'Churn').steps[0]).toMatchObject({ type: 'drop', columns: ['customer_id'] });
  });
});

describe('handleQuickRequest (the worker handler)', () => {
  it('decodes Parquet bytes, posts progress, then exactly one result', async () => {
    const bytes = tableToParquet(table);
    const msgs: QuickWorkerMessage[] = [];
    await handleQuickRequest(
      { type: 'run', parquet: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, kind: 'gbdt', target: 'Churn', positiveValue: 'Yes', savedSpec: null, params: { max_iter: 5 } },
      (m) => msgs.push(m),
    );
    const last = msgs.at(-1)!;
    expect(last.type).toBe('done');
    expect(msgs.filter((m) => m.type === 'done' || m.type === 'error')).toHaveLength(1);
    const fractions = msgs.flatMap((m) => (m.type === 'progress' ? [m.progress.fraction] : []));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(last.type === 'done' && last.result.rocAuc).toBeGreaterThan(0.85);
  });

  it('answers bad bytes and user errors with an error message, never a rejection', async () => {
    const msgs: QuickWorkerMessage[] = [];
    await handleQuickRequest({ type: 'run', parquet: new ArrayBuffer(40), kind: 'gbdt', target: 'Churn', positiveValue: 'Yes', savedSpec: null }, (m) => msgs.push(m));
    expect(msgs.at(-1)).toMatchObject({ type: 'error', code: 'bad_input' });
    const bytes = tableToParquet(tableFromColumns({ x: [1, 2, 3, 4], Churn: ['No', 'No', 'No', 'No'] }));
    await handleQuickRequest({ type: 'run', parquet: bytes.slice().buffer, kind: 'gbdt', target: 'Churn', positiveValue: 'Yes', savedSpec: null }, (m) => msgs.push(m));
    expect(msgs.at(-1)).toMatchObject({ type: 'error', code: 'single_class' });
    await handleQuickRequest(null as never, (m) => msgs.push(m));
    expect(msgs.at(-1)).toMatchObject({ type: 'error', code: 'bad_input' });
  });
});
