import type { ReactNode } from 'react';
import { hasRole, NAV_ITEMS, type Role } from '@/lib/auth/roles';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

export function AppShell({ user, children }: { user: { email: string; name: string | null; role: Role }; children: ReactNode }) {
  const items = NAV_ITEMS.filter((i) => hasRole(user.role, i.role)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          ChurnLab<small>churn-model workbench</small>
        </div>
        <NavLinks items={items} />
        <div className="whoami" data-testid="whoami">
          <strong>{user.name ?? user.email}</strong>
          {user.email} · <span data-testid="role">{user.role}</span>
          <div style={{ marginTop: 8 }}>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="main">{children}</main>
    </div>
  );
}
