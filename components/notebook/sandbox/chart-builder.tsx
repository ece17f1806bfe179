'use client';

import { useMemo, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '@/components/data/vega-chart';
import { formatInt } from '@/lib/data/explore/format';
import { AGGREGATES, CHART_MARKS, ENCODING_TYPES, suggestChart, toVegaLite, validateChartSpec, type ChartCellSpec, type ChartEncoding } from '@/lib/notebook/sandbox/chart-spec';
import type { OutputColumnType, TableData } from '@/lib/notebook/sandbox/protocol';

type Column = { name: string; type: OutputColumnType };
type Channel = 'x' | 'y' | 'color';

const defaultType = (t: OutputColumnType | undefined): ChartEncoding['type'] => (t === 'number' ? 'quantitative' : t === 'date' ? 'temporal' : 'nominal');

/** The builder's spec as editable vega-lite: the generated spec without its inlined rows (they are added at draw time). */
function editableJson(spec: ChartCellSpec): string {
  if (spec.raw) return JSON.stringify(spec.raw, null, 2);
  const generated = toVegaLite({ ...spec, raw: null }, { columns: {} });
  delete generated.data;
  delete generated.usermeta;
  return JSON.stringify(generated, null, 2);
}

function EncodingRow({ channel, enc, columns, disabled, onChange }: { channel: Channel; enc: ChartEncoding | undefined; columns: Column[]; disabled: boolean; onChange(e: ChartEncoding | undefined): void }) {
  const isCount = enc?.aggregate === 'count';
  return (
    <div className="row" style={{ gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }} data-testid={`chart-channel-${channel}`}>
      <label style={{ minWidth: 160 }}>
        {channel} field
        <select
          aria-label={`${channel} field`}
          disabled={disabled}
          value={enc ? (isCount ? '(count)' : enc.field) : ''}
          onChange={(e) => {
            const v = e.target.value;
            if (v === '') return onChange(undefined);
            if (v === '(count)') return onChange({ field: enc?.field ?? '', type: 'quantitative', aggregate: 'count' });
            const col = columns.find((c) => c.name === v);
            onChange({ field: v, type: defaultType(col?.type) });
          }}
        >
          <option value="">— none —</option>
          {channel !== 'color' && <option value="(count)">(count of rows)</option>}
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.type})
            </option>
          ))}
          {enc && !isCount && enc.field && !columns.some((c) => c.name === enc.field) && <option value={enc.field}>{enc.field} (missing)</option>}
        </select>
      </label>
      {enc && !isCount && (
        <>
          <label>
            type
            <select aria-label={`${channel} type`} disabled={disabled} value={enc.type} onChange={(e) => onChange({ ...enc, type: e.target.value as ChartEncoding['type'], ...(e.target.value !== 'quantitative' ? { bin: undefined } : {}) })}>
              {ENCODING_TYPES.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            aggregate
            <select aria-label={`${channel} aggregate`} disabled={disabled} value={enc.aggregate ?? ''} onChange={(e) => onChange({ ...enc, aggregate: (e.target.value || undefined) as ChartEncoding['aggregate'] })}>
              <option value="">none</option>
              {AGGREGATES.filter((a) => a !== 'count').map((a) => (
                <option key={a} value={a}>{a}</option>
              ))}
            </select>
          </label>
          {enc.type === 'quantitative' && (
            <label style={{ flexDirection: 'row', alignItems: 'center', gap: 4, paddingBottom: 6 }}>
              <input type="checkbox" aria-label={`${channel} bin`} disabled={disabled} checked={enc.bin === true} onChange={(e) => onChange({ ...enc, bin: e.target.checked || undefined })} />
              bin
            </label>
          )}
        </>
      )}
    </div>
  );
}

/**
 * Guided editor of a chart cell: input table, mark, x/y/color field with type, aggregate and bin, a title, a
 * "Suggest" shortcut, and an "Edit vega-lite JSON" mode that stores hand-written vega-lite in `raw` (turning it off
 * clears `raw`). Problems are listed under the form, each naming its field.
 */
