import { describe, expect, it } from 'vitest';
import { hasRole, isRole, NAV_ITEMS, ROLES } from './roles';

describe('roles', () => {
  it('orders viewer < scientist < approver < admin', () => {
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('approver', 'scientist')).toBe(true);
    expect(hasRole('scientist', 'approver')).toBe(false);
    expect(hasRole('viewer', 'scientist')).toBe(false);
    for (const r of ROLES) expect(hasRole(r, r)).toBe(true);
  });
  it('recognises roles', () => {
    expect(isRole('approver')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
  it('shows viewers only the viewer navigation', () => {
    expect(NAV_ITEMS.filter((i) => hasRole('viewer', i.role)).map((i) => i.label)).toEqual(['Projects', 'Dashboards', 'API docs']);
  });
});
