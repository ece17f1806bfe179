import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { apply } from './apply';
import { defaultSpecFromProfile, profileColumns } from './default-spec';
import { fit } from './fit';
import { syntheticSeedTable } from './seed-synthetic';

// A Telco-like table: string id, numeric-looking text with blanks, a constant, Yes/No target.
const telco = tableFromColumns({
  customerID: ['7590-VHVEG', '5575-GNVDE', '3668-QPYBK', '7795-CFOCW', '9237-HQITU', '9305-CDSKC'],
  gender: ['Female', 'Male', 'Male', 'Male', 'Female', 'Female'],
  SeniorCitizen: [0, 0, 0, 0, 0, 1],
  tenure: [1, 34, 2, 45, 2, 8],
  Country: ['US', 'US', 'US', 'US', 'US', 'US'],
  TotalCharges: ['29.85', '1889.5', ' ', '1840.75', '151.65', '820.5'],
  row_id: [1, 2, 3, 4, 5, 6],
  Churn: ['No', 'No', 'Yes', 'No', 'Yes', 'Yes'],
});

describe('defaultSpecFromProfile', () => {
  it('drops ids, constants and dates; coerces numeric-like text; encodes and scales the rest', () => {
    const p = new Map(profileColumns(telco, 'Churn').map((c) => [c.name, c]));
    expect(p.get('customerID')?.drop).toBe('id_like');
    expect(p.get('row_id')?.drop).toBe('id_like');
    expect(p.get('tenure')?.drop).toBeUndefined(); // numeric, not id-named
    expect(p.get('Country')?.drop).toBe('constant');
    expect(p.get('TotalCharges')).toMatchObject({ kind: 'numeric', missing: 1 });

    const spec = defaultSpecFromProfile(telco, 'Churn');
    expect(spec.steps[0]).toMatchObject({ type: 'drop', columns: ['customerID', 'Country', 'row_id'] });
    const f = fit(spec, telco);
    expect(f.outputFeatures).toEqual(['gender=Female', 'gender=Male', 'SeniorCitizen', 'tenure', 'TotalCharges']);
    const r = apply(f, telco);
    expect(Array.from(r.X).every(Number.isFinite)).toBe(true);
    // TotalCharges blank → median of the other five (820.5), then standardized
    const tc = [29.85, 1889.5, 820.5, 1840.75, 151.65, 820.5];
    const mean = tc.reduce((a, b) => a + b) / 6;
    const sd = Math.sqrt(tc.reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
    expect(r.X[2 * 5 + 4]).toBeCloseTo((820.5 - mean) / sd, 12);
  });

  it('works on the seed table (drops customer_id and signup_date)', () => {
    const t = syntheticSeedTable(500, 9);
    const spec = defaultSpecFromProfile(t, 'churned');
    expect(spec.steps[0]).toMatchObject({ type: 'drop', columns: ['customer_id', 'signup_date'] });
    const f = fit(spec, t);
    expect(f.outputFeatures).toContain('contract_type=Two year');
    expect(f.outputFeatures).not.toContain('churned');
  });

  it('caps one-hot width at 20 per column', () => {
    const n = 200;
    const t = tableFromColumns({
      city: Array.from({ length: n }, (_, i) => `city${i % 40}`),
      y: Array.from({ length: n }, (_, i) => i % 2),
    });
    const f = fit(defaultSpecFromProfile(t, 'y'), t);
    expect(f.outputFeatures).toHaveLength(20);
    expect(f.outputFeatures).toContain('city=__other__');
  });
});
