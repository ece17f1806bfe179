/** Sign-in throttling, counted in the database so every web replica sees the same attempts. */
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';

export interface Throttle {
  limited: boolean;
  retryAfterSeconds: number;
}

/** Limited when an email, or an IP, has had too many failures inside the window. */
export async function signInThrottle(email: string, ip: string): Promise<Throttle> {
  const { SIGNIN_MAX_FAILURES: max, SIGNIN_WINDOW_MINUTES: minutes } = env();
  const since = new Date(Date.now() - minutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db().signInAttempt.findMany({
      where: { email, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
    db().signInAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  // An IP gets more room than an address: several people may share one.
  if (byEmail.length < max && byIp < max * 4) return { limited: false, retryAfterSeconds: 0 };
  const oldest = byEmail[0]?.createdAt ?? since;
  const retry = Math.max(1, Math.ceil((oldest.getTime() + minutes * 60_000 - Date.now()) / 1000));
  return { limited: true, retryAfterSeconds: retry };
}

export async function recordSignInAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db().signInAttempt.create({ data: { email, ip, success } });
}
