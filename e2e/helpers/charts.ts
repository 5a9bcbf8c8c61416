import { expect, type Page } from '@playwright/test';

/** recharts draws its SVG only after hydration: wait for the bars of a chart (then the page's controls answer too). */
export async function bars(page: Page, chart: string) {
  const rects = page.locator(`[data-testid="${chart}"] .recharts-bar-rectangle`);
  await expect(rects.first()).toBeVisible({ timeout: 15_000 });
  return rects;
}
