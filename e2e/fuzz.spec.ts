// Property-based fuzzing of every route and query parameter against the production server: whatever a
// visitor puts in a path segment, a query string or a body, the answer is never a 5xx. Routes and
// parameter names are read from app/ and lib/ when the test runs (e2e/helpers/routes.ts), so routes added
// later are fuzzed too.
import { expect, test, type APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { FILTER_KEYS } from '../lib/filters';
import { EDITOR } from './helpers/auth';
import { appRoutes, queryParameterNames, urlOf } from './helpers/routes';
import { PORT, signInRaw } from './helpers/server';

const RUNS = Number(process.env.FUZZ_RUNS || 40);

/** Text a visitor could type or a script could send, percent-encoded as a URL carries it. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1', '1.5', '1e308', '99999999999999999999999', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
    '330102', '330102008', '330102008001', 'investment', 'more_than', '2020-02-30', '2020-13-01', '9999-12-31', '上城区', '望江街道',
    "' OR 1=1 --", '"; DROP TABLE facts; --', '<script>alert(1)</script>', '../../etc/passwd', '%', '%%', '\u0000', '\r\n', '\t',
    'street:330102008', 'month:2020-04', 'community:none', 'v1.1.abc', 'a'.repeat(5000), '投资'.repeat(300)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
).map((v) => encodeURIComponent(v));

/** Raw escapes, some not UTF-8: what encodeURIComponent never makes. */
const rawEscape = fc.constantFrom('%FF', '%E4%B8', '%C0%AF', '%00', '%ZZ', '%', '%2F..%2F', '%u4E0A');

const routes = appRoutes();
const parameterNames = [...new Set([...queryParameterNames(), ...FILTER_KEYS, 'page', 'lang', 'q'])];

test('there are routes and parameters to fuzz', () => {
  expect(routes.length).toBeGreaterThan(15);
  for (const name of ['district', 'metric', 'page', 'q', 'limit', 'cursor', 'next']) expect(parameterNames).toContain(name);
});

for (const route of routes.filter((r) => r.methods.includes('GET'))) {
  test(`GET ${route.pattern}: no 5xx for any path segment or query`, async ({ request }) => {
    test.setTimeout(120_000);
    const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...parameterNames), fc.string({ maxLength: 12 }).map(encodeURIComponent)), fc.oneof(nasty, rawEscape)), { maxLength: 6 });
    const segment = fc.oneof(nasty.filter((s) => s !== '' && s !== '.' && s !== '..'), rawEscape);
    await fc.assert(fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), query, async (segments, pairs) => {
      let i = 0;
      const path = urlOf(route, () => segments[i++ % segments.length]);
      const url = `${path}${pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;
      const response = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
      expect(response.status(), url).toBeLessThan(500);
    }), { numRuns: RUNS });
  });
}

// Writes, anonymous and signed in (then with the session's token, so bodies reach the parsers). Sign-out is
// fuzzed anonymous only: signed in, it would end the session the other cases use.
const writes = routes.flatMap((route) => route.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)).map((method) => ({ route, method })));

/** The id a path segment names as the routes read ids (digits only, once the URL is decoded), or null. */
function idOf(segment: string): number | null {
  let text = segment;
  try { text = decodeURIComponent(segment); } catch { /* a raw escape: the route sees it as sent */ }
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

type Session = { cookie: string; csrf: string };
const sessionHeaders = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf, origin: `http://127.0.0.1:${PORT}` });

/** An article of the fuzz's own, with a figure: the one stored row a signed-in write may change or delete. */
async function ownArticle(request: APIRequestContext, session: Session, label: string): Promise<{ articleId: number; factIds: number[] }> {
  const response = await request.post('/api/articles', {
    headers: sessionHeaders(session), data: { text: `模糊测试自建文章（${label}）\n本报讯 今年以来，新建公共厕所2座。`, source: '模糊测试' },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json() as { documents: { articles?: { id: number; facts: { id: number }[] }[] }[] };
  const article = body.documents[0].articles![0];
  expect(article.facts.length, 'the own article holds a figure').toBeGreaterThan(0);
  return { articleId: article.id, factIds: article.facts.map((f) => f.id) };
}

// Signed in, a write that names a stored row is a real edit, and the files after this one read the sample
// page's rows: a random DELETE /api/articles/4 once took away its 594 ÷ 702 article, and the onelang and trust
// tests with it. So a signed-in write names by id only the fuzz's own article or figures (made for the test,
// removed after it), or an id above them (the newest rows of those tables), which names nothing.
for (const signedIn of [false, true]) {
  for (const { route, method } of writes) {
    if (signedIn && route.pattern === '/api/auth/logout') continue;
    test(`${method} ${route.pattern}${signedIn ? ' signed in' : ''}: no 5xx for any body`, async ({ request }) => {
      test.setTimeout(120_000);
      const session = signedIn ? await signInRaw(EDITOR.name, EDITOR.password, '127.0.0.8') : null;
      if (signedIn) expect(session?.status).toBe(200);
      const own = session && route.segments.length ? await ownArticle(request, session, `${method} ${route.pattern}`) : null;
      // the own ids of the table this route's [id] names; a route of another table gets none, and no stored id at all
      const ownIds = !own ? [] : route.pattern.startsWith('/api/articles/') ? [own.articleId] : route.pattern.startsWith('/api/facts/') ? own.factIds : [];
      const above = ownIds.length ? Math.max(...ownIds) : Infinity;
      const anySegment = fc.oneof(nasty, rawEscape);
      const segment = !session ? anySegment : fc.oneof(
        { weight: 4, arbitrary: anySegment.filter((s) => { const id = idOf(s); return id === null || id > above; }) },
        ...(ownIds.length ? [{ weight: 1, arbitrary: fc.constantFrom(...ownIds.map(String)) }] : []),
      );
      // never a name and a password together: guesses would spend the sign-in budget of 127.0.0.1, which other tests sign in from
      const body = fc.oneof(
        fc.json({ maxDepth: 2 }),
        fc.string({ maxLength: 200 }),
        fc.dictionary(fc.constantFrom('name', 'next', 'status', 'value', 'unit', 'metric', 'reason', 'return_to', 'text', 'csrf_token', 'source', 'published', 'url'), fc.oneof(fc.string({ maxLength: 30 }), fc.constant(''), fc.integer().map(String)))
          .map((d) => new URLSearchParams(d).toString()),
      );
      const type = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', '', 'application/json; charset=gbk');
      try {
        await fc.assert(fc.asyncProperty(fc.array(segment, { minLength: 2, maxLength: 2 }), body, type, async (segments, data, contentType) => {
          let i = 0;
          const url = urlOf(route, () => segments[i++ % segments.length]);
          const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
          if (session) Object.assign(headers, sessionHeaders(session));
          const response = await request.fetch(url, { method, data, headers, maxRedirects: 0, failOnStatusCode: false });
          expect(response.status(), `${method} ${url} ${contentType} ${data.slice(0, 80)}`).toBeLessThan(500);
        }), { numRuns: RUNS });
      } finally {
        // the own article goes (unless a DELETE of the fuzz took it already)
        if (session && own) expect([200, 404]).toContain((await request.delete(`/api/articles/${own.articleId}`, { headers: sessionHeaders(session) })).status());
      }
    });
  }
}
