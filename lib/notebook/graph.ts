/**
 * The notebook's dependency graph and its stale marking (as Observable and Hex do): stage cells chain in pipeline
 * order; a code cell depends on the data stage when it reads `snapshot` and on every code cell whose name it
 * mentions; a chart cell depends on its `spec.input`; markdown depends on nothing.
 *
 * Staleness uses fingerprints. When a cell runs, it records `fingerprint = hash(own content + each dependency's
 * token)`, where a dependency's token is the output it last produced (its recorded fingerprint and run number)
 * or, if it never ran, its content. A cell is stale when it has run and its recorded fingerprint no longer
 * matches (its content changed, or a dependency re-ran or changed since), or when any dependency is stale.
 */
import type { Cell, NotebookDoc } from './doc';
import { cellLabel } from './doc';
import { referencedIdentifiers } from './references';

export interface GraphNode {
  id: string;
  type: Cell['type'];
  /** what the cell's result depends on, besides its inputs (code source + timeout, chart spec, stage token) */
  content: string;
  /** ids of the cells it reads, in document order */
  deps: string[];
}

export interface NotebookGraph {
  nodes: Map<string, GraphNode>;
  /** ids in document order */
  order: string[];
  /** cycles, each naming the cells in it */
  errors: { cells: string[]; message: string }[];
}

/** What a run recorded: its fingerprint and a run number that grows with every run of the notebook. */
export interface RunRecord {
  fingerprint: string;
  seq: number;
}
export type RunState = Readonly<Record<string, RunRecord | undefined>>;

/** 53-bit string hash (cyrb53), as 14 hex digits: fingerprints only, not security. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Builds the graph of `doc`'s cells. `stageTokens` gives a stage cell's content (e.g. the latest snapshot id for
 * `data`), so a new snapshot changes what `snapshot` readers see.
 */
export function buildGraph(doc: Pick<NotebookDoc, 'cells'>, stageTokens: Readonly<Record<string, string>> = {}): NotebookGraph {
  const byName = new Map<string, string>();
  for (const c of doc.cells) if (c.type === 'code') byName.set(c.name, c.id);
  const dataCell = doc.cells.find((c) => c.type === 'stage' && c.stage === 'data')?.id;
  const inputOf = (name: string): string | undefined => (name === 'snapshot' ? dataCell : byName.get(name));
  const nodes = new Map<string, GraphNode>();
  let prevStage: string | undefined;
  for (const c of doc.cells) {
    let deps: string[] = [];
    let content: string;
    if (c.type === 'stage') {
      if (prevStage) deps = [prevStage];
      prevStage = c.id;
      content = `stage:${c.stage}:${stageTokens[c.stage] ?? ''}`;
    } else if (c.type === 'code') {
      deps = referencedIdentifiers(c.source).flatMap((w) => {
        const id = inputOf(w);
        return id && id !== c.id ? [id] : [];
      });
      content = `code:${c.timeoutMs ?? ''}:${c.snapshotId ?? ''}:${c.source}`;
    } else if (c.type === 'chart') {
      const id = inputOf(c.spec.input);
      if (id) deps = [id];
      content = `chart:${JSON.stringify(c.spec)}`;
    } else {
      content = `markdown:${c.source}`;
    }
    nodes.set(c.id, { id: c.id, type: c.type, content, deps: [...new Set(deps)] });
  }
  const order = doc.cells.map((c) => c.id);
  const labels = new Map(doc.cells.map((c) => [c.id, cellLabel(c)]));
  const errors = findCycles(nodes, order).map((cycle) => ({
    cells: cycle,
    message: `cycle: ${[...cycle, cycle[0]].map((id) => labels.get(id) ?? id).join(' → ')}`,
  }));
  return { nodes, order, errors };
}

