/**
 * withNodeRoute over real HTTP (a Node server on 127.0.0.1): method check, authentication refused without a key or
 * session, body limits (declared and actual), a client gone mid-body, the client-gone signal, error mapping and
 * pre-serialized answers. No database: these paths never reach it.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serveNodeRoute, type NodeRouteServer } from '@/tests/helpers/node-route-server';
import { AppError } from '@/lib/server/errors';
import { parseJsonText } from './json-body';
import { JsonText, withNodeRoute, type NodeRouteContext } from './with-node-route';

let server: NodeRouteServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(handler: (ctx: NodeRouteContext) => Promise<unknown>, opts: Parameters<typeof withNodeRoute>[0] = { auth: 'public', maxBodyBytes: 100 }): Promise<string> {
  server = await serveNodeRoute(withNodeRoute(opts, handler));
  return server.url;
}

const echo = async ({ bodyText }: NodeRouteContext) => parseJsonText(await bodyText());

/** Sends raw bytes and resolves with what came back once the server closes or `ms` pass. */
function raw(url: string, bytes: string, ms = 1000): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const sock = connect(Number(port), '127.0.0.1', () => sock.write(bytes));
    let got = '';
    sock.on('data', (d) => {
      got += d.toString();
      // a whole JSON answer: no need to wait for the server to close
      if (/\r\n\r\n\{.*\}$/s.test(got)) sock.destroy();
    });
    const end = () => resolve(got);
    sock.on('close', end);
    setTimeout(() => {
      sock.destroy();
      end();
    }, ms);
  });
}

describe('withNodeRoute', () => {
  it('answers a POST with the JSON the handler returns, with the JSON headers', async () => {
    const url = await serve(echo);
    const res = await fetch(url, { method: 'POST', body: '{"a":[1,2]}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ a: [1, 2] });
  });

  it('sends a pre-serialized answer (JsonText) as it is', async () => {
    const url = await serve(async () => new JsonText('{"x":1.50}'));
    expect(await (await fetch(url, { method: 'POST', body: '{}' })).text()).toBe('{"x":1.50}');
  });

  it('refuses other methods with 405 and Allow', async () => {
    const url = await serve(echo);
    const res = await fetch(url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect((await res.json()).error).toMatchObject({ code: 'method_not_allowed', message: expect.stringContaining('GET') });
  });

  it('without a key or a session cookie: 401 before the handler runs', async () => {
    let ran = false;
    const url = await serve(async () => (ran = true), { role: 'viewer', scope: 'predict' });
    const res = await fetch(url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    expect(ran).toBe(false);
  });

  it('a body declared over the limit: 413 before it is sent', async () => {
    const url = await serve(echo);
    const got = await raw(url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"a":');
    expect(got).toMatch(/^HTTP\/1\.1 413 /);
    expect(got).toContain('request body is over 100 bytes');
  });

  it('a chunked body that grows past the limit: 413', async () => {
    const url = await serve(echo);
    const chunk = JSON.stringify({ s: 'x'.repeat(80) });
    const body = `${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const got = await raw(url, `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
    expect(got).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('a client gone mid-body: the read fails with 400, the handler sees it, the status stands at 400, nothing hangs', async () => {
    let seen: unknown = null;
    let status = 0;
    const route = withNodeRoute({ auth: 'public', maxBodyBytes: 100 }, async ({ bodyText }) => {
      try {
        return await bodyText();
      } catch (e) {
        seen = e;
        throw e;
      }
    });
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    server = await serveNodeRoute(async (req, res) => {
      await route(req, res);
      status = res.statusCode;
      done();
    });
    await raw(server.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"a":', 100);
    await finished;
    expect(seen).toBeInstanceOf(AppError);
    expect((seen as AppError).message).toContain('client disconnected');
    // what request metrics record: a client error, not a server one
    expect(status).toBe(400);
  });

  it('the signal aborts when the client leaves before the answer', async () => {
    let aborted: Promise<boolean> = Promise.resolve(false);
    const url = await serve(async ({ signal }) => {
      aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(true)));
      await new Promise((r) => setTimeout(r, 300));
      return {};
    });
    await raw(url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}', 100);
    expect(await aborted).toBe(true);
  });

  it('maps errors: AppError with its status and headers, zod to 400 naming the field, anything else to a bare 500', async () => {
    const url = await serve(async ({ url: u }) => {
      const kind = u.searchParams.get('kind');
      if (kind === 'app') throw new AppError('rate_limited', 'slow down', undefined, { 'Retry-After': '3' });
      if (kind === 'zod') return z.object({ tenure: z.number() }).parse({ tenure: 'x' });
      throw new Error('secret internals');
    });
    const app = await fetch(`${url}/?kind=app`, { method: 'POST', body: '{}' });
    expect([app.status, app.headers.get('retry-after'), (await app.json()).error.code]).toEqual([429, '3', 'rate_limited']);
    const bad = await fetch(`${url}/?kind=zod`, { method: 'POST', body: '{}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('tenure');
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      const boom = await fetch(`${url}/?kind=boom`, { method: 'POST', body: '{}' });
      expect(boom.status).toBe(500);
      expect(await boom.text()).not.toContain('secret');
    } finally {
      console.error = log;
    }
    expect(errors).toHaveLength(1);
  });
});
