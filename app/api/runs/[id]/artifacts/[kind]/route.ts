import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import { runArtifact } from '@/lib/server/training/runs';

/** Download a run's model or fitted-transform artifact (versioned JSON). */
export const GET = withRoute<{ id: string; kind: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => {
  if (params.kind !== 'model' && params.kind !== 'transform') throw new AppError('not_found', `no artifact kind "${params.kind}" (model or transform)`);
  const { fileName, body } = await runArtifact(params.id, params.kind);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, max-age=31536000, immutable' },
  });
});
