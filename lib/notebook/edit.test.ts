import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_SETTINGS } from '../pipeline/settings';
import { defaultNotebook, notebookProblems } from './doc';
import { collapseAll, deleteCell, insertCell, makeCell, moveCell, updateCell } from './edit';

describe('notebook edits', () => {
  it('inserts, moves past stage cells, deletes with an undo record, and keeps the invariants', () => {
    let doc = defaultNotebook(DEFAULT_PIPELINE_SETTINGS);
    const code = makeCell(doc, 'code');
    expect(code).toMatchObject({ type: 'code', name: 'cell' });
    doc = insertCell(doc, 1, code);
    expect(makeCell(doc, 'code')).toMatchObject({ name: 'cell2' });
    doc = moveCell(doc, code.id, -1);
    expect(doc.cells[0].id).toBe(code.id);
    expect(moveCell(doc, code.id, -1)).toBe(doc);
    expect(moveCell(doc, 'validate', 1)).toBe(doc);
    expect(notebookProblems(doc.cells)).toEqual([]);
    const { doc: without, removed } = deleteCell(doc, code.id);
    expect(removed).toEqual({ cell: code, index: 0 });
    expect(deleteCell(without, 'data').removed).toBeNull();
    expect(insertCell(without, removed!.index, removed!.cell)).toEqual(doc);
    expect(updateCell(doc, code.id, { source: 'return 1' }).cells[0]).toMatchObject({ id: code.id, type: 'code', source: 'return 1' });
    expect(collapseAll(doc, true).cells.every((c) => c.collapsed)).toBe(true);
  });
});
