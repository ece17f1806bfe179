'use client';

import { useState } from 'react';
import type { MarkdownCell } from '@/lib/notebook/doc';
import { MarkdownView } from './markdown-view';
import styles from './notebook.module.css';

/** A markdown cell: preview, or (for editors) a source editor; new empty cells open in edit mode. */
export function MarkdownCellBody({ cell, canEdit, onChange }: { cell: MarkdownCell; canEdit: boolean; onChange(source: string): void }) {
  const [editing, setEditing] = useState(canEdit && cell.source === '');
  return (
    <div className="stack">
      {canEdit && (
        <div className="row">
          <button type="button" className="btn" aria-pressed={editing} onClick={() => setEditing((e) => !e)} data-testid="markdown-toggle">
            {editing ? 'Preview' : 'Edit'}
          </button>
        </div>
      )}
      {editing && canEdit ? (
        <textarea
          className={styles.editor}
          aria-label="Markdown source"
          value={cell.source}
          onChange={(e) => onChange(e.target.value)}
          placeholder="# A heading, *emphasis*, `code`, - lists, [links](https://…)"
          spellCheck
        />
      ) : (
        <MarkdownView source={cell.source} />
      )}
    </div>
  );
}
