'use client';

import type { ColumnTable } from 'arquero';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { parquetToTable } from '@/lib/data/codecs/parquet';
import { formatBytes, formatDate, formatInt, formatMs, shortHash } from '@/lib/data/explore/format';
import { normalizeProfile, profileTargetRate, type ProfileRow } from '@/lib/data/explore/profile-view';
import { applyView, tableFromColumns, type ColumnFilter, type SortSpec } from '@/lib/data/explore/table-ops';
import type { ColumnKind } from '@/lib/data/profile/infer-types';
import { profileTable } from '@/lib/data/profile/profile-table';
import { ChartsPanel } from './charts-panel';
import { ExploreTable, type ExploreColumn } from './explore-table';
import { fetchBytes } from './fetch-bytes';
import { GroupByPanel } from './groupby-panel';
import { ProfilePanel } from './profile-panel';
import { ProgressBar } from './progress-bar';
import type { SnapshotDetailDTO } from './types';

type Phase =
  | { kind: 'downloading'; loaded: number; total: number | null }
  | { kind: 'decoding' }
  | { kind: 'ready' }
  | { kind: 'error'; message: string };

interface Loaded {
  meta: SnapshotDetailDTO;
  columns: ExploreColumn[];
  levelColumns: string[];
  profile: ProfileRow[];
  profileSource: 'server' | 'browser';
  overallRate: number | null;
  rows: number;
  /** Rows in the full snapshot when the server sent a sample. */
  sampledFrom: number | null;
  bytes: number;
  timing: { decodeMs: number; profileMs: number };
}

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * The snapshot explore page: downloads the snapshot's Parquet with a byte progress bar, decodes it in the browser
 * (hyparquet) into an arquero table kept in a ref, profiles it, and offers a virtual table with sort/filter, a
 * group-by summary and charts. All of it runs on the client; the server only serves bytes and metadata.
 */
