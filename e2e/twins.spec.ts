// Issue 12 in the browser: every view announces its JSON and CSV twins in its head and in a Link header, and
// they answer with the view's data; two running totals of one street are charted as the later one; a 去年
// figure is in its year, not in December; a correction that changes unit and metric is charted under the
// corrected ones in the overview, on the place page and in the CSV. Articles of our own writing are added
// through POST /api/articles, as an editor would.
import { expect, test, type Page } from '@playwright/test';
import { csrfToken, signIn } from './helpers/auth';

const shots = `${process.env.E2E_RESULTS || 'e2e/.results'}/screenshots`;

const ARTICLES = [
  { published: '2021-03-05', title: '清波街道推进重点项目建设', text: '清波街道推进重点项目建设\n截至2月底，清波街道累计完成投资1.2亿元，项目进展顺利。' },
  { published: '2021-04-06', title: '清波街道项目建设再提速', text: '清波街道项目建设再提速\n截至3月底，清波街道累计完成投资1.8亿元。3月份，清波街道新开工项目完成投资5000万元。' },
  { published: '2021-01-15', title: '湖滨街道回应群众诉求', text: '湖滨街道回应群众诉求\n去年，湖滨街道共收集群众诉求3200件。' },
];

async function twinOf(page: Page, type: 'application/json' | 'text/csv'): Promise<string> {
  const href = await page.locator(`head link[rel="alternate"][type="${type}"]`).getAttribute('href');
  expect(href, `the page announces its ${type} twin`).toBeTruthy();
  return href!;
}

