import { expect, test } from '@playwright/test';
import { EDITOR, csrfToken, signIn } from './helpers/auth';

interface CheckJson { kind: string; verdict: string; arithmetic: string; stated: number; figures: { factId: number; role: string; text: string }[] }

async function sampleRateCheck(request: import('@playwright/test').APIRequestContext): Promise<CheckJson> {
  const json = await (await request.get('/api/checks?kind=rate')).json() as { checks: CheckJson[] };
  const check = json.checks.find((c) => c.stated === 84.6);
  expect(check, 'the sample page has a rate check on 84.6%').toBeDefined();
  return check!;
}

test('the checks page shows the sample page\'s 84.6% resolution rate holding: 594 ÷ 702', async ({ page }) => {
  await page.goto('/checks?kind=rate');
  const check = page.getByTestId('check').filter({ hasText: '594 ÷ 702 = 84.62%' });
  await expect(check).toHaveCount(1);
  await expect(check.getByTestId('check-verdict')).toHaveText('相符');
  await expect(page.getByTestId('checks-csv')).toHaveAttribute('href', '/checks.csv?kind=rate');
  await page.screenshot({ path: 'e2e/.results/screenshots/checks.png', fullPage: true });
});

test('anonymous writes are refused with 401', async ({ request }) => {
  const review = await request.post('/api/facts/1/review', { data: { status: 'rejected', reason: 'x' } });
  expect(review.status()).toBe(401);
  const del = await request.delete('/api/articles/1');
  expect(del.status()).toBe(401);
});

test('an editor signs in, corrects a figure, and sees the trail and the re-run check', async ({ page }) => {
  const rate = await sampleRateCheck(page.request);
  const part = rate.figures.find((f) => f.role === 'part')!;
  expect(part.text).toBe('594个');
  await signIn(page, `/review/${part.factId}`);
  await expect(page.getByTestId('review-trail-empty')).toBeVisible();

  const form = page.getByTestId('review-form');
  await form.getByLabel('已更正').check();
  await form.getByLabel('更正后的数值').fill('595');
  await form.getByLabel('理由').fill('与区里通报核对');
  await form.getByRole('button', { name: '保存审核' }).click();

  await expect(page.getByTestId('review-saved')).toBeVisible();
  const event = page.getByTestId('review-event').first();
  await expect(event.getByTestId('review-before')).toContainText('未审核 · 594');
  await expect(event.getByTestId('review-after')).toContainText('已更正 · 595');
  await expect(event).toContainText(EDITOR.name);
  await expect(event).toContainText('与区里通报核对');
  // 595 ÷ 702 = 84.76% is not 84.6%: the rate check was re-run with the correction
  const check = page.getByTestId('check').filter({ hasText: '595 ÷ 702' });
  await expect(check.getByTestId('check-verdict')).toContainText('不符');
  await page.screenshot({ path: 'e2e/.results/screenshots/review.png', fullPage: true });

  // a write without the CSRF token is refused even when signed in; with it, put the sample back as it was for other tests
  const noToken = await page.request.post(`/api/facts/${part.factId}/review`, { data: { status: 'unreviewed' } });
  expect(noToken.status()).toBe(403);
  const undo = await page.request.post(`/api/facts/${part.factId}/review`, { data: { status: 'unreviewed', reason: 'e2e: restore' }, headers: { 'x-csrf-token': await csrfToken(page) } });
  expect(undo.status()).toBe(200);
  expect((await sampleRateCheck(page.request)).verdict).toBe('holds');
});

test('wrong passwords are rate-limited on the sign-in form', async ({ page }) => {
  for (let i = 0; i < 6; i += 1) {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('e2e-guessed-name');
    await page.getByLabel('密码').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    if (i < 5) await expect(page.getByTestId('login-error')).toHaveText('用户名或密码错误。');
  }
  await expect(page.getByTestId('login-error')).toContainText('次数过多');
});
