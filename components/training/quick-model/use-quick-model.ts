'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FeatureSpecVersionDTO } from '@/lib/api/dto';
import type { QuickRunRequest, QuickWorkerMessage } from '@/lib/ml/quick/protocol';
import type { QuickModelKind, QuickModelResult } from '@/lib/ml/quick/types';
import type { SnapshotDTO } from '@/components/data/types';
import { fetchBytes } from '@/components/data/fetch-bytes';
import { apiFetch } from '@/components/ui/api-fetch';

/** What the panel shows: one state at a time. */
export type QuickState =
  | { status: 'idle' }
  | { status: 'running'; fraction: number | null; message: string }
  | { status: 'done'; result: QuickModelResult; sample: SampleInfo }
  | { status: 'error'; message: string }
  | { status: 'cancelled' };

/** The sample the server sent: rows in it and in the whole snapshot. */
export interface SampleInfo {
  rows: number | null;
  totalRows: number | null;
  snapshotId: string;
  snapshotName: string;
}

export interface QuickRunArgs {
  projectSlug: string;
  snapshot: SnapshotDTO;
  kind: QuickModelKind;
  rowCap: number;
}

const intHeader = (h: Headers, name: string) => {
  const v = h.get(name);
  return v !== null && /^\d+$/.test(v) ? Number(v) : null;
};

/**
 * Runs the quick model: downloads the sample (Parquet) and the project's latest feature spec, then fits in a
 * dedicated Web Worker. `cancel` aborts the download or terminates the worker. Never rejects: every failure
 * ends in the `error` state with a message.
 */
export function useQuickModel() {
  const [state, setState] = useState<QuickState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const abort = useRef<AbortController | null>(null);
  const runId = useRef(0);

  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const cancel = useCallback(() => {
    runId.current++;
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  const run = useCallback(
    async ({ projectSlug, snapshot, kind, rowCap }: QuickRunArgs) => {
      stop();
      const id = ++runId.current;
      const live = () => id === runId.current;
      if (!snapshot.targetColumn || snapshot.positiveValue === null) {
        setState({ status: 'error', message: `snapshot "${snapshot.name}" has no target column: upload it again choosing the churn column` });
        return;
      }
      const ac = new AbortController();
      abort.current = ac;
      setState({ status: 'running', fraction: null, message: 'downloading the sample' });
      try {
        const specsP = apiFetch<{ versions: FeatureSpecVersionDTO[] }>(`/api/projects/${encodeURIComponent(projectSlug)}/feature-specs`);
        const { bytes, headers } = await fetchBytes(
          `/api/snapshots/${encodeURIComponent(snapshot.id)}/data?rows=${rowCap}`,
          (loaded, total) => {
            if (live()) setState({ status: 'running', fraction: total ? 0.05 * (loaded / total) : null, message: 'downloading the sample' });
          },
          ac.signal,
        );
        const specs = await specsP;
        if (!live()) return;
        if (!specs.ok) throw new Error(`could not read the project's feature spec: ${specs.error}`);
        const latest = specs.data.versions[0];
        const sample: SampleInfo = { rows: intHeader(headers, 'x-churnlab-sampled'), totalRows: intHeader(headers, 'x-churnlab-total-rows'), snapshotId: snapshot.id, snapshotName: snapshot.name };
        const parquet = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
        const request: QuickRunRequest = {
          type: 'run',
          parquet,
          kind,
          target: snapshot.targetColumn,
          positiveValue: snapshot.positiveValue,
          savedSpec: latest ? { version: latest.version, spec: latest.spec } : null,
        };
        const w = new Worker(new URL('./quick-model.worker.ts', import.meta.url), { type: 'module', name: 'churnlab-quick-model' });
        worker.current = w;
        w.onmessage = (e: MessageEvent<QuickWorkerMessage>) => {
          if (!live()) return;
          const m = e.data;
          if (m.type === 'progress') {
            setState({ status: 'running', fraction: 0.05 + 0.95 * m.progress.fraction, message: m.progress.message });
            return;
          }
          w.terminate();
          worker.current = null;
          if (m.type === 'done') setState({ status: 'done', result: m.result, sample });
          else setState({ status: 'error', message: m.code === 'internal' ? `the quick model failed: ${m.message}` : m.message });
        };
        w.onerror = (e) => {
          e.preventDefault();
          if (!live()) return;
          w.terminate();
          worker.current = null;
          setState({ status: 'error', message: `the quick-model worker failed: ${e.message || 'it could not start'}` });
        };
        w.postMessage(request, [parquet]);
      } catch (err) {
        if (!live() || ac.signal.aborted) return;
        setState({ status: 'error', message: (err as Error).message });
      } finally {
        if (abort.current === ac) abort.current = null;
      }
    },
    [stop],
  );

  return { state, run, cancel };
}
