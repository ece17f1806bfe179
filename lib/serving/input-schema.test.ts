import { describe, expect, it } from 'vitest';
import { buildInputSchema, compileValidator, type FieldIssue } from './input-schema';

const fitted = {
  target: 'churned',
  inputColumns: [
    { name: 'tenure', kind: 'numeric' as const, required: true },
    { name: 'plan', kind: 'categorical' as const, required: true },
    { name: 'signup', kind: 'categorical' as const, required: false },
  ],
};
const columns = [
  { name: 'customer_id', type: 'text' },
  { name: 'tenure', type: 'numeric' },
  { name: 'plan', type: 'categorical' },
  { name: 'signup', type: 'datetime' },
  { name: 'churned', type: 'boolean' },
];
const profile = [
  { name: 'customer_id', kind: 'id' },
  { name: 'tenure', kind: 'numeric', min: 0, max: 72 },
  { name: 'plan', kind: 'categorical', levels: [{ value: 'basic', count: 3 }, { value: 'pro', count: 1 }] },
];

describe('input schema', () => {
  it('marks model inputs, the id column and ignored source columns', () => {
    const s = buildInputSchema(fitted, columns, profile);
    expect(s).toEqual([
      { name: 'tenure', kind: 'numeric', use: 'input', min: 0, max: 72 },
      { name: 'plan', kind: 'categorical', use: 'input', levels: ['basic', 'pro'] },
      { name: 'customer_id', kind: 'categorical', use: 'id' },
      { name: 'signup', kind: 'categorical', use: 'ignored' },
      { name: 'churned', kind: 'categorical', use: 'ignored' },
    ]);
  });

  const v = compileValidator(buildInputSchema(fitted, columns, profile));
  const check = (rec: unknown) => {
    const issues: FieldIssue[] = [];
    const ok = v.check(rec, 'customer', issues);
    return { ok, issues };
  };

  it('accepts a record, nulls for missing values and ignored fields', () => {
    expect(check({ tenure: 3, plan: 'pro' }).ok).toBe(true);
    expect(check({ tenure: null, plan: null, customer_id: 'c1', churned: true, signup: '2024-01-01' }).ok).toBe(true);
    expect(check({ tenure: 3, plan: 7 }).ok).toBe(true); // categorical numbers are read as text
    expect(v.idField).toBe('customer_id');
  });

  it.each([
    [{ plan: 'pro' }, 'customer.tenure', /required/],
    [{ tenure: '3', plan: 'pro' }, 'customer.tenure', /expected a number/],
    [{ tenure: 1e16, plan: 'pro' }, 'customer.tenure', /out of range/],
    [{ tenure: Infinity, plan: 'pro' }, 'customer.tenure', /finite/],
    [{ tenure: 3, plan: 'p'.repeat(201) }, 'customer.plan', /longer than 200/],
    [{ tenure: 3, plan: ['pro'] }, 'customer.plan', /got an array/],
    [{ tenure: 3, plan: 'pro', tenur: 1 }, 'customer.tenur', /unknown field/],
    [{ tenure: 3, plan: 'pro', customer_id: true }, 'customer.customer_id', /string or number/],
    [{ tenure: 3, plan: 'pro', churned: { x: 1 } }, 'customer.churned', /got an object/],
    [[1], 'customer', /expected an object/],
    [null, 'customer', /got null/],
  ])('rejects %j at %s', (rec, path, msg) => {
    const r = check(rec);
    expect(r.ok).toBe(false);
    expect(r.issues[0].path).toBe(path);
    expect(r.issues[0].message).toMatch(msg);
  });

  it('ignores inherited properties (prototype pollution does not count as a field)', () => {
    const rec = Object.create({ injected: 1 }) as Record<string, unknown>;
    rec.tenure = 1;
    rec.plan = 'basic';
    expect(check(rec).ok).toBe(true);
  });
});
