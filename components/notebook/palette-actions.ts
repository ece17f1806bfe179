'use client';

import type { Cell, NotebookDoc } from '@/lib/notebook/doc';
import type { NewCellType } from '@/lib/notebook/edit';
import { cellTitle } from './cell-list';
import type { PaletteAction } from './command-palette';

/** The palette's fixed actions for the current notebook (the "Save version: …" action is built from the text). */
export function paletteActions(o: {
  doc: NotebookDoc;
  canEdit: boolean;
  focused: Cell | null;
  insertBelow(type: NewCellType): void;
  runFocused(): void;
  runStale(): void;
  staleCount: number;
  goTo(id: string): void;
  collapse(collapsed: boolean): void;
  openVersions(): void;
  copyLink(id: string): void;
}): PaletteAction[] {
  const below = o.focused ? `below "${cellTitle(o.focused)}"` : 'at the end';
  const out: PaletteAction[] = [];
  if (o.canEdit) {
    out.push(
      { id: 'add-code', label: 'Add code cell', hint: below, run: () => o.insertBelow('code') },
      { id: 'add-markdown', label: 'Add markdown cell', hint: below, run: () => o.insertBelow('markdown') },
      { id: 'add-chart', label: 'Add chart cell', hint: below, run: () => o.insertBelow('chart') },
    );
  }
  if (o.focused?.type === 'code') out.push({ id: 'run-cell', label: `Run cell "${o.focused.name}"`, hint: 'Shift+Enter', run: o.runFocused });
  out.push({ id: 'run-stale', label: 'Run stale cells', hint: `${o.staleCount} stale`, run: o.runStale });
  out.push({ id: 'collapse-all', label: 'Collapse all cells', run: () => o.collapse(true) });
  out.push({ id: 'expand-all', label: 'Expand all cells', run: () => o.collapse(false) });
  out.push({ id: 'versions', label: 'Open versions', hint: o.canEdit ? 'restore, name' : undefined, run: o.openVersions });
  if (o.focused) {
    const id = o.focused.id;
    out.push({ id: 'copy-link', label: `Copy link to "${cellTitle(o.focused)}"`, run: () => o.copyLink(id) });
  }
  for (const c of o.doc.cells) out.push({ id: `go-${c.id}`, label: `Go to ${cellTitle(c)}`, hint: c.type, run: () => o.goTo(c.id) });
  return out;
}
