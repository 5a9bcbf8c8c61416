import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFigures } from './figures';
import type { Qualifier } from './types';

const brief = (phrase: string) => findFigures(phrase).map((f) => `${f.text}=${f.value}${f.unit}`);

function only(phrase: string) {
  const figures = findFigures(phrase);
  expect(figures, `${phrase}: ${JSON.stringify(brief(phrase))}`).toHaveLength(1);
  return figures[0];
}

const QUALIFIER_CORPUS: Array<[Qualifier, string[]]> = [
  ['exact', ['建成2000套', '达到2000套', '共2000套', '累计2000套']],
  ['more_than', [
    '2000余人', '2000多人', '超过2000人', '超2000人', '逾2000人', '2000人以上', '突破2000人', '两千余人',
    '三千多人', '十几个村', '百余家企业', '千余名干部', '8000余万元', '1.2万余人', '上万人', '不少于2000人', '至少2000人',
    '3个多月', '3个月多', '十多个月', '300多万元',
  ]],
  ['about', ['约2000人', '大约2000人', '2000人左右', '2000人上下', '约180多平方米', '20来人', '约占三成', '约有2000人', '约达2000人', '约合3亿美元']],
  ['nearly', ['近2000人', '将近2000人', '接近2000人']],
  ['less_than', ['不到2000人', '不足2000人', '2000人以下', '不超过3万元', '少于2000人', '5公里以内']],
];

describe('qualifiers', () => {
  for (const [qualifier, phrases] of QUALIFIER_CORPUS) {
    for (const phrase of phrases) {
      it(`${phrase} → ${qualifier}`, () => expect(only(phrase).qualifier).toBe(qualifier));
    }
  }
  it('keeps the qualifier words in the span', () => {
    expect(only('总投资超300亿元，').text).toBe('超300亿元');
    expect(only('在约180多平方米的空间').text).toBe('约180多平方米');
    expect(only('共有2000人以上参加').text).toBe('2000人以上');
    expect(only('签约亿元以上项目62个').text).toBe('62个');
  });
  it('does not read word-final characters as qualifiers', () => {
    for (const phrase of ['最近3天内', '附近3个小区', '签约3个项目', '线上3场活动']) {
      const figure = only(phrase);
      expect(figure.qualifier, phrase).toBe('exact');
      expect(figure.text, phrase).toMatch(/^[0-9]/);
    }
  });
  it('does not take 多 after a count word as a qualifier', () => {
    const figure = only('联合5个多部门');
    expect(figure.text).toBe('5个');
    expect(figure.qualifier).toBe('exact');
  });
});

const RANGE_CORPUS: Array<[number, number, string, string[]]> = [
  [3e8, 5e8, 'CNY', ['3至5亿元', '3-5亿元', '３～５亿元', '3~5亿元', '3到5亿元', '3亿至5亿元', '3亿元至5亿元', '三至五亿元']],
  [3e4, 5e4, 'CNY', ['3-5万元', '3万-5万元', '3—5万元']],
  [30, 40, 'percent', ['30%—40%', '30%-40%', '30%至40%', '30-40%', '30～40%']],
  [3, 5, 'count', ['3~5个', '3至5个', '3个至5个', '3-5户']],
  [2, 3, 'count', ['2至3户居民合用']],
];

describe('ranges', () => {
  for (const [low, high, unit, phrases] of RANGE_CORPUS) {
    for (const phrase of phrases) {
      it(`${phrase} → ${low}..${high} ${unit}`, () => {
        const figure = only(phrase);
        expect(figure).toMatchObject({ value: low, low, high, unit });
      });
    }
  }
  it('leaves single figures without low and high', () => {
    expect(only('3亿元')).toMatchObject({ low: null, high: null });
  });
  it('splits a dash between figures of different units', () => {
    expect(brief('3人到2023年')).toEqual(['3人=3count']);
  });
});

