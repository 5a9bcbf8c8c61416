import { describe, expect, it } from 'vitest';
import { dateFromFileName, resolvePublished } from './published';

describe('publication date', () => {
  it('reads a date from a file name', () => {
    expect(dateFromFileName('shangcheng-bao-2020-04-21.txt')).toBe('2020-04-21');
    expect(dateFromFileName('/x/上城报20200421第3版.pdf')).toBe('2020-04-21');
    expect(dateFromFileName('news_2021_5_6.html')).toBe('2021-05-06');
    expect(dateFromFileName('2020年4月21日.docx')).toBe('2020-04-21');
  });

  it('never guesses: impossible days, phone numbers and plain numbers are not dates', () => {
    expect(dateFromFileName('report-2020-02-30.txt')).toBeNull();
    expect(dateFromFileName('tel-05718781572.txt')).toBeNull();
    expect(dateFromFileName('12345678.txt')).toBeNull();
    expect(dateFromFileName('article.txt')).toBeNull();
    expect(dateFromFileName(null)).toBeNull();
  });

  it('prefers the option, then the text, then the metadata, then the file name', () => {
    const base = { fromText: () => '2020-04-21', fromMetadata: '2021-01-01', fileName: 'a-2019-09-09.txt' };
    expect(resolvePublished({ ...base, option: '2022-02-02' })).toEqual({ published: '2022-02-02', provenance: 'option' });
    expect(resolvePublished(base)).toEqual({ published: '2020-04-21', provenance: 'text' });
    expect(resolvePublished({ ...base, fromText: () => null })).toEqual({ published: '2021-01-01', provenance: 'metadata' });
    expect(resolvePublished({ ...base, fromText: () => null, fromMetadata: null })).toEqual({ published: '2019-09-09', provenance: 'file-name' });
    expect(resolvePublished({ fromText: () => null, fileName: 'a.txt' })).toEqual({ published: null, provenance: 'none' });
  });
});
