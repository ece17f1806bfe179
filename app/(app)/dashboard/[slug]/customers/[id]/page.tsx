import Link from 'next/link';
import { DashboardHeader } from '@/components/dashboards/dashboard-header';
import { CustomerDetailView } from '@/components/dashboards/customer-detail-view';
import { dashboardBase, optionsQuery } from '@/components/dashboards/format';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { getDashboardCustomer } from '@/lib/server/dashboards/customers';
import { flatParams, loadPage, paramText, type SearchParams } from '@/lib/server/dashboards/page-params';
import { BadOptions, NoScores } from '../../no-scores';

export const metadata = { title: 'Customer · ChurnLab' };

export default async function DashboardCustomerPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<SearchParams> }) {
  const p = await params;
  const slug = paramText(p.slug);
  const id = paramText(p.id);
  await requirePageUser('viewer', `/dashboard/${encodeURIComponent(slug)}/customers/${encodeURIComponent(id)}`);
  const sp = flatParams(await searchParams);
  const opts = { horizon: sp.horizon, value: sp.value };
  const loaded = await loadPage(() => getDashboardCustomer(slug, id, opts));
  if (!loaded.ok) return <BadOptions name={slug} message={loaded.message} back={`/dashboard/${encodeURIComponent(slug)}`} />;
  const r = loaded.data;
  if (!r) return <NoScores name={slug} />;
  return (
    <div className="stack">
      <DashboardHeader ctx={r.ctx} active="customers" query={optionsQuery(opts)} />
      <Link href={`${dashboardBase(slug)}/customers${optionsQuery(opts)}`}>← At-risk customers</Link>
      <CustomerDetailView ctx={r.ctx} detail={r.detail} />
    </div>
  );
}
