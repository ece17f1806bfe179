import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack">
        <h1>404 · Not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/">Back to projects</Link>
      </div>
    </div>
  );
}
