'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button className="btn" style={{ padding: '3px 10px', fontSize: 12 }} onClick={() => signOut({ callbackUrl: '/signin' })}>
      Sign out
    </button>
  );
}
