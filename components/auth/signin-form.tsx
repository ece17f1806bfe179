'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

/** next-auth reports a rejected password as "CredentialsSignin"; anything else is our own message (e.g. throttling). */
function describe(error: string): string {
  if (error === 'CredentialsSignin') return 'Wrong email or password.';
  if (error === 'Configuration' || error === 'Callback') return 'Sign-in is unavailable right now. Try again shortly.';
  return error;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      setError(describe(res?.error ?? 'Callback'));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="signin-error">
          {error}
        </div>
      )}
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
