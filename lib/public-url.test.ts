import { describe, expect, it } from 'vitest';
import { configuredPublicUrl, publicBase, publicBaseOfHeaders } from './public-url';

describe('the public address', () => {
  it('is FIGURES_PUBLIC_URL when set, without a trailing slash', () => {
    expect(configuredPublicUrl({ FIGURES_PUBLIC_URL: 'https://figures.example.org/' })).toBe('https://figures.example.org');
    expect(configuredPublicUrl({ FIGURES_PUBLIC_URL: 'https://example.org/figures/' })).toBe('https://example.org/figures');
    expect(configuredPublicUrl({})).toBeNull();
    expect(() => configuredPublicUrl({ FIGURES_PUBLIC_URL: 'figures.example.org' })).toThrow(/FIGURES_PUBLIC_URL/);
    expect(() => configuredPublicUrl({ FIGURES_PUBLIC_URL: 'ftp://x.org' })).toThrow(/http/);
  });

  it('is otherwise the origin the request addressed, never a fixed localhost', () => {
    const request = new Request('http://10.0.0.5:8080/facts/1', { headers: { host: '10.0.0.5:8080' } });
    expect(publicBase(request, {})).toBe('http://10.0.0.5:8080');
    expect(publicBaseOfHeaders(new Headers({ host: 'figures.local:3300' }), {})).toBe('http://figures.local:3300');
    // a forwarded host is believed only from a trusted proxy (lib/http/client.ts): a client cannot choose the citations' address
    expect(publicBaseOfHeaders(new Headers({ host: 'figures.local:3300', 'x-forwarded-host': 'evil.example' }), {})).toBe('http://figures.local:3300');
    expect(publicBase(request, { FIGURES_PUBLIC_URL: 'https://figures.example.org' })).toBe('https://figures.example.org');
  });
});
