// Issue 17's last gaps in the browser: the checks' working and notes in the page's language only, the
// approximate mark in a chart's data table, and a filter form that picks several values without editing
// the URL (kept by the language switch). Reads the sample page the app loads on an empty database.
import { expect, test, type Locator, type Page } from '@playwright/test';

/** What is left of a check's working once the article's own words (quoted) and place names are taken out. */
const templateText = (s: string) => s
  .replace(/“[^”]*”|《[^》]*》/g, ' ')
  .replace(/[\u4e00-\u9fff]+?(?:街道|社区|村|镇|乡|区|县)/g, ' ');
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

async function workings(checks: Locator): Promise<string[]> {
  const texts: string[] = [];
  for (const check of await checks.all()) {
    texts.push(await check.getByTestId('check-arithmetic').innerText());
    for (const note of await check.getByTestId('check-note').all()) texts.push(await note.innerText());
  }
  return texts;
}

const selectedOf = (page: Page, name: string) => page.getByTestId(`filter-${name}`).evaluate(
  (el) => Array.from((el as HTMLSelectElement).selectedOptions).map((o) => o.value).filter(Boolean).sort());

test('the checks page speaks one language at a time', async ({ page }) => {
  await page.goto('/checks?lang=en');
  const checks = page.getByTestId('check');
  await expect(checks.first()).toBeVisible();
  const english = await workings(checks);
  expect(english.length).toBeGreaterThan(0);
  for (const text of english) expect(templateText(text), text).not.toMatch(CJK);
  // the sample's 解决率84.6%: 594 of 702, said in English
  expect(english).toContain('594 ÷ 702 = 84.62% (the article: 84.6%)');

  await page.goto('/checks?lang=zh');
  await expect(checks.first()).toBeVisible();
  const chinese = await workings(checks);
  expect(chinese).toContain('594 ÷ 702 = 84.62%（文中 84.6%）');
  for (const text of chinese) expect(templateText(text), text).not.toMatch(/[A-Za-z]{2,}/);
});

test("a figure page's checks speak the page's language", async ({ page }) => {
  await page.goto('/checks?lang=en&kind=share_of_target');
  const share = page.getByTestId('check').filter({ hasText: '46.7%' }).first();
  await expect(share).toBeVisible();
  const href = await share.locator('a[href^="/facts/"]').first().getAttribute('href');
  await page.goto(`${href}?lang=en`);
  const check = page.getByTestId('check').filter({ hasText: '46.7%' }).first();
  await expect(check.getByTestId('check-arithmetic')).toHaveText('15 × 46.7% = 7.005 ≈ 7; 7 ÷ 15 = 46.67% (the article: 46.7%)');
  await expect(check.getByTestId('check-note')).toHaveText('i.e. 7 done');
  for (const text of await workings(page.getByTestId('check'))) expect(templateText(text), text).not.toMatch(CJK);
});

test("a chart's data table marks values that rest on approximate figures", async ({ page }) => {
  await page.goto('/');
  const table = page.locator('details.chart-table').first();
  await table.locator('summary').click();
  const mark = table.getByTestId('approx-mark').first();
  await expect(mark).toHaveText(/^（含约数 \d+）$/);
  // the mark is where the row's count of approximate figures is not zero
  const row = table.locator('tr').filter({ has: page.getByTestId('approx-mark') }).first();
  const approximate = Number(await row.locator('td').last().innerText());
  expect(approximate).toBeGreaterThan(0);
  await expect(row.getByTestId('approx-mark')).toHaveText(`（含约数 ${approximate}）`);

  await page.goto('/?lang=en');
  const english = page.locator('details.chart-table').first();
  await english.locator('summary').click();
  await expect(english.getByTestId('approx-mark').first()).toHaveText(/^ \(incl\. \d+ approx\.\)$/);
});

test('the filter form picks several metrics and streets, and the language switch keeps them', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('several-metric').check();
  await expect(page.getByTestId('filter-metric')).toHaveAttribute('multiple', '');
  await page.getByTestId('filter-metric').selectOption(['investment', 'problems_resolved']);
  await expect(page).toHaveURL(/metric=investment&metric=problems_resolved|metric=problems_resolved&metric=investment/);

  await page.getByTestId('several-street').check();
  const streets = await page.getByTestId('filter-street').evaluate((el) => Array.from((el as HTMLSelectElement).options).map((o) => o.value).filter(Boolean));
  expect(streets.length, 'the sample names at least two streets').toBeGreaterThanOrEqual(2);
  const picked = streets.slice(0, 2).sort();
  await page.getByTestId('filter-street').selectOption(picked);
  await expect.poll(() => new URL(page.url()).searchParams.getAll('street').sort()).toEqual(picked);
  expect(new URL(page.url()).searchParams.getAll('metric').sort()).toEqual(['investment', 'problems_resolved']);

  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveURL(/lang=en/);
  const params = new URL(page.url()).searchParams;
  expect(params.getAll('metric').sort()).toEqual(['investment', 'problems_resolved']);
  expect(params.getAll('street').sort()).toEqual(picked);
  await expect.poll(() => selectedOf(page, 'metric')).toEqual(['investment', 'problems_resolved']);
  await expect.poll(() => selectedOf(page, 'street')).toEqual(picked);
  await expect(page.getByTestId('several-metric')).toBeChecked();

  // back to one metric: the first selected stays
  await page.getByTestId('several-metric').uncheck();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('metric')).toHaveLength(1);
  expect(new URL(page.url()).searchParams.getAll('street').sort()).toEqual(picked);
});
