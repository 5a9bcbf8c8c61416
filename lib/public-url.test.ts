import { describe, expect, it } from 'vitest';
import { configuredPublicUrl, publicBase, requestOrigin } from './public-url';

describe('the public address', () => {
  it('is FIGURES_PUBLIC_URL when set, without a trailing slash', () => {
    expect(configuredPublicUrl({ FIGURES_PUBLIC_URL: 'https://figures.example.org/' })).toBe('https://figures.example.org');
    expect(configuredPublicUrl({ FIGURES_PUBLIC_URL: 'https://example.org/figures/' })).toBe('https://example.org/figures');
    expect(configuredPublicUrl({})).toBeNull();
    expect(() => configuredPublicUrl({ FIGURES_PUBLIC_URL: 'figures.example.org' })).toThrow(/FIGURES_PUBLIC_URL/);
    expect(() => configuredPublicUrl({ FIGURES_PUBLIC_URL: 'ftp://x.org' })).toThrow(/http/);
  });

  it('is otherwise the origin the request addressed, never a fixed localhost', () => {
    const headers = new Headers({ host: '10.0.0.5:8080' });
    expect(publicBase(headers, 'http://localhost:3300/facts/1', {})).toBe('http://10.0.0.5:8080');
    expect(requestOrigin(new Headers({ host: 'internal:3000', 'x-forwarded-host': 'figures.example.org', 'x-forwarded-proto': 'https' }))).toBe('https://figures.example.org');
    expect(publicBase(headers, undefined, { FIGURES_PUBLIC_URL: 'https://figures.example.org' })).toBe('https://figures.example.org');
  });
});
