// The write APIs and sign-in as a browser meets them: the route handlers called with real Requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { freshTestLocation, removeTestLocation, useAppDatabase } from '../../db/testing';
import { ensureAdmin } from '../auth/users';
import { loadSampleIfEmpty } from '../ingest/sample';
import { POST as login } from '../../app/api/auth/login/route';
import { POST as logout } from '../../app/api/auth/logout/route';
import { POST as review } from '../../app/api/facts/[id]/review/route';
import { DELETE as deleteArticle } from '../../app/api/articles/[id]/route';
import { POST as postArticles } from '../../app/api/articles/route';
import { GET as checksJson } from '../../app/api/checks/route';
import { GET as viewTwin } from '../../app/api/views/[view]/[key]/[format]/route';

/** /checks.csv, as next.config.js rewrites it to the views' data route */
const checksCsv = (request: Request) => viewTwin(request, { params: Promise.resolve({ view: 'checks', key: '-', format: 'csv' }) });

const PASSWORD = 'route-test-password';
const ORIGIN = 'http://127.0.0.1:3999';
let location: string;
let restoreAppDatabase: () => void;

beforeAll(async () => {
  location = await freshTestLocation();
  restoreAppDatabase = useAppDatabase(location);
  await ensureAdmin(await getDb(), { FIGURES_ADMIN_PASSWORD: PASSWORD });
  await loadSampleIfEmpty(await getDb());
});

afterAll(async () => {
  await (await getDb()).close();
  restoreAppDatabase();
  await removeTestLocation(location);
});

function req(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Request {
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
}

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });

async function factId(text: string): Promise<number> {
  return (await (await getDb()).get<{ id: number }>('SELECT id FROM facts WHERE text = ?', [text]))!.id;
}

async function reviewStatusOf(id: number): Promise<string | undefined> {
  return (await (await getDb()).get<{ status: string }>('SELECT review_status AS status FROM facts WHERE id = ?', [id]))?.status;
}

async function signedIn(name = 'admin', client = 'tests'): Promise<{ cookie: string; csrf: string }> {
  const r = await login(req('/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': client }, body: JSON.stringify({ name, password: PASSWORD }),
  }));
  expect(r.status).toBe(200);
  const cookies = r.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('figures_session='))!;
  expect(session).toMatch(/HttpOnly/);
  expect(session).toMatch(/SameSite=Lax/);
  const csrf = cookies.find((c) => c.startsWith('figures_csrf='))!;
  expect(csrf).not.toMatch(/HttpOnly/);
  return { cookie: cookies.map((c) => c.split(';')[0]).join('; '), csrf: decodeURIComponent(csrf.split(';')[0].split('=')[1]) };
}

