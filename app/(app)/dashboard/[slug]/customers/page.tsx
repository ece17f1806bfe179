import { CustomersTable } from '@/components/dashboards/customers-table';
import { DashboardHeader } from '@/components/dashboards/dashboard-header';
import { optionsQuery } from '@/components/dashboards/format';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { listDashboardCustomers } from '@/lib/server/dashboards/customers';
import { flatParams, loadPage, paramText, type SearchParams } from '@/lib/server/dashboards/page-params';
import { BadOptions, NoScores } from '../no-scores';

export const metadata = { title: 'At-risk customers · ChurnLab' };

export default async function DashboardCustomersPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const slug = paramText((await params).slug);
  await requirePageUser('viewer', `/dashboard/${encodeURIComponent(slug)}/customers`);
  const sp = flatParams(await searchParams);
  const opts = { horizon: sp.horizon, value: sp.value };
  const { horizon: _h, value: _v, ...query } = sp;
  void _h;
  void _v;
  const loaded = await loadPage(() => listDashboardCustomers(slug, opts, query));
  if (!loaded.ok) return <BadOptions name={slug} message={loaded.message} back={`/dashboard/${encodeURIComponent(slug)}`} />;
  const r = loaded.data;
  if (!r) return <NoScores name={slug} />;
  return (
    <div className="stack">
      <DashboardHeader ctx={r.ctx} active="customers" query={optionsQuery(opts)} />
      <CustomersTable ctx={r.ctx} result={r.result} params={sp} />
    </div>
  );
}
