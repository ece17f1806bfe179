import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '@/lib/data/table';
import { toCsv } from '@/lib/data/codecs/csv-safe';
import {
  aggregateSegments,
  binTenure,
  customerKeys,
  detectSegmentColumns,
  detectValueColumn,
  humanizeName,
  planTargets,
  plainReason,
  plainReasons,
  revenueAtRisk,
  riskHistogram,
  rowRecord,
  TARGET_CSV_HEADER,
  targetCsvRows,
  withChanges,
  type ColumnInfo,
} from './index';

const telcoLike: ColumnInfo[] = [
  { name: 'customerID', kind: 'categorical', use: 'id' },
  { name: 'tenure', kind: 'numeric', use: 'input' },
  { name: 'Contract', kind: 'categorical', use: 'input', levels: ['Month-to-month', 'One year', 'Two year'] },
  { name: 'PaymentMethod', kind: 'categorical', use: 'input', levels: ['Electronic check', 'Mailed check', 'Bank transfer (automatic)'] },
  { name: 'TotalCharges', kind: 'numeric', use: 'input' },
  { name: 'MonthlyCharges', kind: 'numeric', use: 'input' },
  { name: 'Churn', kind: 'categorical', use: 'ignored' },
];

describe('column detection', () => {
  it('picks the monthly value column over a cumulative one', () => {
    expect(detectValueColumn(telcoLike)).toBe('MonthlyCharges');
    expect(detectValueColumn([{ name: 'total_revenue', kind: 'numeric' }, { name: 'age', kind: 'numeric' }])).toBe('total_revenue');
    expect(detectValueColumn([{ name: 'arpu_eur', kind: 'numeric' }, { name: 'plan_value', kind: 'numeric' }])).toBe('arpu_eur');
    expect(detectValueColumn([{ name: 'age', kind: 'numeric' }, { name: 'monthly', kind: 'categorical' }])).toBeNull();
  });

  it('finds contract, payment and a binned tenure by name, else falls back to categorical inputs', () => {
    expect(detectSegmentColumns(telcoLike)).toEqual([
      { name: 'Contract', role: 'contract', mode: 'categorical' },
      { name: 'PaymentMethod', role: 'payment', mode: 'categorical' },
      { name: 'tenure', role: 'tenure', mode: 'binned' },
    ]);
    const other: ColumnInfo[] = [
      { name: 'id', kind: 'categorical', use: 'id' },
      { name: 'gender', kind: 'categorical', use: 'input', levels: ['f', 'm'] },
      { name: 'device', kind: 'categorical', use: 'input', levels: ['ios', 'android', 'web'] },
      { name: 'country', kind: 'categorical', use: 'input', levels: ['DE', 'FR'] },
    ];
    expect(detectSegmentColumns(other).map((c) => [c.name, c.role])).toEqual([
      ['country', 'location'],
      ['gender', 'other'],
      ['device', 'other'],
    ]);
  });

  it('bins tenure in months', () => {
    expect([0, 5.9, 6, 12, 30, 48, 72, null, 'x'].map(binTenure)).toEqual(['0–6 months', '0–6 months', '6–12 months', '1–2 years', '2–4 years', '4+ years', '4+ years', 'unknown', 'unknown']);
  });
});

