import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/data/codecs/csv';
import { sampleRows } from '@/lib/data/sample';
import { runQuickModel } from './run-quick-model';

// The public Telco churn CSV beside the repo (CI copies shared data to the same place); skipped without it.
const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

describe.skipIf(!existsSync(TELCO))('quick model on the Telco CSV (4,000-row sample, as the e2e caps it)', () => {
  it('GBDT and logistic regression both read AUC > 0.8 with sensible top features', async () => {
    const table = sampleRows((await parseCsv(readFileSync(TELCO))).table, 4000);
    const input = { table, target: 'Churn', positiveValue: 'Yes', savedSpec: null };
    const gbdt = await runQuickModel({ ...input, kind: 'gbdt' });
    const lr = await runQuickModel({ ...input, kind: 'logreg' });
    expect(gbdt.rocAuc).toBeGreaterThan(0.8);
    expect(lr.rocAuc).toBeGreaterThan(0.8);
    expect(gbdt.testRows).toBe(800);
    expect(gbdt.importances.map((i) => i.feature)).toContain('tenure');
    expect(gbdt.importances.map((i) => i.feature)).not.toContain('customerID'); // id-like: dropped by the default spec
    const tenure = lr.importances.find((i) => i.feature === 'tenure');
    expect(tenure?.sign).toBe(-1); // longer-tenured customers churn less
  });
});
