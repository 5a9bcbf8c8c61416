// Issue 11 §3 in the browser, on the sample page: a figure's page says why it has its metric (what is
// counted, what was done, the metric, how sure, facets or fallback) in Chinese and English and in its JSON
// twin; the overview filters by object class from its form and from the URL, and lists exactly what
// /api/facts lists for the same filter.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { bars } from './helpers/charts';

interface ApiRow { id: number; figure_text: string; object_class: string | null; action_class: string | null }

async function sampleRows(request: APIRequestContext, query = ''): Promise<ApiRow[]> {
  const res = await request.get(`/api/facts?limit=1000${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()).rows as ApiRow[];
}

test('a figure of the sample page says why it has its metric', async ({ page, request }) => {
  const resolved = (await sampleRows(request)).find((r) => r.figure_text === '594个');
  expect(resolved, 'the sample page holds 协调解决…问题594个').toBeDefined();
  await page.goto(`/facts/${resolved!.id}`);
  await expect(page.getByTestId('fact-why')).toHaveText(/^计数对象：问题（问题诉求） · 动作：协调解决（解决办结；已完成） → .+ \(problems_resolved\) · 置信度 [01]\.\d\d · 由对象与动作推定$/);
  await page.goto(`/facts/${resolved!.id}?lang=en`);
  await expect(page.getByTestId('fact-why')).toHaveText(/^counted: 问题 \(Problems and complaints\) · action: 协调解决 \(Resolve, rectify, answer; Done\) → .+ \(problems_resolved\) · confidence [01]\.\d\d · derived from the object and action$/);
  const twin = await (await request.get(`/facts/${resolved!.id}.json`)).json();
  expect(twin.metric_why).toMatchObject({ object: '问题', object_class: 'problem', action_class: 'resolve', aspect: 'done', metric: 'problems_resolved', metric_source: 'facets' });
  expect(twin.metric_why.zh).toContain('计数对象：问题');
});

test('the overview filtered by an object class lists exactly those figures', async ({ page, request }) => {
  const problems = await sampleRows(request, '&object_class=problem');
  expect(problems.length).toBeGreaterThan(1);
  expect(problems.every((r) => r.object_class === 'problem')).toBe(true);
  const all = await sampleRows(request);

  await page.goto('/');
  await bars(page, 'place-chart'); // hydrated: the form's change handler is attached
  await expect(page.getByTestId('fact-count')).toHaveText(String(all.length));
  await page.getByTestId('filter-object_class').selectOption('problem');
  await expect(page).toHaveURL(/[?&]object_class=problem/);
  await expect(page.getByTestId('fact-count')).toHaveText(String(problems.length));
  const links = page.getByTestId('fact-table').getByTestId('fact-link');
  await expect(links).toHaveCount(problems.length);
  await expect(links.filter({ hasText: /^594个$/ })).toHaveCount(1);
  await expect(links.filter({ hasText: /^1031家$/ })).toHaveCount(0);
  // the charts count the same figures (the rollups cannot answer for an object class)
  const chartFigures = await page.getByTestId('place-chart').locator('table tbody tr').evaluateAll(
    (rows) => rows.reduce((n, r) => n + Number(r.querySelectorAll('td')[2]?.textContent?.replace(/\D/g, '') || 0), 0));
  expect(chartFigures).toBe(problems.length);

  // from the URL, with an action class too; several values mean any of them
  const both = await sampleRows(request, '&object_class=problem&object_class=enterprise&action_class=resolve');
  await page.goto('/?object_class=problem&object_class=enterprise&action_class=resolve');
  await expect(page.getByTestId('fact-count')).toHaveText(String(both.length));
  await expect(page.getByTestId('filter-action_class')).toHaveValue('resolve');
  expect((await request.get('/api/facts?object_class=unicorn')).status()).toBe(400);
});
