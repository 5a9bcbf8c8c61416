// The dashboard on the bundled sample page (上城报, 2020-04-21): overview charts and filters in the
// URL, bar → its figures, a figure's sentence, article and place pages, search, language, phone width.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bars } from './helpers/charts';

const shots = `${process.env.E2E_RESULTS || 'e2e/.results'}/screenshots`;


function axisLabels(page: Page, chart: string) {
  return page.locator(`[data-testid="${chart}"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value`);
}

test('overview charts figures per street: bars for 望江街道 and 湖滨街道', async ({ page }) => {
  await page.goto('/');
  const rects = await bars(page, 'place-chart');
  expect(await rects.count()).toBeGreaterThanOrEqual(2);
  await expect(axisLabels(page, 'place-chart').filter({ hasText: '望江街道' })).toHaveCount(1);
  await expect(axisLabels(page, 'place-chart').filter({ hasText: '湖滨街道' })).toHaveCount(1);
  await bars(page, 'month-chart');
  // every chart carries title, unit, filters, a source line, and its table
  const chart = page.getByTestId('place-chart');
  await expect(chart.getByRole('heading', { level: 2 })).toContainText('按街道');
  await expect(chart).toContainText('单位');
  await expect(chart).toContainText('筛选');
  await expect(chart).toContainText('来源');
  await expect(chart.locator('table')).toContainText('湖滨街道');
  await expect(chart.getByRole('link', { name: /CSV/ })).toHaveAttribute('href', /^\/export\/facts\.csv/);
  await page.screenshot({ path: `${shots}/dashboard-overview.png`, fullPage: true });
});

test('a filter change updates the URL and the chart; back restores both', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  const before = await page.getByTestId('fact-count').textContent();
  await page.getByTestId('filter-street').selectOption({ label: '望江街道' });
  await expect(page).toHaveURL(/street=330102010/);
  await expect(page.getByTestId('place-chart').getByRole('heading', { level: 2 })).toContainText('按社区');
  await expect(page.getByTestId('fact-count')).not.toHaveText(before!);
  await page.getByTestId('filter-metric').selectOption('households_resettled');
  await expect(page).toHaveURL(/metric=households_resettled/);
  await expect(page.getByTestId('unit-note')).toContainText('个');
  await page.screenshot({ path: `${shots}/dashboard-filtered.png`, fullPage: true });

  await page.goBack();
  await expect(page).not.toHaveURL(/metric=/);
  await expect(page).toHaveURL(/street=330102010/);
  await page.goBack();
  await expect(page).not.toHaveURL(/street=/);
  await expect(page.getByTestId('place-chart').getByRole('heading', { level: 2 })).toContainText('按街道');
  await expect(page.getByTestId('fact-count')).toHaveText(before!);
  await expect(page.getByTestId('filter-street')).toHaveValue('');
  await expect(axisLabels(page, 'place-chart').filter({ hasText: '湖滨街道' })).toHaveCount(1);
});

test('clicking a bar lists its figures', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  const labels = await axisLabels(page, 'place-chart').allTextContents();
  const index = labels.findIndex((l) => l.includes('湖滨街道'));
  expect(index).toBeGreaterThanOrEqual(0);
  // bars are stacked (exact part, then the hatched approximate part): click the exact part
  await page.locator('[data-testid="place-chart"] .recharts-bar').first().locator('.recharts-bar-rectangle').nth(index).click();
  await expect(page).toHaveURL(/pick=street(:|%3A)330102003/);
  await expect(page.getByTestId('figures-heading')).toContainText('湖滨街道');
  const rows = page.getByTestId('fact-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const expected = await page.getByTestId('place-chart').locator('table tbody tr', { hasText: '湖滨街道' }).locator('td').nth(2).textContent();
  await expect(rows).toHaveCount(Number(expected));
  for (const place of await rows.locator('td:nth-child(2)').allTextContents()) expect(place).toMatch(/湖滨街道|青年路社区/);
  await page.screenshot({ path: `${shots}/dashboard-bar-picked.png`, fullPage: true });
  await page.getByTestId('clear-pick').click();
  await expect(page).not.toHaveURL(/pick=/);
});

test('keyboard: the chart table opens a bar’s figures', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  const summary = page.getByTestId('place-chart').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const link = page.getByTestId('place-chart').getByRole('link', { name: '望江街道' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/pick=street(:|%3A)330102010/);
  await expect(page.getByTestId('figures-heading')).toContainText('望江街道');
});

test('the fact page of 解决问题594个 highlights it in its sentence', async ({ page }) => {
  await page.goto('/?metric=problems_resolved');
  await page.getByTestId('fact-link').filter({ hasText: /^594个$/ }).click();
  await expect(page).toHaveURL(/\/facts\/\d+/);
  const mark = page.getByTestId('current-figure');
  await expect(mark).toHaveText('594个');
  const sentence = page.getByTestId('fact-sentence');
  await expect(sentence).toContainText('已协调解决问题594个');
  await expect(sentence.getByTestId('current-figure')).toHaveCount(1);
  await expect(page.getByTestId('fact-place')).toContainText('330102');
  await expect(page.getByTestId('citation')).toContainText('上城报');
  await expect(page.getByTestId('citation')).toContainText('2020-04-21');
  await page.screenshot({ path: `${shots}/dashboard-fact-594.png`, fullPage: true });
});

