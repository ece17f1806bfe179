/**
 * Edits of a notebook document, each returning a new document (the page's reducer and the palette use them).
 * Stage cells stay put: they cannot be deleted, and moves only swap a free cell with its neighbour (a free
 * cell may pass a stage cell; two stage cells never swap).
 */
import type { ChartCellSpec } from './sandbox/chart-spec';
import { freeName, newCellId, type Cell, type ChartCell, type CodeCell, type FreeCell, type MarkdownCell, type NotebookDoc } from './doc';

export type NewCellType = FreeCell['type'];

/** A new empty free cell of `type` with a fresh id (and a free name for code cells). */
export function makeCell(doc: NotebookDoc, type: NewCellType, random?: () => number): FreeCell {
  const id = newCellId(new Set(doc.cells.map((c) => c.id)), random);
  if (type === 'markdown') return { id, type, source: '' };
  if (type === 'code') return { id, type, name: freeName(doc, 'cell'), source: 'return snapshot;' };
  const spec: ChartCellSpec = { input: 'snapshot', mark: 'bar' };
  return { id, type, spec };
}

/** `cell` inserted at `index` (0 = top). */
export function insertCell(doc: NotebookDoc, index: number, cell: Cell): NotebookDoc {
  const at = Math.max(0, Math.min(index, doc.cells.length));
  return { ...doc, cells: [...doc.cells.slice(0, at), cell, ...doc.cells.slice(at)] };
}

/** Moves free cell `id` one place up (-1) or down (+1); unchanged when it is a stage cell or at an end. */
export function moveCell(doc: NotebookDoc, id: string, dir: -1 | 1): NotebookDoc {
  const i = doc.cells.findIndex((c) => c.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= doc.cells.length || doc.cells[i].type === 'stage') return doc;
  const cells = [...doc.cells];
  [cells[i], cells[j]] = [cells[j], cells[i]];
  return { ...doc, cells };
}

/** Removes free cell `id`; returns the document and what is needed to undo it (null for a stage or unknown cell). */
export function deleteCell(doc: NotebookDoc, id: string): { doc: NotebookDoc; removed: { cell: FreeCell; index: number } | null } {
  const index = doc.cells.findIndex((c) => c.id === id);
  const cell = doc.cells[index];
  if (!cell || cell.type === 'stage') return { doc, removed: null };
  return { doc: { ...doc, cells: doc.cells.filter((c) => c.id !== id) }, removed: { cell, index } };
}

type Fields<C> = Partial<Omit<C, 'id' | 'type'>>;
/** Fields of any free cell (a patch only sets the fields its cell type has). */
export type CellPatch = Fields<MarkdownCell> & Fields<CodeCell> & Fields<ChartCell>;

/** Replaces cell `id` with `patch` applied (the type and id never change). */
export function updateCell(doc: NotebookDoc, id: string, patch: CellPatch): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.id === id ? ({ ...c, ...patch, id: c.id, type: c.type } as Cell) : c)) };
}

/** Collapses (or expands) every cell. */
export function collapseAll(doc: NotebookDoc, collapsed: boolean): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => ({ ...c, collapsed })) };
}
