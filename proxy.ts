// Runs before every page is rendered: a fresh nonce and the page's Content-Security-Policy (Next.js's
// documented nonce-based CSP), and on a page with data twins a Link header naming them with the page's own
// query. Next reads the nonce from the request's CSP header and puts it on its own scripts. It also hands the
// URL's `lang` to the root layout (which cannot read the query string), so `<html lang>` follows it. API
// routes, exports, data twins and static files are left out (next.config.js gives them a strict policy of
// their own): a proxy that matched an upload would make Next buffer its whole body first.
import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, pageCsp } from './lib/http/csp';
import { LANG_HEADER, parseLang } from './lib/i18n';
import { hasTwins, linkHeader } from './lib/views/links';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  // the language is set or cleared here, so a client cannot choose it by sending the header itself
  const lang = parseLang(request.nextUrl.searchParams.get('lang'));
  if (lang) headers.set(LANG_HEADER, lang); else headers.delete(LANG_HEADER);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  const { pathname, searchParams } = request.nextUrl;
  const link = hasTwins(pathname) ? linkHeader(pathname, searchParams) : null;
  if (link) response.headers.set('link', link);
  return response;
}

export const config = {
  matcher: [
    '/((?!api/|export/(?!README)|_next/static/|_next/image|icon\\.svg|favicon\\.ico|(?:overview|checks|search|(?:facts|articles|places)/\\d+)\\.(?:json|csv)).*)',
  ],
};
