'use client';

/** A multi-select of column names; values not among `options` (e.g. from a saved spec) stay listed. */
export function ColumnPicker({ options, value, onChange, label = 'Columns', testId }: { options: readonly string[]; value: string[]; onChange: (v: string[]) => void; label?: string; testId?: string }) {
  const all = [...options, ...value.filter((v) => !options.includes(v))];
  return (
    <label>
      {label} ({value.length} selected; ctrl/⌘-click for several)
      <select
        multiple
        size={Math.min(8, Math.max(3, all.length))}
        value={value}
        data-testid={testId ?? 'step-columns'}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
      >
        {all.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Either a selector (`numeric` / `categorical`: every current value column of that kind) or a column list. */
export function ColumnsOrSelector<S extends string>({
  selectors,
  value,
  onChange,
  options,
}: {
  selectors: readonly S[];
  value: string[] | S;
  onChange: (v: string[] | S) => void;
  options: readonly string[];
}) {
  const mode = typeof value === 'string' ? value : 'list';
  return (
    <div className="stack" style={{ gap: 6 }}>
      <label>
        Apply to
        <select data-testid="step-selector" value={mode} onChange={(e) => onChange(e.target.value === 'list' ? [] : (e.target.value as S))}>
          {selectors.map((s) => (
            <option key={s} value={s}>
              every {s} column
            </option>
          ))}
          <option value="list">listed columns</option>
        </select>
      </label>
      {typeof value !== 'string' && <ColumnPicker options={options} value={value} onChange={onChange} />}
    </div>
  );
}
