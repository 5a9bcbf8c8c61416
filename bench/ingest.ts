// Bulk ingest speed: 10,000 generated articles of about 2 KB through the whole pipeline (worker threads
// extracting, one writer, the fact checks after each commit) into a throwaway database, on SQLite and on
// PostgreSQL (bench/postgres.ts), and on PostgreSQL also by four ingest processes at once, each a quarter of
// the articles. The articles are SYNTHETIC — templated sentences with made-up figures, stored under a source
// flagged synthetic = 1 — and the databases are deleted afterwards, so they can never mix with real data. Runs
// in child processes so each peak RSS (getrusage maxrss, worker threads included) is the ingest's alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run';
import { freshBenchDatabase } from './postgres';

// BENCH_INGEST_ARTICLES: fewer for quick iterations. BENCH_INGEST_BULK=0: every load the ordinary way, indexes and
// rollups kept up to date row by row (by default each is a bulk load, as `figures ingest` makes of 1,000+ files)
const ARTICLES = Number(process.env.BENCH_INGEST_ARTICLES || 10_000);
const SOURCE = '合成数据（导入基准测试）';

const STREETS = ['望江街道', '湖滨街道', '清波街道', '小营街道', '南星街道', '紫阳街道', '凯旋街道', '采荷街道', '闸弄口街道', '四季青街道'];
// Figures about as dense as in real district news (the bundled 上城报 page: ~3 per KB): most sentences
// carry none.
const FIGURE_SENTENCES = [
  (r: () => number, s: string) => `截至${1 + Math.floor(r() * 12)}月底，${s}累计完成固定资产投资${(r() * 50).toFixed(1)}亿元，同比增长${(r() * 30).toFixed(1)}%。`,
  (r: () => number, s: string) => `${s}今年以来共收集各类问题${100 + Math.floor(r() * 900)}个，已解决${50 + Math.floor(r() * 50)}个。`,
  (r: () => number, s: string) => `${s}完成征收拆迁${Math.floor(r() * 2000)}户，腾空土地${Math.floor(r() * 900)}亩。`,
  (r: () => number, s: string) => `全年${s}新引进企业${Math.floor(r() * 300)}家，帮助企业融资约${(r() * 8).toFixed(2)}亿元。`,
  (r: () => number, s: string) => `${s}组织志愿者${Math.floor(r() * 5000)}余人次，走访居民${Math.floor(r() * 20000)}户。`,
];
const PROSE = [
  (s: string) => `${s}党工委书记表示，下一步将继续围绕中心工作，狠抓落实，推动各项任务取得实效，为全区高质量发展作出新的更大贡献。`,
  (s: string) => `会议强调，要坚持以人民为中心的发展思想，统筹推进疫情防控和经济社会发展，持续深化“最多跑一次”改革，不断提升${s}基层治理能力。`,
  (s: string) => `${s}各社区积极发动党员干部下沉一线，开展走访排查、政策宣传和困难帮扶，切实把服务送到群众家门口。`,
  (_s: string) => '与会人员围绕重点项目推进、营商环境优化、民生实事落地等议题进行了深入交流，并对下阶段工作提出了具体意见和建议。',
  (s: string) => `据介绍，${s}将以数字化改革为牵引，完善网格化管理机制，推动社会治理从“事后处置”向“事前预防”转变。`,
];

/** A seeded generator, so every run ingests the same articles. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >> 17; x ^= x << 5; x >>>= 0; return x / 0x1_0000_0000; };
}

/** One synthetic article of about 2 KB (UTF-8), its title marked 【合成】. */
export function syntheticArticle(i: number): string {
  const r = random(i + 1);
  const street = STREETS[i % STREETS.length];
  const lines = [`【合成】${street}第${i + 1}号工作简报`, `本报讯（合成数据 ${i + 1}）`];
  let bytes = 0;
  while (bytes < 1900) {
    const paragraph = Array.from({ length: 3 }, () => (r() < 0.25
      ? FIGURE_SENTENCES[Math.floor(r() * FIGURE_SENTENCES.length)](r, street)
      : PROSE[Math.floor(r() * PROSE.length)](street))).join('');
    lines.push(paragraph);
    bytes += Buffer.byteLength(paragraph);
  }
  return lines.join('\n\n');
}

