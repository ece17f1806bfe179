import { withRoute } from '@/lib/server/http/with-route';
import { createUser, createUserInput, listUsers } from '@/lib/server/users/users';

export const GET = withRoute({ role: 'admin' }, async () => ({ users: await listUsers() }));

export const POST = withRoute({ role: 'admin' }, async ({ json, user }) => {
  const input = await json(createUserInput);
  return Response.json(await createUser(input, user!.id), { status: 201 });
});
