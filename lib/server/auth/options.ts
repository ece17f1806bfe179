/** next-auth configuration: email + password (argon2id), JWT sessions, sign-in throttling. */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { dummyHash, verifyPassword } from '@/lib/server/auth/password';
import { recordSignInAttempt, signInThrottle } from '@/lib/server/auth/rate-limit';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';

const credentials = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(200) });

/** Messages the sign-in page shows as they are (next-auth passes a thrown message through as `error`). */
export const SIGNIN_ERRORS = { invalid: 'CredentialsSignin' } as const;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.['x-forwarded-for'];
  const first = typeof fwd === 'string' ? fwd.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : '') || 'unknown';
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
          const throttle = await signInThrottle(email, ip);
          if (throttle.limited) {
            const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
            throw new Error(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
          }
          const user = await db().user.findUnique({ where: { email } });
          const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
          if (!user || !ok || user.disabled) {
            await recordSignInAttempt(email, ip, false);
            return null;
          }
          await recordSignInAttempt(email, ip, true);
          await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
          return { id: user.id, email: user.email, name: user.name ?? user.email };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
