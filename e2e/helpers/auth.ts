// Signing in from browser tests: the web server of playwright.config.ts creates the admin editor with
// FIGURES_ADMIN_PASSWORD ('e2e-editor-password' unless overridden).
import { expect, type Page } from '@playwright/test';

export const EDITOR = { name: 'admin', password: process.env.FIGURES_ADMIN_PASSWORD || 'e2e-editor-password' };

/** Signs the page's browser context in as the editor through the /login form; lands on `next`. */
export async function signIn(page: Page, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(EDITOR.name);
  await page.getByLabel('密码').fill(EDITOR.password);
  await Promise.all([page.waitForURL((url) => url.pathname === next.split('?')[0]), page.getByRole('button', { name: '登录' }).click()]);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name === 'figures_session'), 'signed in: the session cookie is set').toBe(true);
}

/** The CSRF token of the signed-in page, for page.request writes: send it as the X-CSRF-Token header. */
export async function csrfToken(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'figures_csrf');
  if (!cookie) throw new Error('not signed in: no figures_csrf cookie');
  return cookie.value;
}
