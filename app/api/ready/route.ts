import { readiness } from '@/lib/server/health/readiness';

/** Readiness: the database answers (and, once models are served, the champion is loaded). */
export const dynamic = 'force-dynamic';

export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
