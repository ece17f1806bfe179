import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/app-shell';
import { requirePageUser } from '@/lib/server/auth/page-guard';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('viewer');
  return <AppShell user={{ email: user.email, name: user.name, role: user.role }}>{children}</AppShell>;
}
