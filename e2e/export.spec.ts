// Exports and the researcher API against the production build, on the e2e database (the sample page).
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

const shots = `${process.env.E2E_RESULTS || 'e2e/.results'}/screenshots`;

interface Row { id: number; uid: string; value: number; metric: string; sentence: string; fact_url: string; figure_text: string }

test('the CSV download holds every row of the view, as the API pages them', async ({ page }) => {
  const count = (await (await page.request.get('/api/facts/count')).json() as { count: number }).count;
  expect(count).toBeGreaterThan(20);

  const res = await page.request.get('/export/facts.csv');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  expect(res.headers()['content-disposition']).toContain('attachment; filename="civic-figures.csv"');
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(body, { bom: true, columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(count);

  const api: Row[] = [];
  let cursor: string | null = null;
  do {
    const page1 = await page.request.get(`/api/facts?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page1.status()).toBe(200);
    const json = await page1.json() as { rows: Row[]; next_cursor: string | null };
    api.push(...json.rows);
    cursor = json.next_cursor;
  } while (cursor);
  expect(api.map((r) => r.uid)).toEqual(records.map((r) => r.uid));
  expect(api.map((r) => r.value)).toEqual(records.map((r) => Number(r.value)));
  expect(records.every((r) => r.sentence.includes(r.figure_text.replace(/^'/, '')))).toBe(true);
  // the fact's page exists and shows its sentence
  const first = api[0];
  expect(new URL(first.fact_url).pathname).toBe(`/facts/${first.id}`);
});

test('a filtered download is named after its filters; JSONL matches the API; bad parameters are 400s', async ({ page }) => {
  const metrics = await (await page.request.get('/api/metrics')).json() as { metrics: { code: string }[] };
  expect(metrics.metrics.map((m) => m.code)).toContain('investment');
  const places = await (await page.request.get('/api/places?level=district')).json() as { places: { code: string; facts: number }[] };
  const district = places.places[0];
  expect(district.code).toMatch(/^\d{6}$/);

  const csv = await page.request.get(`/export/facts.csv?district=${district.code}&bom=0`);
  expect(csv.headers()['content-disposition']).toContain(`filename="civic-figures_district-${district.code}.csv"`);
  const text = await csv.text();
  expect(text.startsWith('id,uid,')).toBe(true);
  expect(parse(text, { columns: true })).toHaveLength(district.facts);

  const jsonl = (await (await page.request.get(`/export/facts.jsonl?district=${district.code}`)).text()).trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
  const api = await (await page.request.get(`/api/facts?district=${district.code}&limit=1000`)).json() as { rows: Row[] };
  expect(jsonl).toEqual(api.rows);

  for (const [query, parameter] of [['limit=5000', 'limit'], ['from=2020-02-31', 'from'], ['cursor=%27%20OR%201%3D1', 'cursor'], ['metric=nope', 'metric'], ['district=1%27%20OR%201%3D1%20--', 'district']]) {
    const bad = await page.request.get(`/api/facts?${query}`);
    expect(bad.status(), query).toBe(400);
    expect((await bad.json() as { parameter: string }).parameter).toBe(parameter);
  }
  expect((await page.request.get('/export/facts.csv?source=%27%3B%20DROP%20TABLE%20facts%3B%20--')).status()).toBe(400);
  expect((await (await page.request.get('/api/facts/count')).json() as { count: number }).count).toBeGreaterThan(20);
});

test('/export/README documents every column and downloads the CSV in the browser', async ({ page }) => {
  await page.goto('/export/README');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Data dictionary');
  const table = page.getByTestId('columns-table');
  for (const column of ['uid', 'value', 'unit', 'qualifier', 'metric_zh', 'district_code', 'sentence', 'fact_url', 'review_status', 'corrected_value']) {
    await expect(table.getByRole('cell', { name: column, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: /Review statuses/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/export-readme.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all-csv').click()]);
  expect(download.suggestedFilename()).toBe('civic-figures.csv');
  const file = readFileSync((await download.path())!);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const count = (await (await page.request.get('/api/facts/count')).json() as { count: number }).count;
  expect(parse(file, { bom: true, columns: true })).toHaveLength(count);
});

test('every CSV link of the home page answers with rows', async ({ page }) => {
  await page.goto('/');
  const hrefs = await page.locator('a[href^="/export/facts.csv"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  for (const href of new Set(hrefs)) {
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
    expect(parse(await res.body(), { bom: true, columns: true }).length, href).toBeGreaterThan(0);
  }
});
