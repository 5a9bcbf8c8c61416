import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { openTestDb } from '../../db/testing';
import { requireEditor, signIn, SIGN_IN_LIMITS, safeReturnPath } from './index';
import { hashPassword, verifyPassword } from './password';
import { ensureAdmin } from './users';

const PASSWORD = 'correct horse battery';

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
  it('are stored as scrypt hashes that verify only the right password', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
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

  it('accepts the token as a header or as a form field, and leaves the form readable', async () => {
    const db = await freshDb();
    const { cookie, csrf } = await session(db);
    expect(await requireEditor(request('DELETE', { cookie, headers: { 'x-csrf-token': csrf } }), db)).toMatchObject({ name: 'admin' });
    const form = request('POST', { cookie, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf_token=${encodeURIComponent(csrf)}&status=verified` });
    expect(await requireEditor(form, db)).toMatchObject({ name: 'admin' });
    expect((await form.formData()).get('status')).toBe('verified');
  });

  it('rejects a write from another site even with the token', async () => {
    const db = await freshDb();
    const { cookie, csrf } = await session(db);
    const r = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' } }), db);
    expect((r as Response).status).toBe(403);
    const same = await requireEditor(request('POST', { cookie, headers: { 'x-csrf-token': csrf, origin: 'http://figures.test' } }), db);
    expect(same).toMatchObject({ name: 'admin' });
  });
});

describe('sign-in rate limit', () => {
  it(`refuses every attempt for a name after ${SIGN_IN_LIMITS.perName} wrong passwords, even the right one`, async () => {
    const db = await freshDb();
    const now = new Date('2024-01-01T00:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMITS.perName; i += 1) {
      expect(await signIn(db, 'admin', `wrong-${i}`, `client-${i}`, now)).toEqual({ ok: false, reason: 'wrong_credentials' });
    }
    const blocked = await signIn(db, 'admin', PASSWORD, 'client-x', now);
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(blocked.ok === false && blocked.reason === 'rate_limited' && blocked.retryAfterSeconds).toBe(15 * 60);
    // the window passes: the right password works again, and resets the count
    const later = new Date(now.getTime() + SIGN_IN_LIMITS.windowMs + 1000);
    expect((await signIn(db, 'admin', PASSWORD, 'client-x', later)).ok).toBe(true);
    expect((await signIn(db, 'admin', 'wrong', 'client-x', later)).ok).toBe(false);
    expect((await signIn(db, 'admin', PASSWORD, 'client-x', later)).ok).toBe(true);
  });

  it('limits one client guessing across many names', async () => {
    const db = await freshDb();
    for (let i = 0; i < SIGN_IN_LIMITS.perClient; i += 1) await signIn(db, `nobody-${i}`, 'x', '203.0.113.9');
    expect(await signIn(db, 'admin', PASSWORD, '203.0.113.9')).toMatchObject({ reason: 'rate_limited' });
    expect((await signIn(db, 'admin', PASSWORD, '198.51.100.1')).ok).toBe(true);
  });
});

describe('safeReturnPath', () => {
  it('keeps same-site paths and drops anything else', async () => {
    expect(safeReturnPath('/facts/3?x=1')).toBe('/facts/3?x=1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'facts', undefined]) expect(safeReturnPath(bad)).toBe('/');
  });
});
