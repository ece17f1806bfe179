import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DEFAULT_PIPELINE_SETTINGS } from '../pipeline/settings';
import { STAGES } from '../pipeline/stages';
import { cellCounts, defaultNotebook, freeName, MAX_SOURCE_CHARS, notebookProblems, parseNotebook, type Cell } from './doc';

const base = () => defaultNotebook(DEFAULT_PIPELINE_SETTINGS);
const withCells = (cells: Cell[]) => ({ ...base(), cells });
const stageCells = () => base().cells;

function messages(json: unknown): string {
  try {
    parseNotebook(json);
  } catch (e) {
    if (e instanceof ZodError) return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    return (e as Error).message;
  }
  return '';
}

describe('the notebook document', () => {
  it('defaults to the 8 stage cells in pipeline order, ids = stage ids, and round-trips through JSON', () => {
    const doc = base();
    expect(doc.cells.map((c) => c.id)).toEqual(STAGES.map((s) => s.id));
    expect(parseNotebook(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    expect(cellCounts(doc)).toEqual({ stage: 8, markdown: 0, code: 0, chart: 0 });
  });

  it('accepts free cells anywhere between stage cells', () => {
    const cells = stageCells();
    cells.splice(1, 0, { id: 'm1', type: 'markdown', source: '# hi' }, { id: 'k1', type: 'code', name: 'churners', source: 'return snapshot' });
    cells.push({ id: 'ch1', type: 'chart', spec: { input: 'churners', mark: 'bar' } });
    cells.unshift({ id: 'm0', type: 'markdown', source: 'intro' });
    const doc = parseNotebook(withCells(cells));
    expect(cellCounts(doc)).toEqual({ stage: 8, markdown: 2, code: 1, chart: 1 });
  });

  it('refuses a missing, duplicated or reordered stage cell, naming it', () => {
    expect(messages(withCells(stageCells().filter((c) => c.id !== 'train')))).toMatch(/stage cell "train" is missing/);
    const dup = stageCells();
    dup.push({ id: 'x', type: 'stage', stage: 'data' });
    expect(messages(withCells(dup))).toMatch(/cells\.8 \(stage cell "data"\): stage "data" appears twice/);
    const swapped = stageCells();
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(messages(withCells(swapped))).toMatch(/cells\.3 \(stage cell "evaluate"\): stage "evaluate" must come after "train"/);
  });

  it('refuses duplicate ids and names, reserved names and non-identifiers, naming the cell', () => {
    const cells = stageCells();
    cells.push({ id: 'a', type: 'code', name: 'x1', source: '' }, { id: 'a', type: 'markdown', source: '' });
    expect(messages(withCells(cells))).toMatch(/cells\.9 \(markdown cell a\)\.id: duplicate id "a"/);
    const names = stageCells();
    names.push({ id: 'a', type: 'code', name: 'x1', source: '' }, { id: 'b', type: 'code', name: 'x1', source: '' });
    expect(messages(withCells(names))).toMatch(/cells\.9 \(code cell "x1"\)\.name: duplicate name "x1"/);
    const reserved = stageCells();
    reserved.push({ id: 'a', type: 'code', name: 'snapshot', source: '' });
    expect(messages(withCells(reserved))).toMatch(/"snapshot" is reserved/);
    const bad = stageCells();
    bad.push({ id: 'a', type: 'code', name: '1abc', source: '' });
    expect(messages(withCells(bad))).toMatch(/cells\.8\.name: must be a JavaScript identifier/);
  });

  it('enforces size limits and the format/version', () => {
    const big = stageCells();
    big.push({ id: 'a', type: 'markdown', source: 'x'.repeat(MAX_SOURCE_CHARS + 1) });
    expect(messages(withCells(big))).toMatch(/cells\.8\.source: must be at most 100000 characters/);
    const many = stageCells();
    for (let i = 0; i < 200; i++) many.push({ id: `m${i}`, type: 'markdown', source: '' });
    expect(messages(withCells(many))).toMatch(/at most 200 cells/);
    expect(messages({ ...base(), format: 'jupyter' })).toMatch(/format: expected "churnlab.notebook"/);
    expect(messages({ ...base(), version: 2 })).toMatch(/version: this ChurnLab reads notebook version 1, got 2/);
    expect(messages([])).toMatch(/must be a JSON object/);
    expect(messages({ ...base(), pipeline: { training: { family: 'svm' } } })).toMatch(/pipeline\.training\.family/);
  });

  it('notebookProblems is empty for a valid list; freeName avoids used and reserved names', () => {
    expect(notebookProblems(stageCells())).toEqual([]);
    const doc = withCells([...stageCells(), { id: 'a', type: 'code', name: 'cell', source: '' }]);
    expect(freeName(doc, 'cell')).toBe('cell2');
    expect(freeName(doc, 'other')).toBe('other');
    expect(freeName(doc, 'snapshot')).toBe('snapshot2');
  });
});
