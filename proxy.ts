// The interface language of a request, for the root layout: `lang` in the URL wins over the cookie, and a
// layout cannot read the query string — so the language is handed to it as a request header.
import { NextResponse, type NextRequest } from 'next/server';
import { LANG_HEADER, parseLang } from './lib/i18n';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const lang = parseLang(request.nextUrl.searchParams.get('lang'));
  // set or cleared here, so a client cannot choose it by sending the header itself
  if (lang) headers.set(LANG_HEADER, lang); else headers.delete(LANG_HEADER);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // pages (the export page too); the API, the downloads and static files have no <html>
  matcher: ['/((?!api/|_next/|export/facts\\.|icon|favicon).*)'],
};
