// The sources file (`figures crawl --config sources.json`): which publications to read and from where.
//   [{"name": "清河区人民政府", "district": "清河区", "start": ["https://…/feed.xml"], "delay": 2, "schedule": "daily"}]
// (or {"sources": [...]}). Checked whole before anything is crawled; a mistake names its place in the file.
import { z } from 'zod';
import type { CrawlSourceSettings } from '../../db/crawl';
import { crawlableUrl } from './url';

export const SCHEDULES = ['hourly', 'daily', 'weekly', 'manual'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** How long after its last crawl a source with this schedule is due again (manual: never by itself). */
export const SCHEDULE_MS: Record<Schedule, number | null> = { hourly: 3600_000, daily: 24 * 3600_000, weekly: 7 * 24 * 3600_000, manual: null };

const address = z.string().trim().refine((u) => crawlableUrl(u) !== null, 'must be an http(s) address');

const entry = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  district: z.string().trim().max(50).nullable().optional(),
  start: z.array(address).min(1, 'needs at least one start address').max(50),
  delay: z.number().min(0).max(600).optional(),
  maxPages: z.number().int().min(1).max(100_000).optional(),
  maxDepth: z.number().int().min(0).max(100).optional(),
  schedule: z.enum(SCHEDULES).optional(),
}).strict();

const list = z.array(entry);
const wrapped = z.object({ sources: list }).strict();

/** A source as the file gives it: the crawl settings db/crawl.ts stores, with a schedule it knows. */
export interface SourceConfig extends CrawlSourceSettings { schedule: Schedule }

export class SourcesFileError extends Error {}

/** Parses a sources file's text; throws SourcesFileError naming the first mistake and where it is. */
export function parseSourcesFile(text: string, label = 'sources file'): SourceConfig[] {
  let json: unknown;
  try { json = JSON.parse(text); } catch (error) { throw new SourcesFileError(`${label}: not valid JSON (${(error as Error).message})`); }
  // a list, or {"sources": [...]}: checked against the one it is, so a mistake is named where it is
  const parsed = Array.isArray(json) ? list.safeParse(json) : wrapped.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new SourcesFileError(`${label}: ${path || 'the file'}: ${issue.message}`);
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : (parsed.data as z.infer<typeof wrapped>).sources;
  const names = new Set<string>();
  return entries.map((e, i) => {
    if (names.has(e.name)) throw new SourcesFileError(`${label}: [${i}].name: "${e.name}" is named twice`);
    names.add(e.name);
    return {
      name: e.name, district: e.district || null, startUrls: [...new Set(e.start.map((u) => crawlableUrl(u)!))],
      delaySeconds: e.delay ?? null, maxPages: e.maxPages ?? null, maxDepth: e.maxDepth ?? null, schedule: e.schedule ?? 'manual',
    };
  });
}

/** Whether a source is due by its schedule, given when its last crawl started. */
export function isDue(schedule: string, lastStarted: string | null, now: Date): boolean {
  const every = SCHEDULE_MS[schedule as Schedule] ?? null;
  if (every === null) return false;
  return !lastStarted || now.getTime() - Date.parse(lastStarted) >= every;
}
