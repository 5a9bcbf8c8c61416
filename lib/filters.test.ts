import { describe, expect, it } from 'vitest';
import { FilterError, parseFilters } from './filters';

describe('parseFilters: the source filter', () => {
  it('keeps a source name as written', () => {
    expect(parseFilters(new URLSearchParams('source=上城报'))).toEqual({ source: '上城报' });
  });

  it.each(['%00', 'a%00b', '%00%00'])('refuses a name holding a NUL character (%s) as a bad parameter, not a database error', (raw) => {
    const parse = () => parseFilters(new URLSearchParams(`source=${raw}`));
    expect(parse).toThrow(FilterError);
    expect(parse).toThrow(/^source: may not contain a NUL character/);
  });
});
