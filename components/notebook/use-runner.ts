'use client';

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CodeCell, NotebookDoc } from '@/lib/notebook/doc';
import { buildGraph, currentFingerprint, runOrder, staleCells, upstreamOf, type RunRecord } from '@/lib/notebook/graph';
import type { RunResult, TableData } from '@/lib/notebook/sandbox/protocol';
import { DEFAULT_CELL_TIMEOUT_MS } from '@/lib/notebook/sandbox/protocol';
import { loadSnapshotSample } from './sandbox/load-snapshot';
import { useSandbox } from './sandbox/use-sandbox';

export interface CellRun {
  result: RunResult;
  /** when it finished (ms since epoch) */
  at: number;
}

/**
 * Runs code cells in the sandbox and keeps what the stale marking needs: each cell's last result, the tables the
 * cells returned (by cell name, for other cells and charts), and the fingerprint each run recorded
 * (lib/notebook/graph). `snapshot` is a sample of the chosen (default: latest) snapshot, loaded once per page.
 * Running a cell first runs the code cells it reads that have no result yet.
 */
export function useRunner({ doc, latestSnapshotId }: { doc: NotebookDoc; latestSnapshotId: string | null }) {
  const sandbox = useSandbox();
  const [runs, setRuns] = useState<Record<string, CellRun>>({});
  const [runState, setRunState] = useState<Record<string, RunRecord>>({});
  const [tables, setTables] = useState<Record<string, TableData>>({});
  const [runningId, setRunningId] = useState<string | null>(null);
  const [queue, setQueue] = useState<string[]>([]);
  const seq = useRef(0);
  const stateRef = useRef(runState);
  const tablesRef = useRef(tables);
  const snapshots = useRef(new Map<string, Promise<TableData>>());
  const docRef = useRef(doc);
  useLayoutEffect(() => {
    docRef.current = doc;
  }, [doc]);
  const cancelled = useRef(false);

  const graph = useMemo(() => buildGraph(doc, { data: latestSnapshotId ?? '' }), [doc, latestSnapshotId]);
  const stale = useMemo(() => {
    const s = new Set(staleCells(graph, runState).filter((id) => graph.nodes.get(id)?.type === 'code'));
    // A chart draws its input live: it is stale exactly when that input is.
    for (const n of graph.nodes.values()) if (n.type === 'chart' && n.deps.some((d) => s.has(d))) s.add(n.id);
    return s;
  }, [graph, runState]);

  const loadSnapshot = useCallback(
    (snapshotId: string | undefined): Promise<TableData> => {
      const id = snapshotId ?? latestSnapshotId;
      if (!id) return Promise.reject(new Error('this project has no snapshot yet: load data in the Data cell first'));
      let p = snapshots.current.get(id);
      if (!p) {
        p = loadSnapshotSample(id).then((r) => r.data);
        p.catch(() => snapshots.current.delete(id));
        snapshots.current.set(id, p);
      }
      return p;
    },
    [latestSnapshotId],
  );

  /** Loads the latest snapshot sample into `tables.snapshot` (for charts over `snapshot`). */
  const ensureSnapshot = useCallback(async () => {
    if (tablesRef.current.snapshot) return;
    try {
      const data = await loadSnapshot(undefined);
      tablesRef.current = { ...tablesRef.current, snapshot: data };
      setTables(tablesRef.current);
    } catch {
      // shown by the chart as "no data"
    }
  }, [loadSnapshot]);

  const runOne = useCallback(
    async (cell: CodeCell): Promise<boolean> => {
      const g = buildGraph(docRef.current, { data: latestSnapshotId ?? '' });
      const fingerprint = currentFingerprint(g, stateRef.current, cell.id);
      const inputs: Record<string, TableData> = {};
      const started = performance.now();
      let result: RunResult;
      try {
        for (const dep of g.nodes.get(cell.id)!.deps) {
          const depCell = docRef.current.cells.find((c) => c.id === dep);
          if (depCell?.type === 'stage') inputs.snapshot = await loadSnapshot(cell.snapshotId);
          else if (depCell?.type === 'code' && tablesRef.current[depCell.name]) inputs[depCell.name] = tablesRef.current[depCell.name];
        }
        setRunningId(cell.id);
        result = await sandbox.run({ source: cell.source, inputs, timeoutMs: cell.timeoutMs ?? DEFAULT_CELL_TIMEOUT_MS });
      } catch (e) {
        result = { ok: false, error: { name: 'Error', message: (e as Error).message }, logs: [], ms: performance.now() - started, timedOut: false };
      }
      stateRef.current = { ...stateRef.current, [cell.id]: { fingerprint, seq: ++seq.current } };
      setRunState(stateRef.current);
      const nextTables = { ...tablesRef.current };
      if (result.ok && result.value) nextTables[cell.name] = result.value;
      else delete nextTables[cell.name];
      tablesRef.current = nextTables;
      setTables(nextTables);
      setRuns((r) => ({ ...r, [cell.id]: { result, at: Date.now() } }));
      return result.ok;
    },
    [latestSnapshotId, loadSnapshot, sandbox],
  );

  /** Runs `ids` (and code cells they read that never ran) in dependency order; stops at the first failure. */
  const runCells = useCallback(
    async (ids: string[]): Promise<void> => {
      const g = buildGraph(docRef.current, { data: latestSnapshotId ?? '' });
      const want = new Set(ids.filter((id) => g.nodes.get(id)?.type === 'code'));
      for (const id of [...want]) for (const up of upstreamOf(g, id)) if (g.nodes.get(up)?.type === 'code' && !stateRef.current[up]) want.add(up);
      let order: string[];
      try {
        order = runOrder(g, [...want]);
      } catch (e) {
        for (const id of ids) {
          setRuns((r) => ({ ...r, [id]: { result: { ok: false, error: { name: 'CycleError', message: (e as Error).message }, logs: [], ms: 0, timedOut: false }, at: Date.now() } }));
        }
        return;
      }
      cancelled.current = false;
      setQueue(order);
      try {
        for (const id of order) {
          if (cancelled.current) break;
          const cell = docRef.current.cells.find((c): c is CodeCell => c.id === id && c.type === 'code');
          if (!cell) continue;
          if (!(await runOne(cell))) break;
        }
      } finally {
        setRunningId(null);
        setQueue([]);
      }
    },
    [latestSnapshotId, runOne],
  );

  const stop = useCallback(() => {
    cancelled.current = true;
    sandbox.stop();
  }, [sandbox]);

  /** Forgets a deleted cell's result. */
  const forget = useCallback((id: string) => {
    setRuns((r) => {
      const { [id]: _gone, ...rest } = r;
      void _gone;
      return rest;
    });
  }, []);

  return { graph, stale, runs, runState, tables, runningId, queue, runCells, stop, ensureSnapshot, forget };
}
