// Runs before every page is rendered: a fresh nonce and the page's Content-Security-Policy (Next.js's
// documented nonce-based CSP), and on a page with data twins a Link header naming them with the page's own
// query. Next reads the nonce from the request's CSP header and puts it on its own scripts. API routes,
// exports, data twins and static files are left out (next.config.js gives them a strict policy of their
// own): a proxy that matched an upload would make Next buffer its whole body first.
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, pageCsp } from './lib/http/csp';
import { hasTwins, linkHeader } from './lib/views/links';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  const { pathname, searchParams } = request.nextUrl;
  if (hasTwins(pathname)) response.headers.set('link', linkHeader(pathname, searchParams));
  return response;
}

export const config = {
  matcher: [
    '/((?!api/|export/(?!README)|_next/static/|_next/image|icon\\.svg|favicon\\.ico|(?:overview|checks|search|(?:facts|articles|places)/\\d+)\\.(?:json|csv)).*)',
  ],
};
