import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/signin-form';
import { getCurrentUser } from '@/lib/server/auth/session';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect would let a link send a user elsewhere after signing in.
  const target = callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  if (await getCurrentUser()) redirect(target);
  return (
    <div className="auth-wrap">
      <div className="card auth-card stack">
        <div>
          <h1>ChurnLab</h1>
          <p className="muted">Sign in to your workbench.</p>
        </div>
        <SignInForm callbackUrl={target} />
      </div>
    </div>
  );
}