interface ChildResult {
  /** texts ingested (each maybe several stored articles), and stored articles that were already there */
  done: number; duplicates: number;
  articles: number; seconds: number; figures: number; failed: number; maxRssMb: number; workers: number;
  /** process CPU (every thread) */
  cpuSeconds: number;
  /** per thread (Linux): this thread in all, of it the writer, and the extraction workers */
  mainMs: number | null; writerMs: number | null; workersMs: number | null;
  /** per thread (Linux): time ready to run but waiting for a CPU (the machine's other load) */
  mainWaitMs: number | null; workersWaitMs: number | null;
  /**
   * between the first write past a fifth of the texts and the last write (before the indexes and rollups are
   * built): texts written, seconds, CPU seconds of every thread — the rate once the workers have started and
   * compiled the extractor, which a run of 10,000 texts pays for once
   */
  steady: { texts: number; seconds: number; cpuSeconds: number } | null;
  /** from the start of the ingest to its first write (the workers starting and warming the extractor), and from
   * its last write to its end (the indexes and rollups built): seconds, CPU seconds of every thread */
  start: { seconds: number; cpuSeconds: number } | null;
  finish: { seconds: number; cpuSeconds: number } | null;
}

/**
 * Variants for comparisons, not in the default table: BENCH_INGEST_COMPARE=rollups adds a run with the
 * place-rollup triggers on facts (migration 0003) dropped from the throwaway database, to show what they cost.
 */
type Variant = 'checks' | 'bare' | 'checks-without-rollups' | 'real-text';

const DEV = resolve(import.meta.dirname, '../../shared/corpus/dev');

/** A counter in letters, so the line that makes each repeat a distinct text adds no figure of its own. */
function letters(n: number): string {
  let out = '';
  do { out = String.fromCharCode(65 + (n % 26)) + out; n = Math.floor(n / 26) - 1; } while (n >= 0);
  return out;
}

/**
 * Real district news: the dev articles of ../shared (read at run time, never copied) and the six articles of
 * the bundled sample page (as the extractor segments it), each repeat a distinct text by a counter line.
 */
async function realTexts(): Promise<string[]> {
  const { extract } = await import('../lib/extract');
  const { SAMPLE } = await import('../lib/ingest/sample');
  const page = readFileSync(SAMPLE.file, 'utf8');
  const sample = extract(page, { published: SAMPLE.published, district: SAMPLE.district }).articles.map((a) => page.slice(a.start, a.end));
  const dev = readdirSync(DEV).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(DEV, f), 'utf8'));
  return [...dev, ...sample];
}

/** Which of the articles a child ingests: part `index` of `of` equal slices. */
interface Part { index: number; of: number }

