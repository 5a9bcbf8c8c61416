import { describe, expect, it } from 'vitest';
import { dateFromFileName, resolvePublished } from './published';

describe('publication date', () => {
  it.each([
    ['shangcheng-bao-2020-04-21.txt', '2020-04-21'], ['/x/上城报20200421第3版.pdf', '2020-04-21'],
    ['news_2021_5_6.html', '2021-05-06'], ['2020年4月21日.docx', '2020-04-21'],
  ])('reads a date from a file name: %j → %j', (fileName, date) => {
    expect(dateFromFileName(fileName)).toBe(date);
  });

  it.each(['report-2020-02-30.txt', 'tel-05718781572.txt', '12345678.txt', 'article.txt', null])(
    'never guesses: impossible days, phone numbers and plain numbers are not dates (%j)',
    (fileName) => expect(dateFromFileName(fileName)).toBeNull(),
  );

  it('prefers the option, then the text, then the metadata, then the file name', () => {
    const base = { fromText: () => '2020-04-21', fromMetadata: '2021-01-01', fileName: 'a-2019-09-09.txt' };
    expect(resolvePublished({ ...base, option: '2022-02-02' })).toEqual({ published: '2022-02-02', provenance: 'option' });
    expect(resolvePublished(base)).toEqual({ published: '2020-04-21', provenance: 'text' });
    expect(resolvePublished({ ...base, fromText: () => null })).toEqual({ published: '2021-01-01', provenance: 'metadata' });
    expect(resolvePublished({ ...base, fromText: () => null, fromMetadata: null })).toEqual({ published: '2019-09-09', provenance: 'file-name' });
    expect(resolvePublished({ fromText: () => null, fileName: 'a.txt' })).toEqual({ published: null, provenance: 'none' });
  });
});
