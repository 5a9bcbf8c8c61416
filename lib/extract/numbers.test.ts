import { describe, expect, it } from 'vitest';
import { normalizeDigits, parseChineseNumber, parseNumber, parseNumberToken } from './numbers';

// Duckling-style corpus: one value, then every surface form that must read as it.
const NUMBER_CORPUS: Array<[number, string[]]> = [
  [0, ['0', '零', '〇', '０']],
  [1, ['1', '一', '壹', '１', '01']],
  [2, ['2', '二', '两', '贰', '貳', '２']],
  [3, ['3', '三', '叁', '３']],
  [4, ['4', '四', '肆']],
  [5, ['5', '五', '伍']],
  [6, ['6', '六', '陆']],
  [7, ['7', '七', '柒']],
  [8, ['8', '八', '捌']],
  [9, ['9', '九', '玖']],
  [10, ['10', '十', '拾', '一十', '壹拾', '１０']],
  [11, ['11', '十一', '一十一', '壹拾壹']],
  [12, ['12', '十二', '一十二', '拾贰']],
  [19, ['19', '十九']],
  [20, ['20', '二十', '廿', '贰拾', '２０']],
  [23, ['23', '二十三', '廿三']],
  [30, ['30', '三十', '卅', '叁拾']],
  [31, ['31', '三十一', '卅一']],
  [45, ['45', '四十五', '肆拾伍']],
  [99, ['99', '九十九']],
  [100, ['100', '一百', '百', '壹佰', '１００']],
  [101, ['101', '一百零一']],
  [105, ['105', '一百零五', '壹佰零伍']],
  [110, ['110', '一百一十', '一百一']],
  [120, ['120', '一百二十', '一百二', '壹佰贰拾']],
  [180, ['180', '一百八十', '一百八']],
  [200, ['200', '二百', '两百', '2百']],
  [350, ['350', '三百五十', '三百五']],
  [702, ['702', '七百零二']],
  [1000, ['1000', '1,000', '一千', '千', '壹仟', '１０００', '１，０００', '1千']],
  [1001, ['1001', '一千零一', '1,001']],
  [1031, ['1031', '1,031', '一千零三十一']],
  [1200, ['1200', '1,200', '一千二百', '一千二', '1.2千']],
  [2000, ['2000', '2,000', '两千', '二千', '2千', '贰仟']],
  [2023, ['2023', '二〇二三', '二零二三', '两千零二十三']],
  [3500, ['3500', '3,500', '三千五百', '三千五', '3.5千']],
  [3800, ['3800', '3,800', '三千八百', '三千八']],
  [10000, ['10000', '10,000', '一万', '万', '1万', '壹万', '１万']],
  [11000, ['11000', '11,000', '一万一千', '一万一', '1.1万']],
  [12000, ['12000', '12,000', '一万二千', '一万二', '1.2万', '１．２万']],
  [20000, ['20000', '两万', '二万', '2万']],
  [34567, ['34567', '34,567', '三万四千五百六十七', '３４５６７', '３４，５６７', '3.4567万']],
  [40500, ['40500', '四万零五百', '4.05万']],
  [100000, ['100000', '100,000', '十万', '一十万', '10万']],
  [160000, ['160000', '十六万', '16万']],
  [440000, ['440000', '四十四万', '44万']],
  [1000000, ['1000000', '1,000,000', '一百万', '百万', '100万']],
  [1450000, ['1450000', '一百四十五万', '145万']],
  [3800000, ['3800000', '三百八十万', '380万']],
  [12000000, ['12000000', '一千二百万', '1200万', '1.2千万']],
  [80000000, ['80000000', '八千万', '8000万']],
  [100000000, ['100000000', '一亿', '亿', '壹亿', '1亿', '10000万']],
  [120000000, ['120000000', '一亿二千万', '一亿二', '1.2亿', '12000万']],
  [414000000, ['414000000', '四亿一千四百万', '4.14亿', '41400万']],
  [1400000000, ['1400000000', '十四亿', '14亿', '140000万']],
  [20475000000, ['204.75亿', '2047500万']],
  [30000000000, ['三百亿', '300亿']],
  [100000000000, ['千亿', '一千亿', '1000亿', '1千亿']],
  [1000000000000, ['一万亿', '万亿', '1万亿']],
  [0.17, ['0.17', '零点一七', '０．１７']],
  [0.5, ['0.5', '零点五']],
  [3.5, ['3.5', '三点五']],
  [84.6, ['84.6', '八十四点六', '８４．６']],
  [1234.5, ['1,234.5', '1234.5', '１，２３４．５']],
  [2615540000, ['261554万', '26.1554亿']],
  [1685.79, ['1685.79', '1,685.79']],
];

describe('parseNumber', () => {
  for (const [value, surfaces] of NUMBER_CORPUS) {
    for (const surface of surfaces) {
      it(`${surface} → ${value}`, () => expect(parseNumber(surface)).toBe(value));
    }
  }

  const NOT_NUMBERS = ['', 'abc', '1,23', '1,2345', '三四', '十四五', '万元', '1.2.3', '第一', '几十'];
  for (const surface of NOT_NUMBERS) {
    it(`${JSON.stringify(surface)} is not one number`, () => expect(parseNumber(surface)).toBeNull());
  }
});

describe('parseNumberToken', () => {
  it('marks Chinese numerals and bare magnitudes', () => {
    expect(parseNumberToken('千')).toMatchObject({ value: 1000, chinese: true, bareMagnitude: true });
    expect(parseNumberToken('千亿')).toMatchObject({ value: 1e11, chinese: true, bareMagnitude: true });
    expect(parseNumberToken('三千')).toMatchObject({ value: 3000, chinese: true, bareMagnitude: false });
    expect(parseNumberToken('3000')).toMatchObject({ value: 3000, chinese: false, bareMagnitude: false });
  });
  it('reads two neighbouring digits as an estimate', () => {
    expect(parseNumberToken('三四')).toMatchObject({ value: 3, estimate: [3, 4] });
    expect(parseNumberToken('七八')).toMatchObject({ value: 7, estimate: [7, 8] });
    expect(parseNumberToken('三五')).toMatchObject({ value: 35, estimate: null });
  });
});

describe('parseChineseNumber', () => {
  it('rejects malformed numerals', () => {
    expect(parseChineseNumber('十四五')).toBeNull();
    expect(parseChineseNumber('点五')).toBeNull();
  });
});

describe('normalizeDigits', () => {
  const CASES: Array<[string, string]> = [
    ['１２３，４％', '123，4%'],
    ['１２，３４５元', '12,345元'],
    ['１，２３４，５６７', '1,234,567'],
    ['１２，３４５６', '12，3456'],
    ['３～５亿', '3~5亿'],
    ['项目４６个，分别', '项目46个，分别'],
    ['８４．６％', '84.6%'],
  ];
  for (const [input, output] of CASES) {
    it(`${input} → ${output}`, () => {
      const normalized = normalizeDigits(input);
      expect(normalized).toBe(output);
      expect(normalized.length).toBe(input.length);
    });
  }
});
