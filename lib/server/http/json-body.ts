/** Request bodies: read with a size limit, parse as JSON. Errors are AppErrors a client can act on (400/413). */
import { AppError } from '@/lib/server/errors';

/** The body as text; over `maxBytes` (declared or actual) → 413, a client gone mid-body → 400. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError('payload_too_large', `request body is over ${maxBytes} bytes`);
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The client went away mid-body (or the stream broke): a client condition, not a server fault.
    throw new AppError('bad_request', 'request body was not fully received (the client disconnected)');
  }
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('payload_too_large', `request body is over ${maxBytes} bytes`);
  return text;
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
