/** Retention targeting over the latest batch: profit curve, best threshold, target list and its CSV. */
import { z } from 'zod';
import type { DashboardContextDTO, DashboardTargetingDTO } from '@/lib/api/dto';
import { toCsv } from '@/lib/data/codecs/csv-safe';
import { planTargets, TARGET_CSV_HEADER, targetCsvRows, type TargetingResult } from '@/lib/dashboards';
import { dropEmpty, loadDashboard, type DashboardOptions } from './context';

export const targetingQuery = z.object({
  cost: z.coerce.number().min(0).max(1e9).default(20),
  /** value of a retained customer; default: horizon × mean monthly value of the batch, else 500 */
  retained: z.coerce.number().min(0).max(1e12).optional(),
  success: z.coerce.number().min(0).max(1).default(0.3),
});
export type TargetingQuery = z.input<typeof targetingQuery>;

/** Targets shown in the page / JSON (the CSV has all). */
export const TARGETS_SHOWN = 50;

async function plan(slug: string, options: DashboardOptions, query: TargetingQuery): Promise<{ ctx: DashboardContextDTO; result: TargetingResult } | null> {
  const d = await loadDashboard(slug, options);
  if (!d) return null;
  const q = targetingQuery.parse(dropEmpty(query));
  let retained = q.retained;
  if (retained === undefined) {
    let s = 0;
    let k = 0;
    for (const v of d.values ?? []) if (v !== null) (s += v), k++;
    retained = k ? Math.round((s / k) * d.ctx.horizonMonths) : 500;
  }
  const { frame } = d;
  const candidates = Array.from({ length: frame.n }, (_, i) => ({ customerId: frame.customerIds[i], probability: frame.probability[i], value: d.values ? d.values[i] : null }));
  return { ctx: d.ctx, result: planTargets(candidates, { costPerContact: q.cost, valueRetained: retained, successRate: q.success }) };
}

export async function getTargeting(slug: string, options: DashboardOptions, query: TargetingQuery): Promise<{ ctx: DashboardContextDTO; targeting: DashboardTargetingDTO } | null> {
  const p = await plan(slug, options, query);
  if (!p) return null;
  const r = p.result;
  return {
    ctx: p.ctx,
    targeting: {
      params: r.params,
      threshold: r.threshold,
      expectedProfit: r.expectedProfit,
      contacted: r.contacted,
      customers: r.customers,
      curve: r.curve.map((c) => ({ threshold: c.threshold, contacted: c.contacted, profit: c.profit })),
      targets: r.targets.slice(0, TARGETS_SHOWN),
      shown: TARGETS_SHOWN,
    },
  };
}

/** The whole target list as spreadsheet-safe CSV (csv-safe `toCsv`). */
export async function targetsCsv(slug: string, options: DashboardOptions, query: TargetingQuery): Promise<{ csv: string; fileName: string } | null> {
  const p = await plan(slug, options, query);
  if (!p) return null;
  return { csv: toCsv(TARGET_CSV_HEADER, targetCsvRows(p.result.targets)), fileName: `targets-${p.ctx.project.slug}-${p.ctx.batch.batchDate}.csv` };
}
