'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnTable } from 'arquero';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCell, formatInt } from '@/lib/data/explore/format';
import type { ColumnFilter, SortSpec } from '@/lib/data/explore/table-ops';

const ROW_HEIGHT = 30;
const COL_WIDTH = 150;

export interface ExploreColumn {
  name: string;
  numeric: boolean;
}

type FilterInputs = Record<string, { text: string; min: string; max: string }>;

function toFilters(columns: ExploreColumn[], inputs: FilterInputs): ColumnFilter[] {
  const out: ColumnFilter[] = [];
  for (const c of columns) {
    const f = inputs[c.name];
    if (!f) continue;
    if (c.numeric) {
      const min = f.min.trim() === '' ? null : Number(f.min);
      const max = f.max.trim() === '' ? null : Number(f.max);
      if ((min === null || !Number.isNaN(min)) && (max === null || !Number.isNaN(max)) && (min !== null || max !== null)) {
        out.push({ type: 'range', column: c.name, min, max });
      }
    } else if (f.text.trim() !== '') out.push({ type: 'contains', column: c.name, text: f.text });
  }
  return out;
}

/**
 * Virtual-scrolling grid over an arquero view: only the visible rows (plus overscan) are in the DOM, each cell read
 * with `column.at(index[row])`. Header click cycles sort asc → desc → none; the filter row reports debounced filters.
 */
export function ExploreTable({
  view,
  columns,
  totalRows,
  sort,
  onSort,
  onFilters,
}: {
  view: ColumnTable;
  columns: ExploreColumn[];
  totalRows: number;
  sort: SortSpec | null;
  onSort: (s: SortSpec | null) => void;
  onFilters: (f: ColumnFilter[]) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [inputs, setInputs] = useState<FilterInputs>({});
  const index = useMemo(() => view.indices(), [view]);
  const cols = useMemo(() => columns.map((c) => ({ ...c, col: view.column(c.name) })), [columns, view]);

  // Debounce: typing in a filter box re-filters 100k rows at most every 250 ms.
  const onFiltersRef = useRef(onFilters);
  useEffect(() => {
    onFiltersRef.current = onFilters;
  }, [onFilters]);
  useEffect(() => {
    const t = setTimeout(() => onFiltersRef.current(toFilters(columns, inputs)), 250);
    return () => clearTimeout(t);
  }, [inputs, columns]);

  // eslint-disable-next-line react-hooks/incompatible-library -- useVirtualizer returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: index.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  function setInput(name: string, key: 'text' | 'min' | 'max', value: string) {
    setInputs((prev) => ({ ...prev, [name]: { ...(prev[name] ?? { text: '', min: '', max: '' }), [key]: value } }));
  }

  function clickHeader(name: string) {
    if (!sort || sort.column !== name) onSort({ column: name, desc: false });
    else if (!sort.desc) onSort({ column: name, desc: true });
    else onSort(null);
  }

  const width = 70 + columns.length * COL_WIDTH;
  const gridTemplate = `70px repeat(${columns.length}, ${COL_WIDTH}px)`;
  const cellStyle = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' as const, lineHeight: `${ROW_HEIGHT}px` };

  return (
    <div className="stack" style={{ gap: 6 }}>
      <div className="muted" data-testid="explore-row-count" data-rows={index.length} data-total={totalRows}>
        {index.length === totalRows ? `${formatInt(totalRows)} rows` : `${formatInt(index.length)} of ${formatInt(totalRows)} rows`}
      </div>
      <div
        ref={scrollRef}
        data-testid="explore-table"
        role="table"
        aria-rowcount={index.length + 2}
        style={{ height: 480, overflow: 'auto', border: '1px solid var(--line)', borderRadius: 6, background: '#fff', contain: 'strict' }}
      >
        <div style={{ width, position: 'sticky', top: 0, zIndex: 1, background: '#f6f7f9', borderBottom: '1px solid var(--line)' }}>
          <div role="row" style={{ display: 'grid', gridTemplateColumns: gridTemplate, fontSize: 12, fontWeight: 600 }}>
            <div style={cellStyle} className="muted">#</div>
            {columns.map((c) => {
              const active = sort?.column === c.name;
              return (
                <div
                  key={c.name}
                  role="columnheader"
                  aria-sort={active ? (sort!.desc ? 'descending' : 'ascending') : 'none'}
                  data-testid="explore-header"
                  data-column={c.name}
                  title={`Sort by ${c.name}`}
                  style={{ ...cellStyle, cursor: 'pointer', userSelect: 'none' }}
                  onClick={() => clickHeader(c.name)}
                >
                  {c.name} {active ? (sort!.desc ? '▼' : '▲') : ''}
                </div>
              );
            })}
          </div>
          <div role="row" style={{ display: 'grid', gridTemplateColumns: gridTemplate, paddingBottom: 4 }}>
            <div />
            {columns.map((c) => (
              <div key={c.name} style={{ padding: '0 4px', display: 'flex', gap: 2 }}>
                {c.numeric ? (
                  <>
                    <input aria-label={`${c.name} minimum`} data-testid="filter-min" data-column={c.name} placeholder="min" inputMode="decimal" style={{ width: '50%', padding: '2px 4px', fontSize: 12 }} value={inputs[c.name]?.min ?? ''} onChange={(e) => setInput(c.name, 'min', e.target.value)} />
                    <input aria-label={`${c.name} maximum`} data-testid="filter-max" data-column={c.name} placeholder="max" inputMode="decimal" style={{ width: '50%', padding: '2px 4px', fontSize: 12 }} value={inputs[c.name]?.max ?? ''} onChange={(e) => setInput(c.name, 'max', e.target.value)} />
                  </>
                ) : (
                  <input aria-label={`${c.name} contains`} data-testid="filter-text" data-column={c.name} placeholder="contains…" style={{ width: '100%', padding: '2px 4px', fontSize: 12 }} value={inputs[c.name]?.text ?? ''} onChange={(e) => setInput(c.name, 'text', e.target.value)} />
                )}
              </div>
            ))}
          </div>
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = index[item.index];
            return (
              <div
                key={item.key}
                role="row"
                data-testid="explore-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: gridTemplate,
                  borderBottom: '1px solid #eef0f3',
                  fontSize: 13,
                }}
              >
                <div style={cellStyle} className="muted">{item.index + 1}</div>
                {cols.map((c) => {
                  const text = formatCell(c.col?.at(r));
                  return (
                    <div key={c.name} role="cell" style={{ ...cellStyle, textAlign: c.numeric ? 'right' : 'left' }} title={text}>
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
