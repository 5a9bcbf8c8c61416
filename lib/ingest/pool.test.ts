import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionPool, extractBudgetMs } from './pool';

const SAMPLE = readFileSync(join(process.cwd(), 'data', 'sample', 'shangcheng-bao-2020-04-21.txt'), 'utf8');
const OPTIONS = { maxBytes: 20 * 1024 * 1024, sourceName: '上城报', district: '上城区', published: '2020-04-21' };
const pools: ExtractionPool[] = [];
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

function pool(budgetMs: number, workers = 1): ExtractionPool {
  const p = new ExtractionPool({ workers, budgetMs, heapMb: 512 });
  pools.push(p);
  return p;
}

/** The longest gap between ticks of a 10 ms timer while `work` runs: how long this thread was blocked. */
async function longestStall<T>(work: Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => { const now = performance.now(); stallMs = Math.max(stallMs, now - last); last = now; }, 10);
  try {
    return { result: await work, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('the web extraction pool', () => {
  it('extracts on a worker thread: this thread keeps answering meanwhile', async () => {
    const p = pool(60_000);
    await p.run({ kind: 'text', label: 'warm-up', text: SAMPLE }, OPTIONS);
    const big = Array.from({ length: 40 }, (_, i) => SAMPLE.replace(/上城/g, i % 2 ? '上城' : '下城')).join('\n\n');
    const { result, stallMs } = await longestStall(p.run({ kind: 'text', label: 'big', text: big }, OPTIONS));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.doc.articles.reduce((n, a) => n + a.facts.length, 0)).toBeGreaterThan(40 * 20);
    expect(stallMs).toBeLessThan(500);
  });

  it('refuses a document past its time budget with a clear reason, and goes on with a fresh worker', async () => {
    const p = pool(1000);
    const huge = Array.from({ length: 400 }, () => SAMPLE).join('\n\n');
    const slow = await p.run({ kind: 'text', label: 'huge', text: huge }, OPTIONS);
    expect(slow).toMatchObject({ ok: false, reason: 'too-slow', label: 'huge' });
    expect(!slow.ok && slow.message).toMatch(/longer than 1 s \(FIGURES_EXTRACT_SECONDS\)/);
    expect(p.load).toEqual({ queued: 0, running: 0 });
    // the budget counts from a worker's readiness, not its start-up: a small text passes on the fresh worker
    const next = await p.run({ kind: 'text', label: 'small', text: '望江街道今年投资12亿元。' }, OPTIONS);
    expect(next.ok).toBe(true);
  });

  it('reads files on the worker too, and refuses what is broken with the reason', async () => {
    const p = pool(60_000);
    const broken = await p.run({ kind: 'bytes', fileName: 'broken.pdf', bytes: Buffer.from('%PDF-1.4 garbage') }, OPTIONS);
    expect(broken).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('takes its budget from FIGURES_EXTRACT_SECONDS', () => {
    expect(extractBudgetMs({})).toBe(120_000);
    expect(extractBudgetMs({ FIGURES_EXTRACT_SECONDS: '2.5' })).toBe(2500);
    expect(() => extractBudgetMs({ FIGURES_EXTRACT_SECONDS: 'soon' })).toThrow(/FIGURES_EXTRACT_SECONDS .* must be a number above 0, not "soon"/);
  });
});
