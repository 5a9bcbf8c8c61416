// `figures crawl`: read articles from feeds, sitemaps and news-list pages, politely and incrementally.
//   figures crawl URL... [--source NAME] [--district NAME] [--since DAY] [--delay S] [--max-pages N] [--max-depth N] [--max-minutes M]
//   figures crawl --config sources.json [--source NAME] [--due] [--register-only] [--since DAY] [...]
//   figures crawl --source NAME          (the settings stored for NAME by an earlier --config or URL crawl)
// Exit code 0 when every page was read or skipped with a reason, 1 when any failed, 2 for a bad call.
import { readFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { openDb, type Db } from '../../db/client';
import { SourceConflictError } from '../../db/ingest';
import { crawlSourceByName, crawlSourcesOverview, saveCrawlSource, type CrawlSourceSettings } from '../../db/crawl';
import type { CrawlSummary, PageOutcome } from '../crawl/crawl';
import { claimCrawl, crawlSettings, runClaimedCrawl, type CrawlRequest } from '../crawl/run';
import { SourcesFileError, isDue, parseSourcesFile, type SourceConfig } from '../crawl/sources';
import { crawlableUrl } from '../crawl/url';
import { CliError, checkDay, flagOptions, numberFlag, parseCommandArgs } from './args';

export const CRAWL_USAGE = 'crawl URL...|--config FILE|--source NAME [--source NAME] [--district NAME] [--since YYYY-MM-DD] [--delay SECONDS] [--max-pages N] [--max-depth N] [--max-minutes M] [--due] [--register-only]';

interface Flags { since: string | null; delaySeconds?: number; maxPages?: number; maxDepth?: number; maxMinutes?: number }

/** One line per problem while the bar runs: failures always, skips by reason once each. */
function reporter(bar: SingleBar | null) {
  const write = (line: string) => {
    if (bar) process.stderr.write('\r\x1b[K');
    console.error(line);
  };
  return {
    write,
    page(o: PageOutcome) {
      if (o.result === 'failed') write(`figures crawl: ${o.url}: ${o.reason}: ${o.message}`);
    },
  };
}

function printSummary(label: string, s: CrawlSummary): void {
  console.log(`crawl ${label}: ${s.pages} pages (${s.requests} requests) in ${s.seconds.toFixed(1)} s: ${s.added} articles added (${s.figures} figures), `
    + `${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.failed} failed${s.older ? `, ${s.older} older than --since` : ''}`);
  const bySkip = new Map<string, number>();
  for (const k of s.skips) bySkip.set(k.reason, (bySkip.get(k.reason) ?? 0) + 1);
  if (bySkip.size) console.log(`  skipped: ${[...bySkip].map(([r, n]) => `${n} ${r}`).join(', ')}`);
  for (const f of s.failures.slice(0, 50)) console.log(`  failed: ${f.url}: ${f.reason}: ${f.message}`);
  if (s.failures.length > 50) console.log(`  … and ${s.failures.length - 50} more failures`);
  if (s.stoppedBy) console.log(`  stopped early (${s.stoppedBy}); ${s.left} addresses wait for the next crawl, which resumes here`);
}

async function crawlOne(db: Db, request: CrawlRequest, label: string, signal: AbortSignal): Promise<CrawlSummary | 'busy'> {
  const runId = await claimCrawl(db, request.sourceId, 'cli');
  if (runId === null) return 'busy';
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `crawl ${label} [{bar}] {value}/{total} pages | {added} added | {failed} failed`, hideCursor: true, clearOnComplete: true, fps: 5, stream: process.stderr })
    : null;
  const out = reporter(bar);
  bar?.start(request.startUrls.length, 0, { added: 0, failed: 0 });
  try {
    return await runClaimedCrawl(db, runId, crawlSettings(request), {
      signal,
      onPage: (o) => out.page(o),
      onProgress: (p) => { bar?.setTotal(p.pages + p.queued); bar?.update(p.pages, { added: p.added, failed: p.failed }); },
      onWarning: (line) => out.write(`figures crawl: ${line}`),
    });
  } finally {
    bar?.stop();
  }
}

