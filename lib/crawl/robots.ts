// robots.txt, read once per site and kept a day (RFC 9309): what it allows our User-Agent, and the
// Crawl-delay it asks for. A robots.txt that is missing (4xx) allows everything; one that cannot be read
// (5xx, no answer) forbids everything until it can be, as the RFC asks.
import robotsParser from 'robots-parser';
import type { Fetcher, RobotsGuard, RobotsVerdict } from './fetcher';
import { originOf } from './url';

export interface StoredRobots { origin: string; body: string; httpStatus: number; etag: string | null; lastModified: string | null; fetchedAt: string }

export interface RobotsStore {
  load(origin: string): Promise<StoredRobots | null>;
  save(row: StoredRobots): Promise<void>;
}

/** RFC 9309 §2.4: a crawler should not use a cached robots.txt for more than 24 hours. */
export const ROBOTS_MAX_AGE_MS = 24 * 3600 * 1000;
/** A Crawl-delay longer than this is not waited out: the site is not crawled at all. */
export const MAX_CRAWL_DELAY_MS = 10 * 60 * 1000;

type Rules =
  | { kind: 'rules'; robot: ReturnType<typeof robotsParser>; delayMs: number }
  | { kind: 'allow-all' }
  | { kind: 'unavailable'; message: string };

export class RobotsRules implements RobotsGuard {
  private readonly rules = new Map<string, Promise<Rules>>();
  private readonly delays = new Map<string, number>();

  constructor(
    private readonly fetcher: Fetcher,
    private readonly store: RobotsStore,
    private readonly userAgent: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private parse(origin: string, body: string, httpStatus: number): Rules {
    if (httpStatus >= 400) return { kind: 'allow-all' };
    const robot = robotsParser(`${origin}/robots.txt`, body);
    const delay = robot.getCrawlDelay(this.userAgent);
    const delayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay * 1000 : 0;
    return { kind: 'rules', robot, delayMs };
  }

  private async load(origin: string): Promise<Rules> {
    const stored = await this.store.load(origin);
    const now = this.now();
    if (stored && now.getTime() - Date.parse(stored.fetchedAt) < ROBOTS_MAX_AGE_MS) return this.parse(origin, stored.body, stored.httpStatus);
    const url = `${origin}/robots.txt`;
    const validators = stored && stored.httpStatus < 400 ? { etag: stored.etag, lastModified: stored.lastModified } : null;
    const got = await this.fetcher.get(url, { accept: 'text/plain,*/*;q=0.5', validators, robots: null });
    const fetchedAt = now.toISOString();
    if (got.kind === 'not-modified' && stored) {
      await this.store.save({ ...stored, fetchedAt });
      return this.parse(origin, stored.body, stored.httpStatus);
    }
    if (got.kind === 'ok') {
      const body = new TextDecoder('utf-8').decode(got.bytes);
      await this.store.save({ origin, body, httpStatus: got.status, etag: got.etag, lastModified: got.lastModified, fetchedAt });
      return this.parse(origin, body, got.status);
    }
    if (got.kind === 'failed' && got.reason === 'http-error' && got.status && got.status >= 400 && got.status < 500 && got.status !== 429) {
      await this.store.save({ origin, body: '', httpStatus: got.status, etag: null, lastModified: null, fetchedAt });
      return { kind: 'allow-all' };
    }
    const why = got.kind === 'failed' || got.kind === 'skipped' ? got.message : got.kind;
    return { kind: 'unavailable', message: `robots.txt of ${origin} could not be read (${why}); nothing there is fetched until it can be` };
  }

  private rulesFor(url: string): Promise<Rules> {
    const origin = originOf(url);
    let rules = this.rules.get(origin);
    if (!rules) {
      rules = this.load(origin).then((r) => { this.delays.set(origin, r.kind === 'rules' ? r.delayMs : 0); return r; });
      this.rules.set(origin, rules);
    }
    return rules;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(url);
    if (rules.kind === 'allow-all') return { allowed: true };
    if (rules.kind === 'unavailable') return { allowed: false, reason: 'robots-unavailable', message: rules.message };
    if (rules.delayMs > MAX_CRAWL_DELAY_MS) {
      return { allowed: false, reason: 'robots', message: `robots.txt asks for ${rules.delayMs / 1000} s between requests, longer than we wait` };
    }
    if (rules.robot.isAllowed(url, this.userAgent) === false) {
      const line = rules.robot.getMatchingLineNumber(url, this.userAgent);
      return { allowed: false, reason: 'robots', message: `is disallowed by robots.txt${line > 0 ? ` (line ${line})` : ''}` };
    }
    return { allowed: true };
  }

  delayMs(url: string): number {
    return this.delays.get(originOf(url)) ?? 0;
  }
}
