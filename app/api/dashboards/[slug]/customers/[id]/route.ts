import { withRoute } from '@/lib/server/http/with-route';
import { getDashboardCustomer } from '@/lib/server/dashboards/customers';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';
import { paramText } from '@/lib/server/dashboards/page-params';

/** One customer: current score, reasons, history over batches, raw record and what the what-if scorer needs. */
export const GET = withRoute<{ slug: string; id: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) =>
  orNoScores(await getDashboardCustomer(params.slug, paramText(params.id), splitParams(req.url).options)),
);
