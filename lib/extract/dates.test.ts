import { describe, expect, it } from 'vitest';
import { dateForFigure, findDates, findPublicationDate, smallNumber } from './dates';
import { segmentPage, splitSentences } from './segment';
import type { DatePrecision, Range } from './types';

// Duckling-style tables: the expected day and precision, the publication date, then every surface form
// that must resolve to it (each is put at the head of a sentence: "<form>，全区新增企业100家。").
type Row = [date: string, precision: DatePrecision, published: string, forms: string[]];
const RESOLVE: Row[] = [
  ['2020-04-16', 'day', '2020-04-21', ['4月16日', '4月16日晚', '2020年4月16日', '今年4月16日', '四月十六日', '2020-04-16', '4月16号', '二〇二〇年四月十六日']],
  ['2020-03-31', 'day', '2020-04-21', ['截至3月31日', '截至今年3月31日', '截止2020年3月31日', '截至到3月31日']],
  // an as-of cut-off (截至…底) is a day: the day a running total is counted up to (issue 17)
  ['2020-03-31', 'day', '2020-04-21', ['截至3月底', '截止今年3月末']],
  ['2020-03-31', 'month', '2020-04-21', ['3月份', '1-3月', '1—3月', '1至3月', '1~3月份', '前3个月', '今年1-3月', '三月份']],
  ['2020-03-31', 'quarter', '2020-04-21', ['一季度', '第一季度', '今年一季度', '2020年一季度', '1季度', '首季度']],
  ['2019-12-31', 'year', '2020-04-21', ['去年', '2019年', '上年度', '2019年度']],
  ['2019-12-31', 'month', '2020-04-21', ['去年底', '2019年底', '去年12月份', '12月份']],
  ['2019-12-31', 'day', '2020-04-21', ['截至去年底', '截至2019年12月31日']],
  ['2019-09-30', 'quarter', '2020-04-21', ['去年前三季度', '2019年前三季度', '去年三季度']],
  ['2023-06-30', 'half', '2023-08-09', ['上半年', '今年上半年', '2023年上半年']],
  ['2023-06-30', 'month', '2023-08-09', ['1-6月', '1至6月', '今年1—6月份', '前6个月', '前六个月']],
  ['2023-06-30', 'day', '2023-08-09', ['截至6月底', '截止今年6月末', '截至6月30日']],
  ['2023-07-31', 'month', '2023-08-18', ['今年1-7月', '7月份']],
  ['2023-07-31', 'day', '2023-08-18', ['截止今年7月底']],
  ['2022-06-30', 'half', '2023-08-09', ['去年上半年', '2022年上半年']],
  ['2023-08-09', 'day', '2023-08-09', ['今年以来', '年初以来', '截至目前', '截至发稿时', '目前', '近日', '日前', '如今', '今天', '2023年以来', '3月以来', '自3月1日起']],
  ['2023-08-08', 'day', '2023-08-09', ['昨天', '昨日']],
  ['2023-07-31', 'month', '2023-08-09', ['上月', '上个月']],
  ['2023-08-09', 'year', '2023-08-09', ['今年', '2023年', '本年度']],
  ['2023-08-09', 'day', '2023-08-11', ['3日至9日', '8月3日至9日', '8月3日—8月9日', '9日']],
  ['2022-11-30', 'month', '2023-04-21', ['11月份', '去年11月份']],
  ['2022-12-05', 'day', '2023-04-21', ['12月5日', '去年12月5日']],
];

describe('findDates resolves each surface form', () => {
  for (const [date, precision, published, forms] of RESOLVE) {
    for (const form of forms) {
      it(`${form} (published ${published}) → ${date} ${precision}`, () => {
        const mentions = findDates(`${form}，全区新增企业100家。`, published);
        expect(mentions.length).toBeGreaterThan(0);
        const m = mentions[mentions.length - 1];
        expect(m.end).toBe(form.length);
        expect([m.date, m.precision]).toEqual([date, precision]);
      });
    }
  }
});