export function ChartBuilder({
  spec,
  tables,
  onChange,
  readOnly,
}: {
  spec: ChartCellSpec;
  tables: { name: string; columns: { name: string; type: OutputColumnType }[] }[];
  onChange(spec: ChartCellSpec): void;
  readOnly?: boolean;
}) {
  const disabled = readOnly === true;
  const table = tables.find((t) => t.name === spec.input);
  const columns = table?.columns ?? [];
  const rawMode = spec.raw !== undefined && spec.raw !== null;
  const [draft, setDraft] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const problems = table || rawMode ? validateChartSpec(spec, columns.map((c) => c.name)) : [`input: no table named "${spec.input}" yet (run the cell that makes it)`];

  function toggleRaw(on: boolean) {
    setJsonError(null);
    setDraft(null);
    if (!on) return onChange({ ...spec, raw: null });
    onChange({ ...spec, raw: JSON.parse(editableJson(spec)) as Record<string, unknown> });
  }

  function editJson(text: string) {
    setDraft(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
      setJsonError(null);
      onChange({ ...spec, raw: parsed as Record<string, unknown> });
    } catch (e) {
      setJsonError((e as Error).message);
    }
  }

  return (
    <div className="stack" style={{ gap: 10 }} data-testid="chart-builder">
      <div className="row" style={{ gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <label>
          Table
          <select aria-label="Chart table" disabled={disabled} value={spec.input} onChange={(e) => onChange({ ...spec, input: e.target.value })}>
            {!table && <option value={spec.input}>{spec.input || '— choose —'}</option>}
            {tables.map((t) => (
              <option key={t.name} value={t.name}>{t.name}</option>
            ))}
          </select>
        </label>
        {!rawMode && (
          <label>
            Mark
            <select aria-label="Chart mark" disabled={disabled} value={spec.mark} onChange={(e) => onChange({ ...spec, mark: e.target.value as ChartCellSpec['mark'] })}>
              {CHART_MARKS.map((m) => (
                <option key={m} value={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
        {!rawMode && (
          <label style={{ flex: 1, minWidth: 160 }}>
            Title
            <input aria-label="Chart title" disabled={disabled} value={spec.title ?? ''} onChange={(e) => onChange({ ...spec, title: e.target.value || undefined })} />
          </label>
        )}
        {!rawMode && (
          <button type="button" className="btn" disabled={disabled || !table} onClick={() => table && onChange({ ...suggestChart(columns, spec.input), title: spec.title })}>
            Suggest
          </button>
        )}
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 4, paddingBottom: 6 }}>
          <input type="checkbox" aria-label="Edit vega-lite JSON" disabled={disabled} checked={rawMode} onChange={(e) => toggleRaw(e.target.checked)} />
          Edit vega-lite JSON
        </label>
      </div>
      {rawMode ? (
        <label>
          Vega-lite spec (the table&apos;s rows are added as data.values when the spec has no data)
          <textarea aria-label="Vega-lite JSON" disabled={disabled} rows={14} spellCheck={false} style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12.5 }} value={draft ?? editableJson(spec)} onChange={(e) => editJson(e.target.value)} />
        </label>
      ) : (
        (['x', 'y', 'color'] as const).map((c) => <EncodingRow key={c} channel={c} enc={spec[c]} columns={columns} disabled={disabled} onChange={(e) => onChange({ ...spec, [c]: e })} />)
      )}
      {jsonError && <div className="alert alert-error">JSON: {jsonError}</div>}
      {problems.length > 0 && (
        <ul className="muted" data-testid="chart-problems" style={{ margin: 0, paddingLeft: 18, fontSize: 12.5 }}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Draws a chart cell over its input table; says what is missing instead when the table or a field is absent. */
export function ChartView({ spec, data }: { spec: ChartCellSpec; data: TableData | null }) {
  const key = JSON.stringify(spec);
  const drawn = useMemo(() => {
    if (!data) return { problems: [`no data for "${spec.input}" yet: run the cells above`], vl: null };
    const problems = validateChartSpec(spec, Object.keys(data.columns));
    if (problems.length) return { problems, vl: null };
    try {
      return { problems: [], vl: toVegaLite(spec, data) };
    } catch (e) {
      return { problems: [(e as Error).message], vl: null };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the spec's content, not its identity
  }, [key, data]);
  if (!drawn.vl) {
    return (
      <div className="empty" data-testid="chart-view-problems">
        {drawn.problems.map((p) => (
          <div key={p}>{p}</div>
        ))}
      </div>
    );
  }
  const meta = (drawn.vl.usermeta as { churnlab?: { rows: number; totalRows: number } } | undefined)?.churnlab;
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="chart-view">
      <VegaChart spec={drawn.vl as unknown as TopLevelSpec} label={spec.title || `Chart of ${spec.input}`} />
      {meta && meta.rows < meta.totalRows && (
        <div className="muted" style={{ fontSize: 12 }}>
          Drawn from {formatInt(meta.rows)} evenly spaced rows of {formatInt(meta.totalRows)}.
        </div>
      )}
    </div>
  );
}
