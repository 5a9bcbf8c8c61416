import { describe, expect, it } from 'vitest';
import { openTestDb } from '../../db/testing';
import { claimRun, crawlSourceByName, crawlSourcesOverview, finishRun, saveCrawlSource } from '../../db/crawl';
import { isDue, parseSourcesFile } from './sources';

describe('the sources file', () => {
  it('reads a list or {sources: [...]}, with defaults for what it leaves out', () => {
    const text = JSON.stringify({ sources: [{ name: '清河区人民政府', district: '清河区', start: ['https://www.qinghe.example.gov.cn/rss.xml#top'], delay: 2, schedule: 'daily' }, { name: '东湖镇', start: ['http://dh.example.cn/list/'] }] });
    expect(parseSourcesFile(text)).toEqual([
      { name: '清河区人民政府', district: '清河区', startUrls: ['https://www.qinghe.example.gov.cn/rss.xml'], delaySeconds: 2, maxPages: null, maxDepth: null, schedule: 'daily' },
      { name: '东湖镇', district: null, startUrls: ['http://dh.example.cn/list/'], delaySeconds: null, maxPages: null, maxDepth: null, schedule: 'manual' },
    ]);
  });

  it.each([
    ['{', /not valid JSON/],
    ['[{"name": "甲", "start": []}]', /\[0\]\.start: needs at least one start address/],
    ['[{"name": "甲", "start": ["file:///etc/passwd"]}]', /\[0\]\.start\[0\]: must be an http\(s\) address/],
    ['[{"name": "甲", "start": ["https://a.cn/"], "delay": -1}]', /\[0\]\.delay/],
    ['[{"name": "甲", "start": ["https://a.cn/"], "schedule": "often"}]', /\[0\]\.schedule/],
    ['[{"name": "甲", "start": ["https://a.cn/"], "startUrl": "x"}]', /startUrl/],
    ['[{"name": "甲", "start": ["https://a.cn/"]}, {"name": "甲", "start": ["https://b.cn/"]}]', /\[1\]\.name: "甲" is named twice/],
  ])('refuses %s, naming the place', (text, message) => {
    expect(() => parseSourcesFile(text, 'sources.json')).toThrow(message);
  });

  it('knows when a source is due by its schedule hint', () => {
    const now = new Date('2024-02-05T12:00:00Z');
    expect(isDue('daily', null, now)).toBe(true);
    expect(isDue('daily', '2024-02-05T00:00:00Z', now)).toBe(false);
    expect(isDue('daily', '2024-02-04T11:00:00Z', now)).toBe(true);
    expect(isDue('hourly', '2024-02-05T10:59:00Z', now)).toBe(true);
    expect(isDue('manual', null, now)).toBe(false);
  });
});

describe('crawl runs', () => {
  it('one crawl at a time per source; a run whose process died is released; settings are saved and read back', async () => {
    const db = await openTestDb();
    const at = (iso: string) => ({ now: iso, staleBefore: new Date(Date.parse(iso) - 15 * 60_000).toISOString() });
    const id = await saveCrawlSource(db, { name: '清河区人民政府', district: '清河区', startUrls: ['https://a.cn/rss.xml'], delaySeconds: 2, maxPages: null, maxDepth: 3, schedule: 'daily' }, '2024-02-05T00:00:00Z');
    expect(await crawlSourceByName(db, '清河区人民政府')).toMatchObject({ sourceId: id, startUrls: ['https://a.cn/rss.xml'], delaySeconds: 2, maxDepth: 3, schedule: 'daily' });

    const first = await claimRun(db, { sourceId: id, trigger: 'web', ...at('2024-02-05T10:00:00Z') });
    expect(first).not.toBeNull();
    expect(await claimRun(db, { sourceId: id, trigger: 'cli', ...at('2024-02-05T10:05:00Z') })).toBeNull();
    // a source without settings of its own (an ad-hoc crawl) never blocks another
    expect(await claimRun(db, { sourceId: null, trigger: 'cli', ...at('2024-02-05T10:05:00Z') })).not.toBeNull();
    expect(await claimRun(db, { sourceId: null, trigger: 'cli', ...at('2024-02-05T10:05:00Z') })).not.toBeNull();
    // silent for longer than the stale limit: its process died; the next claim marks it interrupted and runs
    const second = await claimRun(db, { sourceId: id, trigger: 'cli', ...at('2024-02-05T10:20:00Z') });
    expect(second).not.toBeNull();
    const runs = await db.all('SELECT id, status FROM crawl_runs WHERE source_id = ? ORDER BY id', [id]);
    expect(runs).toEqual([{ id: first, status: 'interrupted' }, { id: second, status: 'running' }]);

    await finishRun(db, second!, 'finished', { pages: 3, added: 2, figures: 9, duplicates: 0, unchanged: 1, skipped: 0, failed: 0 }, null, '2024-02-05T10:21:00Z');
    const [overview] = await crawlSourcesOverview(db);
    expect(overview).toMatchObject({ name: '清河区人民政府', district: '清河区', articles: 0, lastRun: { id: second, status: 'finished', added: 2, figures: 9 } });
    expect(await claimRun(db, { sourceId: id, trigger: 'web', ...at('2024-02-05T10:22:00Z') })).not.toBeNull();
  });
});
