'use client';

import { useEffect } from 'react';
import type { ChartCell } from '@/lib/notebook/doc';
import type { ChartCellSpec } from '@/lib/notebook/sandbox/chart-spec';
import type { TableData } from '@/lib/notebook/sandbox/protocol';
import { tableColumns } from '@/lib/notebook/table-columns';
import { ChartBuilder, ChartView } from './sandbox/chart-builder';

/** A chart cell: the guided builder (editors) over `snapshot` or a code cell's table, and the chart. */
export function ChartCellBody({
  cell,
  canEdit,
  tables,
  tableNames,
  ensureSnapshot,
  onChange,
}: {
  cell: ChartCell;
  canEdit: boolean;
  tables: Record<string, TableData>;
  /** every table a chart may read (snapshot and the code cells' names), loaded or not */
  tableNames: string[];
  ensureSnapshot(): void;
  onChange(spec: ChartCellSpec): void;
}) {
  useEffect(() => {
    if (cell.spec.input === 'snapshot') ensureSnapshot();
  }, [cell.spec.input, ensureSnapshot]);
  const data = tables[cell.spec.input] ?? null;
  const builderTables = tableNames.map((name) => ({ name, columns: tables[name] ? tableColumns(tables[name]) : [] }));
  return (
    <div className="stack" data-testid="chart-cell">
      <ChartBuilder spec={cell.spec} tables={builderTables} onChange={onChange} readOnly={!canEdit} />
      {data ? (
        <ChartView spec={cell.spec} data={data} />
      ) : (
        <div className="empty">
          {cell.spec.input === 'snapshot' ? 'Loading the snapshot sample…' : `Run the code cell "${cell.spec.input}" to draw this chart.`}
        </div>
      )}
    </div>
  );
}