describe('revenue at risk', () => {
  it('is Σ p × monthly value × horizon, skipping missing values', () => {
    // 0.5×100 + 0.2×50 + 0.9×(missing) + 0.1×20 = 50 + 10 + 2 = 62 per month; × 12 = 744
    const r = revenueAtRisk([0.5, 0.2, 0.9, 0.1], [100, 50, null, 20], 12);
    expect(r.revenueAtRisk).toBeCloseTo(744, 10);
    expect(r.revenueTotal).toBeCloseTo(170 * 12, 10);
    expect(r.missingValues).toBe(1);
  });

  it('rejects a bad horizon or probability', () => {
    expect(() => revenueAtRisk([0.5], [1], 0)).toThrow(RangeError);
    expect(() => revenueAtRisk([1.5], [1], 12)).toThrow(/probability\[0\]/);
  });

  it('histograms probabilities, 1.0 in the last bin', () => {
    expect(riskHistogram([0, 0.05, 0.1, 0.95, 1], 10).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
});

describe('segments', () => {
  it('aggregates customers, mean risk, high-risk share and revenue at risk', () => {
    const rows = aggregateSegments(['A', 'B', 'A', 'A'], [0.8, 0.3, 0.2, 0.5], [10, 20, null, 40], 0.5, 3);
    expect(rows).toEqual([
      // A: n=3, mean (0.8+0.2+0.5)/3 = 0.5, high = 2 (0.8, 0.5), revenue (0.8×10 + 0.5×40) × 3 = 84
      { segment: 'A', customers: 3, meanProbability: expect.closeTo(0.5, 12), highRisk: 2, highRiskShare: 2 / 3, revenueAtRisk: expect.closeTo(84, 10) },
      { segment: 'B', customers: 1, meanProbability: 0.3, highRisk: 0, highRiskShare: 0, revenueAtRisk: expect.closeTo(18, 10) },
    ]);
  });
});

describe('targeting by expected profit', () => {
  // cost 10, value 200, success 0.5 → per customer: p × 100 − 10
  const params = { costPerContact: 10, valueRetained: 200, successRate: 0.5 };
  const cands = [
    { customerId: 'c1', probability: 0.9, value: 80 }, // +80
    { customerId: 'c2', probability: 0.3, value: 50 }, // +20
    { customerId: 'c3', probability: 0.05, value: 20 }, // −5
    { customerId: 'c4', probability: 0.15, value: null }, // +5
  ];

  it('contacts everyone whose expected profit is positive at the best threshold', () => {
    const r = planTargets(cands, params);
    expect(r.threshold).toBe(0.15);
    expect(r.expectedProfit).toBeCloseTo(105, 10);
    expect(r.contacted).toBe(3);
    expect(r.targets.map((t) => t.customerId)).toEqual(['c1', 'c2', 'c4']);
    expect(r.targets.map((t) => t.expectedProfit)).toEqual([expect.closeTo(80, 10), expect.closeTo(20, 10), expect.closeTo(5, 10)]);
    // curve, threshold descending: 0.9 → 80, 0.3 → 100, 0.15 → 105, 0.05 → 100
    expect(r.curve.map((p) => [p.threshold, p.contacted, Math.round(p.profit * 1e9) / 1e9])).toEqual([
      [0.9, 1, 80],
      [0.3, 2, 100],
      [0.15, 3, 105],
      [0.05, 4, 100],
    ]);
  });

  it('contacts nobody when every contact loses money', () => {
    const r = planTargets(cands, { costPerContact: 1000, valueRetained: 200, successRate: 0.5 });
    expect(r.threshold).toBeNull();
    expect(r.expectedProfit).toBe(0);
    expect(r.targets).toEqual([]);
  });

  it('writes a targets CSV that neutralises formula cells', () => {
    const r = planTargets([{ customerId: '=HYPERLINK("x")', probability: 0.9, value: 1 }, { customerId: '+1', probability: 0.8, value: 1 }, { customerId: '-2', probability: 0.7, value: 1 }, { customerId: '@SUM(A1)', probability: 0.6, value: -5 }], params);
    const csv = toCsv(TARGET_CSV_HEADER, targetCsvRows(r.targets));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('customer_id,probability,monthly_value,expected_profit');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",0.9,1,80`);
    expect(lines[2].startsWith("'+1,")).toBe(true);
    expect(lines[3].startsWith("'-2,")).toBe(true);
    expect(lines[4]).toBe("'@SUM(A1),0.6,-5,50");
  });
});

describe('reasons in plain words', () => {
  it('turns contributions into sentences', () => {
    expect(humanizeName('MonthlyCharges')).toBe('monthly charges');
    expect(humanizeName('payment_method')).toBe('payment method');
    expect(plainReason({ feature: 'Contract', value: 'Month-to-month', contribution: 0.8, direction: 'increases' })).toBe('Month-to-month contract raises the risk');
    expect(plainReason({ feature: 'tenure', value: 60, contribution: -0.5, direction: 'decreases' })).toBe('Tenure of 60 lowers the risk');
    expect(plainReason({ feature: 'MonthlyCharges', value: 95.456, contribution: 0.2, direction: 'increases' })).toBe('Monthly charges of 95.46 raise the risk');
    expect(plainReason({ feature: 'PaperlessBilling', value: 'Yes', contribution: 0.1, direction: 'increases' })).toBe('Paperless billing: yes raises the risk');
    expect(plainReason({ feature: 'TotalCharges', value: null, contribution: 0.1, direction: 'increases' })).toBe('Missing total charges raise the risk');
    expect(plainReasons([
      { feature: 'a', value: 1, contribution: 0.1, direction: 'increases' },
      { feature: 'b', value: 2, contribution: -0.9, direction: 'decreases' },
    ], 1)).toEqual(['B of 2 lowers the risk']);
  });
});

describe('records', () => {
  const table = tableFromColumns({
    customerID: ['a', 'b', 'a', null],
    tenure: new Float64Array([1, NaN, 3, 4]),
    Contract: ['One year', null, 'Two year', 'One year'],
    Churn: ['No', 'Yes', 'No', 'No'],
  });
  const fields: ColumnInfo[] = [
    { name: 'tenure', kind: 'numeric', use: 'input' },
    { name: 'Contract', kind: 'categorical', use: 'input' },
    { name: 'customerID', kind: 'categorical', use: 'id' },
    { name: 'Churn', kind: 'categorical', use: 'ignored' },
  ];

  it('derives the batch scorer keys', () => {
    expect(customerKeys(table, 'customerID')).toEqual(['a', 'b', 'a~2', 'row-3']);
    expect(customerKeys(table, null)).toEqual(['0', '1', '2', '3']);
  });

  it('builds records of the schema fields and applies what-if changes', () => {
    expect(rowRecord(table, 1, fields)).toEqual({ tenure: null, Contract: null, customerID: 'b' });
    const r = rowRecord(table, 0, fields);
    expect(withChanges(r, fields, { Contract: 'Two year', tenure: '12' })).toEqual({ tenure: 12, Contract: 'Two year', customerID: 'a' });
    expect(() => withChanges(r, fields, { nope: 1 })).toThrow(/nope/);
  });
});
