import { z } from 'zod';
import { listSpecVersions, saveSpecVersion } from '@/lib/server/features/specs';
import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** Every version of the project's feature spec, newest first (version 1 = the default, created on first read). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => {
  return { versions: await listSpecVersions(await projectIdForSlug(params.slug)) };
});

const body = z.strictObject({ spec: z.unknown(), note: z.string().max(500).optional() });

/** Saves `{ spec, note? }` as the next version; an invalid spec → 422 naming each bad path. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist', maxBodyBytes: 256_000 }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const saved = await saveSpecVersion(projectId, user!.id, input.spec, input.note ?? '');
  return Response.json(saved, { status: 201 });
});
