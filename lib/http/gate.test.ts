import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyGate, expensiveConcurrency, expensiveKind, gateRequests, malformedPath, PEER_HEADER } from './gate.mjs';

describe('the request gate of our server', () => {
  it('spots percent-escapes that are not UTF-8', () => {
    for (const bad of ['/facts/%FF', '/articles/%FF', '/places/%E4%B8', '/%C0%AF', '/x/%', '/x/%zz']) expect(malformedPath(bad), bad).toBe(true);
    for (const good of ['/', '/facts/12', '/places/%E4%B8%8A', '/search?q=%FF', '/x?%']) expect(malformedPath(good), good).toBe(false);
  });

  it('knows the expensive reads', () => {
    expect(expensiveKind('/search')).toBe('search');
    expect(expensiveKind('/export/facts.csv')).toBe('export');
    expect(expensiveKind('/export/README')).toBeNull();
    expect(expensiveKind('/api/places')).toBe('places');
    expect(expensiveKind('/api/facts')).toBe('data');
    expect(expensiveKind('/facts/12.json')).toBe('data');
    expect(expensiveKind('/api/health')).toBeNull();
    expect(expensiveKind('/_next/static/x.json')).toBeNull();
  });

  it('serves FIGURES_EXPENSIVE_CONCURRENCY requests of a kind at once (4 unless told), and refuses a bad value', () => {
    expect(expensiveConcurrency({})).toBe(4);
    expect(expensiveConcurrency({ FIGURES_EXPENSIVE_CONCURRENCY: '12' })).toBe(12);
    expect(() => expensiveConcurrency({ FIGURES_EXPENSIVE_CONCURRENCY: 'four' })).toThrow(/FIGURES_EXPENSIVE_CONCURRENCY .* must be a whole number from 1 up/);
  });

  it('lets `limit` of a kind through at once', () => {
    const gate = new ConcurrencyGate(2);
    const a = gate.tryAcquire('search');
    const b = gate.tryAcquire('search');
    expect(a && b).toBeTruthy();
    expect(gate.tryAcquire('search')).toBeNull();
    expect(gate.tryAcquire('export')).not.toBeNull();
    a!();
    a!();
    expect(gate.tryAcquire('search')).not.toBeNull();
    expect(gate.tryAcquire('search')).toBeNull();
  });

  describe('in front of a slow handler', () => {
    const open: ServerResponse[] = [];
    let seenPeer = '';
    const server = createServer(gateRequests((req: IncomingMessage, res: ServerResponse) => {
      seenPeer = String(req.headers[PEER_HEADER]);
      if (req.url?.startsWith('/search')) { open.push(res); return; } // answered later
      res.end('ok');
    }, { token: 'tok', limit: 2 }));
    const listening = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const get = async (path: string, headers: Record<string, string> = {}) => {
      const port = await listening;
      return new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
        const r = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
          let body = '';
          res.on('data', (c) => { body += c; });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        r.on('error', reject);
        r.end();
      });
    };

    it('answers 503 with Retry-After once a kind is saturated, and serves others meanwhile', async () => {
      const first = get('/search?q=1');
      const second = get('/search?q=2');
      await new Promise((r) => setTimeout(r, 100));
      const third = await get('/search?q=3');
      expect(third.status).toBe(503);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.headers['x-frame-options']).toBe('DENY');
      expect((await get('/api/health')).status).toBe(200);
      // a slot comes back when its answer is sent
      open.shift()!.end('done');
      expect((await first).status).toBe(200);
      const fourth = get('/search?q=4');
      await new Promise((r) => setTimeout(r, 100));
      for (const res of open.splice(0)) res.end('done');
      expect((await second).status).toBe(200);
      expect((await fourth).status).toBe(200);
    });

    it('answers a malformed path 400 without calling the app, and overwrites a forged peer header', async () => {
      expect((await get('/facts/%FF')).status).toBe(400);
      await get('/api/health', { [PEER_HEADER]: 'tok 6.6.6.6' });
      expect(seenPeer).toBe('tok 127.0.0.1');
    });
  });
});
