import { UsersTable } from '@/components/admin/users-table';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { listUsers } from '@/lib/server/users/users';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requirePageUser('admin', '/admin/users');
  const users = await listUsers();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">Roles: viewer &lt; scientist &lt; approver &lt; admin. Each role can do everything the ones before it can.</p>
        </div>
      </div>
      <UsersTable initial={users} meId={me.id} />
    </div>
  );
}
