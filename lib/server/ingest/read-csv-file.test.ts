import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvFile } from './read-csv-file';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const present = fs.existsSync(TELCO);
if (!present) console.warn(`skipping Telco CSV check: ${TELCO} is absent`);

describe.skipIf(!present)('parseCsvFile on the Telco churn CSV', () => {
  it('reads 7,043 rows × 21 columns with TotalCharges numeric and 11 missing', async () => {
    const r = await parseCsvFile(TELCO);
    expect(r.rowCount).toBe(7043);
    expect(r.table.columnNames()).toHaveLength(21);
    expect(r.types.TotalCharges).toBe('numeric');
    expect(r.types.tenure).toBe('numeric');
    expect(r.types.Churn).toBe('string');
    const tc = r.table.array('TotalCharges') as Float64Array;
    expect(tc.filter(Number.isNaN).length).toBe(11);
  });
});
