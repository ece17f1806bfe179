import Link from 'next/link';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { listDashboardProjects } from '@/lib/server/dashboards/projects-summary';

export const metadata = { title: 'Dashboards' };

/** Project picker: each project with the customers scored and share at high risk of its latest batch. */
export default async function DashboardPage() {
  await requirePageUser('viewer', '/dashboard');
  const projects = await listDashboardProjects();
  const scored = projects.filter((p) => p.batch);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Churn dashboards</h1>
          <p className="muted">Who is about to leave, why, what it is worth, and whom to call.</p>
        </div>
      </div>
      {scored.length === 0 && (
        <div className="empty" data-testid="dashboard-empty">
          No scores yet. Once a champion model is approved and the nightly batch has scored every customer, this page
          shows churn risk, revenue at risk by segment, at-risk customers with their reasons, and retention targets.
        </div>
      )}
      <div className="grid" data-testid="dashboard-projects">
        {projects.map((p) => (
          <div key={p.slug} className="card stack" data-testid="dashboard-project">
            <h2 style={{ margin: 0 }}>{p.batch ? <Link href={`/dashboard/${encodeURIComponent(p.slug)}`}>{p.name}</Link> : p.name}</h2>
            {p.batch ? (
              <>
                <span>
                  <strong>{p.batch.customers.toLocaleString('en-US')}</strong> customers scored
                  {p.batch.highRiskShare !== null && (
                    <>
                      , <strong>{(p.batch.highRiskShare * 100).toFixed(1)}%</strong> at high risk
                    </>
                  )}
                </span>
                <span className="muted">
                  {p.batch.batchDate} · {p.batch.modelName} v{p.batch.modelVersion}
                </span>
              </>
            ) : (
              <span className="muted">No scores yet.</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
