import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_SETTINGS } from '../pipeline/settings';
import { defaultNotebook, type Cell, type NotebookDoc } from './doc';
import { buildGraph, currentFingerprint, downstreamOf, runOrder, staleCells, upstreamOf, type NotebookGraph, type RunState } from './graph';
import { referencedIdentifiers } from './references';

function doc(free: Cell[]): NotebookDoc {
  const d = defaultNotebook(DEFAULT_PIPELINE_SETTINGS);
  // free cells after the data stage cell
  return { ...d, cells: [d.cells[0], ...free, ...d.cells.slice(1)] };
}
const code = (id: string, source: string): Cell => ({ id, type: 'code', name: id, source });

/** Runs `ids` in order, recording fingerprints as the notebook does. */
function run(graph: NotebookGraph, state: Record<string, { fingerprint: string; seq: number }>, ids: string[], seq = { n: 0 }) {
  for (const id of ids) state[id] = { fingerprint: currentFingerprint(graph, state, id), seq: ++seq.n };
  return state;
}

describe('references', () => {
  it('ignores strings, comments and property access; reads template expressions and spreads', () => {
    const src = `
      // base is in a comment
      /* other too */
      const s = "base" + 'other' + \`\${top.x} base\`;
      const t = snapshot.base;   // .base is a property
      const u = obj?.other;
      const v = [...spread, 1e5, 0x1f];
      return kept;`;
    const ids = referencedIdentifiers(src);
    expect(ids).toEqual(expect.arrayContaining(['top', 'snapshot', 'obj', 'spread', 'kept']));
    expect(ids).not.toContain('base');
    expect(ids).not.toContain('other');
    expect(ids).not.toContain('x');
    expect(ids).not.toContain('e5');
  });
});

describe('the dependency graph', () => {
  it('chains stage cells, links snapshot readers to the data cell and code cells by name, charts by input', () => {
    const g = buildGraph(doc([code('a', 'return snapshot'), code('b', 'return a'), { id: 'ch', type: 'chart', spec: { input: 'b', mark: 'bar' } }, { id: 'm', type: 'markdown', source: 'a b' }]));
    expect(g.nodes.get('validate')!.deps).toEqual(['data']);
    expect(g.nodes.get('monitor')!.deps).toEqual(['serve']);
    expect(g.nodes.get('a')!.deps).toEqual(['data']);
    expect(g.nodes.get('b')!.deps).toEqual(['a']);
    expect(g.nodes.get('ch')!.deps).toEqual(['b']);
    expect(g.nodes.get('m')!.deps).toEqual([]);
    expect(g.errors).toEqual([]);
    expect(downstreamOf(g, 'a')).toEqual(['b', 'ch']);
    expect(upstreamOf(g, 'ch')).toEqual(['data', 'a', 'b']);
  });

  it('reports cycles naming the cells, and refuses to order them', () => {
    const g = buildGraph(doc([code('a', 'return b'), code('b', 'return a'), code('c', 'return 1')]));
    expect(g.errors).toHaveLength(1);
    expect(g.errors[0].cells.sort()).toEqual(['a', 'b']);
    expect(g.errors[0].message).toMatch(/cycle: code cell "(a|b)" → code cell "(a|b)" → code cell "\1"/);
    expect(() => runOrder(g, ['a', 'c'])).toThrow(/cycle: a/);
    expect(runOrder(g, ['c'])).toEqual(['c']);
  });

  it('orders runs topologically even against document order', () => {
    const g = buildGraph(doc([code('late', 'return early'), code('early', 'return snapshot'), code('x', 'return late')]));
    expect(runOrder(g, ['x', 'late', 'early'])).toEqual(['early', 'late', 'x']);
    expect(() => runOrder(g, ['nope'])).toThrow(RangeError);
  });
});

describe('stale marking', () => {
  // The diamond: top → left, right → bottom.
  const diamond = (topSource = 'return snapshot', leftSource = 'return top') =>
    buildGraph(doc([code('top', topSource), code('left', leftSource), code('right', 'return top'), code('bottom', 'return [left, right]')]));

  it('nothing is stale before or right after a run; cells never run are not stale', () => {
    const g = diamond();
    expect(staleCells(g, {})).toEqual([]);
    const state = run(g, {}, runOrder(g, ['top', 'left', 'right', 'bottom']));
    expect(staleCells(g, state)).toEqual([]);
  });

  it('editing the top of a diamond marks every cell below it stale; re-running in order clears them', () => {
    const g = diamond();
    const seq = { n: 0 };
    const state = run(g, {}, ['top', 'left', 'right', 'bottom'], seq);
    const edited = diamond('return snapshot.slice(0, 10)');
    expect(staleCells(edited, state)).toEqual(['top', 'left', 'right', 'bottom']);
    run(edited, state, ['top'], seq);
    expect(staleCells(edited, state)).toEqual(['left', 'right', 'bottom']);
    run(edited, state, ['left'], seq);
    // bottom still waits for right
    expect(staleCells(edited, state)).toEqual(['right', 'bottom']);
    run(edited, state, runOrder(edited, ['bottom', 'right']), seq);
    expect(staleCells(edited, state)).toEqual([]);
  });

  it('editing one side marks only that side and the bottom', () => {
    const g = diamond();
    const state = run(g, {}, ['top', 'left', 'right', 'bottom']);
    expect(staleCells(diamond(undefined, 'return top.filter(Boolean)'), state)).toEqual(['left', 'bottom']);
  });

  it('re-running an unchanged upstream cell makes its dependents stale (its output may differ)', () => {
    const g = diamond();
    const seq = { n: 0 };
    const state = run(g, {}, ['top', 'left', 'right', 'bottom'], seq);
    run(g, state, ['right'], seq);
    expect(staleCells(g, state)).toEqual(['bottom']);
  });

  it('a new snapshot (the data stage token) makes snapshot readers stale; reverting an edit un-stales', () => {
    const g = diamond();
    const state = run(g, {}, ['top', 'left', 'right', 'bottom']);
    const newData = buildGraph(doc([code('top', 'return snapshot'), code('left', 'return top'), code('right', 'return top'), code('bottom', 'return [left, right]')]), { data: 'snap-2' });
    expect(staleCells(newData, state)).toEqual(['top', 'left', 'right', 'bottom']);
    expect(staleCells(diamond(), state)).toEqual([]);
  });

  it('charts follow their input; RunState entries of deleted cells are ignored', () => {
    const cells = [code('t', 'return snapshot'), { id: 'ch', type: 'chart', spec: { input: 't', mark: 'bar' } } as Cell];
    const g = buildGraph(doc(cells));
    const state: RunState = run(g, { gone: { fingerprint: 'x', seq: 99 } }, ['t', 'ch']);
    const g2 = buildGraph(doc([code('t', 'return snapshot.x'), cells[1]]));
    expect(staleCells(g2, state)).toEqual(['t', 'ch']);
  });
});
