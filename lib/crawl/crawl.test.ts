// The crawler against a fixture site on 127.0.0.1 (lib/crawl/fixtures/site.ts): what it stores, what it
// refuses and why, what it never requests, and what a second crawl costs.
import { afterEach, describe, expect, it } from 'vitest';
import type { Db, Param } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { crawl, type CrawlSettings, type PageOutcome } from './crawl';
import { HostGate } from './gate';
import { startFixtureSite, type FixtureSite } from './fixtures/site';
import { userAgent } from './policy';

let site: FixtureSite;
let db: Db;
afterEach(async () => { await site.close(); await db.close(); });

async function open(robots?: 'rules' | 'missing' | 'error') {
  site = await startFixtureSite({ robots });
  db = await openTestDb();
}

function settings(startPaths: string[], over: Partial<CrawlSettings> = {}): CrawlSettings {
  return {
    startUrls: startPaths.map((p) => `${site.origin}${p}`), sourceId: null, sourceName: '清河区门户网站', district: null,
    since: null, delayMs: 0, maxPages: 100, maxDepth: 5, maxMs: 60_000,
    policy: { userAgent: userAgent(), timeoutMs: 1500, maxBytes: 256 * 1024, maxRedirects: 5, retries: 2, backoffMs: 10, maxRetryAfterMs: 1000 },
    ...over,
  };
}

function rows<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T[]> {
  return db.all<T>(sql, params);
}

interface StoredRow { url: string; published_on: string | null; title: string; text: string; facts: number }
const storedArticles = () => rows<StoredRow>(
  'SELECT url, published_on, title, text, (SELECT count(*) FROM facts f WHERE f.article_id = a.id) AS facts FROM articles a ORDER BY url');
const factsOf = (path: string) => rows<{ value: number; unit: string; metric: string; text: string }>(
  'SELECT f.value, f.unit, f.metric, f.text FROM facts f JOIN articles a ON a.id = f.article_id WHERE a.url = ?', `${site.origin}${path}`);
const requested = (path: string) => site.log.filter((l) => l.path === path);

const START = ['/feed.xml', '/sitemap_index.xml', '/list/index.html'];

const ALLOWED_ARTICLES: Record<string, string | null> = {
  '/news/2024/0115/renovation.html': '2024-01-15', // feed date
  '/news/2024/0118/safety-gbk.html': '2024-01-18', // GBK page, feed date
  '/news/2024/0120/council.html': '2024-01-20', // <time datetime>
  '/news/undated.html': null, // no date anywhere
  '/news/2024/0203/relocation.html': '2024-02-03', // 500 first, then 200; dateline 发布时间
  '/news/2024/0128/park.html': '2024-01-28', // list page, date beside the link
  '/news/2024/0201/jobs.html': '2024-02-01',
  '/news/2024/0202/canteens.html': '2024-02-02', // reached through a 301
  '/news/2019/1220/archive.html': '2019-12-20', // list page 2
  '/news/2019/1101/archive-older.html': '2019-11-01', // list page 3
};