describe('findDates flags', () => {
  it('marks as-of expressions', () => {
    const [m] = findDates('截至3月31日，全区到位外资4亿美元。', '2020-04-21');
    expect(m.asOf).toBe(true);
    expect(findDates('3月31日，全区召开大会。', '2020-04-21')[0].asOf).toBe(false);
  });
  it('marks targets and plans as future', () => {
    for (const s of ['到2025年，全区GDP达到1000亿元。', '下半年，将新开工项目10个。', '预计明年7月达到交付条件。', '10月底可竣工通车。', '确保八月底前全面完工。']) {
      const ms = findDates(s, '2023-08-04');
      expect(ms.some((m) => m.future), s).toBe(true);
    }
    // a later day of the publication month without a future word is a schedule, not a target
    expect(findDates('14日，副主任等3人。', '2023-08-11')[0]).toMatchObject({ date: '2023-08-14', future: false });
  });
  it('marks comparison bases and attributive mentions', () => {
    const [cmp] = findDates('比去年同期增长5%。', '2023-08-09');
    expect(cmp.comparison).toBe(true);
    const [attr] = findDates('从去年的27%提升到34%。', '2023-08-09');
    expect(attr.attributive).toBe(true);
  });
  it('ignores durations, lunar dates, names and other numbers', () => {
    for (const s of ['提前40天完成，用时2个月。', '农历庚子年三月廿九', '15个工作日内办结，7日内答复。', '地铁7号线13号楼', '12345热线和“8·18”山洪', '达产后年产值135000万元', '每月15日召开例会', '全年任务完成92%', '开展三月街民族文化展演', '沿五一路向北']) {
      expect(findDates(s, '2020-04-21'), s).toEqual([]);
    }
  });
  it('resolves anaphora to the last day named', () => {
    const ms = findDates('4月15日，我区召开推进会。会上，区投促局汇报了情况。当天，还签约项目3个。', '2020-04-21');
    expect(ms.map((m) => [m.text, m.date])).toEqual([['4月15日', '2020-04-15'], ['会上', '2020-04-15'], ['当天', '2020-04-15']]);
  });
  it('needs a publication date for relative expressions', () => {
    expect(findDates('今年以来，上半年，3月31日', null)).toEqual([]);
    expect(findDates('今年以来，上半年，3月31日', '2023-13-45')).toEqual([]); // no calendar day: no publication date
    expect(findDates('2022年上半年', null)[0]).toMatchObject({ date: '2022-06-30', precision: 'half' });
  });
  it('reads Chinese small numbers', () => {
    expect([smallNumber('十'), smallNumber('十二'), smallNumber('二十五'), smallNumber('廿九'), smallNumber('三十一'), smallNumber('7')]).toEqual([10, 12, 25, 29, 31, 7]);
  });
});

describe('findPublicationDate', () => {
  it('reads a masthead date', () => {
    expect(findPublicationDate('\n新闻热线\n\n0571-1234567\n\n某某报\n\n2021年6月8日 星期二\n\n第12期\n\n标题\n\n本报讯 正文。')).toBe('2021-06-08');
  });
  it('reads a dateline with a full date', () => {
    expect(findPublicationDate('某街道工作提质增效。某某网2023年8月10日讯（记者 张三）近日，……')).toBe('2023-08-10');
  });
  it('returns null without one', () => {
    expect(findPublicationDate('8月10日上午，某项目顺利封顶。2020年10月，工作启动。')).toBeNull();
  });
});

/** The date of the figure whose text is `figure`, as the pipeline would find it. */
function dateOf(text: string, figure: string, published: string | null) {
  const at = text.indexOf(figure);
  if (at < 0) throw new Error(`not found: ${figure}`);
  const figureStart = at + Math.max(0, figure.search(/[0-9一二三四五六七八九十百千万两]/));
  const seg = segmentPage(text).find((s) => figureStart >= s.start && figureStart < s.end)!;
  const article: Range = { start: seg.start, end: seg.end };
  const sentence = splitSentences(text, article).find((s) => figureStart >= s.start && figureStart < s.end) ?? article;
  const paragraph = seg.paragraphs.find((p) => figureStart >= p.start && figureStart < p.end) ?? sentence;
  return dateForFigure({ mentions: findDates(text, published), figureStart, sentence, paragraph, article, published, text });
}