/** The child: ingests the synthetic articles (its part of them) into the database at `path` and prints one JSON line. */
async function child(path: string, variant: Variant, part: Part): Promise<void> {
  const withChecks = variant !== 'bare';
  const { openDb } = await import('../db/client');
  const { ingestBatch } = await import('../lib/ingest/batch');
  const { ingestChecks } = await import('../lib/ingest/checks');
  const db = await openDb(path);
  if (variant === 'checks-without-rollups') {
    const triggers = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'facts' AND name LIKE 'facts_rollup_%'");
    for (const { name } of triggers) await db.exec(`DROP TRIGGER "${name}"`);
  }
  const checks = ingestChecks(db, (line) => console.error(line));
  const real = variant === 'real-text' ? await realTexts() : null;
  // processes sharing the machine share its cores
  const workers = Math.max(1, Math.floor(availableParallelism() / part.of));
  function* items() {
    for (let i = part.index; i < ARTICLES; i += part.of) {
      const text = real ? `${real[i % real.length]}\n\n（稿件编号${letters(i)}）` : syntheticArticle(i);
      yield { kind: 'text' as const, label: `${real ? 'real' : 'synthetic'} ${i + 1}`, text };
    }
  }
  const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const mine = Math.ceil((ARTICLES - part.index) / part.of);
  const now = (done: number): Mark => ({ done, at: performance.now(), cpu: cpuSeconds() });
  const begun = now(0);
  let first: Mark | null = null;
  let from: Mark | null = null;
  let last: Mark | null = null;
  const onProgress = ({ done }: { done: number }) => {
    const mark = now(done);
    first ??= mark;
    if (!from && done >= mine / 5) from = mark;
    else if (from) last = mark;
  };
  const summary = await ingestBatch(db, items(), {
    onProgress,
    sourceName: SOURCE, synthetic: true, published: '2024-01-15', maxBytes: 1e6, workers, batchSize: 1000, bulk: process.env.BENCH_INGEST_BULK !== '0',
    afterCommit: withChecks ? checks.afterCommit : undefined,
  });
  const ended = now(summary.done);
  if (withChecks) await checks.finish();
  await db.close();
  const result: ChildResult = {
    done: summary.done, duplicates: summary.duplicates, articles: summary.added, seconds: summary.seconds, figures: summary.figures, failed: summary.failed,
    maxRssMb: process.resourceUsage().maxRSS / 1024, workers, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    mainMs: summary.cpu?.mainMs ?? null, writerMs: summary.cpu?.writerMs ?? null, workersMs: summary.cpu?.workersMs ?? null,
    mainWaitMs: summary.cpu?.mainWaitMs ?? null, workersWaitMs: summary.cpu?.workersWaitMs ?? null,
    steady: steadyOf(from, last),
    start: spanOf(begun, first), finish: spanOf(last ?? first, ended),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

interface Mark { done: number; at: number; cpu: number }

function steadyOf(from: Mark | null, last: Mark | null): ChildResult['steady'] {
  return from && last && last.done > from.done ? { texts: last.done - from.done, seconds: (last.at - from.at) / 1000, cpuSeconds: last.cpu - from.cpu } : null;
}

function spanOf(from: Mark | null, to: Mark | null): { seconds: number; cpuSeconds: number } | null {
  return from && to ? { seconds: (to.at - from.at) / 1000, cpuSeconds: to.cpu - from.cpu } : null;
}

function parseChild(status: number | null, stdout: string, stderr: string): ChildResult {
  const line = stdout.trim().split('\n').pop() ?? '';
  if (status !== 0 || !line.startsWith('{')) throw new Error(`the ingest benchmark failed (exit ${status}): ${stderr.slice(-2000)}`);
  return JSON.parse(line) as ChildResult;
}

const childArgs = (location: string, variant: Variant, part: Part) => ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', location, variant, `${part.index}/${part.of}`];

function runChild(location: string, variant: Variant): ChildResult {
  const run = spawnSync(process.execPath, childArgs(location, variant, { index: 0, of: 1 }), { encoding: 'utf8', cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 });
  return parseChild(run.status, run.stdout, run.stderr);
}

/** `processes` children at once on one database, each a slice of the articles: the wall-clock rate of them all. */
async function runConcurrent(location: string, processes: number): Promise<{ articles: number; failed: number; seconds: number }> {
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: processes }, (_, index) => new Promise<ChildResult>((resolve, reject) => {
    const proc = spawn(process.execPath, childArgs(location, 'checks', { index, of: processes }), { cwd: process.cwd() });
    let stdout = '', stderr = '';
    proc.stdout.on('data', (d) => { stdout += d; });
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.on('exit', (status) => { try { resolve(parseChild(status, stdout, stderr)); } catch (error) { reject(error); } });
  })));
  return { articles: results.reduce((n, r) => n + r.articles, 0), failed: results.reduce((n, r) => n + r.failed, 0), seconds: (performance.now() - t0) / 1000 };
}

