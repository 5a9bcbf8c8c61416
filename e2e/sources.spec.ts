// /sources: editors see each source the crawler reads and start a crawl from the browser; it runs in the
// server's background against a fixture site on 127.0.0.1 (lib/crawl/fixtures/site.ts) served by this test.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureSite, type FixtureSite } from '../lib/crawl/fixtures/site';
import { csrfToken, signIn } from './helpers/auth';

const RESULTS = process.env.E2E_RESULTS || 'e2e/.results';
const SOURCE = '清河区门户网站（测试）';
let site: FixtureSite;
let dir: string;

test.beforeAll(async () => {
  site = await startFixtureSite();
  dir = mkdtempSync(join(tmpdir(), 'e2e-sources-'));
  const file = join(dir, 'sources.json');
  writeFileSync(file, JSON.stringify([{ name: SOURCE, district: '上城区', start: [`${site.origin}/feed.xml`, `${site.origin}/list/index.html`], delay: 0.05, schedule: 'daily' }]));
  // the source is recorded the way an operator does it: figures crawl --config FILE (here without crawling)
  const recorded = spawnSync(join('node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'crawl', '--config', file, '--register-only'], {
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH }, encoding: 'utf8',
  });
  expect(recorded.status, recorded.stderr).toBe(0);
});

test.afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the sources page is for editors; strangers are told so, and their crawl requests refused', async ({ page, request }) => {
  await page.goto('/sources');
  await expect(page.getByTestId('sources-editors-only')).toContainText('供编辑使用');
  await expect(page.getByTestId('sources-table')).toHaveCount(0);
  expect((await request.post('/api/sources/1/crawl')).status()).toBe(401);
  expect((await request.get('/api/sources')).status()).toBe(401);
});

test('an editor crawls a source now: the crawl runs in the background, the page shows its progress, counts and errors', async ({ page }) => {
  await signIn(page, '/sources');
  const row = page.getByTestId('source-row').filter({ hasText: SOURCE });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('source-articles')).toHaveText('0');
  await expect(row.getByTestId('source-last-run')).toContainText('从未抓取');

  await row.getByTestId('crawl-now').click();
  await expect(page).toHaveURL(/\/sources\?crawl=started&run=\d+/);
  await expect(page.getByTestId('crawl-started')).toBeVisible();
  // the page refreshes itself until the crawl has finished
  await expect(row.getByTestId('run-status')).toHaveText('已完成', { timeout: 45_000 });
  expect(Number(await row.getByTestId('source-articles').textContent())).toBe(7);
  await expect(row.getByTestId('run-counts')).toContainText('新增 7 篇');
  await expect(row.getByTestId('source-errors')).toContainText('/news/withdrawn.html');
  await expect(row.getByTestId('source-errors')).toContainText('404');
  await page.screenshot({ path: `${RESULTS}/screenshots/sources.png`, fullPage: true });
  // nothing disallowed by robots.txt was requested by the server's crawl
  expect(site.log.filter((l) => l.path.startsWith('/private/'))).toEqual([]);

  // the overview filtered by this source shows its figures
  await row.getByTestId('source-figures').click();
  await expect(page).toHaveURL(/\/\?source=/);
  expect(Number(await page.getByTestId('fact-count').textContent())).toBeGreaterThan(10);

  // crawling again adds nothing: the listings answer 304
  const seen = site.log.length;
  await page.goto('/sources');
  await row.getByTestId('crawl-now').click();
  await expect(row.getByTestId('run-status')).toHaveText('已完成', { timeout: 45_000 });
  await expect(row.getByTestId('run-counts')).toContainText('新增 0 篇');
  const again = site.log.slice(seen);
  expect(again.length).toBeGreaterThan(0);
  // robots.txt is kept a day and the 404 is not asked again: only the listings, with their validators
  expect(again.map((l) => `${l.status} ${l.path}`).sort()).toEqual(['304 /feed.xml', '304 /list/index.html', '304 /list/index_1.html', '304 /list/index_2.html']);
  for (const l of again) expect(l.ifNoneMatch).toBeTruthy();
});

test('crawl requests need the CSRF token, and a source is crawled once at a time', async ({ page }) => {
  await signIn(page, '/sources');
  const sources = await (await page.request.get('/api/sources')).json() as { sources: { sourceId: number; name: string }[] };
  const id = sources.sources.find((s) => s.name === SOURCE)!.sourceId;
  expect((await page.request.post(`/api/sources/${id}/crawl`)).status()).toBe(403);
  const token = await csrfToken(page);
  const first = await page.request.post(`/api/sources/${id}/crawl`, { headers: { 'x-csrf-token': token } });
  expect(first.status()).toBe(202);
  const second = await page.request.post(`/api/sources/${id}/crawl`, { headers: { 'x-csrf-token': token } });
  expect(second.status()).toBe(409);
  expect((await page.request.post('/api/sources/999999/crawl', { headers: { 'x-csrf-token': token } })).status()).toBe(404);
  await expect.poll(async () => {
    const now = await (await page.request.get('/api/sources')).json() as { sources: { name: string; lastRun: { status: string } | null }[] };
    return now.sources.find((s) => s.name === SOURCE)?.lastRun?.status;
  }, { timeout: 45_000 }).toBe('finished');
});
