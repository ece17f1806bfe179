import { DashboardHeader } from '@/components/dashboards/dashboard-header';
import { dashboardBase, optionsQuery } from '@/components/dashboards/format';
import { SegmentsView } from '@/components/dashboards/segments-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { flatParams, loadPage, paramText, type SearchParams } from '@/lib/server/dashboards/page-params';
import { getSegments } from '@/lib/server/dashboards/segments';
import { BadOptions, NoScores } from '../no-scores';

export const metadata = { title: 'Churn by segment · ChurnLab' };

export default async function DashboardSegmentsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const slug = paramText((await params).slug);
  await requirePageUser('viewer', `/dashboard/${encodeURIComponent(slug)}/segments`);
  const sp = flatParams(await searchParams);
  const opts = { horizon: sp.horizon, value: sp.value };
  const loaded = await loadPage(() => getSegments(slug, opts));
  if (!loaded.ok) return <BadOptions name={slug} message={loaded.message} back={`/dashboard/${encodeURIComponent(slug)}`} />;
  const r = loaded.data;
  if (!r) return <NoScores name={slug} />;
  const customers = `${dashboardBase(slug)}/customers`;
  return (
    <div className="stack">
      <DashboardHeader ctx={r.ctx} active="segments" query={optionsQuery(opts)} />
      <SegmentsView segments={r.segments} customersHref={(column, segment) => `${customers}${optionsQuery(opts, { segment: column, in: segment })}`} />
    </div>
  );
}
