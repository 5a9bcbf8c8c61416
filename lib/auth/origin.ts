// The first CSRF defence: a state-changing request must come from one of our own pages.
import { addressedHost } from '../http/client';

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(url: string): string | null {
  try { return new URL(url).host; } catch { return null; }
}

/**
 * False when a browser tells us the request came from another site: by Origin (every cross-site POST
 * carries it; `Origin: null` is refused), else by Referer, else by Sec-Fetch-Site. The host compared with
 * is the Host header, or X-Forwarded-Host only when a trusted proxy sent it (lib/http/client.ts). A client
 * sending none of the three (curl, a script) is not a browser carrying someone's cookies: it passes here
 * and still needs the CSRF token.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return hostOf(origin) === addressedHost(request);
  const referer = request.headers.get('referer');
  if (referer) return hostOf(referer) === addressedHost(request);
  const site = request.headers.get('sec-fetch-site');
  return !site || site === 'same-origin' || site === 'none';
}
