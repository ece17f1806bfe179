/**
 * The one wrapper of every route handler: authentication (session or API key), role/scope check, body size
 * limit, JSON parsing and error mapping. The handler body only parses its input and calls lib/server.
 */
import type { ZodType } from 'zod';
import type { ApiScope, Role } from '@/lib/auth/roles';
import { bearerToken, verifyApiKeyCached, type VerifiedKey } from '@/lib/server/api-keys/api-keys';
import { checkUserRole, getCurrentUser, type CurrentUser } from '@/lib/server/auth/session';
import { toErrorResponse } from '@/lib/server/errors';
import { parseJsonText, readBodyText } from './json-body';

export { parseJsonText, readBodyText };

export interface RouteContext<P> {
  req: Request;
  params: P;
  user: CurrentUser | null;
  apiKey: VerifiedKey | null;
  /** Reads and validates the JSON body (size-limited); bad JSON → 400, schema failure → 400 naming fields. */
  json<T>(schema: ZodType<T>): Promise<T>;
}

export interface RouteOptions {
  /** Session role required (ignored when the request authenticates with an API key of `scope`). */
  role?: Role;
  /** API key scope that also grants access; without it, only sessions are accepted. */
  scope?: ApiScope;
  /** 'public' skips authentication entirely (health checks). */
  auth?: 'session' | 'public';
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 1_000_000;

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  return parseJsonText(await readBodyText(req, maxBytes));
}

/** The headers of every JSON answer, from either wrapper. */
export const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/**
 * Who is calling, for both route wrappers (this one and withNodeRoute): nobody for 'public' routes; with a `scope`
 * and an Authorization header, the API key it carries (401 unless it is a valid, unrevoked key of that scope, 403
 * for another scope); otherwise the signed-in user of `role` (401 signed out, 403 below the role).
 */
export async function authenticate(
  opts: Pick<RouteOptions, 'auth' | 'role' | 'scope'>,
  authorization: string | null | undefined,
  currentUser: () => Promise<CurrentUser | null>,
): Promise<{ user: CurrentUser | null; apiKey: VerifiedKey | null }> {
  if (opts.auth === 'public') return { user: null, apiKey: null };
  if (opts.scope && authorization) return { user: null, apiKey: await verifyApiKeyCached(bearerToken(authorization), opts.scope) };
  return { user: checkUserRole(await currentUser(), opts.role ?? 'viewer'), apiKey: null };
}

export function withRoute<P = Record<string, string>>(
  opts: RouteOptions,
  handler: (ctx: RouteContext<P>) => Promise<Response | unknown>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, routeCtx) => {
    try {
      const { user, apiKey } = await authenticate(opts, req.headers.get('authorization'), getCurrentUser);
      const params = (await routeCtx?.params) ?? ({} as P);
      const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const result = await handler({
        req,
        params,
        user,
        apiKey,
        json: async (schema) => schema.parse(await readJsonBody(req, maxBody)),
      });
      return result instanceof Response ? result : jsonResponse(result);
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      return jsonResponse(body, status, headers);
    }
  };
}