/** Each cycle once (its ids in dependency order), by DFS over deps. */
function findCycles(nodes: Map<string, GraphNode>, order: string[]): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const d of nodes.get(id)?.deps ?? []) {
      const s = state.get(d);
      if (s === 1) cycles.push(stack.slice(stack.indexOf(d)).reverse());
      else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of order) if (!state.has(id)) visit(id);
  return cycles;
}

/** Cells in a cycle (they cannot run). */
export function cyclicCells(graph: NotebookGraph): Set<string> {
  return new Set(graph.errors.flatMap((e) => e.cells));
}

/** The fingerprint `id` would record if it ran now (throws RangeError for an unknown id). */
export function currentFingerprint(graph: NotebookGraph, runState: RunState, id: string): string {
  const node = graph.nodes.get(id);
  if (!node) throw new RangeError(`no cell "${id}" in the notebook`);
  return hashString([node.content, ...node.deps.map((d) => `${d}=${token(graph, runState, d)}`)].join('\u0000'));
}

function token(graph: NotebookGraph, runState: RunState, id: string): string {
  const run = runState[id];
  if (run) return `ran:${run.fingerprint}:${run.seq}`;
  return `unrun:${hashString(graph.nodes.get(id)?.content ?? '')}`;
}

/** The cells that have run and are out of date (their own change or any upstream's), in document order. */
export function staleCells(graph: NotebookGraph, runState: RunState): string[] {
  const memo = new Map<string, boolean>();
  const cyclic = cyclicCells(graph);
  const isStale = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false); // guards cycles
    const node = graph.nodes.get(id);
    let stale = false;
    if (node && !cyclic.has(id)) {
      const run = runState[id];
      const upstream = node.deps.some((d) => isStale(d));
      // A cell that never ran is "not run", not stale; it becomes stale only once it has a result to be out of date.
      stale = !!run && (upstream || run.fingerprint !== currentFingerprint(graph, runState, id));
    }
    memo.set(id, stale);
    return stale;
  };
  return graph.order.filter((id) => isStale(id));
}

/** Every cell that depends on `id`, directly or not (not `id` itself), in document order. */
export function downstreamOf(graph: NotebookGraph, id: string): string[] {
  const dependents = new Map<string, string[]>();
  for (const n of graph.nodes.values()) for (const d of n.deps) dependents.set(d, [...(dependents.get(d) ?? []), n.id]);
  const seen = new Set<string>();
  const walk = (x: string) => {
    for (const y of dependents.get(x) ?? []) if (!seen.has(y) && y !== id) (seen.add(y), walk(y));
  };
  walk(id);
  return graph.order.filter((x) => seen.has(x));
}

/** Every cell `id` depends on, directly or not (not `id` itself), in document order. */
export function upstreamOf(graph: NotebookGraph, id: string): string[] {
  const seen = new Set<string>();
  const walk = (x: string) => {
    for (const d of graph.nodes.get(x)?.deps ?? []) if (!seen.has(d) && d !== id) (seen.add(d), walk(d));
  };
  walk(id);
  return graph.order.filter((x) => seen.has(x));
}

/**
 * `ids` in an order where each cell comes after the cells it depends on (ties in document order). Throws
 * RangeError for an unknown id or when the cells depend on each other in a cycle (naming them).
 */
export function runOrder(graph: NotebookGraph, ids: readonly string[]): string[] {
  const want = new Set(ids);
  for (const id of want) if (!graph.nodes.has(id)) throw new RangeError(`no cell "${id}" in the notebook`);
  const cyclic = cyclicCells(graph);
  const bad = [...want].filter((id) => cyclic.has(id));
  if (bad.length) throw new RangeError(`cannot run cells in a cycle: ${bad.join(', ')}`);
  const out: string[] = [];
  const done = new Set<string>();
  const place = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    // Upstream cells outside `ids` are not added, but their own upstream members of `ids` still go first.
    for (const d of graph.nodes.get(id)!.deps) place(d);
    if (want.has(id)) out.push(id);
  };
  for (const id of graph.order) if (want.has(id)) place(id);
  return out;
}
