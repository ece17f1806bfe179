import { pipelineSettingsPatch } from '@/lib/pipeline/settings';
import { withRoute } from '@/lib/server/http/with-route';
import { getPipelineSettings, updatePipelineSettings } from '@/lib/server/pipeline/settings';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** The project's pipeline settings, every default filled in (lib/pipeline/settings). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => ({ settings: await getPipelineSettings(await projectIdForSlug(params.slug)) }));

/** Merges `{ ingest?, features?, training?, registry? }` (each partial) into the settings; bad fields → 400/422 naming them. */
export const PATCH = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const patch = await json(pipelineSettingsPatch);
  return { settings: await updatePipelineSettings(await projectIdForSlug(params.slug), patch, user!.id) };
});
