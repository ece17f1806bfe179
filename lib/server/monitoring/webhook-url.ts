/**
 * The SSRF guard of alert webhooks. A webhook URL must be http(s) and every address its host resolves to must be
 * public unicast (lib/monitoring/ip-class: no loopback, RFC 1918, link-local incl. 169.254.169.254, CGNAT,
 * unique-local, multicast, 0/8, nor IPv4-mapped forms of them). Checked when a rule is saved and again at each
 * delivery, where the request connects only to the addresses that passed the check (the lookup is pinned, so
 * a DNS answer that changes between check and connect cannot slip a private address in). Redirects are never
 * followed. `WEBHOOK_ALLOW_PRIVATE=true` lifts the address check (tests, on-premises receivers).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { classifyAddress, isIpLiteral } from '@/lib/monitoring/ip-class';
import { env } from '@/lib/server/env';

/** A refused webhook URL; the message says why (safe to show). `permanent: false` for a failed DNS lookup. */
export class WebhookUrlError extends Error {
  override readonly name = 'WebhookUrlError';
  constructor(
    message: string,
    readonly permanent = true,
  ) {
    super(message);
  }
}

export interface WebhookGuardOptions {
  /** default: env WEBHOOK_ALLOW_PRIVATE */
  allowPrivate?: boolean;
  /** DNS resolution (tests pass a fake resolver); default node:dns lookup with all addresses */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((res, rej) => dnsLookup(host, { all: true, verbatim: true }, (err, addrs) => (err ? rej(err) : res(addrs))));
}

function refuseUnlessPublic(host: string, addrs: readonly LookupAddress[], allowPrivate: boolean): void {
  if (allowPrivate) return;
  for (const a of addrs) {
    const cls = classifyAddress(a.address);
    if (cls !== 'public') throw new WebhookUrlError(`${host} resolves to ${a.address}, a ${cls} address: webhooks may only reach public addresses`);
  }
}

/** Parses and checks a webhook URL; returns it with the addresses it may connect to. Throws WebhookUrlError. */
export async function checkWebhookUrl(raw: string, opts: WebhookGuardOptions = {}): Promise<{ url: URL; addresses: LookupAddress[] }> {
  const allowPrivate = opts.allowPrivate ?? env().WEBHOOK_ALLOW_PRIVATE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlError(`only http and https are allowed, not ${url.protocol.replace(/:$/, '')}`);
  // WHATWG URL parsing already normalized decimal/octal/hex IPv4 forms (http://2130706433/ → 127.0.0.1)
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new WebhookUrlError('the URL has no host');
  let addresses: LookupAddress[];
  if (isIpLiteral(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.resolve ?? resolveAll)(host);
    } catch (e) {
      throw new WebhookUrlError(`cannot resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false);
    }
    if (addresses.length === 0) throw new WebhookUrlError(`cannot resolve ${host}: no addresses`, false);
  }
  refuseUnlessPublic(host, addresses, allowPrivate);
  return { url, addresses };
}

/** A lookup for http(s).request that answers only with the already-checked addresses. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean; family?: number }, cb: (...a: unknown[]) => void) => {
    const fam = options?.family === 4 || options?.family === 6 ? addresses.filter((a) => a.family === options.family) : [...addresses];
    if (fam.length === 0) return cb(Object.assign(new Error('no address of the requested family'), { code: 'ENOTFOUND' }));
    if (options?.all) cb(null, fam);
    else cb(null, fam[0].address, fam[0].family);
  }) as unknown as LookupFunction;
}

/**
 * POSTs a JSON body to a checked webhook URL: no redirects (a 3xx is reported as a failure), a hard timeout, the
 * response body discarded. Resolves with the HTTP status; rejects with WebhookUrlError when refused, or a network
 * error.
 */
export async function postWebhook(raw: string, body: string, opts: WebhookGuardOptions & { timeoutMs?: number } = {}): Promise<number> {
  const { url, addresses } = await checkWebhookUrl(raw, opts);
  const client = url.protocol === 'https:' ? https : http;
  const timeoutMs = opts.timeoutMs ?? 5000;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ChurnLab-alerts' },
        lookup: pinnedLookup(addresses),
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (res) => {
        // only the status matters: the body is not read (a receiver cannot make us download anything)
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', (e) => reject(e.name === 'AbortError' || e.name === 'TimeoutError' ? new Error(`timed out after ${timeoutMs} ms`) : e));
    req.end(body);
  });
}
