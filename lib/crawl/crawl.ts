// A crawl: from start addresses (feeds, sitemaps, news-list pages) to stored articles. Each host is read by
// one loop, one request at a time (lib/crawl/gate), breadth first; listings are re-read with conditional
// GET and, when unchanged (304), lead again to the addresses they led to last time, so an interrupted crawl
// resumes where it stopped. An article address already stored is never fetched again. Articles are stored
// through the ingest path (lib/ingest: one transaction each, duplicates by content hash, checks run).
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../db/client';
import { articleIdByUrl, loadRobots, recordFetch, recordFound, recordRunProgress, saveRobots, stateOf, type FetchResult, type FoundAddress, type RunCounts } from '../../db/crawl';
import { ingestChecks } from '../ingest/checks';
import { IngestError } from '../ingest/errors';
import { declaredHtmlCharset } from '../ingest/html-sniff';
import { prepareDocument, type Extractor } from '../ingest/prepare';
import { writeDocuments } from '../ingest/write';
import { DecodeError, decodeText, encodingFromLabel } from '../text/decode';
import { pageArticle } from './article';
import { Fetcher, type FailReason, type FetchOutcome, type FetchPolicy, type SkipReason } from './fetcher';
import { processGate, type HostGate } from './gate';
import { parseListing, sniffDocument, type Listing } from './listing';
import { RobotsRules } from './robots';
import { SiteScope, crawlableUrl, hostOf } from './url';

export type ItemKind = 'start' | 'feed' | 'sitemap' | 'list' | 'article';

export interface CrawlSettings {
  startUrls: string[];
  sourceId: number | null;
  sourceName: string | null;
  district: string | null;
  /** YYYY-MM-DD: items a listing dates earlier are not fetched, articles published earlier not stored */
  since: string | null;
  delayMs: number;
  maxPages: number;
  maxDepth: number;
  maxMs: number;
  policy: FetchPolicy;
}

export interface PageOutcome {
  url: string;
  kind: ItemKind;
  result: 'listed' | 'stored' | 'duplicate' | 'unchanged' | 'skipped' | 'failed';
  reason?: SkipReason | FailReason;
  message?: string;
  status?: number;
  added?: number;
  figures?: number;
  published?: string | null;
}

export interface CrawlProgress extends RunCounts { queued: number }

export interface CrawlHooks {
  runId?: number | null;
  signal?: AbortSignal;
  gate?: HostGate;
  extractor?: Extractor;
  now?: () => Date;
  onPage?: (outcome: PageOutcome) => void;
  onProgress?: (progress: CrawlProgress) => void;
  /** problems that are no page's (a fact check that failed) */
  onWarning?: (line: string) => void;
}

export interface CrawlSummary extends RunCounts {
  /** requests made, robots.txt, redirects and retries included */
  requests: number;
  /** items a listing dated before --since, not fetched */
  older: number;
  /** addresses still queued when the crawl stopped early; the next run picks them up */
  left: number;
  stoppedBy: 'max-pages' | 'time' | 'aborted' | null;
  failures: { url: string; reason: string; message: string }[];
  skips: { url: string; reason: string; message: string }[];
  seconds: number;
}

interface Item {
  url: string;
  kind: ItemKind;
  depth: number;
  foundOn: string | null;
  /** the publication day a feed or list gave it */
  published: string | null;
  /** a sitemap's lastmod */
  lastmod: string | null;
  title: string | null;
}

/** What a listing led to, kept in crawl_state.links and replayed when the listing answers 304. */
interface StoredListing { kind: Listing['kind']; links: Listing['links']; next: string | null }

/** Results that mean an article address needs no further request. */
const SETTLED = new Set(['stored', 'duplicate', 'unchanged']);
/** Skips and failures that another try would meet again (a timeout, a 5xx or a dropped connection would not). */
const LASTING = new Set(['too-large', 'not-html', 'not-an-article', 'redirect-loop', 'too-many-redirects', 'bad-redirect']);

