import { requirePageUser } from '@/lib/server/auth/page-guard';

export const metadata = { title: 'Dashboards' };

export default async function DashboardPage() {
  await requirePageUser('viewer', '/dashboard');
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Churn dashboards</h1>
          <p className="muted">Who is about to leave, why, what it is worth, and whom to call.</p>
        </div>
      </div>
      <div className="empty" data-testid="dashboard-empty">
        No scores yet. Once a champion model is approved and the nightly batch has scored every customer, this page
        shows churn risk, revenue at risk by segment, at-risk customers with their reasons, and retention targets.
      </div>
    </div>
  );
}
