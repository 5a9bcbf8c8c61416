import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, parseFilters } from '../filters';
import { COLUMNS, type ExportRow } from './columns';
import { dataDictionaryMarkdown } from './dictionary';
import { CSV_HEADER, csvNumber, csvRow, csvText } from './csv';
import { EXPORT_FILTER_KEYS, contentDisposition, exportFileName, exportUrl } from './urls';

describe('csvText', () => {
  it.each([
    ['望江街道', '望江街道'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'], ['cr\r\nlf', '"cr\r\nlf"'],
  ])('quotes only what RFC 4180 requires, doubling quotes: %j → %j', (text, cell) => {
    expect(csvText(text)).toBe(cell);
  });

  it('neutralises every start a spreadsheet would run as a formula', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
      const cell = csvText(formula);
      const [[read]] = parse(`${cell}\r\n`, { relax_quotes: false }) as string[][];
      expect(read).toBe(`'${formula}`);
    }
    expect(csvText('1+1')).toBe('1+1');
  });
});

describe('csvNumber', () => {
  it('writes numbers that read back to the same double, negative ones bare', () => {
    for (const n of [0, -3.5, 80000000, 0.1 + 0.2, 1e21, -1e-7, 12345678901234.5]) expect(Number(csvNumber(n))).toBe(n);
    expect(csvNumber(-3.5)).toBe('-3.5');
    expect(csvNumber(null)).toBe('');
    expect(() => csvNumber(Number.NaN)).toThrow();
  });
});

describe('csvRow', () => {
  it('writes one record per fact in header order', () => {
    const row = Object.fromEntries(COLUMNS.map((c) => [c.name, c.type === 'boolean' ? false : c.type === 'integer' || c.type === 'number' ? -1 : `${c.name},x`])) as unknown as ExportRow;
    const [header, record] = parse(CSV_HEADER + csvRow(row)) as string[][];
    expect(header).toEqual(COLUMNS.map((c) => c.name));
    expect(record[0]).toBe('-1');
    expect(record[1]).toBe('uid,x');
  });
});

describe('exportUrl', () => {
  it('knows the filter keys of lib/filters.ts, in order', () => {
    expect(EXPORT_FILTER_KEYS).toEqual(FILTER_KEYS);
  });

  it('links to exactly a view: parsing its query gives the view\'s filters back', () => {
    const filters = { district: ['330102'], metric: ['investment'], from: '2020-01-01', to: '2020-12-31', source: '上城报' };
    const url = exportUrl(filters, 'csv', { unit: 'CNY' });
    expect(url.startsWith('/export/facts.csv?district=330102&metric=investment')).toBe(true);
    const params = new URL(url, 'http://x').searchParams;
    expect(parseFilters(params)).toEqual(filters);
    expect(params.get('unit')).toBe('CNY');
    expect(exportUrl({}, 'jsonl')).toBe('/export/facts.jsonl');
    expect(exportUrl({}, 'csv', { bom: false })).toBe('/export/facts.csv?bom=0');
  });
});

describe('exportFileName', () => {
  it('names the filters, ASCII for the plain filename and UTF-8 in filename*', () => {
    expect(exportFileName({}, 'csv')).toBe('civic-figures.csv');
    expect(exportFileName({ street: ['330102007'], qualifier: 'about', from: '2021-01-01' }, 'jsonl')).toBe('civic-figures_street-330102007_qualifier-about_2021-01-01_to_end.jsonl');
    expect(exportFileName({ source: '上城报' }, 'csv')).toBe('civic-figures_source-_.csv');
    expect(exportFileName({ source: '上城 "报";' }, 'csv', false)).toBe('civic-figures_source-上城-报-.csv');
    expect(contentDisposition('a.csv', '上.csv')).toBe(`attachment; filename="a.csv"; filename*=UTF-8''%E4%B8%8A.csv`);
  });
});

describe('data dictionary', () => {
  it('documents every column in README.md', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Data dictionary'));
    expect(readme).toContain('## Data dictionary');
    for (const c of COLUMNS) expect(section, c.name).toContain(`| \`${c.name}\` |`);
    // the whole generated dictionary, code lists included, so README.md cannot drift from the code
    expect(section, 'README.md is out of date: regenerate its "Data dictionary" section with `npm run -s figures -- export --dictionary`').toContain(dataDictionaryMarkdown());
  });
});