/** Whether an article address met before needs no request now: stored, or refused for a lasting reason. */
function settled(state: { result: string; reason: string | null; httpStatus: number | null }): boolean {
  if (SETTLED.has(state.result)) return true;
  if (state.result !== 'skipped' && state.result !== 'failed') return false;
  if (state.reason && LASTING.has(state.reason)) return true;
  // gone or refused (404, 410, 403…), but not a 408 timeout or a 429 "too many requests"
  const status = state.httpStatus ?? 0;
  return state.reason === 'http-error' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

const ACCEPT_ANY = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5';
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** An article must be a page; a listing may be any text or XML (a gzipped sitemap arrives as octet-stream). */
const isPage = (type: string | null) => !type || /html|xhtml/i.test(type);
const isListing = (type: string | null) => !type || !/^(image|audio|video|font)\/|application\/(pdf|msword|vnd\.|zip|x-rar|x-7z)/i.test(type);

function charsetOf(contentType: string | null): string | null {
  return contentType ? /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1] ?? null : null;
}

/** An XML declaration's encoding="GBK", the way a feed states its charset. */
function declaredXmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1] ?? null;
}

export async function crawl(db: Db, settings: CrawlSettings, hooks: CrawlHooks = {}): Promise<CrawlSummary> {
  const now = hooks.now ?? (() => new Date());
  const started = Date.now();
  const scope = new SiteScope(settings.startUrls);
  const fetcher = new Fetcher({ policy: settings.policy, gate: hooks.gate ?? processGate, scope, delayMs: settings.delayMs, signal: hooks.signal });
  const robots = new RobotsRules(fetcher, { load: (origin) => loadRobots(db, origin), save: (row) => saveRobots(db, row) }, settings.policy.userAgent, now);
  const checks = ingestChecks(db, (line) => hooks.onWarning?.(`fact checks: ${line}`));
  const runId = hooks.runId ?? null;
  const counts: RunCounts = { pages: 0, added: 0, figures: 0, duplicates: 0, unchanged: 0, skipped: 0, failed: 0 };
  const summary = { older: 0, left: 0, stoppedBy: null as CrawlSummary['stoppedBy'], failures: [] as CrawlSummary['failures'], skips: [] as CrawlSummary['skips'] };
  const queues = new Map<string, Item[]>();
  const draining = new Map<string, Promise<void>>();
  const seen = new Set<string>();
  const stamp = () => now().toISOString();

  const queued = () => { let n = 0; for (const q of queues.values()) n += q.length; return n; };

  let lastBeat = 0;
  const report = async (item: Item, outcome: Omit<PageOutcome, 'url' | 'kind'>, kind: ItemKind = item.kind) => {
    const full: PageOutcome = { url: item.url, kind, ...outcome };
    if (full.result === 'failed') { counts.failed++; summary.failures.push({ url: item.url, reason: full.reason ?? 'failed', message: full.message ?? '' }); }
    if (full.result === 'skipped') { counts.skipped++; summary.skips.push({ url: item.url, reason: full.reason ?? 'skipped', message: full.message ?? '' }); }
    if (full.result === 'unchanged') counts.unchanged++;
    if (full.result === 'duplicate') counts.duplicates++;
    hooks.onPage?.(full);
    hooks.onProgress?.({ ...counts, queued: queued() });
    // the run's heartbeat and counts, at most twice a second: a crawl of thousands of known addresses is not thousands of writes
    if (runId !== null && Date.now() - lastBeat >= 500) { lastBeat = Date.now(); await recordRunProgress(db, runId, counts, stamp()); }
  };

  const record = (item: Item, fields: Omit<FetchResult, 'url' | 'sourceId' | 'kind' | 'depth' | 'foundOn' | 'fetchedAt' | 'runId'>, kind: ItemKind = item.kind) =>
    recordFetch(db, { url: item.url, sourceId: settings.sourceId, kind, depth: item.depth, foundOn: item.foundOn, fetchedAt: stamp(), runId, ...fields });

  const crash: { error?: unknown; happened: boolean } = { happened: false };
  /** Stops every loop at once: the crawl was aborted, or the database broke under it. */
  const halted = () => {
    if (summary.stoppedBy === 'aborted') return true;
    if (hooks.signal?.aborted || crash.happened) { summary.stoppedBy = 'aborted'; return true; }
    return false;
  };
  /** Whether another request fits the run's page and time budget; once one does not, none does. */
  const budgetLeft = () => {
    if (!summary.stoppedBy && counts.pages >= settings.maxPages) summary.stoppedBy = 'max-pages';
    if (!summary.stoppedBy && Date.now() - started >= settings.maxMs) summary.stoppedBy = 'time';
    return !summary.stoppedBy;
  };

  // ── the queue: one loop per host ──
  const enqueue = (item: Item) => {
    if (seen.has(item.url)) return;
    seen.add(item.url);
    const host = hostOf(item.url);
    let queue = queues.get(host);
    if (!queue) { queue = []; queues.set(host, queue); }
    queue.push(item);
    if (!draining.has(host)) {
      draining.set(host, (async () => {
        // first let draining hold this loop: a loop that ends at once must still remove itself after
        await Promise.resolve();
        try {
          for (let next = queue.shift(); next; next = queue.shift()) {
            if (halted()) { summary.left += queue.length + 1; queue.length = 0; break; }
            await visit(next);
          }
        } catch (error) {
          // a broken database, not a bad page: stop every host's loop and let the caller see it
          if (!crash.happened) Object.assign(crash, { error, happened: true });
        } finally {
          draining.delete(host);
        }
      })());
    }
  };

  /** Queues what a listing led to, in its order; items it dates before --since are left out. */
  const follow = async (item: Item, listing: StoredListing) => {
    const found: FoundAddress[] = [];
    const items: Item[] = [];
    let fresh = 0, older = 0;
    for (const link of listing.links) {
      if (!scope.includes(link.url)) {
        // a feed or sitemap names its articles one by one: say why one is not read; a list page links everywhere
        if (listing.kind !== 'list') await report({ ...item, url: link.url }, { result: 'skipped', reason: 'off-site', message: `on another site than the start addresses (listed by ${item.url})` }, 'article');
        continue;
      }
      if (settings.since && link.date && link.date < settings.since) { older++; continue; }
      fresh++;
      const kind: ItemKind = link.kind === 'sitemap' ? 'sitemap' : 'article';
      const dated = listing.kind === 'sitemap' ? { published: null, lastmod: link.date } : { published: link.date, lastmod: null };
      items.push({ url: link.url, kind, depth: item.depth + 1, foundOn: item.url, title: link.title, ...dated });
      found.push({ url: link.url, sourceId: settings.sourceId, kind, depth: item.depth + 1, foundOn: item.url, listedDate: link.date, listedTitle: link.title });
    }
    summary.older += older;
    // lists run newest first: a page whose dated items are all older than --since ends the pagination
    const pastSince = Boolean(settings.since) && fresh === 0 && older > 0;
    if (listing.next && scope.includes(listing.next) && !pastSince) {
      const kind: ItemKind = listing.kind === 'feed' ? 'feed' : 'list';
      items.push({ url: listing.next, kind, depth: item.depth + 1, foundOn: item.url, published: null, lastmod: null, title: null });
    }
    await recordFound(db, found, runId, stamp());
    for (const next of items) enqueue(next);
  };

  const visit = async (item: Item) => {
    const listingKind = item.kind !== 'article';
    if (listingKind && item.depth > settings.maxDepth) {
      await report(item, { result: 'skipped', reason: 'depth', message: `deeper than --max-depth ${settings.maxDepth}` });
      return;
    }
    const state = await stateOf(db, item.url);
    const knownArticle = state && state.kind === 'article' && settled(state) && (item.kind === 'article' || item.kind === 'start');
    if (knownArticle) {
      const message = SETTLED.has(state.result) ? 'already stored' : `${state.result} before: ${state.message ?? state.reason}`;
      await report(item, { result: 'unchanged', reason: 'known', message });
      return;
    }
    if (item.kind === 'article') {
      const stored = await articleIdByUrl(db, item.url);
      if (stored !== null) {
        await record(item, { result: 'unchanged', reason: 'known', message: 'an article with this address is already stored', httpStatus: null, finalUrl: null, articleId: stored });
        await report(item, { result: 'unchanged', reason: 'known', message: 'already stored' });
        return;
      }
    }
    // past the budget, what needs no request (a known article) is still settled; the rest waits for the next run
    if (!budgetLeft()) { summary.left++; return; }
    const previous = listingKind && state?.result === 'listed' && state.links ? JSON.parse(state.links) as StoredListing : null;
    const got = await fetcher.get(item.url, {
      accept: item.kind === 'article' ? ACCEPT_HTML : ACCEPT_ANY, wanted: item.kind === 'article' ? isPage : isListing, robots,
      validators: previous ? { etag: state?.etag, lastModified: state?.lastModified } : null,
    });
    // stopped during the request: not a failure of the page, which waits for the next run
    if (hooks.signal?.aborted && got.kind === 'failed' && got.reason === 'network') { summary.left++; return; }
    // a page robots.txt kept us from requesting is no page request
    const unasked = (got.kind === 'skipped' && got.reason === 'robots') || (got.kind === 'failed' && got.reason === 'robots-unavailable');
    if (!unasked) counts.pages++;
    await settle(item, got, previous);
  };

  const fail = async (item: Item, got: FetchOutcome, reason: FailReason, message: string, status = got.kind === 'ok' ? got.status : undefined) => {
    await record(item, { result: 'failed', reason, message, httpStatus: status ?? null, finalUrl: null, articleId: null });
    await report(item, { result: 'failed', reason, message, status });
  };

  const settle = async (item: Item, got: FetchOutcome, previous: StoredListing | null) => {
    if (got.kind === 'skipped' || got.kind === 'failed') {
      await record(item, { result: got.kind, reason: got.reason, message: got.message, httpStatus: got.status ?? null, finalUrl: null, articleId: null });
      await report(item, { result: got.kind, reason: got.reason, message: got.message, status: got.status });
      return;
    }
    if (got.kind === 'not-modified') {
      if (!previous) { await fail(item, got, 'http-error', '304 Not Modified to a request without validators', 304); return; }
      await record(item, { result: 'listed', reason: null, message: null, httpStatus: 304, finalUrl: got.finalUrl, articleId: null, ...(got.etag ? { etag: got.etag } : {}), ...(got.lastModified ? { lastModified: got.lastModified } : {}) });
      await report(item, { result: 'unchanged', message: 'not modified (304)', status: 304 });
      await follow(item, previous);
      return;
    }
    let bytes = got.bytes;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try { bytes = gunzipSync(bytes, { maxOutputLength: settings.policy.maxBytes }); } catch (error) {
        await fail(item, got, 'unreadable', `a gzip file that cannot be unpacked within ${settings.policy.maxBytes} bytes: ${(error as Error).message}`);
        return;
      }
    }
    let text: string;
    try {
      const declared = encodingFromLabel(charsetOf(got.contentType)) ?? declaredHtmlCharset(bytes) ?? encodingFromLabel(declaredXmlCharset(bytes));
      text = decodeText(bytes, declared).text;
    } catch (error) {
      if (error instanceof DecodeError) { await fail(item, got, 'undecodable', error.message); return; }
      throw error;
    }
    if (!text.trim()) { await fail(item, got, 'empty', 'an empty answer'); return; }
    if (item.kind === 'article') { await storeArticle(item, got, text); return; }
    const listing = parseListing(text, got.finalUrl);
    if (!listing) { await fail(item, got, 'unreadable', 'neither a feed, a sitemap nor an HTML page'); return; }
    // a start address that is an HTML page linking to no article is itself an article
    if (item.kind === 'start' && listing.kind === 'list' && !listing.links.length) { await storeArticle(item, got, text); return; }
    const kept: StoredListing = { kind: listing.kind, links: listing.links, next: listing.next };
    await record(item, {
      result: 'listed', reason: listing.truncated ? 'truncated' : null, message: listing.truncated ? `only the first ${listing.links.length} links were kept` : null,
      httpStatus: got.status, finalUrl: got.finalUrl, articleId: null, etag: got.etag, lastModified: got.lastModified, links: JSON.stringify(kept),
    }, listing.kind);
    await report(item, { result: 'listed', message: `${listing.links.length} links${listing.next ? ', a next page' : ''}`, status: got.status }, listing.kind);
    await follow({ ...item, kind: listing.kind }, kept);
  };

  const storeArticle = async (item: Item, got: Extract<FetchOutcome, { kind: 'ok' }>, html: string) => {
    const base = { httpStatus: got.status, finalUrl: got.finalUrl, etag: got.etag, lastModified: got.lastModified };
    const skip = async (reason: SkipReason, message: string, articleId: number | null = null) => {
      await record(item, { result: 'skipped', reason, message, articleId, ...base }, 'article');
      await report(item, { result: 'skipped', reason, message, status: got.status }, 'article');
    };
    if (sniffDocument(html) !== 'html') { await skip('not-html', `not an HTML page (${got.contentType ?? 'no Content-Type'})`); return; }
    if (got.finalUrl !== item.url) {
      const stored = await articleIdByUrl(db, got.finalUrl);
      if (stored !== null) {
        await record(item, { result: 'unchanged', reason: 'known', message: `redirects to ${got.finalUrl}, already stored`, articleId: stored, ...base }, 'article');
        await report(item, { result: 'unchanged', reason: 'known', message: 'already stored' }, 'article');
        return;
      }
    }
    const page = pageArticle(html, { listedDate: item.published, listedTitle: item.title });
    if (!page.text) { await skip('not-an-article', 'no article text on the page'); return; }
    let doc;
    try {
      doc = prepareDocument({
        text: page.text, title: page.title, url: got.finalUrl, metadataPublished: page.published,
        sourceName: settings.sourceName, district: settings.district, checks: true,
      }, item.url, hooks.extractor);
    } catch (error) {
      const e = error instanceof IngestError ? error : new IngestError('extraction-failed', String(error));
      await fail(item, got, e.reason === 'empty' ? 'empty' : 'extraction-failed', e.message);
      return;
    }
    if (settings.since && doc.published && doc.published < settings.since) {
      await skip('older', `published ${doc.published}, before --since ${settings.since}`);
      summary.older++;
      return;
    }
    const [outcome] = await writeDocuments(db, [doc], { afterCommit: checks.afterCommit });
    if (outcome.status === 'failed') { await fail(item, got, 'storage-failed', outcome.message); return; }
    const added = outcome.articles.filter((a) => !a.duplicate);
    const figures = added.reduce((n, a) => n + a.facts, 0);
    counts.added += added.length;
    counts.figures += figures;
    const result = added.length ? 'stored' : 'duplicate';
    const articleId = (added[0] ?? outcome.articles[0])?.id ?? null;
    await record(item, { result, reason: null, message: added.length ? null : `the same text is stored as article ${articleId}`, articleId, ...base }, 'article');
    await report(item, { result, added: added.length, figures, published: doc.published, status: got.status, ...(added.length ? {} : { message: `same text as article ${articleId}` }) }, 'article');
  };

  for (const url of settings.startUrls) {
    const start = crawlableUrl(url);
    if (!start) throw new Error(`not an http(s) address: ${url}`);
    enqueue({ url: start, kind: 'start', depth: 0, foundOn: null, published: null, lastmod: null, title: null });
  }
  while (draining.size) await Promise.all([...draining.values()]);
  if (crash.happened) throw crash.error;
  checks.finish();
  return { ...counts, ...summary, requests: fetcher.requests, seconds: (Date.now() - started) / 1000 };
}
