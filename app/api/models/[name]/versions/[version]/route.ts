import { withRoute } from '@/lib/server/http/with-route';
import { AppError } from '@/lib/server/errors';
import { getModelCard } from '@/lib/server/registry/registry';

/** The model card of one version. */
export const GET = withRoute<{ name: string; version: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => {
  const v = Number(params.version);
  if (!Number.isInteger(v) || v < 1) throw new AppError('bad_request', `version: "${params.version}" is not a version number`);
  return getModelCard(params.name, v);
});
