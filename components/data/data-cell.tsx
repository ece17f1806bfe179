'use client';

import { useCallback, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { useRouter } from 'next/navigation';
import { IngestPanel } from './ingest-panel';
import { SnapshotList } from './snapshot-list';
import { isJobFinished, type JobDTO, type SnapshotDTO, type SourceDTO } from './types';
import { UploadPanel } from './upload-panel';

export type { JobDTO, SnapshotDTO, SourceDTO } from './types';

export interface DataCellProps {
  projectSlug: string;
  /** scientist and above: may upload and ingest. */
  canEdit: boolean;
  /** Newest first, as GET /api/projects/{slug}/snapshots returns them. */
  initialSnapshots: SnapshotDTO[];
  initialSources: SourceDTO[];
  initialJobs: JobDTO[];
}

/** The notebook's Data cell: the project's snapshots, plus upload and SQL ingest for editors. */
export function DataCell({ projectSlug, canEdit, initialSnapshots, initialSources, initialJobs }: DataCellProps) {
  const [snapshots, setSnapshots] = useState(initialSnapshots);
  const [listError, setListError] = useState<string | null>(null);
  // Follow an ingest that was already running when the page loaded.
  const [activeJob] = useState(() => initialJobs.find((j) => j.type.includes('ingest') && !isJobFinished(j.status)) ?? null);

  // The stage badges are rendered on the server: refresh them when the snapshots change.
  const router = useRouter();
  const refresh = useCallback(async () => {
    const res = await apiFetch<{ snapshots: SnapshotDTO[] }>(`/api/projects/${encodeURIComponent(projectSlug)}/snapshots`);
    if (!res.ok) return setListError(res.error);
    setListError(null);
    setSnapshots(res.data.snapshots);
    router.refresh();
  }, [projectSlug, router]);

  const onCreated = useCallback(
    (s: SnapshotDTO) => {
      setSnapshots((list) => [s, ...list.filter((x) => x.id !== s.id)]);
      router.refresh();
    },
    [router],
  );

  return (
    <div className="stack" data-testid="data-cell">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 style={{ margin: 0 }}>Snapshots</h3>
        <button type="button" className="btn" onClick={refresh}>Refresh</button>
      </div>
      {listError && <div className="alert alert-error" role="alert">{listError}</div>}
      <SnapshotList projectSlug={projectSlug} snapshots={snapshots} />
      {canEdit ? (
        <div className="grid" style={{ gridTemplateColumns: '1fr' }}>
          <UploadPanel projectSlug={projectSlug} onCreated={onCreated} />
          <IngestPanel projectSlug={projectSlug} sources={initialSources} activeJob={activeJob} onSucceeded={refresh} />
        </div>
      ) : (
        <p className="muted">Viewers can explore snapshots; uploading and ingesting need the scientist role.</p>
      )}
    </div>
  );
}
