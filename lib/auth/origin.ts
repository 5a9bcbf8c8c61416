// The first CSRF defence: a state-changing request must come from one of our own pages.

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host the client addressed (behind a proxy, the one it forwards), as Next's server actions compare it. */
function addressedHost(request: Request): string {
  return request.headers.get('x-forwarded-host')?.split(',')[0].trim() || request.headers.get('host') || new URL(request.url).host;
}

/**
 * False when a browser tells us the request came from another site. Browsers send Origin on every
 * cross-site POST and Sec-Fetch-Site on every request; a client sending neither (curl, a script) is not
 * a browser carrying someone's cookies, so it passes here and still needs the CSRF token.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin) {
    try { return new URL(origin).host === addressedHost(request); } catch { return false; } // includes Origin: null
  }
  const site = request.headers.get('sec-fetch-site');
  return !site || site === 'same-origin' || site === 'none';
}
