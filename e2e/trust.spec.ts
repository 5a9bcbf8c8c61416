// Issue 17 in the browser — what a new user found: a real time axis (an empty month between two reported
// ones), streets of two districts labelled apart, a correction shown the same way on the figure page, in the
// list, in the checks and in the CSV, a language switch that keeps the filters, <html lang> that follows the
// language, and the sample page's district bar without project size classes. Articles of our own writing
// are added through POST /api/articles, as an editor would.
import { expect, test, type Page } from '@playwright/test';
import { csrfToken, signIn } from './helpers/auth';

const shots = `${process.env.E2E_RESULTS || 'e2e/.results'}/screenshots`;

const ARTICLES = [
  { published: '2021-01-28', title: '清波街道一月环境整治', district: '上城区', text: '清波街道一月环境整治\n1月，清波街道完成背街小巷整治4条，新增绿地2400平方米。' },
  { published: '2021-03-30', title: '清波街道三月环境整治', district: '上城区', text: '清波街道三月环境整治\n3月，清波街道新增绿地1600平方米，完成背街小巷整治3条。' },
  { published: '2021-03-29', title: '北山街道景区周边提升', district: '西湖区', text: '北山街道景区周边提升\n3月，北山街道新增绿地900平方米，游客服务点完成改造。' },
];

async function addArticles(page: Page) {
  await signIn(page, '/');
  for (const a of ARTICLES) {
    const res = await page.request.post('/api/articles', {
      data: { text: a.text, title: a.title, source: '街道环境简讯', district: a.district, published: a.published },
      headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
  }
}

/** The metric our articles' 新增绿地 figures were filed under (the extractor decides; the test follows it). */
async function greenMetric(page: Page): Promise<string> {
  const rows = (await (await page.request.get('/api/facts?source=街道环境简讯&limit=100')).json()).rows as { figure_text: string; metric: string }[];
  const green = rows.find((r) => r.figure_text === '2400平方米');
  expect(green, 'the extractor reads 新增绿地2400平方米').toBeDefined();
  return green!.metric;
}

test.describe.serial('issue 17', () => {
  test('an editor adds three articles of our own', async ({ page }) => { await addArticles(page); });

  test('the time axis shows the empty month between two reported months', async ({ page }) => {
    const metric = await greenMetric(page);
    await page.goto(`/?metric=${metric}&street=330102001`);
    const chart = page.getByTestId('month-chart');
    await chart.locator('summary').click();
    const rows = chart.locator('table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('2021年1月');
    await expect(rows.nth(1)).toContainText('2021年2月');
    await expect(rows.nth(1).locator('td').nth(1)).toHaveText('—');
    await expect(rows.nth(2)).toContainText('2021年3月');
    // the empty month is on the axis, drawn as a gap
    await expect(chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).toHaveText(['2021年1月', '2021年2月', '2021年3月']);
    await page.screenshot({ path: `${shots}/trust-time-axis.png`, fullPage: true });
  });

  test('streets of two districts are labelled with their district; each district has its own district-level bar', async ({ page, request }) => {
    const metric = await greenMetric(page);
    await page.goto(`/?metric=${metric}`);
    const chart = page.getByTestId('place-chart');
    await chart.locator('summary').click();
    await expect(chart.locator('table tbody')).toContainText('上城区·清波街道');
    await expect(chart.locator('table tbody')).toContainText('西湖区·北山街道');
    const data = await (await request.get(`/overview.json?metric=${metric}`)).json();
    const districts = (data.by_place.buckets as { district_code?: string }[]).map((b) => b.district_code);
    expect(new Set(districts)).toEqual(new Set(['330102', '330106']));
    // round ticks and the values on the bars
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    const ticks = await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    const number = (t: string) => parseFloat(t) * (t.endsWith('亿') ? 1e8 : t.endsWith('万') ? 1e4 : 1);
    const step = number(ticks[1]) - number(ticks[0]);
    // one step of 1, 2 or 5 × 10^k between every two ticks
    expect(String(step / 10 ** Math.floor(Math.log10(step))), `ticks ${ticks.join(' ')}`).toMatch(/^[125]$/);
    ticks.slice(1).forEach((t, i) => expect(number(t) - number(ticks[i]), `ticks ${ticks.join(' ')}`).toBeCloseTo(step, 6));
    await expect(chart.locator('.recharts-label-list text').filter({ hasText: /\d/ }).first()).toBeVisible();
    await page.screenshot({ path: `${shots}/trust-two-districts.png`, fullPage: true });
  });

  test('a correction reads the same on the figure page, in the list, in the checks and in the CSV', async ({ page, request }) => {
    const rows = (await (await request.get('/api/facts?metric=problems_resolved&limit=100')).json()).rows as { id: number; figure_text: string }[];
    const resolved = rows.find((r) => r.figure_text === '594个')!;
    expect(resolved).toBeDefined();
    await signIn(page, `/review/${resolved.id}`);
    const res = await page.request.post(`/api/facts/${resolved.id}/review`, {
      data: { status: 'corrected', value: '549', reason: 'e2e: 与区里通报核对' }, headers: { 'x-csrf-token': await csrfToken(page) },
    });
    expect(res.status(), await res.text()).toBe(200);

    await page.goto(`/facts/${resolved.id}`);
    await expect(page.getByTestId('fact-value')).toHaveText('549');
    await expect(page.getByTestId('fact-effective')).toContainText('原为 594');
    await expect(page.getByTestId('fact-metric')).not.toContainText('→'); // the metric did not change
    await expect(page.getByTestId('fact-metric').locator('code')).toHaveCount(0); // no raw key on a Chinese page
    const checks = page.getByTestId('check-list');
    await expect(checks).toContainText('549');
    expect(await page.locator('main').innerText()).not.toMatch(/\(corrected\)|corrected\)/);
    await page.screenshot({ path: `${shots}/trust-correction.png`, fullPage: true });

    await page.goto('/?metric=problems_resolved');
    const row = page.locator(`tr[data-fact-id="${resolved.id}"]`);
    await expect(row).toContainText('549');
    await expect(row.getByTestId('corrected-mark')).toHaveText('已更正');

    await page.goto('/checks');
    await expect(page.getByTestId('check').filter({ hasText: '549' }).first()).toContainText('已更正');

    const csv = await (await request.get(`/export/facts.csv?metric=problems_resolved&review_status=corrected`)).text();
    const [header, line] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, line.split(',')[i]]));
    // corrected_* only where the correction changed something; effective_* what the charts use
    expect(cells).toMatchObject({ value: '594', effective_value: '549', corrected_value: '549', corrected_unit: '', corrected_metric: '', effective_metric: 'problems_resolved', review_status: 'corrected' });

    // put the sample back as it was for the other tests
    const undo = await page.request.post(`/api/facts/${resolved.id}/review`, { data: { status: 'unreviewed', reason: 'e2e: restore' }, headers: { 'x-csrf-token': await csrfToken(page) } });
    expect(undo.status()).toBe(200);
  });

  test('switching the language keeps the metric filter, in the URL and in the form', async ({ page }) => {
    await page.goto('/?metric=investment');
    await expect(page.getByTestId('filter-metric')).toHaveValue('investment');
    const before = await page.getByTestId('fact-count').innerText();
    await page.getByTestId('lang-switch').click();
    await expect(page).toHaveURL(/lang=en/);
    await expect(page).toHaveURL(/metric=investment/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('filter-metric')).toHaveValue('investment');
    await expect(page.getByTestId('fact-count')).toHaveText(before);
    // the next filter change keeps the metric too
    await page.getByTestId('filter-qualifier').selectOption('exact');
    await expect(page).toHaveURL(/qualifier=exact/);
    await expect(page).toHaveURL(/metric=investment/);
    await expect(page.getByTestId('filter-metric')).toHaveValue('investment');
  });

  test('<html lang> follows the language of the page', async ({ page, context }) => {
    await context.clearCookies();
    await page.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/facts/1?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/?lang=zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // English buttons do not wrap
    await page.goto('/?lang=en');
    const apply = page.getByRole('button', { name: 'Apply filters' });
    expect(await apply.evaluate((b) => getComputedStyle(b).whiteSpace)).toBe('nowrap');
  });

  test('several values for one filter, and review_status, from the URL', async ({ page, request }) => {
    const both = await (await request.get('/overview.json?metric=investment&metric=problems_collected')).json();
    const one = async (m: string) => (await (await request.get(`/overview.json?metric=${m}`)).json()).figures.total as number;
    expect(both.figures.total).toBe(await one('investment') + await one('problems_collected'));
    await page.goto('/?metric=investment&metric=problems_collected');
    await expect(page.getByTestId('filter-metric')).toHaveJSProperty('multiple', true);
    expect((await (await request.get('/api/facts?review_status=rejected')).json()).rows).toEqual([]);
    expect((await request.get('/export/facts.csv?review_status=confirmed')).status()).toBe(400);
  });

  test('the sample page: the district-level investment bar leaves out project size classes; 问题清单40余张 is no problem count', async ({ page, request }) => {
    const investment = await (await request.get('/overview.json?metric=investment&district=330102')).json();
    // 50亿元 / 10亿元 / 1亿元 产业项目 are size classes (attributes): never in a bar
    expect(investment.attributes_left_out).toBeGreaterThanOrEqual(4);
    const districtLevel = (investment.by_place.buckets as { key: string | null; value: number | null }[]).find((b) => b.key === null);
    expect(districtLevel?.value ?? 0).toBeLessThan(7.1e9);
    const problems = await (await request.get('/overview.json?metric=problems_collected&district=330102')).json();
    expect((problems.figures.rows as { figure_text: string }[]).map((r) => r.figure_text)).not.toContain('40余张');
    await page.goto('/?metric=investment&district=330102');
    await expect(page.getByTestId('unit-note')).toContainText('属性数字');
  });
});

