/** Browser-side shapes of the Data-stage API (see the route handlers under app/api). */

export type {
  SnapshotColumnType,
  UploadColumnType,
  SnapshotDTO,
  SnapshotDetailDTO,
  SourceDTO,
  JobStatus,
  JobDTO,
  UploadDraftDTO,
} from '@/lib/api/dto';
import type { JobStatus, UploadColumnType } from '@/lib/api/dto';

export const UPLOAD_COLUMN_TYPES: UploadColumnType[] = ['numeric', 'categorical', 'boolean', 'text'];

export function isJobFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Badge class for a job status, reusing the stage badges of globals.css. */
export function jobBadgeClass(status: JobStatus): string {
  if (status === 'succeeded') return 'badge badge-passed';
  if (status === 'failed') return 'badge badge-failed';
  if (status === 'running' || status === 'queued') return 'badge badge-running';
  return 'badge badge-stale';
}
