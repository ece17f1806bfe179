import Link from 'next/link';

/** Shown for a project that has no succeeded score batch yet. */
export function NoScores({ name }: { name: string }) {
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{name}</h1>
        <Link className="btn" href="/dashboard">
          All projects
        </Link>
      </div>
      <div className="empty" data-testid="dashboard-empty">
        No scores yet for this project: the dashboards fill in once an approved champion has scored the customers.
      </div>
    </div>
  );
}

/** Shown when the query string has options the dashboard cannot use (e.g. a text column as the value). */
export function BadOptions({ name, message, back }: { name: string; message: string; back: string }) {
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{name}</h1>
      </div>
      <div className="alert alert-error" data-testid="dashboard-bad-options">
        {message}
      </div>
      <Link href={back}>Back to the dashboard with default options</Link>
    </div>
  );
}