test.describe.serial('issue 12', () => {
  test('an editor adds three articles of our own', async ({ page }) => {
    await signIn(page, '/');
    for (const a of ARTICLES) {
      const res = await page.request.post('/api/articles', {
        data: { text: a.text, title: a.title, source: '清波与湖滨简讯', district: '上城区', published: a.published },
        headers: { 'x-csrf-token': await csrfToken(page) },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
    }
  });

  test('every page announces its JSON and CSV twins, which hold the same view', async ({ page, request }) => {
    const figure = (await (await request.get('/api/facts?limit=1')).json() as { rows: { id: number; article_id: number }[] }).rows[0];
    const pages = ['/', '/?metric=investment&granularity=year', `/facts/${figure.id}`, `/articles/${figure.article_id}`, '/places/330102', '/checks?kind=rate', `/search?q=${encodeURIComponent('投资')}`];
    for (const path of pages) {
      await page.goto(path);
      const json = await twinOf(page, 'application/json');
      const csv = await twinOf(page, 'text/csv');
      const url = new URL(path, 'http://x');
      // the same query, the path with .json or .csv (/ is /overview)
      expect(json).toBe(`${url.pathname === '/' ? '/overview' : url.pathname}.json${url.search}`);
      expect(csv).toBe(`${url.pathname === '/' ? '/overview' : url.pathname}.csv${url.search}`);
      const j = await request.get(json);
      expect(j.status(), json).toBe(200);
      expect(j.headers()['content-type']).toContain('application/json');
      // data, not a page: the strict policy, no page CSP from proxy.ts
      expect(j.headers()['content-security-policy']).toContain("default-src 'none'");
      await j.json();
      const c = await request.get(csv);
      expect(c.status(), csv).toBe(200);
      expect(c.headers()['content-type']).toContain('text/csv');
      expect(c.headers().link).toContain('type="application/json"');
      await expect(page.getByTestId('data-links').getByRole('link', { name: 'JSON' })).toHaveAttribute('href', json);
      // the page's own answer names both twins, with its query, in a Link header
      const link = (await request.get(path)).headers().link;
      expect(link, path).toContain(`<${json}>; rel="alternate"; type="application/json"`);
      expect(link, path).toContain(`<${csv}>; rel="alternate"; type="text/csv"`);
    }
    // the old addresses still answer
    expect((await request.get('/api/checks?kind=rate')).status()).toBe(200);
    expect((await request.get('/checks.csv?kind=rate')).status()).toBe(200);
    const bad = await request.get('/overview.json?metric=nonsense');
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: 'metric' });
  });

  test('two running totals of one street are charted as the later one, not their sum', async ({ page, request }) => {
    await page.goto('/?metric=investment&measure=level');
    const chart = page.getByTestId('place-chart');
    await chart.locator('summary').click();
    await expect(chart.locator('table tbody tr', { hasText: '清波街道' }).locator('td').nth(1)).toHaveText('1.8亿元');
    await expect(page.getByTestId('unit-note')).toContainText('最新累计');
    await page.screenshot({ path: `${shots}/twins-running-totals.png`, fullPage: true });
    const data = await (await request.get('/overview.json?metric=investment&measure=level')).json();
    expect(data.by_place.buckets.find((b: { key: string }) => b.key === '330102001').value).toBe(1.8e8);
    expect(data.by_period.buckets.filter((b: { figures: number }) => b.figures > 0).map((b: { key: string; value: number }) => [b.key, b.value]))
      .toEqual(expect.arrayContaining([['2021-02', 1.2e8], ['2021-03', 1.8e8]]));
  });

  test('a figure of 去年 is in its year, not in December', async ({ page }) => {
    await page.goto(`/?metric=problems_collected&street=330102003`);
    await expect(page.getByTestId('period-note')).toContainText('只标明季度、半年或年份');
    const monthly = page.getByTestId('month-chart');
    await monthly.locator('summary').click();
    await expect(monthly.locator('table tbody')).not.toContainText('2020年12月');
    await page.getByTestId('to-year').click();
    await expect(page).toHaveURL(/granularity=year/);
    const yearly = page.getByTestId('month-chart');
    await yearly.locator('summary').click();
    await expect(yearly.locator('table tbody tr', { hasText: '2020年' }).locator('td').nth(1)).toContainText('3200');
  });

  test('a correction of unit and metric is charted under the corrected ones: overview, place page, CSV', async ({ page, request }) => {
    const rows = (await (await request.get('/api/facts?metric=investment&street=330102001&from=2021-03-01&to=2021-03-31&limit=1000')).json() as { rows: { id: number; figure_text: string }[] }).rows;
    const misread = rows.find((r) => r.figure_text === '5000万元')!;
    expect(misread).toBeDefined();
    await signIn(page, `/review/${misread.id}`);
    const res = await page.request.post(`/api/facts/${misread.id}/review`, {
      data: { status: 'corrected', value: '300', unit: 'mu', metric: 'land_cleared', reason: 'e2e: read as land cleared' },
      headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(res.status()).toBe(200);

    await page.goto('/?metric=land_cleared&district=330102');
    const chart = page.getByTestId('place-chart');
    await chart.locator('summary').click();
    await expect(chart.locator('table tbody tr', { hasText: '清波街道' }).locator('td').nth(1)).toHaveText('300亩');
    // the figure left its old metric's bar
    const ids = async (query: string) => ((await (await request.get(`/overview.json?${query}`)).json()).figures.rows as { id: number }[]).map((r) => r.id);
    expect(await ids('metric=investment&measure=flow&pick=street:330102001')).not.toContain(misread.id);
    expect(await ids('metric=land_cleared&pick=street:330102001')).toContain(misread.id);

    await page.goto('/places/330102001');
    await expect(page.locator('[data-testid="place-metrics"] tr[data-metric="land_cleared"][data-unit="mu"]').getByTestId('metric-flow')).toHaveText('300亩');

    const csv = await (await request.get('/export/facts.csv?metric=land_cleared&street=330102001')).text();
    const [header, line] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, line.split(',')[i]]));
    expect(cells).toMatchObject({ effective_value: '300', effective_unit: 'mu', effective_metric: 'land_cleared', value: '50000000', metric: 'investment' });
    await page.goto(`/facts/${misread.id}`);
    await expect(page.getByTestId('fact-metric')).toContainText('腾地征收');
    await page.screenshot({ path: `${shots}/twins-correction.png`, fullPage: true });
  });
});