// Governance: [text, figure, published, expected date, expected provenance]
type Case = [string, string, string | null, string | null, 'stated' | 'inherited' | 'default'];
const GOVERN: Case[] = [
  // the nearest mention before the figure in its sentence
  ['3月25日，7大项目集中开工，总投资超300亿元。', '300亿元', '2020-04-21', '2020-03-25', 'stated'],
  ['截至今年3月31日，全区到位外资4.14亿美元，占全年任务的92%。', '92%', '2020-04-21', '2020-03-31', 'stated'],
  ['8月8日，在发布会上，区长表示，上半年，全区生产总值增长3.7%。', '3.7%', '2023-08-09', '2023-06-30', 'stated'],
  // a framing period governs the following sentences of its paragraph
  ['上半年，全区签约项目62个。开复工项目100个，开工率77%；新入库44个。', '新入库44个', '2023-08-09', '2023-06-30', 'inherited'],
  ['今年上半年，全区开展检查202次。依托平台，整改问题2323个。', '2323个', '2023-08-04', '2023-06-30', 'inherited'],
  // … but not the next paragraph
  ['标题一行\n\n上半年，全区签约项目62个。\n\n街道新增企业41家。', '41家', '2023-08-09', '2023-08-09', 'default'],
  // an event day governs its own sentence only
  ['7月26日上午，某镇举行回搬仪式。小区2幢楼签约率达100%。', '100%', '2023-07-28', '2023-07-28', 'default'],
  ['7月26日上午，县慈善总会走访慰问了4户低收入家庭。', '4户', '2023-08-04', '2023-07-26', 'stated'],
  // a later present (目前) replaces an older as-of frame
  ['截至7月23日，街道完成全部任务。根据台账，目前街道543栋房屋已停用438栋。其中403栋房屋100%停用。', '403栋', '2023-08-10', '2023-08-10', 'inherited'],
  // comparison bases and attributive mentions
  ['今年上半年，增加值增长9.1%，占比从去年的27%提升到34%。', '27%', '2023-08-16', '2022-12-31', 'stated'],
  ['今年上半年，增加值增长9.1%，占比从去年的27%提升到34%。', '34%', '2023-08-16', '2023-06-30', 'stated'],
  ['一季度，全区财政收入比去年同期增长8%。', '8%', '2020-04-21', '2020-03-31', 'stated'],
  // since an event (启动以来) is as of publication; 去年同期 without 比/较 is the figure's own time
  ['自2021年启动以来，已累计改造小区48个。', '48个', '2023-08-10', '2023-08-10', 'stated'],
  ['7月以来，全区查处违法案件56起。去年同期仅查处30起。', '30起', '2023-08-10', '2022-08-10', 'stated'],
  ['7月以来，全区查处违法案件56起，较去年同期增长10%。', '10%', '2023-08-10', '2023-08-10', 'stated'],
  // targets: the publication date
  ['到2025年，全区GDP达到1000亿元。', '1000亿元', '2023-08-09', '2023-08-09', 'default'],
  ['上半年，全区签约项目62个。下半年，将新开工项目30个。', '30个', '2023-08-09', '2023-08-09', 'default'],
  // a sentence that speaks of a plan does not inherit an earlier as-of day (将, 预计, 规划…)
  ['截至3月13日，全区拆除违建136处。腾退土地将用于建设公园，预计新增绿地2万平方米。', '2万平方米', '2023-03-15', '2023-03-15', 'default'],
  ['截至6月18日，片区已签约412户。据介绍，片区规划建设科创园，总投资约18亿元。', '18亿元', '2023-06-20', '2023-06-20', 'default'],
  ['1至5月，新区实际使用外资16.8亿美元。新区还将设立规模100亿元的引导基金。', '100亿元', '2023-06-30', '2023-06-30', 'default'],
  // … while a report still does, and 将近 is no plan
  ['截至3月13日，全区拆除违建136处。其中，某镇拆除违建27处。', '27处', '2023-03-15', '2023-03-13', 'inherited'],
  ['截至3月13日，全区拆除违建136处。其中，某镇拆除违建将近30处。', '30处', '2023-03-15', '2023-03-13', 'inherited'],
  // an event month of a past year gives no day: the publication date
  ['去年2月，某区启动伙伴计划，首批12家企业加入。', '12家', '2023-08-16', '2023-08-16', 'stated'],
  // past years: the year's last day
  ['2021年，镇里新增企业26家，新增入库项目30个。', '30个', '2023-07-20', '2021-12-31', 'stated'],
  // nothing: the publication date, or null without one
  ['社区配备网格长2名。', '2名', '2023-08-10', '2023-08-10', 'default'],
  ['社区配备网格长2名。', '2名', null, null, 'default'],
  ['截至目前，已遍访规上企业70家。', '70家', null, null, 'default'],
];

