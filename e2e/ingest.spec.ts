import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { csrfToken, signIn } from './helpers/auth';

const RESULTS = process.env.E2E_RESULTS || 'e2e/.results';
const ARTICLE = '清波街道工作简报\n\n本报讯 截至4月底，清波街道累计完成征收拆迁1200户，完成投资3.2亿元，共收集问题702个，已解决594个。';

test('the ingest page is for editors only; the API refuses strangers with JSON', async ({ page, request }) => {
  await page.goto('/ingest');
  // a signed-out visitor is told what the page is for and where to sign in
  await expect(page.getByTestId('editors-only')).toContainText('此页供编辑使用');
  await expect(page.getByTestId('editors-sign-in')).toHaveAttribute('href', /\/login\?next=%2Fingest/);
  const response = await request.post('/api/articles', { data: { text: ARTICLE } });
  expect(response.status()).toBe(401);
  expect(await response.json()).toHaveProperty('error');
});

test('an editor uploads a GB18030 file and sees its figures highlighted; bad input gets 4xx JSON', async ({ page }) => {
  await signIn(page, '/ingest');
  await expect(page.getByRole('heading', { name: '导入文章' })).toBeVisible();
  await page.getByLabel('文件').setInputFiles({ name: 'qingbo-20200430.txt', mimeType: 'text/plain', buffer: iconv.encode(ARTICLE, 'gb18030') });
  await page.getByLabel('来源').fill('上城报');
  await page.getByLabel('区县').fill('上城区');
  await page.getByRole('button', { name: '提取并预览' }).click();

  // the preview: each figure's metric, value, place and date, nothing stored yet
  const preview = page.getByTestId('ingest-preview');
  await expect(preview.getByTestId('preview-table')).toBeVisible();
  const households = preview.getByTestId('preview-figure').filter({ hasText: '1200户' });
  await expect(households).toHaveCount(1);
  await expect(households).toContainText('清波街道');
  await expect(households).toContainText('2020-04-30');
  await expect(preview.getByTestId('preview-figure').filter({ hasText: '3.2亿元' })).toContainText('投资');
  expect(await preview.innerText()).not.toMatch(/\b(investment|count|households_resettled)\b/);
  await page.screenshot({ path: `${RESULTS}/screenshots/ingest-preview.png`, fullPage: true });
  await page.getByTestId('ingest-save').click();

  await expect(page.getByTestId('ingest-summary')).toContainText('新增 1 篇');
  const article = page.getByTestId('ingested-article');
  await expect(article.getByTestId('stored-article-link')).toHaveAttribute('href', /^\/articles\/\d+$/);
  await expect(article).toContainText('2020-04-30'); // from the file name
  const marks = article.getByTestId('figure-highlight');
  expect(await marks.count()).toBeGreaterThanOrEqual(3);
  await expect(marks.filter({ hasText: '1200户' })).toHaveCount(1);
  await expect(marks.filter({ hasText: '3.2亿元' })).toHaveCount(1);
  await page.screenshot({ path: `${RESULTS}/screenshots/ingest.png`, fullPage: true });

  // the same text pasted: a duplicate, not a second article
  await page.getByLabel('文章文本').fill(ARTICLE.replace(/，/g, '， '));
  await page.getByLabel('文件').setInputFiles([]);
  await page.getByRole('button', { name: '提取并预览' }).click();
  await expect(page.getByTestId('preview-duplicate')).toContainText('与已有文章 #');
  await page.getByTestId('ingest-save').click();
  await expect(page.getByTestId('duplicate-badge')).toBeVisible();
  await expect(page.getByTestId('duplicate-of')).toContainText('与已有文章 #');
  await expect(page.getByTestId('ingest-summary')).toContainText('重复 1 篇');

  // a PDF that is not one: refused with the reason, the page and server stay up
  await page.getByLabel('文章文本').fill('');
  await page.getByLabel('文件').setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 garbage') });
  await page.getByRole('button', { name: '提取并预览' }).click();
  await expect(page.getByTestId('document-failed')).toContainText('文件已损坏');

  const token = await csrfToken(page);
  const empty = await page.request.post('/api/articles', { data: { text: '  ' }, headers: { 'x-csrf-token': token } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error).toMatch(/nothing to ingest|no text/);
  const wrongType = await page.request.post('/api/articles', { data: 'text', headers: { 'x-csrf-token': token, 'content-type': 'text/plain' } });
  expect(wrongType.status()).toBe(415);
  const badDate = await page.request.post('/api/articles', { data: { text: ARTICLE, published: '2020-13-01' }, headers: { 'x-csrf-token': token } });
  expect(badDate.status()).toBe(400);
  expect((await badDate.json()).error).toMatch(/^published/);
  const health = await page.request.get('/api/health');
  expect(health.ok()).toBe(true);
});

test('the sign-in and ingest pages and the header speak English on an English page', async ({ page }) => {
  const cjk = /[\u4e00-\u9fff]/;
  await page.goto('/login?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Editor sign-in');
  await expect(page.getByTestId('sign-in-link')).toHaveText('Editor sign-in');
  await expect(page.getByLabel('Password')).toBeVisible();
  expect(await page.locator('main').innerText()).not.toMatch(cjk);
  await signIn(page, '/ingest');
  await page.goto('/ingest?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add articles');
  await expect(page.getByRole('button', { name: 'Extract and preview' })).toBeVisible();
  await expect(page.locator('header .editor-status button')).toHaveText('Sign out');
  expect(await page.locator('main').innerText()).not.toMatch(cjk);
  await page.getByLabel('Files').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: 'Extract and preview' }).click();
  await expect(page.getByTestId('document-failed')).toContainText('no text');
});
