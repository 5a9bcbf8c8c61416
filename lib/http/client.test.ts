import { afterEach, describe, expect, it } from 'vitest';
import { addressedHost, clientOf, isHttps, parseTrustedProxies, PEER_HEADER, PEER_TOKEN_ENV, UNKNOWN_CLIENT } from './client';
import { redactPaths } from './messages';

const TOKEN = 'test-token';
const previous = process.env[PEER_TOKEN_ENV];
afterEach(() => { if (previous === undefined) delete process.env[PEER_TOKEN_ENV]; else process.env[PEER_TOKEN_ENV] = previous; });

function request(peer: string | null, headers: Record<string, string> = {}): Request {
  process.env[PEER_TOKEN_ENV] = TOKEN;
  return new Request('http://figures.test/api/auth/login', { headers: { host: 'figures.test', ...(peer ? { [PEER_HEADER]: `${TOKEN} ${peer}` } : {}), ...headers } });
}

describe('the client of a request', () => {
  const none = parseTrustedProxies('');
  const proxy = parseTrustedProxies('10.0.0.0/8, ::1');

  it('is the socket peer our server recorded; X-Forwarded-For from anyone else is the client\'s own word', () => {
    expect(clientOf(request('198.51.100.7', { 'x-forwarded-for': '1.2.3.4' }), none)).toEqual({ address: '198.51.100.7', viaTrustedProxy: false });
    expect(clientOf(request('::ffff:198.51.100.7'), none).address).toBe('198.51.100.7');
  });

  it('behind trusted proxies, is the rightmost address they did not vouch for', () => {
    const r = request('10.0.0.2', { 'x-forwarded-for': '6.6.6.6, 203.0.113.4, 10.0.0.9' });
    expect(clientOf(r, proxy)).toEqual({ address: '203.0.113.4', viaTrustedProxy: true });
    // a rotating, forged leftmost entry changes nothing
    expect(clientOf(request('10.0.0.2', { 'x-forwarded-for': '7.7.7.7, 203.0.113.4' }), proxy).address).toBe('203.0.113.4');
    expect(clientOf(request('10.0.0.2'), proxy).address).toBe('10.0.0.2');
    expect(clientOf(request('::1', { 'x-forwarded-for': 'garbage, 203.0.113.5' }), proxy).address).toBe('203.0.113.5');
  });

  it('is unknown (one shared client) without our server in front, and a forged peer header counts for nothing', () => {
    delete process.env[PEER_TOKEN_ENV];
    expect(clientOf(new Request('http://x/', { headers: { [PEER_HEADER]: `${TOKEN} 1.2.3.4` } }), none).address).toBe(UNKNOWN_CLIENT);
    process.env[PEER_TOKEN_ENV] = TOKEN;
    expect(clientOf(new Request('http://x/', { headers: { [PEER_HEADER]: 'guessed 1.2.3.4' } }), none).address).toBe(UNKNOWN_CLIENT);
  });

  it('believes X-Forwarded-Host and -Proto only from a trusted proxy', () => {
    process.env.FIGURES_TRUSTED_PROXIES = '';
    const forged = request('198.51.100.7', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(addressedHost(forged)).toBe('figures.test');
    expect(isHttps(forged)).toBe(false);
    process.env.FIGURES_TRUSTED_PROXIES = '10.0.0.0/8';
    const proxied = request('10.1.2.3', { 'x-forwarded-host': 'figures.example', 'x-forwarded-proto': 'https' });
    expect(addressedHost(proxied)).toBe('figures.example');
    expect(isHttps(proxied)).toBe(true);
    delete process.env.FIGURES_TRUSTED_PROXIES;
  });

  it('reads FIGURES_TRUSTED_PROXIES strictly', () => {
    expect(parseTrustedProxies('loopback').check('127.0.0.5', 'ipv4')).toBe(true);
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '::1/129']) expect(() => parseTrustedProxies(bad), bad).toThrow(/FIGURES_TRUSTED_PROXIES/);
  });
});

describe('messages shown to clients', () => {
  it('carry no server paths', () => {
    const cwd = process.cwd();
    expect(redactPaths(`Setting up fake worker failed: "Cannot find module '${cwd}/.next/server/chunks/pdf.worker.mjs'"`)).not.toContain(cwd);
    expect(redactPaths('failed at file:///srv/app/node_modules/pdfjs-dist/build/pdf.mjs:12')).toBe('failed at …/pdf.mjs:12');
    expect(redactPaths('ENOENT: /home/figures/data/x.db')).toBe('ENOENT: …/x.db');
    expect(redactPaths('POST /api/articles: the body is over 64 MB')).toBe('POST /api/articles: the body is over 64 MB');
  });
});
