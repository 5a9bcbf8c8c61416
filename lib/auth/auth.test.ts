import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { csrfProblem, editorForWrite, requireEditor, signIn, SIGN_IN_LIMITS, safeReturnPath } from './index';
import { COST, hashPassword, needsRehash, setHashCostForTests, verifyPassword } from './password';
import { ensureAdmin, setEditorPassword, signOutEverywhere } from './users';
import { userByName } from '../../db/auth';
import { scryptSync, randomBytes } from 'node:crypto';

const PASSWORD = 'correct horse battery';

// Throttling and sessions sign in many times: they hash at a low cost; the tests of the cost itself restore it.
beforeAll(() => setHashCostForTests(2 ** 10));
afterAll(() => setHashCostForTests(undefined));

async function freshDb() {
  const db = await openTestDb();
  await ensureAdmin(db, { FIGURES_ADMIN_PASSWORD: PASSWORD });
  return db;
}

function request(method: string, init: { cookie?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const headers = new Headers({ host: 'figures.test', ...init.headers });
  if (init.cookie) headers.set('cookie', init.cookie);
  return new Request('http://figures.test/api/x', { method, headers, body: init.body });
}

async function session(db: Db) {
  const r = await signIn(db, 'admin', PASSWORD, 'test');
  if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`);
  return { cookie: `figures_session=${r.sessionToken}; figures_csrf=${r.csrfToken}`, csrf: r.csrfToken };
}

describe('passwords', () => {
  beforeAll(() => setHashCostForTests(undefined));
  afterAll(() => setHashCostForTests(2 ** 10));

  it('are stored as scrypt hashes at N = 2^17 that verify only the right password', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('wrong password', hash)).toBe(false);
  });

  it('first start creates one admin, with the env password or a generated one', async () => {
    const db = await openTestDb();
    const first = await ensureAdmin(db, {});
    expect(first.created && first.passwordFrom).toBe('generated');
    expect(first.created && first.password.length).toBeGreaterThanOrEqual(16);
    expect((await ensureAdmin(db, { FIGURES_ADMIN_PASSWORD: 'x' })).created).toBe(false);
    if (first.created) expect((await signIn(db, 'admin', first.password, 'test')).ok).toBe(true);
  });
});

describe('requireEditor', () => {
  it('answers 401 to an anonymous request', async () => {
    const db = await freshDb();
    const r = await requireEditor(request('POST'), db);
    expect(r).toBeInstanceOf(Response);
    expect((r as Response).status).toBe(401);
    expect(await (r as Response).json()).toMatchObject({ signIn: '/login' });
  });

  it('answers 401 to a made-up session token', async () => {
    const db = await freshDb();
    const r = await requireEditor(request('GET', { cookie: 'figures_session=forged' }), db);
    expect((r as Response).status).toBe(401);
  });

  it('lets a signed-in editor read without a token', async () => {
    const db = await freshDb();
    const { cookie } = await session(db);
    expect(await requireEditor(request('GET', { cookie }), db)).toMatchObject({ name: 'admin' });
  });

  it('rejects a write without the CSRF token, or with a wrong one', async () => {
    const db = await freshDb();
    const { cookie } = await session(db);
    const missing = await requireEditor(request('POST', { cookie }), db);
    expect((missing as Response).status).toBe(403);
    expect(JSON.stringify(await (missing as Response).json())).toMatch(/CSRF/);
    const wrong = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': 'guess' } }), db);
    expect((wrong as Response).status).toBe(403);
  });

  it('accepts the token as a header, or as the field of a form the handler read; it reads no body itself', async () => {
    const db = await freshDb();
    const { cookie, csrf } = await session(db);
    expect(await requireEditor(request('DELETE', { cookie, headers: { 'x-csrf-token': csrf } }), db)).toMatchObject({ name: 'admin' });
    const form = request('POST', { cookie, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf_token=${encodeURIComponent(csrf)}&status=verified` });
    expect(((await requireEditor(form, db)) as Response).status).toBe(403);
    expect(form.bodyUsed).toBe(false);
    const write = await editorForWrite(form, db);
    if (write instanceof Response) throw new Error('not signed in');
    expect(csrfProblem(form, write.csrfToken, { csrf_token: csrf })).toBeNull();
    expect(csrfProblem(form, write.csrfToken, { csrf_token: 'guess' })?.status).toBe(403);
    expect((await form.formData()).get('status')).toBe('verified');
  });

  it('refuses a stranger before anything else: no session, 401 whatever the body', async () => {
    const db = await freshDb();
    const big = request('POST', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'x'.repeat(1024) });
    const r = await editorForWrite(big, db);
    expect((r as Response).status).toBe(401);
    expect(big.bodyUsed).toBe(false);
  });

  it('rejects a write from another site even with the token: by Origin, else by Referer', async () => {
    const db = await freshDb();
    const { cookie, csrf } = await session(db);
    const r = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' } }), db);
    expect((r as Response).status).toBe(403);
    const nullOrigin = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'null' } }), db);
    expect((nullOrigin as Response).status).toBe(403);
    const referer = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, referer: 'https://evil.example/page' } }), db);
    expect((referer as Response).status).toBe(403);
    const same = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'http://figures.test' } }), db);
    expect(same).toMatchObject({ name: 'admin' });
    const sameReferer = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, referer: 'http://figures.test/facts/1' } }), db);
    expect(sameReferer).toMatchObject({ name: 'admin' });
  });

  it('believes X-Forwarded-Host only from a trusted proxy', async () => {
    const db = await freshDb();
    const { cookie, csrf } = await session(db);
    // a client naming the attacker's host as forwarded: the Host header still decides
    const forged = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' } }), db);
    expect((forged as Response).status).toBe(403);
  });
});

