// The crawler's defaults and bounds, in one place: what the README's politeness rules promise.
import type { FetchPolicy } from './fetcher';

/** Where a site's webmaster reads who we are; FIGURES_CRAWLER_URL overrides it (a deployment's own page). */
export const PROJECT_URL = 'https://github.com/civic-figures/civic-figures';

export function userAgent(): string {
  return `CivicFigures/1.0 (+${process.env.FIGURES_CRAWLER_URL || PROJECT_URL}; Civic Figures news crawler)`;
}

export const CRAWL_DEFAULTS = {
  /** pause between two requests to one host (robots.txt's Crawl-delay wins when longer) */
  delaySeconds: 1,
  /** page requests in one run (robots.txt not counted); what is left waits for the next run */
  maxPages: 500,
  /** listing pages followed from a start address: 下一页 hops, sitemaps inside an index */
  maxDepth: 5,
  /** one run's wall-clock limit */
  maxMinutes: 60,
} as const;

export function defaultPolicy(): FetchPolicy {
  return {
    userAgent: userAgent(),
    timeoutMs: 30_000,
    maxBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    retries: 3,
    backoffMs: 2_000,
    maxRetryAfterMs: 120_000,
  };
}

/** A running crawl touches its run after every page; one silent for this long died with its process. */
export const STALE_RUN_MS = 15 * 60 * 1000;