// Phrases in which nothing is a civic figure. Each line is a kind of thing the grammar must refuse.
const NON_FIGURES: string[] = [
  // dates, times, years, periods
  '4月16日晚', '2023年', '8月8日', '上半年', '1-10月', '10时30分', '2019—2023年', '二〇二三年', '2020年度', '90年代',
  '7月26日上午', '截至今年3月31日', '2021年至2023年', '今年1-7月', '农历庚子年三月廿九', '2023-08-01',
  // phone, issue, page, document numbers
  '0571-87815721', '第1492期', '本期4版', '〔1999〕8号', '浙政发〔2020〕12号', '>>>详见第2、3版',
  // numbers inside names
  '地铁7号线', '12345热线', '“8·18”山洪', '十四五', '一主三副九街区', '八八战略', '两手抓两手硬', '两战全胜',
  '双战双赢', '三联三领三服务', 'K11商场', '“152”项目', '228街坊', '“1+4”帮帮团', '“5+2、白+黑”', '13号楼', '5G基站',
  'C3类房屋', '4A级景区', '56度玫瑰园', '“五个人人”', '“3个100%”', '“一拆五改三增加”',
  'K12+300处', '“1+3+N”模式', 'G60科创走廊', '“6·18”电商节', '南府〔2023〕12号', '3号楼', '二期项目', 'iPhone 14配件', '型号为X200',
  // ordinals and enumerations
  '第一', '一是', '二要', '首批', '第六场', '全国第2大', '名列23', '排名前10名', '第三轮',
  // figures of speech and slogans
  '一流的施工队', '站城一体', '一楼一长', '一企一策', '一对一联系', '一人包一楼', '五大顶级品牌', '四大银行',
  '十大重点工程', '三个方面', '一把手', '千家万户', '千方百计', '百年老店', '一方面', '三方协议', '最后一公里',
  '一个卫生间', '两个月', '一批企业', '四类家庭', '十分重要', '万科物业', '每周三', '初一', '1对1帮扶', '1户1策',
  '24小时守牢', '零输入零感染', '四字贯穿', '一日一汇总', '万家灯火', '连接千万家', '百万人口', '万人空巷',
  // magnitudes without a number, ages, unitless numbers
  '亿元以上产业项目', '万元以上', '85岁老人', '15分钟生活圈', '增长3倍', '12345', '温度35度', '浏览次数：1234次', '阅读量 5万人', '设计时速60公里', '限速40公里/小时',
];

describe('non-figures', () => {
  for (const phrase of NON_FIGURES) {
    it(`${phrase} → nothing`, () => expect(brief(phrase)).toEqual([]));
  }
});

describe('spans and order', () => {
  const paragraph = '截至目前，收集问题702个，形成问题清单40余张，已协调解决问题594个，解决率达84.6%。';
  it('finds every figure in order with exact offsets', () => {
    const figures = findFigures(paragraph);
    expect(figures.map((f) => f.text)).toEqual(['702个', '40余张', '594个', '84.6%']);
    for (const f of figures) {
      expect(paragraph.slice(f.start, f.end)).toBe(f.text);
      expect(f.start).toBeLessThanOrEqual(f.numberStart);
      expect(f.numberEnd).toBeLessThanOrEqual(f.end);
    }
    for (let i = 1; i < figures.length; i++) expect(figures[i].start).toBeGreaterThanOrEqual(figures[i - 1].end);
  });
  it('keeps offsets of the original text when digits are full-width', () => {
    const text = '解决率达８４．６％，１２３，４％';
    const figures = findFigures(text);
    expect(figures.map((f) => [f.text, f.value])).toEqual([['８４．６％', 84.6], ['４％', 4]]);
  });
  it('reads a figure right after an acronym but not after a code', () => {
    expect(brief('GDP586.3亿元')).toEqual(['586.3亿元=58630000000CNY']);
    expect(brief('PM2.5浓度下降10%')).toEqual(['10%=10percent']);
    expect(brief('G60科创走廊，K11购物中心')).toEqual([]);
  });
  it('reads adjacent figures separately', () => {
    expect(brief('已完成9个1亿元产业项目')).toEqual(['9个=9count', '1亿元=100000000CNY']);
    expect(brief('小区53—55号2幢楼')).toEqual(['2幢=2count']);
  });
  it('marks the number inside the span', () => {
    const figure = only('总投资超300亿元');
    expect(figure.text.slice(figure.numberStart - figure.start, figure.numberEnd - figure.start)).toBe('300亿');
    expect(figure.unitWord).toBe('元');
    expect(figure.qualifierWord).toBe('超');
  });
});