test('money is shown the Chinese way with the exact value on hover; approximate figures are marked', async ({ page }) => {
  await page.goto('/?metric=contract_value');
  const value = page.getByTestId('fact-table').locator('.figure-value').first();
  await expect(value).toHaveText('14亿元');
  await expect(value).toHaveAttribute('title', /1,400,000,000/);
  await page.goto('/?metric=financing');
  const approx = page.getByTestId('fact-table').locator('.figure-value.approx').first();
  await expect(approx).toContainText('8000万元');
  await expect(approx).toContainText('超');
});

test('the article page highlights every figure', async ({ page }) => {
  await page.goto('/?metric=problems_resolved');
  await page.getByTestId('fact-table').locator('tbody tr', { hasText: '594个' }).getByRole('link').last().click();
  await expect(page).toHaveURL(/\/articles\/\d+/);
  const rows = page.getByTestId('article-figures').locator('tbody tr');
  const marks = page.getByTestId('figure-mark');
  await expect(marks.first()).toBeVisible();
  expect(await marks.count()).toBe(await rows.count());
  await expect(marks.filter({ hasText: '594个' })).toHaveAttribute('title', /解决问题/);
  await page.screenshot({ path: `${shots}/dashboard-article.png`, fullPage: true });
});

test('the place page links down to streets and up to the district', async ({ page }) => {
  await page.goto('/places/330102');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('上城区');
  const children = page.getByTestId('place-children');
  await expect(children.getByRole('link', { name: '湖滨街道' })).toBeVisible();
  await children.getByRole('link', { name: '望江街道' }).click();
  await expect(page).toHaveURL(/\/places\/330102010/);
  await expect(page.getByTestId('place-breadcrumbs').getByRole('link', { name: '上城区' })).toBeVisible();
  await bars(page, 'place-month-chart');
  await expect(page.getByTestId('place-metrics')).toContainText('安置户数');
  await page.screenshot({ path: `${shots}/dashboard-place.png`, fullPage: true });
});

test('search finds Chinese words in sentences and links to their figures', async ({ page }) => {
  await page.goto('/search');
  await page.getByTestId('search-input').fill('解决问题');
  await page.getByTestId('search-input').press('Enter');
  await expect(page).toHaveURL(/q=/);
  const hits = page.getByTestId('search-hits').locator('li');
  await expect(hits.first()).toBeVisible();
  const hit = hits.filter({ hasText: '已协调解决问题594个' });
  await expect(hit.locator('mark').first()).toHaveText('解决问题');
  await hit.getByRole('link', { name: '594个' }).click();
  await expect(page.getByTestId('current-figure')).toHaveText('594个');
  await page.goto('/search?q=' + encodeURIComponent('湖滨'));
  await expect(page.getByTestId('search-hits').locator('li').first()).toContainText('湖滨');
  await page.goto('/search?q=' + encodeURIComponent('没有这个词语'));
  await expect(page.getByTestId('search-count')).toContainText('没有找到');
});

test('the language switch turns the interface to English and back', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Civic figures overview');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('place-chart').getByRole('heading', { level: 2 })).toContainText('By street');
  await page.getByTestId('filter-metric').selectOption('problems_resolved');
  await expect(page).toHaveURL(/metric=problems_resolved/);
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.getByTestId('place-chart').getByRole('heading', { level: 2 })).toContainText('Problems resolved');
  await page.screenshot({ path: `${shots}/dashboard-english.png`, fullPage: true });
  // the cookie carries the choice to pages reached without lang in the URL
  await page.goto('/search');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Full-text search');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全文搜索');
});

test('the filter form works from the keyboard: a select keeps the focus as each step changes the view', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  const metric = page.getByTestId('filter-metric');
  await metric.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/metric=\w+/);
  await expect(metric).toBeFocused();
  const first = await metric.inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(page).not.toHaveURL(new RegExp(`metric=${first}(&|$)`));
  await expect(metric).toBeFocused();
  expect(await metric.inputValue()).not.toBe(first);
  // back: the select shows the URL's metric again
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`metric=${first}(&|$)`));
  await expect(metric).toHaveValue(first);
});

test('charts download as SVG and PNG', async ({ page }) => {
  await page.goto('/');
  await bars(page, 'place-chart');
  const chart = page.getByTestId('place-chart');
  const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /SVG/ }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('按街道');
  expect(text).toContain('来源');
  const [png] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /PNG/ }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
});

test('readable at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await bars(page, 'place-chart');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // the header nav gets a full-width line of its own, not a squeezed column beside the brand
  const nav = page.getByRole('navigation', { name: '主导航' });
  expect((await nav.boundingBox())!.width).toBeGreaterThan(300);
  const tops = await nav.locator('ul a').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true });
  await page.goto('/facts/1');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
});
