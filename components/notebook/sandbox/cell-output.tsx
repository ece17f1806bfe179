'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { VegaChart } from '@/components/data/vega-chart';
import { formatCell, formatInt, formatMs } from '@/lib/data/explore/format';
import { forbiddenChartKeys } from '@/lib/notebook/sandbox/chart-spec';
import type { CellOutput, RunResult } from '@/lib/notebook/sandbox/protocol';

const ROW_HEIGHT = 28;
const COL_WIDTH = 140;
const LOG_LINES_FOLDED = 20;

type TableOutput = Extract<CellOutput, { kind: 'table' }>;

/** Virtual-scrolling grid over a table output's rows (at most the worker's 1,000), with the full row count. */
function OutputTable({ output }: { output: TableOutput }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- useVirtualizer returns fresh functions by design
  const virtualizer = useVirtualizer({ count: output.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const cols = output.columns;
  const width = 56 + cols.length * COL_WIDTH;
  const grid = `56px repeat(${cols.length}, ${COL_WIDTH}px)`;
  const cell = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' as const, lineHeight: `${ROW_HEIGHT}px` };
  const height = Math.min(360, ROW_HEIGHT * (output.rows.length + 1) + 2);
  return (
    <div className="stack" style={{ gap: 4 }} data-testid="cell-output-table" data-total-rows={output.totalRows} data-columns={cols.map((c) => c.name).join(',')}>
      <div className="muted" style={{ fontSize: 12 }}>
        {formatInt(output.totalRows)} rows × {cols.length} columns
        {output.rows.length < output.totalRows ? ` (showing the first ${formatInt(output.rows.length)})` : ''}
      </div>
      <div ref={scrollRef} role="table" aria-rowcount={output.totalRows + 1} style={{ height, overflow: 'auto', border: '1px solid var(--line)', borderRadius: 6, background: '#fff', contain: 'strict' }}>
        <div role="row" style={{ width, display: 'grid', gridTemplateColumns: grid, position: 'sticky', top: 0, zIndex: 1, background: '#f6f7f9', borderBottom: '1px solid var(--line)', fontSize: 12, fontWeight: 600 }}>
          <div style={cell} className="muted">#</div>
          {cols.map((c) => (
            <div key={c.name} role="columnheader" style={cell} title={`${c.name} (${c.type})`}>
              {c.name}
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              data-testid="cell-output-row"
              style={{ position: 'absolute', top: 0, left: 0, width, height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, display: 'grid', gridTemplateColumns: grid, borderBottom: '1px solid #eef0f3', fontSize: 13 }}
            >
              <div style={cell} className="muted">{item.index + 1}</div>
              {cols.map((c, j) => {
                const text = formatCell(output.rows[item.index][j]);
                return (
                  <div key={c.name} role="cell" style={{ ...cell, textAlign: c.type === 'number' ? 'right' : 'left' }} title={text}>
                    {text}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/**
 * A code cell's output: a table (virtualized, with the full row count), a value (monospace text), a vega-lite chart
 * (rendered with the app's CSP-safe VegaChart; a spec holding `url`/`href` is refused), or nothing.
 */
export function CellOutputView({ output }: { output: CellOutput }) {
  switch (output.kind) {
    case 'table':
      return <OutputTable output={output} />;
    case 'value':
      return (
        <pre data-testid="cell-output-value" style={{ margin: 0, padding: '8px 10px', background: '#f6f7f9', borderRadius: 6, maxHeight: 360, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {output.text}
        </pre>
      );
    case 'chart': {
      const bad = forbiddenChartKeys(output.spec);
      if (bad.length) return <div className="alert alert-error">Chart refused: &quot;{bad[0]}&quot; is not allowed in notebook charts.</div>;
      return (
        <div data-testid="cell-output-chart">
          <VegaChart spec={output.spec as unknown as TopLevelSpec} label="Cell output chart" />
        </div>
      );
    }
    case 'empty':
      return (
        <div className="muted" data-testid="cell-output-empty" style={{ fontSize: 12 }}>
          No output (the cell returned nothing).
        </div>
      );
  }
}

/** Console lines captured from a run; `[warn]`/`[error]` lines are colored, long logs fold after 20 lines. */
export function CellLogs({ logs }: { logs: string[] }) {
  const [open, setOpen] = useState(false);
  if (logs.length === 0) return null;
  const shown = open ? logs : logs.slice(0, LOG_LINES_FOLDED);
  return (
    <div data-testid="cell-logs" style={{ fontSize: 12 }}>
      <pre style={{ margin: 0, padding: '6px 10px', background: '#fbfbf8', border: '1px solid var(--line)', borderRadius: 6, maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {shown.map((line, i) => (
          <div key={i} style={{ color: line.startsWith('[error]') ? '#b42318' : line.startsWith('[warn]') ? '#9a6700' : line.startsWith('[sandbox]') ? 'var(--muted)' : undefined }}>
            {line}
          </div>
        ))}
      </pre>
      {logs.length > LOG_LINES_FOLDED && (
        <button type="button" className="btn" style={{ marginTop: 4, fontSize: 12, padding: '2px 8px' }} onClick={() => setOpen(!open)}>
          {open ? 'Show fewer lines' : `Show all ${logs.length} lines`}
        </button>
      )}
    </div>
  );
}

/** A failed run: the error with the cell line it came from, or the time-limit message. */
export function CellErrorView({ result }: { result: Extract<RunResult, { ok: false }> }) {
  const { error } = result;
  return (
    <div className="alert alert-error" role="alert" data-testid="cell-error" data-timed-out={result.timedOut ? 'true' : 'false'}>
      <strong>{error.name}</strong>
      {error.line !== undefined ? ` (line ${error.line})` : ''}: {error.message}
      {result.ms > 0 && <span className="muted"> · {formatMs(result.ms)}</span>}
    </div>
  );
}

/** A whole run result: error or output, then the logs. */
export function RunResultView({ result }: { result: RunResult }) {
  return (
    <div className="stack" style={{ gap: 6 }} data-testid="cell-result" data-ok={result.ok ? 'true' : 'false'}>
      {result.ok ? <CellOutputView output={result.output} /> : <CellErrorView result={result} />}
      <CellLogs logs={result.logs} />
    </div>
  );
}