export function SnapshotExplorer({ projectSlug, snapshotId }: { projectSlug: string; snapshotId: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'downloading', loaded: 0, total: null });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const tableRef = useRef<ColumnTable | null>(null);
  const [view, setView] = useState<ColumnTable | null>(null);
  const [filters, setFilters] = useState<ColumnFilter[]>([]);
  const [sort, setSort] = useState<SortSpec | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    let lastPct = -1;
    (async () => {
      setPhase({ kind: 'downloading', loaded: 0, total: null });
      const id = encodeURIComponent(snapshotId);
      const metaP = apiFetch<SnapshotDetailDTO>(`/api/snapshots/${id}`);
      const bytesP = fetchBytes(
        `/api/snapshots/${id}/data`,
        (l, t) => {
          // One state update per percent (or per MiB without a length) keeps React out of the download loop.
          const pct = t ? Math.floor((l / t) * 100) : Math.floor(l / 1048576);
          if (pct !== lastPct) {
            lastPct = pct;
            setPhase({ kind: 'downloading', loaded: l, total: t });
          }
        },
        ac.signal,
      );
      const meta = await metaP;
      if (!meta.ok) throw new Error(meta.error);
      const { bytes, headers } = await bytesP;
      if (ac.signal.aborted) return;
      setPhase({ kind: 'decoding' });
      await nextFrame(); // let "decoding…" paint before the main thread is busy

      const t0 = performance.now();
      const decoded = await parquetToTable(bytes);
      const t1 = performance.now();
      const snapshotTypes = new Map(meta.data.columns?.map((c) => [c.name, c.type]) ?? []);
      const kinds: Record<string, ColumnKind> = {};
      for (const name of decoded.table.columnNames()) {
        const t = snapshotTypes.get(name);
        if (t) kinds[name] = t;
      }
      const target = meta.data.targetColumn && decoded.table.columnNames().includes(meta.data.targetColumn) ? meta.data.targetColumn : undefined;
      let browserProfile: unknown = null;
      try {
        browserProfile = profileTable(decoded.table, { target, positive: target ? (meta.data.positiveValue ?? undefined) : undefined, kinds });
      } catch {
        // e.g. a target with more than two values: profile without the target rather than not at all
        browserProfile = profileTable(decoded.table, { kinds });
      }
      const t2 = performance.now();
      if (ac.signal.aborted) return;

      tableRef.current = tableFromColumns(decoded.table.columns);
      const serverRows = normalizeProfile(meta.data.profile);
      const browserRows = normalizeProfile(browserProfile);
      const kindOf = new Map(browserRows.map((r) => [r.name, r.type]));
      const names = decoded.table.columnNames();
      const sampledHeader = headers.get('x-churnlab-sampled');
      const totalHeader = headers.get('x-churnlab-total-rows');
      setLoaded({
        meta: meta.data,
        columns: names.map((name) => ({ name, numeric: decoded.table.columns[name] instanceof Float64Array })),
        levelColumns: names.filter((n) => {
          const k = snapshotTypes.get(n) ?? kindOf.get(n);
          return k === 'categorical' || k === 'boolean';
        }),
        profile: serverRows.length > 0 ? serverRows : browserRows,
        profileSource: serverRows.length > 0 ? 'server' : 'browser',
        overallRate: profileTargetRate(meta.data.profile) ?? profileTargetRate(browserProfile),
        rows: decoded.rowCount,
        sampledFrom: sampledHeader !== null ? Number(totalHeader ?? meta.data.rowCount) || meta.data.rowCount : null,
        bytes: bytes.byteLength,
        timing: { decodeMs: t1 - t0, profileMs: t2 - t1 },
      });
      setView(tableRef.current);
      setPhase({ kind: 'ready' });
    })().catch((e: unknown) => {
      if (ac.signal.aborted) return;
      setPhase({ kind: 'error', message: (e as Error).message });
    });
    return () => ac.abort();
  }, [snapshotId]);

  // Re-derive the view when filters or sort change; the base table lives in the ref.
  useEffect(() => {
    const base = tableRef.current;
    if (!base || phase.kind !== 'ready') return;
    try {
      setView(applyView(base, filters, sort));
      setViewError(null);
    } catch (e) {
      setViewError((e as Error).message);
    }
  }, [filters, sort, phase.kind]);

  const onFilters = useCallback((f: ColumnFilter[]) => {
    setFilters((prev) => (JSON.stringify(prev) === JSON.stringify(f) ? prev : f));
  }, []);

  const backHref = `/projects/${encodeURIComponent(projectSlug)}`;
  if (phase.kind === 'error') {
    return (
      <div className="stack">
        <Link href={backHref}>← Back to notebook</Link>
        <div className="alert alert-error" role="alert" data-testid="explore-error">{phase.message}</div>
      </div>
    );
  }
  if (phase.kind !== 'ready' || !loaded || !view) {
    return (
      <div className="stack">
        <Link href={backHref}>← Back to notebook</Link>
        <div className="card" data-testid="explore-progress" data-phase={phase.kind}>
          {phase.kind === 'downloading' ? (
            <ProgressBar
              value={phase.total ? phase.loaded / phase.total : null}
              label={`Downloading snapshot: ${formatBytes(phase.loaded)}${phase.total ? ` of ${formatBytes(phase.total)}` : ''}`}
            />
          ) : (
            <ProgressBar value={null} label="Decoding…" />
          )}
        </div>
      </div>
    );
  }

  const { meta } = loaded;
  const totalMs = loaded.timing.decodeMs + loaded.timing.profileMs;
  return (
    <div className="stack">
      <Link href={backHref}>← Back to notebook</Link>
      <div className="page-head">
        <div>
          <h1 data-testid="snapshot-name">{meta.name}</h1>
          <p className="muted">
            {meta.origin} · {formatInt(meta.rowCount)} rows × {formatInt(meta.columnCount)} columns · <code title={meta.hash}>{shortHash(meta.hash)}</code>
            {meta.windowStart || meta.windowEnd ? ` · window ${formatDate(meta.windowStart)} → ${formatDate(meta.windowEnd)}` : ''}
            {meta.targetColumn ? ` · target ${meta.targetColumn}${meta.positiveValue !== null ? ` = ${meta.positiveValue}` : ''}` : ' · no target'}
          </p>
        </div>
        <span
          className="badge"
          data-testid="explore-timing"
          data-ms={Math.round(totalMs)}
          data-decode-ms={Math.round(loaded.timing.decodeMs)}
          data-profile-ms={Math.round(loaded.timing.profileMs)}
          title="Time spent in the browser decoding the Parquet file and profiling it"
        >
          decode {formatMs(loaded.timing.decodeMs)} + profile {formatMs(loaded.timing.profileMs)} = {formatMs(totalMs)} · {formatBytes(loaded.bytes)}
        </span>
      </div>
      {loaded.sampledFrom !== null && (
        <div className="alert alert-info" data-testid="explore-sampled">
          Showing a sample of {formatInt(loaded.rows)} of {formatInt(loaded.sampledFrom)} rows; the server profile below covers all rows.
        </div>
      )}

      <section className="card stack">
        <h2>Profile {loaded.profileSource === 'browser' && <span className="muted" style={{ fontSize: 12, fontWeight: 400 }}>(computed in the browser)</span>}</h2>
        <ProfilePanel rows={loaded.profile} source={loaded.profileSource} />
      </section>

      <section className="card stack">
        <h2>Rows</h2>
        {viewError && <div className="alert alert-error">{viewError}</div>}
        <ExploreTable view={view} columns={loaded.columns} totalRows={loaded.rows} sort={sort} onSort={setSort} onFilters={onFilters} />
      </section>

      <section className="card stack">
        <h2>Group by</h2>
        <GroupByPanel view={view} columns={loaded.columns} target={meta.targetColumn} positive={meta.positiveValue} />
      </section>

      <section className="card stack">
        <h2>Charts</h2>
        <ChartsPanel
          view={view}
          columns={loaded.columns}
          levelColumns={loaded.levelColumns}
          target={meta.targetColumn}
          positive={meta.positiveValue}
          overallRate={loaded.overallRate}
        />
      </section>
    </div>
  );
}
