import { NextResponse, type NextRequest } from 'next/server';

/**
 * Content-Security-Policy with a fresh nonce per request (Next applies it to its own scripts). Each allowance
 * beyond 'self' says why it is there.
 */
export function buildCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by nonce'd scripts (Next's chunks) are trusted; 'wasm-unsafe-eval': tfjs's
    // wasm backend and Parquet decoding compile WebAssembly; 'unsafe-eval' only in development (React's dev tools).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    // 'unsafe-inline' styles: React `style` attributes and vega-embed's injected chart styles; nonces do not cover
    // style attributes. Styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // blob:/data: images: charts exported by vega as PNG/SVG data.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    // blob:/data: fetches: snapshots and wasm binaries loaded into Web Workers.
    "connect-src 'self' blob: data:",
    // 'self' workers: the in-browser quick model (a bundled module worker) and the notebook's code-cell sandbox
    // (/api/sandbox/worker, which carries its own stricter policy: no network, no script loading).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = buildCsp(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // Lets a server component that sends a signed-out visitor to /signin bring them back here afterwards.
  requestHeaders.set('x-url-path', request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
