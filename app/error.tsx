'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack">
        <h1>Something went wrong</h1>
        <p className="muted">The error was logged{error.digest ? ` (reference ${error.digest})` : ''}.</p>
        <button className="btn" onClick={reset}>Try again</button>
      </div>
    </div>
  );
}
