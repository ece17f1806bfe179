/** The overview: customers scored, share at high risk, revenue at risk, risk distribution, trend over batches. */
import type { DashboardOverviewDTO, DashboardTrendPointDTO } from '@/lib/api/dto';
import { revenueAtRisk, riskHistogram } from '@/lib/dashboards';
import { listBatches } from '@/lib/server/scoring/batches';
import { frameValues, loadDashboard, type DashboardOptions } from './context';
import { loadBatchFrame } from './batch-frame';

/** How many of the newest batches the trend covers. */
export const TREND_BATCHES = 12;

function highRisk(prob: Float64Array, threshold: number): number {
  let k = 0;
  for (let i = 0; i < prob.length; i++) if (prob[i] >= threshold) k++;
  return k;
}

/** Overview of the latest batch; null when the project has no scores yet. */
export async function getOverview(slug: string, options: DashboardOptions = {}): Promise<DashboardOverviewDTO | null> {
  const d = await loadDashboard(slug, options);
  if (!d) return null;
  const { frame, ctx } = d;
  const high = highRisk(frame.probability, frame.threshold);
  let mean = 0;
  for (let i = 0; i < frame.n; i++) mean += frame.probability[i];
  const rev = d.values ? revenueAtRisk(frame.probability, d.values, ctx.horizonMonths) : null;

  // Trend: one point per succeeded batch date (the newest batch of a date wins), oldest first.
  const batches = (await listBatches(frame.batch.projectId, { limit: 200 })).filter((b) => b.status === 'succeeded');
  const perDate = new Map<string, (typeof batches)[number]>();
  for (const b of batches) if (!perDate.has(b.batchDate)) perDate.set(b.batchDate, b);
  const recent = [...perDate.values()].sort((a, b) => (a.batchDate < b.batchDate ? 1 : -1)).slice(0, TREND_BATCHES).reverse();
  const trend: DashboardTrendPointDTO[] = [];
  for (const b of recent) {
    const f = await loadBatchFrame(b.id);
    const vals = frameValues(f, ctx.valueColumn);
    trend.push({
      batchId: b.id,
      batchDate: b.batchDate,
      modelVersion: b.modelVersion,
      customers: f.n,
      highRiskShare: f.n ? highRisk(f.probability, f.threshold) / f.n : 0,
      revenueAtRisk: vals ? revenueAtRisk(f.probability, vals, ctx.horizonMonths).revenueAtRisk : null,
    });
  }
  return {
    ...ctx,
    customers: frame.n,
    highRisk: high,
    highRiskShare: frame.n ? high / frame.n : 0,
    meanProbability: frame.n ? mean / frame.n : 0,
    revenueAtRisk: rev?.revenueAtRisk ?? null,
    revenueTotal: rev?.revenueTotal ?? null,
    histogram: riskHistogram(frame.probability, 10),
    trend,
  };
}
