// One page over HTTP, politely and within bounds: through the host gate (one request at a time per host,
// with a pause), robots.txt asked before every request and every redirect, conditional GET with the page's
// validators, a deadline for the whole exchange, retries with back-off on 429 and 5xx, redirects followed
// only within the crawl's sites and a few hops, and the body read only up to a size cap.
import { readStreamCapped } from '../capped-read';
import { sleep, type HostGate } from './gate';
import { crawlableUrl, hostOf, type SiteScope } from './url';

export interface FetchPolicy {
  userAgent: string;
  /** for one exchange: connecting, the headers and the whole body */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** further tries after a 429, a 5xx or a dropped connection */
  retries: number;
  /** the first back-off; each further one doubles it */
  backoffMs: number;
  /** a Retry-After longer than this is not waited for: the page fails */
  maxRetryAfterMs: number;
}

export interface Validators { etag?: string | null; lastModified?: string | null }

export type SkipReason = 'robots' | 'off-site' | 'too-large' | 'not-html' | 'not-an-article' | 'older' | 'depth' | 'known';
export type FailReason =
  | 'http-error' | 'timeout' | 'network' | 'redirect-loop' | 'too-many-redirects' | 'bad-redirect' | 'robots-unavailable'
  | 'undecodable' | 'unreadable' | 'empty' | 'extraction-failed' | 'storage-failed';

interface Common { url: string; requests: number }
export type FetchOutcome =
  | Common & { kind: 'ok'; finalUrl: string; status: number; contentType: string | null; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | Common & { kind: 'not-modified'; finalUrl: string; status: 304; etag: string | null; lastModified: string | null }
  | Common & { kind: 'skipped'; reason: SkipReason; message: string; status?: number }
  | Common & { kind: 'failed'; reason: FailReason; message: string; status?: number };

/** An outcome before the fetcher fills in the address asked for and the requests made. */
type Bare<T> = T extends unknown ? Omit<T, 'url' | 'requests'> : never;

/** What robots.txt says of an address: allowed, disallowed, or unknown because robots.txt could not be read. */
export type RobotsVerdict = { allowed: true } | { allowed: false; reason: 'robots' | 'robots-unavailable'; message: string };

export interface RobotsGuard {
  check(url: string): Promise<RobotsVerdict>;
  /** the pause robots.txt asks for between requests to this address's host (Crawl-delay), in ms */
  delayMs(url: string): number;
}

export interface FetcherContext {
  policy: FetchPolicy;
  gate: HostGate;
  scope: SiteScope;
  /** the crawl's own pause between requests to one host, in ms (robots.txt may ask for more) */
  delayMs: number;
  signal?: AbortSignal;
}

export interface GetOptions {
  validators?: Validators | null;
  accept: string;
  /** whether a Content-Type is worth reading; the body of any other is never downloaded */
  wanted?: (contentType: string | null) => boolean;
  /** null for robots.txt itself, which is read before robots.txt can be asked */
  robots: RobotsGuard | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class TooLarge extends Error {}

/** The body's bytes, reading no further than `max`: past it the download is cancelled. */
async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) { await response.body?.cancel().catch(() => undefined); throw new TooLarge(`declares ${declared} bytes`); }
  return readStreamCapped(response.body, max, () => new TooLarge(`more than ${max} bytes`));
}

/** Retry-After in ms (seconds or an HTTP date), or null when absent or unreadable. */
function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

type Hop =
  | { kind: 'response'; response: Response; finish: () => void; deadline: AbortSignal }
  | { kind: 'error'; timeout: boolean; message: string };

export class Fetcher {
  /** requests made by this fetcher, robots.txt included */
  requests = 0;

  constructor(private readonly ctx: FetcherContext) {}

  private pauseFor(url: string, robots: RobotsGuard | null): number {
    return Math.max(this.ctx.delayMs, robots?.delayMs(url) ?? 0);
  }

