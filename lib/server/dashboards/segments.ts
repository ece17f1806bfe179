/** Churn risk and revenue at risk per segment of each detected segment column. */
import type { DashboardContextDTO, DashboardSegmentDTO } from '@/lib/api/dto';
import { aggregateSegments, segmentOf, segmentOrder, type SegmentColumn } from '@/lib/dashboards';
import { frameColumn, type BatchFrame } from './batch-frame';
import { loadDashboard, type Dashboard, type DashboardOptions } from './context';

/** Segment label of every customer of the frame for one column. */
export function segmentLabels(frame: BatchFrame, col: SegmentColumn): string[] {
  return frameColumn(frame, col.name).map((v) => segmentOf(col, v));
}

export function segmentsOf(d: Dashboard): DashboardSegmentDTO[] {
  return d.segmentColumns.map((col) => ({
    column: col.name,
    role: col.role,
    rows: aggregateSegments(segmentLabels(d.frame, col), d.frame.probability, d.values, d.frame.threshold, d.ctx.horizonMonths, segmentOrder(col)),
  }));
}

export async function getSegments(slug: string, options: DashboardOptions = {}): Promise<{ ctx: DashboardContextDTO; segments: DashboardSegmentDTO[] } | null> {
  const d = await loadDashboard(slug, options);
  return d ? { ctx: d.ctx, segments: segmentsOf(d) } : null;
}
