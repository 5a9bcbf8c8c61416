// "Crawl now" on the web server: the crawl runs in the background of the server process, never on the
// request that asked for it, one at a time per source (the run's claim in the database guarantees it, across
// processes too); its progress is the run's row, which the /sources page shows.
import type { Db } from '../../db/client';
import { crawlSourceById } from '../../db/crawl';
import { claimCrawl, crawlSettings, runClaimedCrawl } from './run';

// Next's dev mode reloads modules: keep the running jobs on globalThis, as db/client.ts keeps the connection.
const holder = globalThis as unknown as { __civicFiguresCrawls?: Map<number, Promise<unknown>> };
const jobs = (holder.__civicFiguresCrawls ??= new Map());

export type CrawlStart = { status: 'started'; runId: number } | { status: 'busy' } | { status: 'unknown-source' };

export async function startSourceCrawl(db: Db, sourceId: number): Promise<CrawlStart> {
  const source = await crawlSourceById(db, sourceId);
  if (!source) return { status: 'unknown-source' };
  const runId = await claimCrawl(db, sourceId, 'web');
  if (runId === null) return { status: 'busy' };
  const settings = crawlSettings({ ...source, sourceName: source.name });
  const job = runClaimedCrawl(db, runId, settings, {
    onWarning: (line) => console.warn(`crawl of ${source.name}: ${line}`),
  }).catch((error: unknown) => console.error(`crawl of ${source.name} (run ${runId}) failed:`, error))
    .finally(() => jobs.delete(runId));
  jobs.set(runId, job);
  return { status: 'started', runId };
}

/** The background crawls of this process (tests wait for them). */
export function runningJobs(): Promise<unknown>[] {
  return [...jobs.values()];
}
