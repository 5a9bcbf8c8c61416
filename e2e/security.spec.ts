// Issue 18 against the production server (scripts/start.mjs → scripts/server.mjs, as `npm start` runs it):
// headers on every route, redirects that stay on the site, sign-in that a stranger cannot turn against its
// owner, limits that hold after decoding, PDF uploads, search beside a 5 MB article, the default bind.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { makeDocxBomb, makeTextPdf } from '../lib/ingest/fixtures/make';
import { EDITOR } from './helpers/auth';
import { bars } from './helpers/charts';
import { serverDatabaseEnv } from './helpers/database';
import { appRoutes, urlOf } from './helpers/routes';
import { PORT, listeningPid, peakRiseMb, rawRequest, signInRaw } from './helpers/server';

const ORIGIN = `http://127.0.0.1:${PORT}`;
const SAMPLE_VALUES: Record<string, string> = { id: '1', code: '330102' };

test.describe.configure({ mode: 'serial' });

test('every route answers with the security headers; pages carry a nonce CSP their scripts use', async ({ request }) => {
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThan(15);
  for (const route of routes) {
    const url = urlOf(route, (name) => SAMPLE_VALUES[name] ?? '1');
    const response = await request.fetch(url, { method: route.methods.includes('GET') ? 'GET' : route.methods[0], maxRedirects: 0, failOnStatusCode: false });
    const h = response.headers();
    expect(response.status(), url).toBeLessThan(500);
    expect(h['x-frame-options'], url).toBe('DENY');
    expect(h['x-content-type-options'], url).toBe('nosniff');
    expect(h['referrer-policy'], url).toBe('same-origin');
    const csp = h['content-security-policy'] ?? '';
    expect(csp, url).toContain("frame-ancestors 'none'");
    if (route.kind === 'page' && response.status() === 200) {
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${url}: a nonce in its CSP`).toBeTruthy();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const s of scripts) expect(s, url).toContain(`nonce="${nonce}"`);
    }
  }
  // and the answers our server makes itself
  const bad = await request.get('/facts/%FF');
  expect(bad.status()).toBe(400);
  expect(bad.headers()['x-frame-options']).toBe('DENY');
});

test('bad percent-escapes in paths are 400, never 500', async ({ request }) => {
  for (const path of ['/facts/%FF', '/articles/%FF', '/places/%E4%B8', '/review/%C0', '/api/facts/%FF/review']) {
    expect((await request.get(path)).status(), path).toBe(400);
  }
  expect((await request.get('/checks?page=99999999999999999999999')).status()).toBe(200);
  expect((await request.get('/?page=99999999999999999999999')).status()).toBe(200);
  expect((await request.get('/facts/99999999999999999999')).status()).toBe(404);
});

test('charts still draw under the CSP, and the browser blocks nothing', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: CSP ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto('/');
  await bars(page, 'place-chart');
  await bars(page, 'month-chart');
  for (const path of ['/places/330102', '/checks', '/search?q=投资', '/login', '/export/README']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
  // the page cannot be framed
  const framed = await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.src = '/';
    document.body.append(frame);
    await new Promise((r) => setTimeout(r, 1500));
    try { return frame.contentDocument?.body?.innerHTML.length ?? 0; } catch { return -1; }
  });
  expect(framed).toBeLessThanOrEqual(0);
});

test('return paths stay on the site: tab, backslash, protocol-relative and CR/LF values', async ({ request }) => {
  const attacks = ['/\t/evil.example', '/\\evil.example', '//evil.example', '/\\/evil.example', '/\r\n/evil.example', '/x\r\nSet-Cookie: a=b', 'https://evil.example/', '/./\t/evil.example', '/.//evil.example'];
  // the sign-ins below fail on purpose: from an address of their own, so no other test's budget is spent
  const login = (next: string) => rawRequest({
    method: 'POST', path: '/api/auth/login', localAddress: '127.0.0.6',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: new URLSearchParams({ name: 'nobody', password: 'wrong-password', next }).toString(),
  });
  for (const next of attacks) {
    const page = await request.get(`/login?next=${encodeURIComponent(next)}`);
    expect(page.status()).toBe(200);
    const hidden = /name="next" value="([^"]*)"/.exec(await page.text())?.[1];
    expect(hidden, JSON.stringify(next)).toBe('/');
    const answer = await login(next);
    expect(answer.status, JSON.stringify(next)).toBe(303);
    expect(answer.headers.location, JSON.stringify(next)).toMatch(/^\/login\?error=(wrong|rate_limited)$/);
  }
  const kept = await login('/checks?kind=rate');
  expect(kept.headers.location).toMatch(/next=%2Fchecks%3Fkind%3Drate/);
  // and through sign-out, signed in
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.7');
  const out = await rawRequest({
    method: 'POST', path: '/api/auth/logout', headers: { cookie: editor.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: editor.csrf, next: '/\t/evil.example' }).toString(),
  });
  expect(out.status).toBe(303);
  expect(out.headers.location).toBe('/login');
});

test('a stranger rotating X-Forwarded-For is one client: the owner still signs in; a burst of 30 is checked at most 5 times', async () => {
  // the attacker's socket is 127.0.0.2; every request claims another address
  const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => rawRequest({
    method: 'POST', path: '/api/auth/login', localAddress: '127.0.0.2',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': `203.0.113.${i}` }, body: JSON.stringify({ name: EDITOR.name, password: `guess-${i}` }),
  })));
  const statuses = burst.map((r) => r.status);
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  // a spray of names from the same machine runs out of its budget
  const spray: number[] = [];
  for (let i = 0; i < 25; i++) {
    spray.push((await rawRequest({
      method: 'POST', path: '/api/auth/login', localAddress: '127.0.0.2',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': `198.51.100.${i}` }, body: JSON.stringify({ name: `name-${i}`, password: 'guess' }),
    })).status);
  }
  expect(spray.filter((s) => s === 401).length).toBeLessThan(20);
  // the owner, at another address, is not locked out
  const owner = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.3');
  expect(owner.status).toBe(200);
});

test('a password reset and figures editor --sign-out end the editor\'s sessions', async () => {
  const figures = (...args: string[]) => spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['lib/cli/main.ts', 'editor', ...args], {
    env: { ...process.env, ...serverDatabaseEnv(), FIGURES_EDITOR_PASSWORD: 'reporter password one' }, encoding: 'utf8',
  });
  expect(figures('reporter').status).toBe(0);
  const session = await signInRaw('reporter', 'reporter password one', '127.0.0.4');
  expect(session.status).toBe(200);
  const write = () => rawRequest({ method: 'DELETE', path: '/api/articles/999999', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: ORIGIN } });
  expect((await write()).status).toBe(404);
  // a reset (here to the same password) ends every session of that editor
  const reset = figures('reporter');
  expect(reset.stdout).toMatch(/every session of theirs is ended/);
  expect((await write()).status).toBe(401);
  const again = await signInRaw('reporter', 'reporter password one', '127.0.0.4');
  expect(again.status).toBe(200);
  expect(figures('reporter', '--sign-out').stdout).toMatch(/1 session ended/);
  expect((await rawRequest({ method: 'DELETE', path: '/api/articles/999999', headers: { cookie: again.cookie, 'x-csrf-token': again.csrf, origin: ORIGIN } })).status).toBe(401);
});

test('limits hold after decoding: a .docx bomb and an oversize multipart body are refused, the server\'s memory rising < 200 MB', async () => {
  const pid = listeningPid();
  expect(pid, 'the server process').not.toBeNull();
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.5');
  expect(editor.status).toBe(200);
  const headers = (type: string) => ({ cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN, 'content-type': type });
  const boundary = 'figuresE2E';
  const multipart = (name: string, bytes: Buffer) => Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  // warm the extraction workers first, so their start-up is not counted
  expect((await rawRequest({ method: 'POST', path: '/api/articles', headers: headers('application/json'), body: JSON.stringify({ text: '望江街道今年完成投资1.5亿元。', source: 'e2e 预热' }) })).status).toBeLessThan(300);

  const bomb = await makeDocxBomb(400 * 1024 * 1024);
  const docx = await peakRiseMb(pid!, () => rawRequest({ method: 'POST', path: '/api/articles', headers: headers(`multipart/form-data; boundary=${boundary}`), body: multipart('bomb.docx', bomb) }));
  expect(docx.result.status).toBe(413);
  expect(docx.result.body).toMatch(/unpacks to more than|times its size/);
  expect(docx.riseMb).toBeLessThan(200);

  // 300 MB streamed, declared by no length: refused as the bytes pass the cap
  async function* huge() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 300; i++) yield chunk;
  }
  const upload = await peakRiseMb(pid!, () => rawRequest({ method: 'POST', path: '/api/articles', headers: { ...headers(`multipart/form-data; boundary=${boundary}`), 'transfer-encoding': 'chunked' }, body: huge() }));
  expect(upload.result.status).toBe(413);
  expect(upload.riseMb).toBeLessThan(200);

  // a wrong token ahead of the files: 403 after a few bytes
  const forged = await rawRequest({
    method: 'POST', path: '/api/articles', headers: { cookie: editor.cookie, origin: ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\nguess\r\n`), multipart('a.txt', Buffer.alloc(1024, 0x61))]),
  });
  expect(forged.status).toBe(403);
  const health = await rawRequest({ path: '/api/health' });
  expect(health.status).toBe(200);
});