  /** One request, no redirects followed; the host stays held, and the deadline runs, until finish() (after the body). */
  private async hop(url: string, options: GetOptions): Promise<Hop> {
    const { policy, gate, signal } = this.ctx;
    const release = await gate.acquire(hostOf(url), this.pauseFor(url, options.robots), signal);
    // stopped while waiting for its turn: no request
    if (signal?.aborted) { release(); return { kind: 'error', timeout: false, message: 'the crawl was stopped' }; }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${policy.timeoutMs} ms`)), policy.timeoutMs);
    const onAbort = () => deadline.abort(new Error('the crawl was stopped'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); release(); };
    const headers: Record<string, string> = {
      'user-agent': policy.userAgent, accept: options.accept, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
    };
    if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
    if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
    this.requests++;
    try {
      const response = await fetch(url, { headers, redirect: 'manual', signal: deadline.signal, cache: 'no-store' });
      return { kind: 'response', response, finish, deadline: deadline.signal };
    } catch (error) {
      finish();
      const timedOut = deadline.signal.aborted && !signal?.aborted;
      return { kind: 'error', timeout: timedOut, message: timedOut ? `no answer within ${policy.timeoutMs} ms` : describe(error) };
    }
  }

  /** Follows redirects from `url`; one try. `retryable` marks answers worth another try after a pause. */
  private async once(url: string, options: GetOptions): Promise<{ outcome: FetchOutcome; retryAfter?: number | null; retryable: boolean }> {
    const { policy, scope } = this.ctx;
    const start = this.requests;
    const seen = new Set<string>();
    let current = url;
    const outcome = (o: Bare<FetchOutcome>, retryable = false, retryAfter?: number | null) =>
      ({ outcome: { ...o, url, requests: this.requests - start } as FetchOutcome, retryable, retryAfter });
    for (let hops = 0; ; hops++) {
      if (options.robots) {
        const verdict = await options.robots.check(current);
        if (!verdict.allowed) {
          return verdict.reason === 'robots'
            ? outcome({ kind: 'skipped', reason: 'robots', message: current === url ? verdict.message : `redirected to ${current}, which ${verdict.message}` })
            : outcome({ kind: 'failed', reason: 'robots-unavailable', message: verdict.message });
        }
      }
      seen.add(current);
      const hop = await this.hop(current, options);
      if (hop.kind === 'error') {
        return hop.timeout
          ? outcome({ kind: 'failed', reason: 'timeout', message: hop.message })
          : outcome({ kind: 'failed', reason: 'network', message: hop.message }, !this.ctx.signal?.aborted);
      }
      const { response, finish } = hop;
      try {
        const status = response.status;
        if (REDIRECTS.has(status)) {
          await response.body?.cancel().catch(() => undefined);
          const location = response.headers.get('location');
          const next = location ? crawlableUrl(location, current) : null;
          if (!next) return outcome({ kind: 'failed', reason: 'bad-redirect', status, message: `${status} to ${location ?? 'nowhere'} (not an http(s) address)` });
          if (!scope.includes(next)) return outcome({ kind: 'skipped', reason: 'off-site', status, message: `redirected off-site to ${next}` });
          if (seen.has(next)) return outcome({ kind: 'failed', reason: 'redirect-loop', status, message: `redirect loop: ${[...seen, next].join(' → ')}` });
          if (hops + 1 > policy.maxRedirects) return outcome({ kind: 'failed', reason: 'too-many-redirects', status, message: `more than ${policy.maxRedirects} redirects` });
          current = next;
          continue;
        }
        const headers = response.headers;
        const validators = { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
        if (status === 304) {
          await response.body?.cancel().catch(() => undefined);
          return outcome({ kind: 'not-modified', finalUrl: current, status: 304, ...validators });
        }
        if (status === 429 || status >= 500) {
          await response.body?.cancel().catch(() => undefined);
          return outcome({ kind: 'failed', reason: 'http-error', status, message: `${status} ${response.statusText}`.trim() }, true, retryAfterMs(headers.get('retry-after')));
        }
        if (status < 200 || status >= 300) {
          await response.body?.cancel().catch(() => undefined);
          return outcome({ kind: 'failed', reason: 'http-error', status, message: `${status} ${response.statusText}`.trim() });
        }
        const contentType = headers.get('content-type');
        if (options.wanted && !options.wanted(contentType)) {
          await response.body?.cancel().catch(() => undefined);
          return outcome({ kind: 'skipped', reason: 'not-html', status, message: `not a page or feed (${contentType ?? 'no Content-Type'})` });
        }
        try {
          const bytes = await readCapped(response, policy.maxBytes);
          return outcome({ kind: 'ok', finalUrl: current, status, contentType, bytes, ...validators });
        } catch (error) {
          if (error instanceof TooLarge) return outcome({ kind: 'skipped', reason: 'too-large', status, message: `over the ${policy.maxBytes}-byte limit (${error.message}); not read further` });
          if (hop.deadline.aborted && !this.ctx.signal?.aborted) return outcome({ kind: 'failed', reason: 'timeout', status, message: `the body did not arrive within ${policy.timeoutMs} ms` });
          return outcome({ kind: 'failed', reason: 'network', status, message: describe(error) }, !this.ctx.signal?.aborted);
        }
      } finally {
        finish();
      }
    }
  }

  /** GETs a page, retrying a 429, a 5xx or a dropped connection after a growing pause (or the server's Retry-After). */
  async get(url: string, options: GetOptions): Promise<FetchOutcome> {
    const { policy, signal } = this.ctx;
    const start = this.requests;
    for (let attempt = 0; ; attempt++) {
      const { outcome, retryable, retryAfter } = await this.once(url, options);
      const total = { ...outcome, requests: this.requests - start };
      if (!retryable || attempt >= policy.retries || signal?.aborted) {
        if (attempt > 0 && total.kind === 'failed') total.message += ` (after ${attempt + 1} tries)`;
        return total;
      }
      if (retryAfter != null && retryAfter > policy.maxRetryAfterMs) {
        return { ...total, message: `${total.kind === 'failed' ? total.message : ''}; asked to retry after ${Math.round(retryAfter / 1000)} s, longer than we wait` } as FetchOutcome;
      }
      await sleep(retryAfter ?? policy.backoffMs * 2 ** attempt, signal);
    }
  }
}
