/** Roles in increasing order of power: each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'scientist', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** True when `role` is at least `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** API key scopes. `predict` scores customers; `read` reads projects, runs and models. */
export const API_SCOPES = ['predict', 'read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What each role sees in the navigation; the server checks the same gates on every request. */
export const NAV_ITEMS: { href: string; label: string; role: Role }[] = [
  { href: '/', label: 'Projects', role: 'viewer' },
  { href: '/dashboard', label: 'Dashboards', role: 'viewer' },
  { href: '/docs/api', label: 'API docs', role: 'viewer' },
  { href: '/settings/api-keys', label: 'API keys', role: 'scientist' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
];
