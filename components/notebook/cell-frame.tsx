'use client';

import type { ReactNode } from 'react';
import styles from './notebook.module.css';

export interface CellActions {
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onDelete?: () => void;
  onToggleCollapse: () => void;
  onCopyLink: () => void;
}

/**
 * One cell's frame: the `#cell-<id>` anchor, its head (index or type, title, badges, actions) and its body,
 * hidden (not unmounted, so stage cells keep their state) when collapsed.
 */
export function CellFrame({
  id,
  testId,
  kind,
  name,
  index,
  title,
  titleClass,
  badges,
  collapsed,
  highlighted,
  className,
  actions,
  onFocusCell,
  children,
}: {
  id: string;
  testId: string;
  kind: string;
  /** a code cell's name (data-cell-name, for tests and scripts) */
  name?: string;
  index: ReactNode;
  title: ReactNode;
  titleClass: string;
  badges?: ReactNode;
  collapsed: boolean;
  highlighted: boolean;
  className?: string;
  actions: CellActions;
  onFocusCell(): void;
  children: ReactNode;
}) {
  return (
    <li
      id={`cell-${id}`}
      data-testid={testId}
      data-cell-id={id}
      data-cell-kind={kind}
      data-cell-name={name}
      data-highlighted={highlighted ? 'true' : undefined}
      className={`cell ${className ?? ''} ${highlighted ? styles.highlight : ''}`}
      onFocusCapture={onFocusCell}
      onMouseDown={onFocusCell}
      aria-label={typeof title === 'string' ? title : undefined}
    >
      <div className="cell-head">
        <span className={kind === 'stage' ? 'cell-index' : styles.typeTag}>{index}</span>
        <span className={titleClass}>{title}</span>
        {badges}
        <span className={styles.spacer} />
        <button type="button" className={styles.iconBtn} onClick={actions.onCopyLink} title="Copy a link to this cell" aria-label="Copy link to cell">
          #
        </button>
        {actions.onMoveUp && (
          <button type="button" className={styles.iconBtn} onClick={actions.onMoveUp} aria-label="Move cell up" title="Move up">
            ↑
          </button>
        )}
        {actions.onMoveDown && (
          <button type="button" className={styles.iconBtn} onClick={actions.onMoveDown} aria-label="Move cell down" title="Move down">
            ↓
          </button>
        )}
        <button
          type="button"
          className={styles.iconBtn}
          onClick={actions.onToggleCollapse}
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Expand cell' : 'Collapse cell'}
          title={collapsed ? 'Expand' : 'Collapse'}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        {actions.onDelete && (
          <button type="button" className={styles.iconBtn} onClick={actions.onDelete} aria-label="Delete cell" title="Delete cell">
            ✕
          </button>
        )}
      </div>
      <div className="cell-body" hidden={collapsed}>
        {children}
      </div>
    </li>
  );
}

/** "+ Markdown / + Code / + Chart" between cells. */
export function Inserter({ after, onInsert }: { after: string; onInsert(type: 'markdown' | 'code' | 'chart'): void }) {
  return (
    <li className={styles.inserter} data-testid={`insert-after-${after}`} aria-label="Insert a cell here">
      <button type="button" onClick={() => onInsert('markdown')}>+ Markdown</button>
      <button type="button" onClick={() => onInsert('code')}>+ Code</button>
      <button type="button" onClick={() => onInsert('chart')}>+ Chart</button>
    </li>
  );
}
