'use client';

import { useState } from 'react';
import type { SuiteExpectationDTO } from '@/lib/api/dto';
import { COLUMN_MAP_TYPES, SUPPORTED_TYPE_NAMES } from '@/lib/validation';

type Kwargs = Record<string, unknown>;

const KW = { display: 'grid', gap: 2, fontSize: 12.5 } as const;

const BETWEEN = new Set([
  'expect_table_row_count_to_be_between',
  'expect_column_values_to_be_between',
  'expect_column_mean_to_be_between',
  'expect_column_median_to_be_between',
  'expect_column_stdev_to_be_between',
  'expect_column_proportion_of_unique_values_to_be_between',
]);
const SETS = new Set(['expect_column_values_to_be_in_set', 'expect_column_values_to_not_be_in_set', 'expect_column_distinct_values_to_be_in_set']);

/** Parses one comma-list item: numbers stay numbers when the set already holds numbers, booleans likewise. */
function parseItem(text: string, numeric: boolean, boolean: boolean): unknown {
  const t = text.trim();
  if (numeric && t !== '' && Number.isFinite(Number(t))) return Number(t);
  if (boolean && (t === 'true' || t === 'false')) return t === 'true';
  return t;
}

function CommaList({ label, value, onChange, testId }: { label: string; value: unknown[]; onChange: (v: unknown[]) => void; testId: string }) {
  const [text, setText] = useState(() => value.map((v) => String(v)).join(', '));
  const numeric = value.length > 0 && value.every((v) => typeof v === 'number');
  const boolean = value.length > 0 && value.every((v) => typeof v === 'boolean');
  return (
    <label style={KW}>
      {label} <span className="muted">(comma-separated)</span>
      <input
        data-testid={testId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split(',').map((s) => parseItem(s, numeric, boolean)).filter((v) => v !== ''));
        }}
      />
    </label>
  );
}

function NumberField({ label, value, onChange }: { label: string; value: unknown; onChange: (v: number | null) => void }) {
  const [text, setText] = useState(() => (typeof value === 'number' ? String(value) : ''));
  return (
    <label style={KW}>
      {label}
      <input
        type="number"
        step="any"
        value={text}
        data-testid={`kw-${label}`}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === '' ? null : Number(e.target.value);
          onChange(n === null || Number.isFinite(n) ? n : null);
        }}
      />
    </label>
  );
}

/**
 * Form controls for the kwargs of one expectation: column (a select of the snapshot's columns), bounds as number
 * inputs (empty = unbounded), sets and column lists as comma lists, regex and type as text/select, `mostly` as a
 * slider. Calls `onChange` with the whole new kwargs object; validity is checked by the caller.
 */
export function KwargsEditor({ expectation, columns, onChange }: { expectation: SuiteExpectationDTO; columns: string[]; onChange: (kwargs: Kwargs) => void }) {
  const k = expectation.kwargs;
  const type = expectation.expectation_type;
  const set = (key: string, v: unknown) => {
    const next: Kwargs = { ...k };
    if (v === null || v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  const isMap = (COLUMN_MAP_TYPES as readonly string[]).includes(type);
  const mostly = typeof k.mostly === 'number' ? k.mostly : 1;
  return (
    <div className="row" style={{ flexWrap: 'wrap', gap: 10, alignItems: 'flex-end' }} data-testid="kwargs-editor">
      {'column' in k && (
        <label style={KW}>
          column
          <select value={String(k.column)} onChange={(e) => set('column', e.target.value)}>
            {[...new Set([String(k.column), ...columns])].map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      {BETWEEN.has(type) && (
        <>
          <NumberField label="min_value" value={k.min_value} onChange={(v) => set('min_value', v)} />
          <NumberField label="max_value" value={k.max_value} onChange={(v) => set('max_value', v)} />
        </>
      )}
      {SETS.has(type) && <CommaList label="value_set" testId="kw-value_set" value={Array.isArray(k.value_set) ? k.value_set : []} onChange={(v) => set('value_set', v)} />}
      {type === 'expect_table_columns_to_match_ordered_list' && (
        <CommaList label="column_list" testId="kw-column_list" value={Array.isArray(k.column_list) ? k.column_list : []} onChange={(v) => set('column_list', v.map(String))} />
      )}
      {type === 'expect_table_columns_to_match_set' && (
        <CommaList label="column_set" testId="kw-column_set" value={Array.isArray(k.column_set) ? k.column_set : []} onChange={(v) => set('column_set', v.map(String))} />
      )}
      {type === 'expect_column_values_to_match_regex' && (
        <label style={KW}>
          regex
          <input data-testid="kw-regex" value={String(k.regex ?? '')} onChange={(e) => set('regex', e.target.value)} />
        </label>
      )}
      {type === 'expect_column_values_to_be_of_type' && (
        <label style={KW}>
          type_
          <select value={String(k.type_ ?? '')} onChange={(e) => set('type_', e.target.value)}>
            {[...new Set([String(k.type_ ?? ''), ...SUPPORTED_TYPE_NAMES])].map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </label>
      )}
      {isMap && (
        <label style={KW}>
          mostly <strong>{mostly.toFixed(2)}</strong>
          <input type="range" min={0} max={1} step={0.01} value={mostly} data-testid="kw-mostly" onChange={(e) => set('mostly', Number(e.target.value) >= 1 ? null : Number(e.target.value))} />
        </label>
      )}
    </div>
  );
}
