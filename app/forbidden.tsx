import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack" data-testid="forbidden">
        <h1>403 · Not allowed</h1>
        <p className="muted">Your role does not give access to this page. Ask an admin if you need it.</p>
        <Link href="/">Back to projects</Link>
      </div>
    </div>
  );
}
