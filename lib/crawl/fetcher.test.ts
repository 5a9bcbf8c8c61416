// The fetcher's bounds on a server made for each case: size caps, redirects off-site or to other schemes,
// Retry-After, and one request at a time per host even when two crawls share it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher, type FetchPolicy, type RobotsGuard } from './fetcher';
import { HostGate } from './gate';
import { SiteScope } from './url';

let server: Server | null = null;
afterEach(async () => { if (server) await new Promise((r) => server!.close(r)); server = null; });

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  server.on('connection', (s) => server!.once('close', () => s.destroy()));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const policy: FetchPolicy = { userAgent: 'CivicFigures/1.0 (+https://example.test)', timeoutMs: 1000, maxBytes: 1000, maxRedirects: 3, retries: 2, backoffMs: 5, maxRetryAfterMs: 200 };
const noRobots: RobotsGuard = { check: async () => ({ allowed: true }), delayMs: () => 0 };

function fetcher(origin: string, over: Partial<FetchPolicy> = {}, gate = new HostGate(), delayMs = 0) {
  return new Fetcher({ policy: { ...policy, ...over }, gate, scope: new SiteScope([origin]), delayMs });
}

describe('fetcher', () => {
  it('refuses a body whose declared length is over the cap without reading it', async () => {
    let ended = false;
    const origin = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50_000) });
      res.write('x'.repeat(1000));
      res.on('close', () => { ended = true; });
    });
    const got = await fetcher(origin).get(`${origin}/big`, { accept: '*/*', robots: noRobots });
    expect(got).toMatchObject({ kind: 'skipped', reason: 'too-large' });
    await expect.poll(() => ended).toBe(true);
  });

  it('does not follow a redirect to another site or another scheme, and stops after maxRedirects hops', async () => {
    const origin = await serve((req, res) => {
      const to = { '/off': 'https://elsewhere.example/x', '/ftp': 'ftp://files.example/x', '/a': '/b', '/b': '/c', '/c': '/d', '/d': '/e' }[req.url ?? ''];
      res.writeHead(to ? 302 : 200, to ? { location: to } : { 'content-type': 'text/html' });
      res.end('<p>ok</p>');
    });
    const f = fetcher(origin);
    expect(await f.get(`${origin}/off`, { accept: '*/*', robots: noRobots })).toMatchObject({ kind: 'skipped', reason: 'off-site' });
    expect(await f.get(`${origin}/ftp`, { accept: '*/*', robots: noRobots })).toMatchObject({ kind: 'failed', reason: 'bad-redirect' });
    expect(await f.get(`${origin}/a`, { accept: '*/*', robots: noRobots })).toMatchObject({ kind: 'failed', reason: 'too-many-redirects', requests: 4 });
  });

  it('asks robots.txt about every hop of a redirect', async () => {
    const origin = await serve((req, res) => {
      if (req.url === '/open') { res.writeHead(301, { location: '/private/page' }); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>secret</p>');
    });
    const robots: RobotsGuard = { check: async (url) => (url.includes('/private/') ? { allowed: false, reason: 'robots', message: 'is disallowed by robots.txt' } : { allowed: true }), delayMs: () => 0 };
    const got = await fetcher(origin).get(`${origin}/open`, { accept: '*/*', robots });
    expect(got).toMatchObject({ kind: 'skipped', reason: 'robots', requests: 1 });
  });

  it('retries a 429 after Retry-After when it is short, gives up when it is too long', async () => {
    let hits = 0;
    const origin = await serve((req, res) => {
      hits++;
      if (req.url === '/long') { res.writeHead(503, { 'retry-after': '3600' }); res.end(); return; }
      if (hits === 1) { res.writeHead(429, { 'retry-after': '0' }); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>ok</p>');
    });
    const f = fetcher(origin);
    expect(await f.get(`${origin}/short`, { accept: '*/*', robots: noRobots })).toMatchObject({ kind: 'ok', requests: 2 });
    const started = Date.now();
    const long = await f.get(`${origin}/long`, { accept: '*/*', robots: noRobots });
    expect(long).toMatchObject({ kind: 'failed', reason: 'http-error', status: 503, requests: 1 });
    expect(long.kind === 'failed' && long.message).toMatch(/retry after 3600 s/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not download a body it does not want', async () => {
    const origin = await serve((_, res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.alloc(500)); });
    const got = await fetcher(origin).get(`${origin}/logo.png`, { accept: '*/*', robots: noRobots, wanted: (t) => Boolean(t?.includes('html')) });
    expect(got).toMatchObject({ kind: 'skipped', reason: 'not-html' });
  });

  it('two fetchers sharing the gate never have two requests open to one host, and keep the pause between them', async () => {
    let open = 0, most = 0;
    const arrivals: number[] = [];
    const origin = await serve((_, res) => {
      open++; most = Math.max(most, open); arrivals.push(Date.now());
      setTimeout(() => { open--; res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>ok</p>'); }, 20);
    });
    const gate = new HostGate();
    const a = fetcher(origin, {}, gate, 30), b = fetcher(origin, {}, gate, 30);
    await Promise.all([1, 2, 3].flatMap((n) => [a.get(`${origin}/a${n}`, { accept: '*/*', robots: noRobots }), b.get(`${origin}/b${n}`, { accept: '*/*', robots: noRobots })]));
    expect(most).toBe(1);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45); // 20 ms answering + 30 ms pause (less timer slack)
  });
});