describe('passwords are rehashed with today\'s cost', () => {
  beforeAll(() => setHashCostForTests(undefined));
  afterAll(() => setHashCostForTests(2 ** 10));

  it('replaces a weaker hash on the next sign-in, keeping the password', async () => {
    const db = await freshDb();
    const salt = randomBytes(16);
    const weak = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync(PASSWORD.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    const admin = (await userByName(db, 'admin'))!;
    await db.run('UPDATE users SET password_hash = ? WHERE id = ?', [weak, admin.id]);
    expect(needsRehash(weak)).toBe(true);
    expect((await signIn(db, 'admin', PASSWORD, '192.0.2.1')).ok).toBe(true);
    const rehashed = (await userByName(db, 'admin'))!.passwordHash;
    expect(rehashed).toMatch(new RegExp(`^scrypt\\$${COST.N}\\$`));
    expect(needsRehash(rehashed)).toBe(false);
    expect((await signIn(db, 'admin', PASSWORD, '192.0.2.1')).ok).toBe(true);
  });

  it('refuses stored parameters no sign-in should pay for', async () => {
    expect(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$AAAA$AAAA`)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('sessions end with the password', () => {
  it('a password change or reset ends every session of that editor; --sign-out ends them without a change', async () => {
    const db = await freshDb();
    const one = await session(db);
    const two = await session(db);
    const other = await setEditorPassword(db, 'reporter', 'another long password');
    expect(other).toBe('created');
    const theirs = await signIn(db, 'reporter', 'another long password', '192.0.2.9');
    if (!theirs.ok) throw new Error('not signed in');
    expect(await requireEditor(request('GET', { cookie: one.cookie }), db)).toMatchObject({ name: 'admin' });
    await setEditorPassword(db, 'admin', 'a brand new password');
    for (const s of [one, two]) expect(((await requireEditor(request('GET', { cookie: s.cookie }), db)) as Response).status).toBe(401);
    // another editor's session is untouched
    expect(await requireEditor(request('GET', { cookie: `figures_session=${theirs.sessionToken}` }), db)).toMatchObject({ name: 'reporter' });
    expect(await signOutEverywhere(db, 'reporter')).toBe(1);
    expect(((await requireEditor(request('GET', { cookie: `figures_session=${theirs.sessionToken}` }), db)) as Response).status).toBe(401);
    expect((await signIn(db, 'reporter', 'another long password', '192.0.2.9')).ok).toBe(true);
    await expect(signOutEverywhere(db, 'nobody')).rejects.toThrow(/no editor/);
  });
});

describe('sign-in throttling', () => {
  const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000);

  it(`checks a burst of 30 parallel wrong passwords at most ${SIGN_IN_LIMITS.perPair} times`, async () => {
    const db = await freshDb();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(db, 'admin', `wrong-${i}`, '203.0.113.5', at(0))));
    const checked = results.filter((r) => !r.ok && r.reason === 'wrong_credentials').length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.perPair);
    expect(results.filter((r) => !r.ok && r.reason === 'rate_limited').length).toBe(30 - checked);
  });

  it('blocks a (name, client) pair with growing back-off, while the owner signs in from another client', async () => {
    const db = await freshDb();
    const attacker = '203.0.113.7';
    for (let i = 0; i < SIGN_IN_LIMITS.perPair; i++) expect(await signIn(db, 'admin', `wrong-${i}`, attacker, at(0))).toEqual({ ok: false, reason: 'wrong_credentials' });
    const blocked = await signIn(db, 'admin', PASSWORD, attacker, at(0));
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited', retryAfterSeconds: SIGN_IN_LIMITS.backoffMs / 1000 });
    // the owner, elsewhere, is not locked out
    expect((await signIn(db, 'admin', PASSWORD, '198.51.100.20', at(0))).ok).toBe(true);
    // after the block, another round of guesses earns a block twice as long
    const after = SIGN_IN_LIMITS.backoffMs / 60_000 + 1;
    for (let i = 0; i < SIGN_IN_LIMITS.perPair; i++) await signIn(db, 'admin', `again-${i}`, attacker, at(after));
    const second = await signIn(db, 'admin', PASSWORD, attacker, at(after));
    expect(second).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: (2 * SIGN_IN_LIMITS.backoffMs) / 1000 });
    // a right password from that client, once the block is over, starts it all again
    expect((await signIn(db, 'admin', PASSWORD, attacker, at(after + 11))).ok).toBe(true);
    expect(await signIn(db, 'admin', 'wrong', attacker, at(after + 11))).toEqual({ ok: false, reason: 'wrong_credentials' });
  });

  it('gives one client a budget across all names (a spray of names is stopped)', async () => {
    const db = await freshDb();
    const sprayer = '203.0.113.9';
    let checked = 0;
    for (let i = 0; i < SIGN_IN_LIMITS.perClient + 10; i += 1) {
      const r = await signIn(db, `nobody-${i}`, 'x', sprayer, at(0));
      if (!r.ok && r.reason === 'wrong_credentials') checked++;
    }
    expect(checked).toBe(SIGN_IN_LIMITS.perClient);
    expect(await signIn(db, 'admin', PASSWORD, sprayer, at(1))).toMatchObject({ reason: 'rate_limited' });
    expect((await signIn(db, 'admin', PASSWORD, '198.51.100.1', at(1))).ok).toBe(true);
    // the window passes
    expect((await signIn(db, 'admin', PASSWORD, sprayer, at(16))).ok).toBe(true);
  });

  it('prunes rows nobody touched for a day', async () => {
    const db = await freshDb();
    for (let i = 0; i < 3; i++) await signIn(db, `ghost-${i}`, 'x', `192.0.2.${i + 1}`, at(0));
    const count = async () => (await db.get<{ n: number }>('SELECT count(*) AS n FROM sign_in_throttles'))!.n;
    expect(await count()).toBe(6);
    await signIn(db, 'admin', PASSWORD, '192.0.2.200', at(25 * 60));
    expect(await count()).toBe(2);
  });
});

describe('safeReturnPath', () => {
  it('keeps same-site paths, URL-serialised', () => {
    expect(safeReturnPath('/facts/3?x=1')).toBe('/facts/3?x=1');
    expect(safeReturnPath('/facts/3?q=上城#review')).toBe('/facts/3?q=%E4%B8%8A%E5%9F%8E#review');
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('drops anything that could leave the site, and anything with control characters or backslashes', () => {
    const bad = [
      '//evil.example', 'https://evil.example', '/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example',
      '/\r\nSet-Cookie: x=1', '/./\t/evil.example', '/.//evil.example', '/..//evil.example', ' /x', 'facts', 'javascript:alert(1)',
      '\\\\evil.example', '/\u0000', '/\u0085x', undefined, 42, 'x'.repeat(3000),
    ];
    for (const value of bad) expect(safeReturnPath(value), JSON.stringify(value)).toBe('/');
    expect(safeReturnPath('//evil.example', '/login')).toBe('/login');
  });
});
