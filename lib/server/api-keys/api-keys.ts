/**
 * API keys: `cl_` + 32 random bytes (base64url). Only the SHA-256 of the key is stored, so a key is shown once
 * at creation and cannot be recovered. A high-entropy random secret needs no slow hash: SHA-256 lookup is safe.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export interface ApiKeyDTO {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
}

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'is required').max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, 'choose at least one scope').transform((s) => [...new Set(s)]),
});

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

type Row = { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; createdBy?: { email: string } };

function toDTO(k: Row): ApiKeyDTO {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy?.email ?? '',
  };
}

/** Creates a key; returns the secret once, together with its stored record. */
export async function createApiKey(userId: string, input: z.input<typeof createApiKeyInput>): Promise<{ key: string; apiKey: ApiKeyDTO }> {
  const data = createApiKeyInput.parse(input);
  const key = `cl_${randomBytes(32).toString('base64url')}`;
  const row = await db().$transaction(async (tx) => {
    const k = await tx.apiKey.create({
      data: { name: data.name, prefix: key.slice(0, 10), hash: hashApiKey(key), scopes: data.scopes, createdById: userId },
      include: { createdBy: { select: { email: true } } },
    });
    await recordAudit({ actorId: userId, action: 'apikey.create', target: `apikey:${k.id}`, detail: { name: k.name, scopes: k.scopes } }, tx);
    return k;
  });
  return { key, apiKey: toDTO(row) };
}

/** Keys visible to a user: their own, or every key for an admin. */
export async function listApiKeys(userId: string, all: boolean): Promise<ApiKeyDTO[]> {
  const rows = await db().apiKey.findMany({
    where: all ? {} : { createdById: userId },
    orderBy: { createdAt: 'desc' },
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map(toDTO);
}

export async function revokeApiKey(actorId: string, keyId: string, isAdmin: boolean): Promise<ApiKeyDTO> {
  return db().$transaction(async (tx) => {
    const k = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!k || (!isAdmin && k.createdById !== actorId)) throw new AppError('not_found', `no API key ${keyId}`);
    if (k.revokedAt) return toDTO(k);
    const updated = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAudit({ actorId, action: 'apikey.revoke', target: `apikey:${keyId}`, detail: { name: k.name } }, tx);
    return toDTO(updated);
  }).finally(forgetApiKeyVerdicts);
}

export interface VerifiedKey {
  id: string;
  scopes: ApiScope[];
  userId: string;
}

/**
 * Checks a bearer key and its scope. Missing, unknown or revoked → 401; valid but without the scope → 403.
 * The owner must still be an active scientist or admin (a key dies with its owner's rights).
 */
export async function verifyApiKey(key: string | null | undefined, scope: ApiScope): Promise<VerifiedKey> {
  if (!key) throw new AppError('unauthorized', 'missing API key: send "Authorization: Bearer <key>"', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (!/^cl_[A-Za-z0-9_-]{20,100}$/.test(key)) throw new AppError('unauthorized', 'invalid API key', undefined, { 'WWW-Authenticate': 'Bearer' });
  const k = await db().apiKey.findUnique({ where: { hash: hashApiKey(key) }, include: { createdBy: { select: { role: true, disabled: true } } } });
  if (!k) throw new AppError('unauthorized', 'invalid API key', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (k.revokedAt) throw new AppError('unauthorized', 'API key has been revoked', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (k.createdBy.disabled) throw new AppError('unauthorized', 'API key owner is disabled', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (!k.scopes.includes(scope)) throw new AppError('forbidden', `API key lacks the "${scope}" scope`);
  // Last-used is informative; do not make the request wait for it.
  void db().apiKey.update({ where: { id: k.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return { id: k.id, scopes: k.scopes as ApiScope[], userId: k.createdById };
}

/** Extracts the token from an `Authorization: Bearer …` header. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

// ---- verification cache (the prediction API's hot path) -----------------------------------------------------

interface CachedVerdict {
  at: number;
  key?: VerifiedKey;
  error?: AppError;
}
const FRESH_MS = 2_000;
const STALE_MAX_MS = 10 * 60_000;
const CACHE = Symbol.for('churnlab.api-key-cache');
function verdicts(): Map<string, CachedVerdict> {
  const g = globalThis as unknown as Record<symbol, Map<string, CachedVerdict> | undefined>;
  return (g[CACHE] ??= new Map());
}

/**
 * `verifyApiKey` with a short per-process cache: a verdict is reused for 2 s (a revocation in this process
 * clears it at once; other processes see it within 2 s). When the database is unreachable, a key verified in
 * the last 10 minutes keeps working, so cached models keep serving through an outage.
 */
export async function verifyApiKeyCached(key: string | null | undefined, scope: ApiScope): Promise<VerifiedKey> {
  if (!key || !/^cl_[A-Za-z0-9_-]{20,100}$/.test(key)) return verifyApiKey(key, scope);
  const map = verdicts();
  const id = hashApiKey(key);
  const hit = map.get(id);
  const now = Date.now();
  const check = (v: CachedVerdict): VerifiedKey => {
    if (v.error) throw v.error;
    if (!v.key!.scopes.includes(scope)) throw new AppError('forbidden', `API key lacks the "${scope}" scope`);
    return v.key!;
  };
  if (hit && now - hit.at < FRESH_MS) return check(hit);
  try {
    // Verify against the key's own scopes, then check the asked scope from the cache (one entry per key).
    const k = await db().apiKey.findUnique({ where: { hash: id }, include: { createdBy: { select: { disabled: true } } } });
    let verdict: CachedVerdict;
    if (!k) verdict = { at: now, error: new AppError('unauthorized', 'invalid API key', undefined, { 'WWW-Authenticate': 'Bearer' }) };
    else if (k.revokedAt) verdict = { at: now, error: new AppError('unauthorized', 'API key has been revoked', undefined, { 'WWW-Authenticate': 'Bearer' }) };
    else if (k.createdBy.disabled) verdict = { at: now, error: new AppError('unauthorized', 'API key owner is disabled', undefined, { 'WWW-Authenticate': 'Bearer' }) };
    else {
      verdict = { at: now, key: { id: k.id, scopes: k.scopes as ApiScope[], userId: k.createdById } };
      if (!hit?.key || now - (k.lastUsedAt?.getTime() ?? 0) > 60_000) void db().apiKey.update({ where: { id: k.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
    }
    if (map.size > 10_000) map.clear();
    map.set(id, verdict);
    return check(verdict);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (hit && now - hit.at < STALE_MAX_MS) return check(hit);
    throw new AppError('unavailable', 'cannot verify the API key: the database is unreachable', undefined, { 'Retry-After': '5' });
  }
}

/** Forgets cached verdicts (after a revocation or a role change). */
export function forgetApiKeyVerdicts(): void {
  verdicts().clear();
}
