'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  // null only while a Pages Router page renders, and there are none (pages/ holds API routes only)
  const pathname = usePathname() ?? '';
  return (
    <nav className="nav" aria-label="Main">
      {items.map((i) => {
        const active = i.href === '/' ? pathname === '/' || pathname.startsWith('/projects') : pathname.startsWith(i.href);
        return (
          <Link key={i.href} href={i.href} aria-current={active ? 'page' : undefined}>
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
