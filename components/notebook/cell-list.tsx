'use client';

import type { ReactNode } from 'react';
import type { Cell, CodeCell, NotebookDoc } from '@/lib/notebook/doc';
import type { CellPatch, NewCellType } from '@/lib/notebook/edit';
import { markdownTitle } from '@/lib/notebook/markdown';
import type { ChartCellSpec } from '@/lib/notebook/sandbox/chart-spec';
import { STAGES, STAGE_STATUS_LABEL, type StageId, type StageStatus } from '@/lib/pipeline/stages';
import { CellFrame, Inserter } from './cell-frame';
import { ChartCellBody } from './chart-cell';
import { CodeCellBody } from './code-cell';
import { MarkdownCellBody } from './markdown-cell';
import type { useRunner } from './use-runner';
import styles from './notebook.module.css';

const STAGE_INDEX = new Map(STAGES.map((s, i) => [s.id, i]));

/** A cell's title in lists (the palette, toasts). */
export function cellTitle(c: Cell): string {
  if (c.type === 'stage') return STAGES[STAGE_INDEX.get(c.stage)!].title;
  if (c.type === 'markdown') return markdownTitle(c.source) || 'Markdown';
  if (c.type === 'code') return c.name;
  return c.name ?? c.spec.title ?? `Chart of ${c.spec.input}`;
}

export interface CellListProps {
  doc: NotebookDoc;
  canEdit: boolean;
  statuses: Partial<Record<StageId, StageStatus>>;
  staleReasons: Partial<Record<StageId, string>>;
  stageBodies: Partial<Record<StageId, ReactNode>>;
  runner: ReturnType<typeof useRunner>;
  snapshots: { id: string; name: string }[];
  nameErrors: Map<string, string>;
  highlightId: string | null;
  setFocused(id: string): void;
  insert(afterIndex: number, type: NewCellType): void;
  move(id: string, dir: -1 | 1): void;
  remove(id: string): void;
  patch(id: string, patch: CellPatch): void;
  toggle(id: string): void;
  copyLink(id: string): void;
  rerunStage(stage: StageId): void;
}

/** The cells in document order, with inserters between them for editors. */
export function CellList(p: CellListProps) {
  const { doc, canEdit, runner } = p;
  const tableNames = ['snapshot', ...doc.cells.flatMap((c) => (c.type === 'code' ? [c.name] : []))];
  const items: ReactNode[] = [];
  if (canEdit) items.push(<Inserter key="ins-top" after="top" onInsert={(t) => p.insert(-1, t)} />);
  doc.cells.forEach((c, i) => {
    const actions = {
      onToggleCollapse: () => p.toggle(c.id),
      onCopyLink: () => p.copyLink(c.id),
      ...(canEdit && c.type !== 'stage'
        ? { onMoveUp: i > 0 ? () => p.move(c.id, -1) : undefined, onMoveDown: i < doc.cells.length - 1 ? () => p.move(c.id, 1) : undefined, onDelete: () => p.remove(c.id) }
        : {}),
    };
    const common = { id: c.id, collapsed: !!c.collapsed, highlighted: p.highlightId === c.id, actions, onFocusCell: () => p.setFocused(c.id) };
    if (c.type === 'stage') {
      const status = p.statuses[c.stage] ?? 'not_started';
      const why = status === 'stale' ? p.staleReasons[c.stage] : undefined;
      const stage = STAGES[STAGE_INDEX.get(c.stage)!];
      items.push(
        <CellFrame
          key={c.id}
          {...common}
          testId={`cell-${c.stage}`}
          kind="stage"
          index={`[${STAGE_INDEX.get(c.stage)! + 1}]`}
          title={stage.title}
          titleClass="cell-title"
          badges={
            <>
              <span className={`badge badge-${status}`} data-testid={`status-${c.stage}`} title={why}>
                {STAGE_STATUS_LABEL[status]}
              </span>
              {why && <span className="muted" style={{ fontSize: 12 }} data-testid={`stale-why-${c.stage}`}>{why}</span>}
              {why && canEdit && (
                <button type="button" className="btn" onClick={() => p.rerunStage(c.stage)} title="Run the pipeline (Run all) to bring this stage up to date">
                  Re-run
                </button>
              )}
            </>
          }
        >
          {p.stageBodies[c.stage] ?? (
            <div className="empty">
              <strong>Nothing here yet.</strong> {stage.summary}
            </div>
          )}
        </CellFrame>,
      );
    } else {
      const stale = runner.stale.has(c.id);
      const badges = stale ? <span className="badge badge-stale" data-testid="cell-stale" title="An input changed since this cell last ran">Stale</span> : null;
      const kindClass = c.type === 'code' ? styles.codeCell : c.type === 'chart' ? styles.chartCell : styles.freeCell;
      const frame = { ...common, testId: `cell-${c.id}`, kind: c.type, name: c.type === 'code' ? c.name : undefined, title: cellTitle(c), titleClass: styles.freeTitle, badges, className: kindClass };
      items.push(
        <CellFrame key={c.id} {...frame} index={c.type === 'markdown' ? 'md' : c.type === 'code' ? 'js' : 'chart'}>
          {c.type === 'markdown' && <MarkdownCellBody cell={c} canEdit={canEdit} onChange={(source) => p.patch(c.id, { source })} />}
          {c.type === 'code' && (
            <CodeCellBody
              cell={c}
              canEdit={canEdit}
              run={runner.runs[c.id]}
              running={runner.runningId === c.id}
              queued={runner.queue.includes(c.id) && runner.runningId !== c.id}
              snapshots={p.snapshots}
              nameError={p.nameErrors.get(c.id) ?? null}
              onChange={(patch: Partial<CodeCell>) => p.patch(c.id, patch)}
              onRun={() => void runner.runCells([c.id])}
              onStop={runner.stop}
            />
          )}
          {c.type === 'chart' && (
            <ChartCellBody
              cell={c}
              canEdit={canEdit}
              tables={runner.tables}
              tableNames={tableNames}
              ensureSnapshot={runner.ensureSnapshot}
              onChange={(spec: ChartCellSpec) => p.patch(c.id, { spec })}
            />
          )}
        </CellFrame>,
      );
    }
    if (canEdit) items.push(<Inserter key={`ins-${c.id}`} after={c.id} onInsert={(t) => p.insert(i, t)} />);
  });
  return (
    <ol className="notebook" aria-label="Notebook cells" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items}
    </ol>
  );
}
