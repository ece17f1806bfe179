/** Resolves a dashboard request: project, its latest succeeded batch, value column and horizon. */
import { z } from 'zod';
import type { DashboardContextDTO } from '@/lib/api/dto';
import { detectSegmentColumns, detectValueColumn, toValue, valueColumnChoices, type SegmentColumn } from '@/lib/dashboards';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { latestBatch } from '@/lib/server/scoring/batches';
import { frameColumn, loadBatchFrame, type BatchFrame } from './batch-frame';

export const DEFAULT_HORIZON_MONTHS = 12;

/** `?horizon=` (months, 1–120) and `?value=` (a numeric column name) of every dashboard page and route. */
export const dashboardOptions = z.object({
  horizon: z.coerce.number().min(1).max(120).default(DEFAULT_HORIZON_MONTHS),
  value: z.string().max(200).optional(),
});
export type DashboardOptions = z.input<typeof dashboardOptions>;

export interface Dashboard {
  ctx: DashboardContextDTO;
  frame: BatchFrame;
  segmentColumns: SegmentColumn[];
  /** monthly value per customer of the frame (null = missing); null when there is no value column */
  values: (number | null)[] | null;
}

/** Drops empty query values (an empty form field means "not set", not 0). */
export function dropEmpty<T extends Record<string, unknown>>(q: T): Partial<T> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** Picks the first value of a repeated search param (pages receive string | string[]). */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function frameValues(frame: BatchFrame, valueColumn: string | null): (number | null)[] | null {
  if (!valueColumn || !frame.table.columnNames().includes(valueColumn)) return null;
  return frameColumn(frame, valueColumn).map(toValue);
}

/** The dashboard of a project's latest batch; `null` when the project has no succeeded batch yet. */
export async function loadDashboard(slug: string, options: DashboardOptions = {}): Promise<Dashboard | null> {
  const opts = dashboardOptions.parse(dropEmpty(options));
  const project = await getProjectBySlug(slug);
  const latest = await latestBatch(project.id);
  if (!latest) return null;
  const frame = await loadBatchFrame(latest.id);
  const choices = valueColumnChoices(frame.columns);
  if (opts.value !== undefined && opts.value !== '' && !choices.includes(opts.value)) {
    throw new AppError('bad_request', `value: "${opts.value.slice(0, 60)}" is not a numeric column (one of ${choices.slice(0, 10).join(', ') || 'none'})`);
  }
  const valueColumn = opts.value || detectValueColumn(frame.columns);
  const segmentColumns = detectSegmentColumns(frame.columns);
  return {
    frame,
    segmentColumns,
    values: frameValues(frame, valueColumn),
    ctx: {
      project: { slug: project.slug, name: project.name },
      batch: { id: latest.id, batchDate: latest.batchDate, modelName: latest.modelName, modelVersion: latest.modelVersion, threshold: frame.threshold, finishedAt: latest.finishedAt },
      valueColumn,
      valueChoices: choices,
      horizonMonths: opts.horizon,
      segmentColumns: segmentColumns.map((c) => ({ name: c.name, role: c.role, mode: c.mode })),
    },
  };
}
