/**
 * `withRoute` for a route served as a Next API route on Node's own request and response (`pages/api`): the same
 * authentication (API key of a scope, or a session of a role), body size limit and error mapping, answered with
 * the same JSON. An App Router handler costs every request a Web `Request`, body and response streams and an
 * AbortSignal on top of this; `npm run bench:api` measures the difference on its echo routes. Only the prediction
 * API is served this way: it is the one route where the framework's cost per request decides the throughput.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiScope, Role } from '@/lib/auth/roles';
import type { VerifiedKey } from '@/lib/server/api-keys/api-keys';
import { getCurrentUserOfNodeRequest, type CurrentUser } from '@/lib/server/auth/session';
import { AppError, toErrorResponse } from '@/lib/server/errors';
import { readNodeBodyText } from './json-body';
import { authenticate, JSON_HEADERS } from './with-route';

export interface NodeRouteContext {
  req: IncomingMessage;
  /** the request's path and query (the host is a placeholder: only the path and query are meaningful) */
  url: URL;
  user: CurrentUser | null;
  apiKey: VerifiedKey | null;
  /** aborted when the client goes away before the answer is sent */
  signal: AbortSignal;
  /** The body as text, at most the route's `maxBodyBytes` (413 past it). Read once. */
  bodyText(): Promise<string>;
}

/** An answer whose JSON is already serialized (e.g. by a scoring thread). */
export class JsonText {
  constructor(readonly text: string) {}
}

export interface NodeRouteOptions {
  /** Session role required (ignored when the request authenticates with an API key of `scope`). */
  role?: Role;
  /** API key scope that also grants access; without it, only sessions are accepted. */
  scope?: ApiScope;
  /** 'public' skips authentication entirely (the benchmark's echo). */
  auth?: 'session' | 'public';
  maxBodyBytes?: number;
  /** Methods answered (others get 405 with `Allow`); POST by default. */
  methods?: readonly string[];
}

const DEFAULT_MAX_BODY = 1_000_000;

/** Sends `body` (a value to serialize, or JsonText) with the JSON headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  // the status stands for the request (e.g. in request metrics) even when the client has gone and nothing is sent
  res.statusCode = status;
  if (res.destroyed) return;
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function withNodeRoute(opts: NodeRouteOptions, handler: (ctx: NodeRouteContext) => Promise<unknown>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const methods = opts.methods ?? ['POST'];
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return async (req, res) => {
    let signal: AbortSignal | null = null;
    try {
      if (!methods.includes(req.method ?? '')) throw new AppError('method_not_allowed', `${req.method} is not supported here; use ${methods.join(' or ')}`, undefined, { Allow: methods.join(', ') });
      const { user, apiKey } = await authenticate(opts, req.headers.authorization, () => getCurrentUserOfNodeRequest(req, res));
      let read = false;
      const result = await handler({
        req,
        url: new URL(req.url ?? '/', 'http://localhost'),
        user,
        apiKey,
        get signal() {
          return (signal ??= clientGone(req, res));
        },
        bodyText: () => {
          if (read) throw new Error('the request body was already read');
          read = true;
          return readNodeBodyText(req, maxBody);
        },
      });
      sendJson(res, 200, result);
    } catch (err) {
      // A body not read to its end (over the limit, or refused before it was read) is then read and discarded by
      // Node, so the client, still sending, gets this answer rather than a reset connection.
      const { status, body, headers } = toErrorResponse(err);
      sendJson(res, status, body, headers);
    }
  };
}

/** A signal aborted when the client closes the connection before the response is complete. */
function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ctl = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ctl.abort();
  });
  if (req.destroyed && !res.writableFinished) ctl.abort();
  return ctl.signal;
}
