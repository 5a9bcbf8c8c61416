import { describe, expect, it } from 'vitest';
import { findFigures } from './figures';
import { UNIT_WORDS, unitWord } from './units';
import { UNITS, type Unit } from './types';

/** The one figure of a short phrase, as value and unit. */
function only(phrase: string) {
  const figures = findFigures(phrase);
  expect(figures, `${phrase}: ${JSON.stringify(figures.map((f) => f.text))}`).toHaveLength(1);
  return figures[0];
}

// Duckling-style: one value and unit, then every phrase that must give it (scale applied).
const UNIT_CORPUS: Array<[number, Unit, string[]]> = [
  [1400000000, 'CNY', ['涉及金额14亿元', '签约金额达14亿元', '14亿元人民币', '140000万元', '十四亿元', '１４亿元', '1,400,000,000元']],
  [80000000, 'CNY', ['融资8000余万元', '融资八千余万元', '贷款8000多万元', '8000万元']],
  [120000000, 'CNY', ['1.2亿元', '1亿2千万元', '一亿二千万元', '12000万元', '一点二亿元']],
  [25000, 'CNY', ['奖励2万5千元', '2.5万元', '两万五千元']],
  [30000, 'CNY', ['补助3万元', '补助三万元', '补助30000元', '补助3万块钱']],
  [5950000, 'CNY', ['补助金595万元', '五百九十五万元']],
  [28097700, 'CNY', ['救助资金2809.77万元']],
  [120, 'CNY', ['每人一百二十元', '每人120元']],
  [414000000, 'USD', ['外资4.14亿美元', '41400万美元', '四亿一千四百万美元']],
  [5000000, 'HKD', ['捐赠500万港元', '500万港币']],
  [2000000, 'EUR', ['投资200万欧元']],
  [3800, 'mu', ['腾出土地3800亩', '3,800亩', '三千八百亩']],
  [304400, 'mu', ['高标准农田30.44万亩']],
  [0.8, 'mu', ['面积0.8亩']],
  [12, 'ha', ['林地12公顷', '十二公顷']],
  [180, 'm2', ['180平方米', '180平米', '180㎡', '180平方', '180m²', '一百八十平方米']],
  [440000, 'm2', ['核心区44万方建筑', '44万平方米', '四十四万平方米']],
  [3000, 'm3', ['清运土方3000方', '清淤3000方', '3000立方米', '3000立方', '3000m³']],
  [0.17, 'km2', ['面积0.17平方公里', '0.17平方千米', '0.17km²']],
  [700, 'km', ['跑了700公里', '700千米']],
  [500, 'm', ['河道500米', '500延米']],
  [1.5, 't', ['清理垃圾1.5吨']],
  [300, 'kg', ['300公斤', '300千克', '600斤']],
  [84.6, 'percent', ['解决率达84.6%', '８４．６％', '百分之八十四点六', '84.6％']],
  [80, 'percent', ['百分之八十', '五分之四', '80%']],
  [60, 'percent', ['五分之三', '百分之六十', '60%']],
  [0.5, 'percent', ['千分之五', '5‰']],
  [5, 'percentage_point', ['提高5个百分点', '五个百分点', '5百分点']],
  [0.8, 'percentage_point', ['下降0.8个百分点']],
  [2000, 'count', ['2000人', '2000名', '2,000户', '两千家', '2000家次', '2000人次', '2000件', '2000项']],
  [7, 'count', ['望江7大项目集中开工', '7个项目', '7栋', '7幢', '7处', '7条', '7起', '7次', '7场', '7辆', '7所', '7座', '7批', '7张', '7台', '7份', '7株', '7块', '7支']],
  [45000, 'count', ['4.5万人次', '4.5万人（次）', '四万五千人']],
  [100000, 'count', ['口罩10万只', '十万只']],
  [526, 'count', ['开行中欧班列526列', '526标箱', '棉被526床', '526台套']],
  [3, 'day', ['跑了3天']],
  [5, 'day', ['5个工作日']],
  [2, 'month', ['缩短到2个月']],
  [2.5, 'month', ['2个半月']],
  [1.5, 'year', ['时隔1年半']],
  [30, 'year', ['过去三十年', '30年']],
  [10, 'hour', ['10小时', '10个小时']],
];

describe('units and scales', () => {
  for (const [value, unit, phrases] of UNIT_CORPUS) {
    for (const phrase of phrases) {
      it(`${phrase} → ${value} ${unit}`, () => {
        const figure = only(phrase);
        expect(figure.value).toBeCloseTo(value, 6);
        expect(figure.unit).toBe(unit);
      });
    }
  }
});

describe('measure words that head other words', () => {
  // 列入 / 列为 / 位列, 床位: no count
  for (const phrase of ['3列入重点项目', '第3列为', '新增床位', '3床位']) {
    it(`${phrase}: no figure with 列 or 床`, () => {
      expect(findFigures(phrase).filter((f) => /列|床/.test(f.text))).toEqual([]);
    });
  }
});

describe('unit table', () => {
  it('names every unit of types.ts', () => {
    const covered = new Set(UNIT_WORDS.map((u) => u.unit));
    for (const unit of UNITS) expect(covered, unit).toContain(unit);
  });
  it('has no word twice', () => {
    const words = UNIT_WORDS.map((u) => u.word);
    expect(new Set(words).size).toBe(words.length);
  });
  it('looks words up', () => {
    expect(unitWord('亩')?.unit).toBe('mu');
    expect(unitWord('个百分点')?.unit).toBe('percentage_point');
    expect(unitWord('斤')?.factor).toBe(0.5);
    expect(unitWord('米饭')).toBeUndefined();
  });
});