describe('crawl against the fixture site', () => {
  it('stores every allowed article with its address, date and figures; says why the others were not; never asks for a disallowed path', async () => {
    await open();
    const outcomes: PageOutcome[] = [];
    const summary = await crawl(db, settings(START), { gate: new HostGate(), onPage: (o) => outcomes.push(o) });

    const stored = await storedArticles();
    expect(Object.fromEntries(stored.map((a) => [a.url.slice(site.origin.length), a.published_on]))).toEqual(ALLOWED_ARTICLES);
    for (const a of stored) expect(a.facts, a.url).toBeGreaterThan(0);
    expect(summary.added).toBe(10);
    expect(summary.figures).toBe(stored.reduce((n, a) => n + a.facts, 0));

    // the GBK page is decoded: its title, text and figures are Chinese as written
    const gbk = stored.find((a) => a.url.endsWith('safety-gbk.html'))!;
    expect(gbk.title).toBe('东湖镇开展冬季安全生产大检查');
    expect(gbk.text).toContain('检查企业236家，发现隐患418处');
    expect(await factsOf('/news/2024/0118/safety-gbk.html')).toEqual(expect.arrayContaining([expect.objectContaining({ text: '236家', value: 236 })]));
    // the article without the page's chrome: no menus, share bar, related links or footer
    const renovation = stored.find((a) => a.url.endsWith('renovation.html'))!;
    expect(renovation.text).toContain('总投资3200万元');
    for (const chrome of ['政务公开', '分享到', '相关链接', '版权所有', '当前位置']) expect(renovation.text).not.toContain(chrome);
    expect(await factsOf('/news/2024/0115/renovation.html')).toEqual(expect.arrayContaining([expect.objectContaining({ value: 32_000_000, unit: 'CNY', metric: 'investment' })]));

    // the same article under a second address is one article, the second address reported as a duplicate
    expect(outcomes.find((o) => o.url.endsWith('/news/copy-of-renovation.html'))).toMatchObject({ result: 'duplicate' });
    expect(summary.duplicates).toBe(1);

    // refusals, each with its reason
    const why = (path: string) => outcomes.find((o) => o.url === `${site.origin}${path}` || o.url === path);
    expect(why('/news/withdrawn.html')).toMatchObject({ result: 'failed', reason: 'http-error', status: 404 });
    expect(why('/news/slow.html')).toMatchObject({ result: 'failed', reason: 'timeout' });
    expect(why('/news/loop-a.html')).toMatchObject({ result: 'failed', reason: 'redirect-loop' });
    expect(why('/news/huge.html')).toMatchObject({ result: 'skipped', reason: 'too-large' });
    expect(why('/files/2024-budget.pdf')).toMatchObject({ result: 'skipped', reason: 'not-html' });
    expect(why('/private/duty.html')).toMatchObject({ result: 'skipped', reason: 'robots' });
    expect(why('http://elsewhere.invalid/reprint.html')).toMatchObject({ result: 'skipped', reason: 'off-site' });
    expect(summary.failed).toBe(3);
    expect(summary.failures.map((f) => f.reason).sort()).toEqual(['http-error', 'redirect-loop', 'timeout']);

    // politeness, as the site saw it
    expect(site.log.filter((l) => l.path.startsWith('/private/'))).toEqual([]);
    expect(site.log.every((l) => !l.path.includes('elsewhere'))).toBe(true);
    expect(requested('/robots.txt')).toHaveLength(1);
    expect(site.log[0].path).toBe('/robots.txt');
    for (const l of site.log) expect(l.userAgent).toMatch(/^CivicFigures\/[\d.]+ \(\+https?:\/\/\S+/);
    // 500 then 200: retried once, stored
    expect(requested('/news/2024/0203/relocation.html').map((l) => l.status)).toEqual([500, 200]);
    // the huge page: reading stopped at the cap, far short of what the server was ready to send
    expect(site.hugeBytesSent()).toBeLessThan(16 * 1024 * 1024);
    // robots.txt's Crawl-delay (0.05 s for CivicFigures): no two requests closer than that
    const gaps = site.log.slice(1).map((l, i) => l.at - site.log[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
    // each page once (a retry and a redirect's hops apart)
    const pagePaths = site.log.map((l) => l.path).filter((p) => p !== '/news/2024/0203/relocation.html');
    expect(new Set(pagePaths).size).toBe(pagePaths.length);
  });

  it('a second crawl adds nothing and sends only conditional requests, answered 304 (a timed-out page is tried again)', async () => {
    await open();
    const first = await crawl(db, settings(START), { gate: new HostGate() });
    const before = { articles: (await rows('SELECT id FROM articles')).length, facts: (await rows('SELECT id FROM facts')).length };
    const seenBefore = site.log.length;

    const second = await crawl(db, settings(START), { gate: new HostGate() });
    const again = site.log.slice(seenBefore);
    expect(second.added).toBe(0);
    expect(second.figures).toBe(0);
    expect({ articles: (await rows('SELECT id FROM articles')).length, facts: (await rows('SELECT id FROM facts')).length }).toEqual(before);
    // robots.txt is kept a day: not asked again
    expect(again.filter((l) => l.path === '/robots.txt')).toEqual([]);
    // the listings, asked with their validators and answered 304 (which replays the links they gave)
    const listings = ['/feed.xml', '/sitemap_index.xml', '/sitemap-news.xml', '/list/index.html', '/list/index_1.html', '/list/index_2.html'];
    const conditional = again.filter((l) => l.path !== '/news/slow.html');
    expect(conditional.map((l) => l.path).sort()).toEqual([...listings].sort());
    for (const l of conditional) {
      expect(l.ifNoneMatch, l.path).toMatch(/^"/);
      expect(l.ifModifiedSince, l.path).toBe('Mon, 05 Feb 2024 08:00:00 GMT');
      expect(l.status, l.path).toBe(304);
    }
    // only the page that timed out (a passing failure) is asked again; the 404, the loop, the huge page and the PDF are not
    expect(again.filter((l) => l.path === '/news/slow.html')).toHaveLength(1);
    expect(second.unchanged).toBe(first.added + first.duplicates + listings.length + 4);
    expect(second.failed).toBe(1);
  });

  it('--since: older list items are not fetched and the pagination stops at a page of older items; older articles are not stored', async () => {
    await open();
    const summary = await crawl(db, settings(['/list/index.html', '/sitemap_index.xml'], { since: '2024-01-25' }), { gate: new HostGate() });
    const paths = site.log.map((l) => l.path);
    expect(paths).toContain('/list/index_1.html');
    expect(paths).not.toContain('/news/2019/1220/archive.html');
    expect(paths).not.toContain('/list/index_2.html');
    // the sitemap's lastmod is after --since; articles published before it are fetched (to learn the date) but not stored
    expect((await storedArticles()).map((a) => a.published_on).every((d) => d === null || d >= '2024-01-25')).toBe(true);
    expect((await storedArticles()).map((a) => a.url.slice(site.origin.length))).toEqual(expect.arrayContaining(['/news/2024/0128/park.html', '/news/2024/0203/relocation.html']));
    expect(summary.older).toBeGreaterThanOrEqual(3); // archive (list), renovation and council (published earlier)
  });

  it('resumes: a crawl stopped by --max-pages or by a signal leaves the rest for the next, which fetches no stored article again', async () => {
    await open();
    const stopped = await crawl(db, settings(['/feed.xml', '/list/index.html'], { maxPages: 3 }), { gate: new HostGate() });
    expect(stopped.stoppedBy).toBe('max-pages');
    expect(stopped.left).toBeGreaterThan(0);
    const firstStored = (await storedArticles()).map((a) => a.url);
    expect(firstStored.length).toBeGreaterThan(0);
    const pending = (await rows<{ n: number }>("SELECT count(*) AS n FROM crawl_state WHERE result = 'pending'"))[0].n;
    expect(pending).toBeGreaterThan(0);

    const controller = new AbortController();
    let pages = 0;
    const aborted = await crawl(db, settings(['/feed.xml', '/list/index.html']), {
      gate: new HostGate(), signal: controller.signal,
      onPage: (o) => { if (o.result === 'stored' && ++pages === 1) controller.abort(); },
    });
    expect(aborted.stoppedBy).toBe('aborted');

    const seen = site.log.length;
    const rest = await crawl(db, settings(['/feed.xml', '/list/index.html']), { gate: new HostGate() });
    expect(rest.stoppedBy).toBeNull();
    const all = (await storedArticles()).map((a) => a.url.slice(site.origin.length)).sort();
    expect(all).toEqual(['/news/2019/1101/archive-older.html', '/news/2019/1220/archive.html', '/news/2024/0115/renovation.html',
      '/news/2024/0118/safety-gbk.html', '/news/2024/0128/park.html', '/news/2024/0201/jobs.html', '/news/2024/0202/canteens.html']);
    for (const url of firstStored) expect(site.log.slice(seen).map((l) => `${site.origin}${l.path}`)).not.toContain(url);
    expect((await rows<{ n: number }>("SELECT count(*) AS n FROM crawl_state WHERE result = 'pending'"))[0].n).toBe(0);
  });

  it('without robots.txt (404) everything is allowed; an unreadable robots.txt (503) forbids the whole site', async () => {
    await open('missing');
    const open404 = await crawl(db, settings(['/feed.xml']), { gate: new HostGate() });
    expect(open404.added).toBeGreaterThan(0);
    expect(site.log.map((l) => l.path)).toContain('/private/duty.html');
    await site.close();
    await db.close();

    await open('error');
    const shut = await crawl(db, settings(['/feed.xml']), { gate: new HostGate() });
    expect(shut.added).toBe(0);
    expect(shut.failures[0]).toMatchObject({ reason: 'robots-unavailable' });
    expect(site.log.map((l) => l.path).every((p) => p === '/robots.txt')).toBe(true);
  });

  it('reads a gzipped sitemap', async () => {
    await open();
    const summary = await crawl(db, settings(['/sitemap-news.xml.gz'], { maxPages: 4 }), { gate: new HostGate() });
    expect(summary.failures).toEqual([]);
    expect((await storedArticles()).map((a) => a.title)).toEqual(expect.arrayContaining(['南山社区“邻里议事会”解决群众急难愁盼', '枫林街道助企服务专班走访辖区企业']));
  });

  it('an address that is an article is stored as one; the only site crawled is the one named', async () => {
    await open();
    const summary = await crawl(db, settings(['/news/2024/0128/park.html']), { gate: new HostGate() });
    expect(summary.added).toBe(1);
    expect((await storedArticles()).map((a) => a.title)).toEqual(['河滨公园提升改造工程完工']);
    // its related links and menus are not followed
    expect(site.log.map((l) => l.path)).toEqual(['/robots.txt', '/news/2024/0128/park.html']);
  });
});