test('a PDF is stored through POST /api/articles, and no error names a server path', async ({ request }) => {
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.5');
  const pdf = makeTextPdf(['紫阳街道工作简报', '截至5月底，紫阳街道累计完成投资2.6亿元，收集问题315个，已解决298个。']);
  const r = await request.post('/api/articles', {
    headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN },
    multipart: { source: '紫阳简报', district: '上城区', files: { name: 'ziyang-20200531.pdf', mimeType: 'application/pdf', buffer: pdf } },
  });
  const body = await r.json();
  expect(r.status(), JSON.stringify(body)).toBe(201);
  expect(JSON.stringify(body)).toContain('2.6亿元');
  const broken = await request.post('/api/articles', {
    headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN },
    multipart: { files: { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF') } },
  });
  expect(broken.status()).toBeGreaterThanOrEqual(400);
  expect(broken.status()).toBeLessThan(500);
  expect(await broken.text()).not.toMatch(/\/(home|root|work|srv|usr|tmp)\/|\.next\/server|node_modules/);
});

test('with a 5 MB article stored, search answers in under a second', async ({ request }) => {
  test.setTimeout(240_000);
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.5');
  const streets = ['望江', '紫阳', '清波', '湖滨', '小营', '南星'];
  const prose = ['持续推进老旧小区改造和垃圾分类工作', '深入走访辖区企业，听取居民意见建议', '组织志愿者开展环境整治和安全巡查', '完善网格化管理，推动矛盾纠纷就地化解'];
  const sentences: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    // a long report: mostly prose, a figure every few sentences
    const s = i % 8 === 0
      ? `${streets[i % 6]}街道${i % 12 + 1}月完成投资${(i % 97) + 1}万元，收集问题${i % 53 + 5}个。`
      : `${streets[i % 6]}街道${prose[i % 4]}（第${i}条）。`;
    sentences.push(s);
    size += Buffer.byteLength(s);
  }
  const text = `上城区基层治理长篇汇编\n\n${sentences.join('')}`;
  const stored = await request.post('/api/articles', { headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN }, data: { text, source: '长篇汇编' }, timeout: 180_000 });
  expect(stored.status(), (await stored.text()).slice(0, 300)).toBe(201);
  for (const q of ['上城', '望江街道', '投资', '收集问题', '走访 紫阳']) {
    const t0 = Date.now();
    const r = await request.get(`/search?q=${encodeURIComponent(q)}`);
    const ms = Date.now() - t0;
    expect(r.status()).toBe(200);
    expect(ms, `search for ${q}`).toBeLessThan(1000);
  }
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
});

