import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that importing this module during `next build` reads no environment.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions());
}

export { handler as GET, handler as POST };
