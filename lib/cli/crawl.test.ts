// `figures crawl` as a person runs it: against the fixture site, with a sources file, twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../crawl/fixtures/site';

let site: FixtureSite;
const dir = mkdtempSync(join(tmpdir(), 'cli-crawl-'));
const env = { ...process.env, DATABASE_PATH: join(dir, 'figures.db') };
beforeAll(async () => { site = await startFixtureSite(); });
afterAll(async () => { await site.close(); rmSync(dir, { recursive: true, force: true }); });

/** Runs the command without blocking this process (the fixture site answers from it). */
function figures(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', ...args], { env });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('figures crawl', () => {
  it('crawls the sources of a file, reports failures with their reasons and exits 1; the second run adds nothing and exits 0', async () => {
    const file = join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify([{ name: '清河区门户网站', district: '清河区', start: [`${site.origin}/feed.xml`], delay: 0.01 }]));
    const first = await figures('crawl', '--config', file);
    expect(first.stdout).toMatch(/crawl 清河区门户网站: \d+ pages \(\d+ requests\) in [\d.]+ s: 2 articles added/);
    expect(first.stdout).toContain('failed: ' + `${site.origin}/news/withdrawn.html: http-error: 404 Not Found`);
    expect(first.stdout).toMatch(/skipped: 1 off-site, 1 robots/);
    expect(first.status).toBe(1);
    const second = await figures('crawl', '--config', file);
    // the feed answers 304; its two articles and the 404 are not asked again
    expect(second.stdout).toMatch(/: 1 pages \(1 requests\) in [\d.]+ s: 0 articles added \(0 figures\), 0 duplicates, 4 unchanged, 2 skipped, 0 failed/);
    expect(second.status).toBe(0);
  }, 60_000);

  it('refuses a bad call with a one-line reason and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ name: '甲', start: ['javascript:alert(1)'] }]));
    for (const args of [['crawl'], ['crawl', 'ftp://files.example/x'], ['crawl', '--config', bad], ['crawl', `${site.origin}/feed.xml`, '--since', '2024-13-01']]) {
      const r = await figures(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