describe('gold documents', () => {
  // Runs against ../shared when present; the texts stay outside the project.
  const shared = join(import.meta.dirname, '../../../shared');
  const sample = join(shared, 'corpus/shangcheng-bao-2020-04-21.txt');
  it.skipIf(!existsSync(sample))('finds every core figure of the sample page', () => {
    const gold = JSON.parse(readFileSync(join(shared, 'gold/shangcheng-bao-2020-04-21.gold.json'), 'utf8'));
    const text = readFileSync(sample, 'utf8');
    const figures = findFigures(text);
    const missed = gold.facts.filter((g: { core: boolean; text: string }) => g.core).filter((g: { text: string; value: number }) => {
      const start = text.indexOf(g.text), end = start + g.text.length;
      return !figures.some((f) => f.start < end && start < f.end && Math.abs(f.value - g.value) < 1e-6 * Math.max(1, g.value));
    });
    expect(missed.map((g: { text: string }) => g.text)).toEqual([]);
  });
});

describe('speed', () => {
  it('stays linear on pathological input', () => {
    const hostile = '1'.repeat(50_000) + '三'.repeat(50_000) + '1,'.repeat(20_000) + '约'.repeat(20_000) + '1-'.repeat(20_000);
    const started = performance.now();
    findFigures(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

// Phenomena of fixtures/unseen2 (written for these tests).
describe('unitless amounts, built counts, calendar periods', () => {
  it.each([
    ['累计获得奖补资金460万，', '460万', 4600000, 'CNY', 'exact'],
    ['注册资本1000万以上的企业', '1000万以上', 10000000, 'CNY', 'more_than'],
    ['给予一次性落户奖励50万；', '50万', 500000, 'CNY', 'exact'],
    ['服务人次达5万以上。', '达5万以上', 50000, 'count', 'more_than'],
    ['新建三个社区养老服务站，', '三个', 3, 'count', 'exact'],
    ['寥廓街道新建两个社区食堂', '两个', 2, 'count', 'exact'],
  ] as const)('%s → %s', (phrase, text, value, unit, qualifier) => {
    const f = only(phrase);
    expect([f.text, f.value, f.unit, f.qualifier]).toEqual([text, value, unit, qualifier]);
  });
  it.each(['实缴注册资本3.8亿元', '金额共计1260万元'])('%s stays one figure with its own unit', (phrase) => {
    expect(only(phrase).unit).toBe('CNY');
  });
  it.each(['抓好三个方面的工作', '做到两手抓', '今年前10个月交易额', '建立三项制度', '阅读量5万'])('%s has no figure', (phrase) => {
    expect(brief(phrase)).toEqual([]);
  });
});

// Issue 11 §5, with phrases written for these tests.
describe('small Chinese counts, listed rates, times ago, national red lines', () => {
  it.each([
    ['镇里今年新建两所小学', '两所', 2],
    ['已建成四所公办幼儿园', '四所', 4],
    ['举办家政技能培训班三期，', '三期', 3],
    ['完成两项重点工程', '两项', 2],
    ['为五户困难家庭修缮房屋', '五户', 5],
  ] as const)('%s → %s', (phrase, text, value) => {
    const f = only(phrase);
    expect([f.text, f.value, f.unit]).toEqual([text, value, 'count']);
  });
  it.each(['建立三项制度', '落实四个责任', '二期工程', '三期项目', '一批企业', '新建一批口袋公园', '两手都要硬', '三类人群'])('%s has no figure', (phrase) => {
    expect(brief(phrase)).toEqual([]);
  });
  it('reads the first number of a list that shares a rate unit', () => {
    expect(brief('满意率和办结率分别提高1.2、0.8个百分点')).toEqual(['1.2=1.2percentage_point', '0.8个百分点=0.8percentage_point']);
    expect(brief('两项指标分别增长3.5%和2.1%')).toEqual(['3.5%=3.5percent', '2.1%=2.1percent']);
    expect(brief('第1、2个百分点')).toEqual(['2个百分点=2percentage_point']);
  });
  it('reads a fraction as a percent', () => {
    expect(brief('全镇五分之三的行政村')).toEqual(['五分之三=60percent']);
  });
  it.each(['3个月前已完成签约', '两年后全面建成', '早在10天前就已到位', '坚守18亿亩耕地红线', '守住十八亿亩耕地红线'])('%s has no figure', (phrase) => {
    expect(brief(phrase)).toEqual([]);
  });
});

