import { withRoute } from '@/lib/server/http/with-route';
import { saveNotebook } from '@/lib/server/notebook/save-notebook';
import { getNotebook } from '@/lib/server/notebook/versions';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { z } from 'zod';

/** The current notebook document and its version (null until the first save). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => getNotebook(await projectIdForSlug(params.slug)));

/**
 * Saves `{ doc, baseVersion, kind?, label? }`; 409 when baseVersion is not the latest, 422 naming a bad cell. The
 * body is capped at 5 MB (413 beyond), below what 200 cells × 100 kB would allow: big data belongs in snapshots.
 */
export const PUT = withRoute<{ slug: string }>({ role: 'scientist', maxBodyBytes: 5_000_000 }, async ({ params, json, user }) => {
  const body = await json(z.unknown());
  return saveNotebook(await projectIdForSlug(params.slug), body, { id: user!.id, role: user!.role });
});