test('a date that defaulted to the publication day says so, in either language', async ({ page, request }) => {
  const rows = (await (await request.get('/api/facts?limit=1000')).json()).rows as { id: number; date_provenance: string }[];
  const defaulted = rows.find((r) => r.date_provenance === 'default');
  expect(defaulted, 'the sample page has a figure dated by its publication day').toBeDefined();
  await page.goto(`/facts/${defaulted!.id}?lang=zh`);
  await expect(page.getByTestId('date-provenance')).toContainText('发布日期（默认）');
  await page.goto(`/facts/${defaulted!.id}?lang=en`);
  await expect(page.getByTestId('date-provenance')).toContainText('publication date (default)');
});

test('the review queue is for editors: unreviewed figures in failing checks first', async ({ page }) => {
  await page.goto('/review');
  await expect(page.getByTestId('editors-only')).toBeVisible();
  await expect(page.getByTestId('editors-sign-in')).toHaveAttribute('href', /next=%2Freview/);
  await signIn(page, '/review');
  const queue = page.getByTestId('review-queue');
  await expect(queue.getByTestId('queue-link').first()).toBeVisible();
  // failing-check counts never rise down the list
  const failing = (await queue.getByTestId('queue-failing').allTextContents()).map((t) => Number(t || 0));
  expect(failing).toEqual([...failing].sort((a, b) => b - a));
  expect(await page.locator('main').innerText()).not.toMatch(/\b(count|investment|problems_resolved)\b/);
});
