import { z } from 'zod';
import type { SloSummaryDTO } from '@/lib/api/dto';
import { LATENCY_BUCKETS_MS } from '@/lib/monitoring/slo';
import { withRoute } from '@/lib/server/http/with-route';
import { predictionDeciles, projectSlo } from '@/lib/server/monitoring/slo-summary';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const query = z.strictObject({
  availability: z.coerce.number().gt(0).lt(1).optional(),
  latencyTarget: z.coerce.number().gt(0).lt(1).optional(),
  latencyThresholdMs: z.coerce.number().refine((v) => (LATENCY_BUCKETS_MS as readonly number[]).includes(v), { message: `must be one of ${LATENCY_BUCKETS_MS.join(', ')}` }).optional(),
});

/** SLO summary of the prediction API for this project's models (availability 99.9 %, p95 < 100 ms by default). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }): Promise<SloSummaryDTO> => {
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const projectId = await projectIdForSlug(params.slug);
  const [slo, deciles] = await Promise.all([projectSlo(projectId, new Date(), q), predictionDeciles(projectId)]);
  return { ...slo, deciles };
});
