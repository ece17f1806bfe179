import { DashboardHeader } from '@/components/dashboards/dashboard-header';
import { optionsQuery } from '@/components/dashboards/format';
import { TargetingView } from '@/components/dashboards/targeting-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { flatParams, loadPage, paramText, type SearchParams } from '@/lib/server/dashboards/page-params';
import { getTargeting } from '@/lib/server/dashboards/targeting';
import { BadOptions, NoScores } from '../no-scores';

export const metadata = { title: 'Retention targeting · ChurnLab' };

export default async function DashboardTargetingPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const slug = paramText((await params).slug);
  await requirePageUser('viewer', `/dashboard/${encodeURIComponent(slug)}/targeting`);
  const sp = flatParams(await searchParams);
  const opts = { horizon: sp.horizon, value: sp.value };
  const loaded = await loadPage(() => getTargeting(slug, opts, { cost: sp.cost, retained: sp.retained, success: sp.success }));
  if (!loaded.ok) return <BadOptions name={slug} message={loaded.message} back={`/dashboard/${encodeURIComponent(slug)}`} />;
  const r = loaded.data;
  if (!r) return <NoScores name={slug} />;
  return (
    <div className="stack">
      <DashboardHeader ctx={r.ctx} active="targeting" query={optionsQuery(opts)} />
      <TargetingView slug={slug} options={opts} initial={r.targeting} />
    </div>
  );
}