export async function ingestBenchmark(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-figures-bench-ingest-'));
  try {
    // issue 15's target: real news text through the real path with the checks, 2,000 articles/s
    const real = existsSync(DEV) ? runChild(join(dir, 'real-checks.db'), 'real-text') : null;
    const full = runChild(join(dir, 'synthetic-checks.db'), 'checks');
    const bare = runChild(join(dir, 'synthetic-bare.db'), 'bare');
    const pgFullDb = await freshBenchDatabase('ingest_checks');
    const pgFull = pgFullDb ? runChild(pgFullDb, 'checks') : null;
    const pgBareDb = await freshBenchDatabase('ingest_bare');
    const pgBare = pgBareDb ? runChild(pgBareDb, 'bare') : null;
    const pgFourDb = await freshBenchDatabase('ingest_four');
    const pgFour = pgFourDb ? await runConcurrent(pgFourDb, 4) : null;
    const rate = (r: ChildResult) => r.articles / r.seconds;
    const complete = (r: ChildResult | { articles: number; failed: number }) => r.articles === ARTICLES && r.failed === 0;
    const perArticle = (ms: number | null, r: ChildResult | null) => (ms === null || !r ? null : ms / r.articles);
    // CPU time is what the code costs; the articles/s also depend on what else the machine runs
    const stages = (label: string, r: ChildResult, pg: ChildResult | null): BenchRow[] => [
      ...(r.mainMs === null ? [] : [{ figure: `${label}, CPU per article: main thread`, value: perArticle(r.mainMs, r), postgres: perArticle(pg?.mainMs ?? null, pg), unit: 'ms', target: '—' }]),
      ...(r.writerMs === null ? [] : [{ figure: `${label}, CPU per article: main thread writing (incl. checks)`, value: perArticle(r.writerMs, r), postgres: perArticle(pg?.writerMs ?? null, pg), unit: 'ms', target: '—' }]),
      ...(r.workersMs === null ? [] : [{ figure: `${label}, CPU per article: extraction workers (incl. checks)`, value: perArticle(r.workersMs, r), postgres: perArticle(pg?.workersMs ?? null, pg), unit: 'ms', target: '—' }]),
      ...(r.mainWaitMs === null || r.workersWaitMs === null ? [] : [{
        figure: `${label}, waiting for a CPU while runnable (other load), main + workers`, value: (r.mainWaitMs + r.workersWaitMs) / 1000,
        postgres: pg && pg.mainWaitMs !== null && pg.workersWaitMs !== null ? (pg.mainWaitMs + pg.workersWaitMs) / 1000 : null, unit: 's', target: '—',
      }]),
    ];
    const rows: BenchRow[] = [
      ...(real ? [
        {
          figure: `bulk ingest with fact checks, ${ARTICLES.toLocaleString('en')} real news articles (dev corpus and the sample's six, repeated as distinct texts), ${real.workers} workers`,
          value: real.done / real.seconds, unit: 'texts/s', target: '≥ 2000', ok: real.done / real.seconds >= 2000 && real.done === ARTICLES && real.failed === 0,
        },
        { figure: 'bulk ingest of real news, CPU time per text (all threads)', value: (real.cpuSeconds / real.done) * 1000, unit: 'ms', target: '—' },
        ...(real.steady ? [
          { figure: `bulk ingest of real news once started (the last ${real.steady.texts.toLocaleString('en')} texts written, before the indexes are built)`, value: real.steady.texts / real.steady.seconds, unit: 'texts/s', target: '—' },
          { figure: 'bulk ingest of real news once started, CPU time per text (all threads)', value: (real.steady.cpuSeconds / real.steady.texts) * 1000, unit: 'ms', target: '—' },
        ] : []),
        ...(real.start ? [
          { figure: `bulk ingest of real news: start to the first text written (${real.workers} workers loading and warming the extractor)`, value: real.start.seconds, unit: 's', target: '—' },
          { figure: 'bulk ingest of real news: start to the first text written, CPU time (all threads)', value: real.start.cpuSeconds, unit: 's', target: '—' },
        ] : []),
        ...(real.finish ? [
          { figure: 'bulk ingest of real news: last write to the end (the indexes and rollups built)', value: real.finish.seconds, unit: 's', target: '—' },
        ] : []),
        ...stages('bulk ingest of real news', { ...real, articles: real.done }, null),
        { figure: 'bulk ingest of real news, CPU-bound rate (texts per CPU-second × cores)', value: (real.done / real.cpuSeconds) * Math.min(real.workers, availableParallelism()), unit: 'texts/s', target: '≥ 2000' },
        // a text the segmenter splits stores its parts; a part without the counter line is a duplicate
        { figure: 'bulk ingest of real news: stored articles, of them duplicates skipped', value: real.articles, unit: `(+${real.duplicates} dup.)`, target: '—' },
        { figure: 'bulk ingest figures per text (real news)', value: real.figures / real.done, unit: 'figures', target: '—' },
      ] : []),
      {
        figure: `bulk ingest with fact checks, ${ARTICLES.toLocaleString('en')} synthetic ~2 KB articles, ${full.workers} workers`, value: rate(full), unit: 'articles/s', target: '≥ 1000',
        ok: rate(full) >= 1000 && complete(full), postgres: pgFull ? rate(pgFull) : null, postgresOk: pgFull ? rate(pgFull) >= 1000 && complete(pgFull) : undefined,
      },
      { figure: 'bulk ingest with fact checks, CPU time per article (all threads; PostgreSQL: the client\'s)', value: (full.cpuSeconds / full.articles) * 1000, postgres: pgFull ? (pgFull.cpuSeconds / pgFull.articles) * 1000 : null, unit: 'ms', target: '—' },
      ...stages('bulk ingest with fact checks', full, pgFull),
      { figure: 'bulk ingest with fact checks, CPU-bound rate (articles per CPU-second × cores)', value: (full.articles / full.cpuSeconds) * Math.min(full.workers, availableParallelism()), unit: 'articles/s', target: '—' },
      {
        figure: 'bulk ingest with fact checks, peak RSS (workers included)', value: full.maxRssMb, unit: 'MB', target: '< 1024', ok: full.maxRssMb < 1024,
        postgres: pgFull?.maxRssMb ?? null, postgresOk: pgFull ? pgFull.maxRssMb < 1024 : undefined,
      },
      {
        figure: 'bulk ingest without the fact checks', value: rate(bare), unit: 'articles/s', target: '≥ 1000', ok: rate(bare) >= 1000 && complete(bare),
        postgres: pgBare ? rate(pgBare) : null, postgresOk: pgBare ? rate(pgBare) >= 1000 && complete(pgBare) : undefined,
      },
      { figure: 'bulk ingest without the fact checks, CPU time per article', value: (bare.cpuSeconds / bare.articles) * 1000, postgres: pgBare ? (pgBare.cpuSeconds / pgBare.articles) * 1000 : null, unit: 'ms', target: '—' },
      ...stages('bulk ingest without the fact checks', bare, pgBare),
      {
        figure: `bulk ingest with fact checks, 4 ingest processes at once (${ARTICLES.toLocaleString('en')} articles in all, every one stored once)`, value: null,
        postgres: pgFour ? pgFour.articles / pgFour.seconds : null, unit: 'articles/s', target: '≥ 1000', postgresOk: pgFour ? pgFour.articles / pgFour.seconds >= 1000 && complete(pgFour) : undefined,
      },
      { figure: 'bulk ingest figures per article (synthetic)', value: full.figures / full.articles, postgres: pgFull ? pgFull.figures / pgFull.articles : null, unit: 'figures', target: '—' },
    ];
    if (process.env.BENCH_INGEST_COMPARE === 'rollups') {
      const lean = runChild(join(dir, 'synthetic-lean.db'), 'checks-without-rollups');
      rows.push(
        { figure: 'bulk ingest with fact checks, place-rollup triggers dropped (comparison)', value: rate(lean), unit: 'articles/s', target: '—' },
        { figure: 'bulk ingest with fact checks, place-rollup triggers dropped, CPU time per article', value: (lean.cpuSeconds / lean.articles) * 1000, unit: 'ms', target: '—' },
        ...stages('place-rollup triggers dropped', lean, null),
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [index, of] = (process.argv[5] ?? '0/1').split('/').map(Number);
  child(process.argv[3], (process.argv[4] ?? 'checks') as Variant, { index, of }).catch((error) => { console.error(error); process.exit(1); });
}