test('/api/health answers while a long text is extracted (extraction runs on worker threads)', async ({ request }) => {
  test.setTimeout(180_000);
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.5');
  // 300 KB without punctuation: the extractor's slowest kind of text
  const unit = '望江街道完成投资三亿元收集问题七百零二个已解决五百九十四个走访企业一千零三十一家';
  const text = unit.repeat(Math.ceil((300 * 1024) / Buffer.byteLength(unit)));
  const slow = request.post('/api/articles', { headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN }, data: { text, source: '无标点' }, timeout: 180_000 });
  let done = false;
  void slow.finally(() => { done = true; });
  const waits: number[] = [];
  const started = Date.now();
  while (!done && Date.now() - started < 20_000) {
    const t0 = Date.now();
    expect((await request.get('/api/health')).ok()).toBe(true);
    waits.push(Date.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  const answer = await slow;
  expect([201, 422]).toContain(answer.status());
  if (waits.length) expect(Math.max(...waits)).toBeLessThan(1000);
});

// Issue 18: "a 300 KB text without punctuation extracts in time within 3× of a punctuated text of the same size".
test('a 300 KB text without punctuation extracts within 3× the time of a punctuated one', async ({ request }) => {
  test.setTimeout(240_000);
  const editor = await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.5');
  const sentence = '望江街道完成投资三亿元，收集问题七百零二个，已解决五百九十四个，走访企业一千零三十一家。';
  const target = 300 * 1024;
  const punctuated = sentence.repeat(Math.ceil(target / Buffer.byteLength(sentence)));
  const bare = punctuated.replace(/[，。]/g, '');
  const timed = async (text: string, tag: string) => {
    const t0 = Date.now();
    const r = await request.post('/api/articles', { headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: ORIGIN }, data: { text: `${tag}\n\n${text}`, source: tag }, timeout: 200_000 });
    return { status: r.status(), ms: Date.now() - t0 };
  };
  const withPunctuation = await timed(punctuated, '有标点长文');
  const without = await timed(bare, '无标点长文');
  expect(withPunctuation.status).toBe(201);
  expect(without.status).toBe(201);
  expect(without.ms).toBeLessThan(3 * withPunctuation.ms + 1000);
});

test('the server listens on 127.0.0.1 only, unless HOST says otherwise', async () => {
  const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
  test.skip(!external, 'this machine has no non-loopback address to try');
  const reached = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: external!.address, port: PORT });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    setTimeout(() => { socket.destroy(); resolve(false); }, 3000);
  });
  expect(reached, `port ${PORT} on ${external!.address}`).toBe(false);
  expect((await rawRequest({ path: '/api/health' })).status).toBe(200);
});
