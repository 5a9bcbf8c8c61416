import { expect, test } from '@playwright/test';

test('home page charts the sample page figures from SQLite', async ({ page }) => {
  await page.goto('/');
  const count = page.getByTestId('fact-count');
  await expect(count).toBeVisible();
  expect(Number(await count.textContent())).toBeGreaterThan(20);
  // recharts draws its SVG only after hydration
  const bars = page.locator('[data-testid="metric-chart"] .recharts-bar-rectangle');
  await expect(bars.first()).toBeVisible({ timeout: 15_000 });
  expect(await bars.count()).toBeGreaterThan(3);
  await page.screenshot({ path: 'e2e/.results/screenshots/home.png', fullPage: true });
});
