/** The webhook SSRF guard: URL checks with a fake resolver, and posting to a local receiver (no redirects, timeout). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl, postWebhook, WebhookUrlError } from './webhook-url';

const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('checkWebhookUrl', () => {
  it.each([
    ['http://127.0.0.1/hook', /127\.0\.0\.1, a loopback address/],
    ['http://2130706433/hook', /127\.0\.0\.1, a loopback address/], // decimal form, normalized by URL parsing
    ['http://0x7f.1/hook', /loopback/],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://10.1.2.3/', /private/],
    ['http://100.64.1.1/', /cgnat/],
    ['http://0.0.0.0:8080/', /unspecified/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /link-local/],
    ['http://[fd00::1]/', /unique-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://224.0.0.1/', /multicast/],
    ['ftp://example.com/x', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', async (url, why) => {
    await expect(checkWebhookUrl(url, { allowPrivate: false, resolve: resolveTo('93.184.216.34') })).rejects.toThrow(why);
  });

  it('refuses a host name when any of its addresses is private', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '10.0.0.5') })).rejects.toThrow(/10\.0\.0\.5, a private address/);
    await expect(checkWebhookUrl('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo('::ffff:192.168.0.1') })).rejects.toThrow(/private/);
    const e = await checkWebhookUrl('https://nowhere.invalid/', { allowPrivate: false, resolve: () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WebhookUrlError);
    expect((e as WebhookUrlError).permanent).toBe(false);
  });

  it('accepts public addresses, and private ones only when allowed', async () => {
    const ok = await checkWebhookUrl('https://hooks.example.com/services/T0/B0/x', { allowPrivate: false, resolve: resolveTo('93.184.216.34', '2606:4700::1111') });
    expect(ok.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:4700::1111']);
    expect((await checkWebhookUrl('http://127.0.0.1:9/x', { allowPrivate: true })).url.port).toBe('9');
    // "localhost" goes through the real resolver and lands on loopback
    await expect(checkWebhookUrl('http://localhost:9/x', { allowPrivate: false })).rejects.toThrow(/loopback/);
  });
});

describe('postWebhook', () => {
  let server: http.Server;
  let base: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(302, { location: '/target' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2000);
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts to an allowed receiver, does not follow redirects, and times out', async () => {
    expect(await postWebhook(`${base}/ok`, '{}', { allowPrivate: true })).toBe(204);
    expect(await postWebhook(`${base}/redirect`, '{}', { allowPrivate: true })).toBe(302);
    expect(hits).toEqual(['/ok', '/redirect']); // /target never requested
    await expect(postWebhook(`${base}/slow`, '{}', { allowPrivate: true, timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
    await expect(postWebhook(`${base}/ok`, '{}', { allowPrivate: false })).rejects.toThrow(WebhookUrlError);
  });
});
