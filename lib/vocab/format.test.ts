// The formatters keep one Intl.NumberFormat per set of options: their text must be what Number#toLocaleString
// with the same locale and options writes, for every kind of value and every number of decimals.
import { describe, expect, it } from 'vitest';
import { exactValue, plain, shortNumber } from './format';

const VALUES = [0, -0, 1, -1, 0.5, 2.345, 84.61538, 702, 9999.995, 10_000, 12_345.678, -3.5, 1e8, 1.4e9, 88_000_000, 1e12, 3.3e15, 1e21, 2.5e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER];

describe('number formatting', () => {
  it('writes what toLocaleString writes', () => {
    for (const v of VALUES) {
      for (const digits of [0, 1, 2, 4]) {
        const rounded = Number(v.toFixed(digits));
        expect(plain(v, digits)).toBe(Object.is(rounded, -0) ? '0' : rounded.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: false }));
        expect(shortNumber(v, 'en', false, digits)).toBe(v.toLocaleString('en-US', { maximumFractionDigits: digits }));
        if (Math.abs(v) >= 10_000) expect(shortNumber(v, 'en', true, digits)).toBe(v.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: digits }));
      }
      expect(exactValue(v, 'count', 'en')).toBe(`${v.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${exactValue(1, 'count', 'en').split(' ').slice(1).join(' ')}`);
    }
  });
});
