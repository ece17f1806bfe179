import { MODEL_ALIASES, type ModelAliasName } from '@/lib/api/dto';
import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import { getModelDetail } from '@/lib/server/registry/registry';
import { resolveServed } from '@/lib/server/serving/serving-cache';

/** The served champion (or `?alias=challenger`): name, version, metrics and the input schema to send. */
export const GET = withRoute({ role: 'viewer', scope: 'predict' }, async ({ req }) => {
  const url = new URL(req.url);
  const alias = url.searchParams.get('alias') ?? 'champion';
  if (!(MODEL_ALIASES as readonly string[]).includes(alias)) throw new AppError('bad_request', `alias: must be one of ${MODEL_ALIASES.join(', ')}`);
  const served = await resolveServed(url.searchParams.get('model'), alias as ModelAliasName);
  const detail = await getModelDetail(served.modelName).catch(() => null);
  const version = detail?.model.versions.find((v) => v.id === served.versionId) ?? null;
  return {
    model: served.modelName,
    alias,
    version: version ?? { modelName: served.modelName, version: served.version, id: served.versionId, threshold: served.threshold },
    reasonsMethod: served.scorer.reasonsMethod,
    loadedAt: served.loadedAt.toISOString(),
    inputSchema: served.inputSchema,
  };
});
