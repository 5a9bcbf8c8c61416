// What our own HTTP server (scripts/server.mjs) does to every request before Next.js sees it. Plain
// JavaScript, because that server runs without a compiler; lib/http/gate.d.mts gives its types.
//
// 1. The peer: the socket's address goes into the x-figures-peer header (overwriting any a client sent),
//    tagged with this process's token, for lib/http/client.ts: a Next route handler never sees the socket.
// 2. Paths whose percent-escapes are not UTF-8 (/facts/%FF, /places/%E4%B8) are answered 400 here: Next
//    would fail decoding them with a 500.
// 3. Expensive reads (search, exports, places, the JSON and CSV data views) are served a few at a time per
//    kind; past that the answer is 503 with Retry-After, at once, instead of a queue that stalls everyone.

import { numberSetting } from '../settings.mjs';

export const PEER_HEADER = 'x-figures-peer';

/** Headers every answer made here carries (Next's answers get the same from next.config.js and proxy.ts). */
export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** True when a request target's path has a percent-escape that does not decode as UTF-8. */
export function malformedPath(target) {
  const path = (target ?? '/').split(/[?#]/, 1)[0];
  if (!path.includes('%')) return false;
  for (const segment of path.split('/')) {
    try { decodeURIComponent(segment); } catch { return true; }
  }
  return false;
}

/**
 * The kind of an expensive read, or null: `search` (/search and its data twins), `export` (the file
 * downloads), `places` (/api/places and place data) and `data` (the JSON and CSV views of facts and checks,
 * and any *.json, *.jsonl or *.csv view of a page).
 */
export function expensiveKind(pathname) {
  if (pathname === '/search' || pathname.startsWith('/search.')) return 'search';
  if (pathname.startsWith('/export/') && pathname !== '/export/README') return 'export';
  if (pathname === '/checks.csv') return 'export';
  if (pathname === '/api/places' || pathname.startsWith('/places.') || /^\/places\/[^/]+\.(json|csv)$/.test(pathname)) return 'places';
  if (pathname === '/api/facts' || pathname === '/api/facts/count' || pathname === '/api/checks') return 'data';
  if (/\.(json|jsonl|csv)$/.test(pathname) && !pathname.startsWith('/_next/')) return 'data';
  return null;
}

/** Counts requests in flight per kind; `limit` each. */
export class ConcurrencyGate {
  constructor(limit) {
    this.limit = Math.max(1, Math.floor(limit));
    this.inFlight = new Map();
  }

  /** A release function when a slot is free, else null. */
  tryAcquire(kind) {
    const n = this.inFlight.get(kind) ?? 0;
    if (n >= this.limit) return null;
    this.inFlight.set(kind, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(kind, (this.inFlight.get(kind) ?? 1) - 1);
    };
  }
}

/** Requests of each expensive kind served at once: FIGURES_EXPENSIVE_CONCURRENCY, default 4 (lib/settings.mjs). */
export function expensiveConcurrency(env = process.env) {
  return numberSetting('FIGURES_EXPENSIVE_CONCURRENCY', 4, env);
}

export const RETRY_AFTER_SECONDS = 5;

function answer(res, status, body, extra = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra });
  res.end(`${JSON.stringify(body)}\n`);
}

/**
 * Wraps a request listener (Next's handler) with the three steps above. `token` tags the peer header so
 * the app can tell it from a header a client sent (lib/http/client.ts compares it with FIGURES_PEER_TOKEN).
 */
export function gateRequests(handle, { token, limit = expensiveConcurrency() }) {
  const gate = new ConcurrencyGate(limit);
  return (req, res) => {
    req.headers[PEER_HEADER] = `${token} ${req.socket.remoteAddress ?? ''}`;
    const target = req.url ?? '/';
    if (malformedPath(target)) {
      answer(res, 400, { error: 'the path is not valid percent-encoded UTF-8' });
      return;
    }
    let pathname;
    try { pathname = new URL(target, 'http://site.invalid').pathname; } catch { pathname = '/'; }
    const kind = expensiveKind(pathname);
    if (kind) {
      const release = gate.tryAcquire(kind);
      if (!release) {
        answer(res, 503, { error: `the server is busy with other ${kind} requests; try again in a few seconds`, retryAfterSeconds: RETRY_AFTER_SECONDS },
          { 'retry-after': String(RETRY_AFTER_SECONDS) });
        return;
      }
      // 'close' comes when the answer is sent, or the client goes away: a stream that is never read holds its slot no longer
      res.once('close', release);
    }
    return handle(req, res);
  };
}