describe('dateForFigure', () => {
  for (const [text, figure, published, date, provenance] of GOVERN) {
    it(`${figure} in «${text.replace(/\n+/g, '⏎').slice(0, 40)}…» → ${date} (${provenance})`, () => {
      const r = dateOf(text, figure, published);
      expect([r.date, r.provenance]).toEqual([date, provenance]);
    });
  }

  it('on a page: a dateline day does not govern later paragraphs; 会上 takes the meeting day', () => {
    const page = [
      '某街道奋力打造新城', '',
      '本报讯（某街道）4月16日晚，市委召开工作交流会。', '',
      '会上，街道党委书记等10位书记作交流发言。', '',
      '聚焦精准破难，开展“云签约”，涉及金额14亿元；帮助企业融资8000余万元。', '',
      '列好项目时间表。3月25日，7大项目集中开工，总投资超300亿元。',
    ].join('\n');
    expect(dateOf(page, '10位', '2020-04-21').date).toBe('2020-04-16');
    expect(dateOf(page, '14亿元', '2020-04-21')).toMatchObject({ date: '2020-04-21', provenance: 'default' });
    expect(dateOf(page, '8000余万元', '2020-04-21').date).toBe('2020-04-21');
    expect(dateOf(page, '300亿元', '2020-04-21').date).toBe('2020-03-25');
  });

  it('reports precision', () => {
    expect(dateOf('一季度，全区完成投资5亿元。', '5亿元', '2020-04-21')).toEqual({ date: '2020-03-31', precision: 'quarter', provenance: 'stated' });
  });

  it('accepts plain DateMentions (without the extra flags)', () => {
    const text = '上半年，全区签约项目62个。开工项目100个。';
    const plain = findDates(text, '2023-08-09').map(({ start, end, text: t, date, precision, asOf }) => ({ start, end, text: t, date, precision, asOf }));
    const r = dateForFigure({ mentions: plain, figureStart: text.indexOf('100'), sentence: { start: 15, end: text.length }, paragraph: { start: 0, end: text.length }, article: { start: 0, end: text.length }, published: '2023-08-09' });
    expect(r).toMatchObject({ date: '2023-06-30', provenance: 'inherited' });
  });
});

// Speed is measured by `npm run bench` (tests check behaviour, not timings); linear.test.ts checks scaling.
describe('a large text', () => {
  it('findDates reads 2 MB of dense news prose, every date found', () => {
    // a realistic density: a few date expressions in a paragraph of news prose
    const unit = '上半年，全区地区生产总值增长3.7%，规模以上工业增加值增长14.6%，固定资产投资增长11.3%，一般公共预算收入增长7.6%，进出口总额增长65%，振兴突破的新动能持续增强。'
      + '截至6月底，累计完成投资12亿元，比去年同期增长5%；签约亿元以上项目62个，落地亿元以上项目46个，分别完成全年任务56.36%、83.64%，落地转化率74.19%。'
      + '3月25日，7大项目集中开工，总投资超300亿元，央视新闻联播和香港各大媒体都作了报道，还将全力推进重大项目建设，确保季季有开工、月月有形象。\n\n';
    const text = unit.repeat(Math.ceil(2_000_000 / Buffer.byteLength(unit)));
    const ms = findDates(text, '2023-08-09');
    const perUnit = findDates(unit, '2023-08-09').length;
    expect(perUnit).toBeGreaterThan(2);
    expect(ms.length).toBe(perUnit * Math.ceil(2_000_000 / Buffer.byteLength(unit)));
  });
});
