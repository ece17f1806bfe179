/** Request bodies: read with a size limit, parse as JSON. Errors are AppErrors a client can act on (400/413). */
import type { IncomingMessage } from 'node:http';
import { AppError } from '@/lib/server/errors';

const tooLarge = (maxBytes: number) => new AppError('payload_too_large', `request body is over ${maxBytes} bytes`);
// The client went away mid-body (or the stream broke): a client condition, not a server fault.
const clientGone = () => new AppError('bad_request', 'request body was not fully received (the client disconnected)');

/** The body as text; over `maxBytes` (declared or actual) → 413, a client gone mid-body → 400. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  let text: string;
  try {
    text = await req.text();
  } catch {
    throw clientGone();
  }
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  return text;
}

/**
 * `readBodyText` for Node's own request (a Next API route): over `maxBytes` → 413 as soon as the declared length or
 * the bytes received pass it (the rest is not buffered), a client gone mid-body → 400. The request is consumed
 * once: call this at most once per request.
 */
export function readNodeBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (err: AppError | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      if (err) reject(err);
      else resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, received).toString('utf8'));
    };
    const onData = (c: Buffer) => {
      received += c.length;
      if (received > maxBytes) done(tooLarge(maxBytes));
      else chunks.push(c);
    };
    const onEnd = () => done(null);
    const onGone = () => done(clientGone());
    if (req.readableEnded) return done(null);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}

/** JSON.parse with a 400 naming what is wrong (empty body, or the parser's message). */
export function parseJsonText(text: string): unknown {
  if (!text.trim()) throw new AppError('bad_request', 'request body is empty: expected JSON');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('bad_request', `request body is not valid JSON: ${(e as Error).message}`);
  }
}
