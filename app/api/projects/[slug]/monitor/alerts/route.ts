import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { listAlerts } from '@/lib/server/monitoring/alerts';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const query = z.strictObject({ status: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

/** The alert inbox, most recently updated first (`?status=active|open|acknowledged|resolved`). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { alerts: await listAlerts(await projectIdForSlug(params.slug), q) };
});
