import { expect, test } from '@playwright/test';

const shots = `${process.env.E2E_RESULTS || 'e2e/.results'}/screenshots`;

test('home page charts the sample page figures from SQLite', async ({ page }) => {
  await page.goto('/');
  const count = page.getByTestId('fact-count');
  await expect(count).toBeVisible();
  expect(Number(await count.textContent())).toBeGreaterThan(20);
  // recharts draws its SVG only after hydration
  const bars = page.locator('[data-testid="place-chart"] .recharts-bar-rectangle');
  await expect(bars.first()).toBeVisible({ timeout: 15_000 });
  expect(await bars.count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator('[data-testid="month-chart"] .recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/home.png`, fullPage: true });
});
