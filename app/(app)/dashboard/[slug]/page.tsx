import { DashboardHeader } from '@/components/dashboards/dashboard-header';
import { optionsQuery } from '@/components/dashboards/format';
import { OverviewView } from '@/components/dashboards/overview-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { getOverview } from '@/lib/server/dashboards/overview';
import { flatParams, loadPage, paramText, type SearchParams } from '@/lib/server/dashboards/page-params';
import { BadOptions, NoScores } from './no-scores';

export const metadata = { title: 'Churn overview · ChurnLab' };

export default async function DashboardOverviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const slug = paramText((await params).slug);
  await requirePageUser('viewer', `/dashboard/${encodeURIComponent(slug)}`);
  const sp = flatParams(await searchParams);
  const loaded = await loadPage(() => getOverview(slug, { horizon: sp.horizon, value: sp.value }));
  if (!loaded.ok) return <BadOptions name={slug} message={loaded.message} back={`/dashboard/${encodeURIComponent(slug)}`} />;
  const o = loaded.data;
  if (!o) return <NoScores name={slug} />;
  return (
    <div className="stack">
      <DashboardHeader ctx={o} active="overview" query={optionsQuery({ horizon: sp.horizon, value: sp.value })} />
      <OverviewView o={o} />
    </div>
  );
}