function requestFor(source: CrawlSourceSettings & { sourceId: number }, flags: Flags): CrawlRequest {
  return {
    startUrls: source.startUrls, sourceId: source.sourceId, sourceName: source.name, district: source.district, since: flags.since,
    delaySeconds: flags.delaySeconds ?? source.delaySeconds, maxPages: flags.maxPages ?? source.maxPages,
    maxDepth: flags.maxDepth ?? source.maxDepth, maxMinutes: flags.maxMinutes,
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flagOptions(
    ['config', 'source', 'district', 'since', 'delay', 'max-pages', 'max-depth', 'max-minutes'], ['due', 'register-only'],
  ));
  const flags: Flags = {
    since: checkDay(values.since, '--since') ?? null,
    delaySeconds: numberFlag(values.delay, '--delay', { min: 0 }),
    maxPages: numberFlag(values['max-pages'], '--max-pages', { min: 1, integer: true }),
    maxDepth: numberFlag(values['max-depth'], '--max-depth', { min: 0, integer: true }),
    maxMinutes: numberFlag(values['max-minutes'], '--max-minutes', { min: 0.01 }),
  };
  if (values.config && positionals.length) throw new CliError('give either start addresses or --config, not both');
  if (!values.config && !positionals.length && !values.source) throw new CliError(`usage: figures ${CRAWL_USAGE}`);
  if ((values.due || values['register-only']) && !values.config) throw new CliError('--due and --register-only go with --config');
  if (values.district && values.config) throw new CliError('--district goes with start addresses; a sources file gives each source its district');
  for (const p of positionals) if (!crawlableUrl(p)) throw new CliError(`not an http(s) address: ${p}`);

  let configs: SourceConfig[] = [];
  if (values.config) {
    let text: string;
    try { text = readFileSync(values.config, 'utf8'); } catch (error) { throw new CliError(`${values.config}: ${(error as Error).message}`); }
    try { configs = parseSourcesFile(text, values.config); } catch (error) {
      if (error instanceof SourcesFileError) throw new CliError(error.message);
      throw error;
    }
    if (values.source) {
      configs = configs.filter((c) => c.name === values.source);
      if (!configs.length) throw new CliError(`${values.config} names no source "${values.source}"`);
    }
  }

  const db = await openDb();
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    console.error('\nfigures crawl: stopping after the current page (Ctrl-C again to quit at once); the next crawl resumes');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const now = () => new Date().toISOString();
  let failed = false;
  try {
    return await crawlAll();
  } catch (error) {
    // a source name already used by generated benchmark data cannot hold crawled articles
    if (error instanceof SourceConflictError) throw new CliError(error.message);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.close();
  }

  async function crawlAll(): Promise<number> {
    const requests: { label: string; request: CrawlRequest }[] = [];
    if (configs.length) {
      const lastStarted = new Map((await crawlSourcesOverview(db)).map((s) => [s.name, s.lastRun?.startedAt ?? null]));
      for (const config of configs) {
        const sourceId = await saveCrawlSource(db, config, now());
        if (values.due && !isDue(config.schedule, lastStarted.get(config.name) ?? null, new Date())) {
          console.log(`crawl ${config.name}: not due (${config.schedule})`);
          continue;
        }
        requests.push({ label: config.name, request: requestFor({ ...config, sourceId }, flags) });
      }
      if (values['register-only']) {
        console.log(`crawl: ${configs.length} sources recorded (${configs.map((c) => c.name).join(', ')}); nothing crawled`);
        return 0;
      }
    } else if (values.source) {
      // addresses given with a source are added to its start addresses, so /sources and later crawls know them
      const stored = await crawlSourceByName(db, values.source);
      if (!stored && !positionals.length) throw new CliError(`no crawl settings for source "${values.source}": give its start addresses or a --config file`);
      const startUrls = [...new Set([...(stored?.startUrls ?? []), ...positionals.map((p) => crawlableUrl(p)!)])];
      const settings = {
        name: values.source, district: values.district ?? stored?.district ?? null, startUrls,
        delaySeconds: stored?.delaySeconds ?? null, maxPages: stored?.maxPages ?? null, maxDepth: stored?.maxDepth ?? null, schedule: stored?.schedule ?? 'manual',
      };
      const sourceId = await saveCrawlSource(db, settings, now());
      const request = requestFor({ ...settings, sourceId }, flags);
      // this run reads what was named on the command line, or all the source's addresses when none was
      if (positionals.length) request.startUrls = positionals.map((p) => crawlableUrl(p)!);
      requests.push({ label: values.source, request });
    } else {
      requests.push({
        label: positionals.length === 1 ? positionals[0] : `${positionals.length} addresses`,
        request: { startUrls: positionals.map((p) => crawlableUrl(p)!), sourceId: null, sourceName: null, district: values.district ?? null, ...flags },
      });
    }
    for (const { label, request } of requests) {
      if (controller.signal.aborted) break;
      const summary = await crawlOne(db, request, label, controller.signal);
      if (summary === 'busy') {
        console.error(`figures crawl: ${label}: a crawl of this source is already running; try again when it ends`);
        failed = true;
        continue;
      }
      printSummary(label, summary);
      if (summary.failed > 0) failed = true;
    }
    if (controller.signal.aborted) return 130;
    return failed ? 1 : 0;
  }
}
