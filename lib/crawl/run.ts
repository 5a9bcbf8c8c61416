// One crawl as a recorded run: claimed (one at a time per source), crawled, finished with its totals.
// The command line and the web server's "crawl now" both go through here.
import type { Db } from '../../db/client';
import { claimRun, finishRun, type RunCounts } from '../../db/crawl';
import { crawl, type CrawlHooks, type CrawlSettings, type CrawlSummary } from './crawl';
import { CRAWL_DEFAULTS, STALE_RUN_MS, defaultPolicy } from './policy';

export interface CrawlRequest {
  startUrls: string[];
  sourceId: number | null;
  sourceName: string | null;
  district: string | null;
  since?: string | null;
  delaySeconds?: number | null;
  maxPages?: number | null;
  maxDepth?: number | null;
  maxMinutes?: number | null;
}

/** A request's settings, its gaps filled with the defaults. */
export function crawlSettings(request: CrawlRequest): CrawlSettings {
  return {
    startUrls: request.startUrls, sourceId: request.sourceId, sourceName: request.sourceName, district: request.district,
    since: request.since ?? null,
    delayMs: (request.delaySeconds ?? CRAWL_DEFAULTS.delaySeconds) * 1000,
    maxPages: request.maxPages ?? CRAWL_DEFAULTS.maxPages,
    maxDepth: request.maxDepth ?? CRAWL_DEFAULTS.maxDepth,
    maxMs: (request.maxMinutes ?? CRAWL_DEFAULTS.maxMinutes) * 60_000,
    policy: defaultPolicy(),
  };
}

/** Claims a run for a source (null: its crawl is already running); a run whose process died is released first. */
export async function claimCrawl(db: Db, sourceId: number | null, trigger: 'cli' | 'web', now = new Date()): Promise<number | null> {
  return claimRun(db, { sourceId, trigger, now: now.toISOString(), staleBefore: new Date(now.getTime() - STALE_RUN_MS).toISOString() });
}

const STOPPED: Record<NonNullable<CrawlSummary['stoppedBy']>, string> = {
  'max-pages': 'stopped at the page limit; the rest is read on the next crawl',
  time: 'stopped at the time limit; the rest is read on the next crawl',
  aborted: 'interrupted; the next crawl resumes',
};

/** Crawls under a claimed run and records how it ended; a crash is recorded as a failed run, then rethrown. */
export async function runClaimedCrawl(db: Db, runId: number, settings: CrawlSettings, hooks: CrawlHooks = {}): Promise<CrawlSummary> {
  let last: RunCounts = { pages: 0, added: 0, figures: 0, duplicates: 0, unchanged: 0, skipped: 0, failed: 0 };
  try {
    const summary = await crawl(db, settings, {
      ...hooks, runId,
      onProgress: (p) => { const { queued: _q, ...counts } = p; last = counts; hooks.onProgress?.(p); },
    });
    const { pages, added, figures, duplicates, unchanged, skipped, failed } = summary;
    const status = summary.stoppedBy === 'aborted' ? 'interrupted' : summary.stoppedBy ? 'stopped' : 'finished';
    await finishRun(db, runId, status, { pages, added, figures, duplicates, unchanged, skipped, failed }, summary.stoppedBy ? STOPPED[summary.stoppedBy] : null, new Date().toISOString());
    return summary;
  } catch (error) {
    await finishRun(db, runId, 'failed', last, `the crawl failed: ${error instanceof Error ? error.message : String(error)}`, new Date().toISOString()).catch(() => undefined);
    throw error;
  }
}