describe('anonymous writes', () => {
  it('POST /api/facts/:id/review answers 401 and changes nothing', async () => {
    const id = await factId('594个');
    const r = await review(req(`/api/facts/${id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'rejected', reason: 'x' }) }), params(id));
    expect(r.status).toBe(401);
    expect(await reviewStatusOf(id)).toBe('unreviewed');
  });

  it('DELETE /api/articles/:id answers 401 and deletes nothing', async () => {
    const r = await deleteArticle(req('/api/articles/1', { method: 'DELETE' }), params(1));
    expect(r.status).toBe(401);
    expect(await (await getDb()).get('SELECT id FROM articles WHERE id = 1')).toBeDefined();
  });
});

describe('an editor', () => {
  it('without the CSRF token is refused (403), with it the review is saved and the trail returned', async () => {
    const { cookie, csrf } = await signedIn();
    const id = await factId('702个');
    const body = JSON.stringify({ status: 'verified', reason: '核对原文' });
    const noToken = await review(req(`/api/facts/${id}/review`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: ORIGIN }, body }), params(id));
    expect(noToken.status).toBe(403);
    expect(await reviewStatusOf(id)).toBe('unreviewed');
    const crossSite = await review(req(`/api/facts/${id}/review`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', origin: 'https://evil.example' }, body }), params(id));
    expect(crossSite.status).toBe(403);
    const ok = await review(req(`/api/facts/${id}/review`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', origin: ORIGIN }, body }), params(id));
    expect(ok.status).toBe(200);
    const json = await ok.json();
    expect(json.after.status).toBe('verified');
    expect(json.trail[0]).toMatchObject({ userName: 'admin', reason: '核对原文', before: { status: 'unreviewed' }, after: { status: 'verified' } });
  });

  it('submits the review form and is sent back to the fact page; a bad form comes back with the error', async () => {
    const { cookie, csrf } = await signedIn();
    const id = await factId('594个');
    const form = (fields: Record<string, string>) => req(`/api/facts/${id}/review`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: new URLSearchParams(fields).toString(),
    });
    const ok = await review(form({ csrf_token: csrf, status: 'corrected', value: '595', reason: '笔误', return_to: `/facts/${id}` }), params(id));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(new RegExp(`^/facts/${id}\\?reviewed=\\d+#review$`));
    const bad = await review(form({ csrf_token: csrf, status: 'rejected', return_to: 'https://evil.example/' }), params(id));
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toMatch(new RegExp(`^/facts/${id}\\?review_error=reason`));
    const noToken = await review(form({ status: 'verified' }), params(id));
    expect(noToken.status).toBe(403);
  });

  it('deletes an article with its figures; the second time it is gone (404)', async () => {
    const { cookie, csrf } = await signedIn();
    const del = () => deleteArticle(req('/api/articles/6', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } }), params(6));
    expect((await del()).status).toBe(200);
    expect(await (await getDb()).all('SELECT id FROM facts WHERE article_id = 6')).toHaveLength(0);
    expect((await del()).status).toBe(404);
  });

  it('POST /api/articles refuses a chunked body over the limit (413) without reading it all, and still takes a small one', async () => {
    const { cookie, csrf } = await signedIn();
    const previous = process.env.FIGURES_MAX_FILE_MB;
    process.env.FIGURES_MAX_FILE_MB = '1';
    try {
      // a streamed body declares no content-length: 100 MB of text in 1 MB chunks, counted as they are pulled
      let pulled = 0;
      const chunk = new TextEncoder().encode('a'.repeat(1024 * 1024));
      const stream = new ReadableStream<Uint8Array>({
        start(c) { c.enqueue(new TextEncoder().encode('{"text":"')); },
        pull(c) { if (pulled++ < 100) c.enqueue(chunk); else { c.enqueue(new TextEncoder().encode('"}')); c.close(); } },
      });
      const headers = { cookie, 'x-csrf-token': csrf, origin: ORIGIN, 'content-type': 'application/json' };
      const huge = await postArticles(new Request(`${ORIGIN}/api/articles`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit));
      expect(huge.status).toBe(413);
      expect(pulled).toBeLessThan(10);
      const small = await postArticles(new Request(`${ORIGIN}/api/articles`, { method: 'POST', headers, body: JSON.stringify({ text: '望江街道今年投资12亿元，开工项目9个。', source: '测试' }) }));
      expect(small.status).toBe(201);
      const malformed = await postArticles(new Request(`${ORIGIN}/api/articles`, { method: 'POST', headers, body: '{"text":' }));
      expect(malformed.status).toBe(400);
    } finally {
      if (previous === undefined) delete process.env.FIGURES_MAX_FILE_MB; else process.env.FIGURES_MAX_FILE_MB = previous;
    }
  });

  it('a review whose value is not a number is a 400 naming the field, and changes nothing', async () => {
    const { cookie, csrf } = await signedIn();
    const id = await factId('1031家');
    const r = await review(req(`/api/facts/${id}/review`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ status: 'corrected', value: 'abc', reason: '测试' }),
    }), params(id));
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ field: 'value' });
    expect(await reviewStatusOf(id)).toBe('unreviewed');
  });

  it('a review body over 64 KB is refused (413) after reading little of it, and changes nothing', async () => {
    const { cookie, csrf } = await signedIn();
    const id = await factId('1031家');
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (pulled++ < 1000) c.enqueue(chunk); else c.close(); } });
    const r = await review(new Request(`${ORIGIN}/api/facts/${id}/review`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', origin: ORIGIN }, body: stream, duplex: 'half',
    } as RequestInit), params(id));
    expect(r.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(await reviewStatusOf(id)).toBe('unreviewed');
  });

  it('signs out: the session no longer works', async () => {
    const { cookie, csrf } = await signedIn();
    const out = await logout(req('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, origin: ORIGIN } }));
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join('\n')).toMatch(/figures_session=; .*Max-Age=0/);
    const after = await deleteArticle(req('/api/articles/5', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } }), params(5));
    expect(after.status).toBe(401);
  });
});

describe('sign-in', () => {
  const attempt = (password: string, name = 'admin', client = 'guesser') => login(req('/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': client }, body: JSON.stringify({ name, password }),
  }));

  it('a wrong password is refused (401); after five for one name, the next attempt is rate-limited (429)', async () => {
    for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong-${i}`, 'editor-x', `c${i}`)).status).toBe(401);
    const limited = await attempt(PASSWORD, 'editor-x', 'c9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a form sign-in with a wrong password goes back to /login with the error', async () => {
    const r = await login(req('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ name: 'nobody', password: 'nothing', next: '/checks' }).toString(),
    }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login?error=wrong&next=%2Fchecks');
  });

  it('refuses an anonymous oversize sign-in body (413) without buffering it, streamed or declared', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (pulled++ < 1000) c.enqueue(chunk); else c.close(); } });
    const streamed = await login(new Request(`${ORIGIN}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: stream, duplex: 'half',
    } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(5);
    const declared = await login(req('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, 'content-length': String(10 * 1024 * 1024) }, body: JSON.stringify({ name: 'admin', password: PASSWORD }),
    }));
    expect(declared.status).toBe(413);
  });

  it('refuses a sign-in posted from another site', async () => {
    const r = await login(req('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }),
    }));
    expect(r.status).toBe(403);
  });
});

describe('exports of checks', () => {
  it('/api/checks gives JSON with the figures of each check; a bad filter is a 400 naming it', async () => {
    const r = await checksJson(req('/api/checks?kind=rate'));
    const json = await r.json();
    expect(json.checks.length).toBeGreaterThan(0);
    expect(json.checks.every((c: { kind: string }) => c.kind === 'rate')).toBe(true);
    expect(json.checks[0].figures.length).toBeGreaterThan(1);
    const bad = await checksJson(req('/api/checks?verdict=maybe'));
    expect(bad.status).toBe(400);
    expect((await bad.json()).parameter).toBe('verdict');
  });

  it('/checks.csv gives a CSV with documented columns', async () => {
    const r = await checksCsv(req('/checks.csv?kind=share_of_target'));
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await r.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('check_id,kind,verdict,metric,date,stated,expected,difference,arithmetic,note,article_id,figures,computed_at');
    expect(lines.slice(1).some((l) => l.includes(',share_of_target,holds,') && l.includes('46.7'))).toBe(true);
  });
});
