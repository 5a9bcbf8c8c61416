import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE, segmentPage, splitSentences } from './segment';
import type { Range } from './types';

const slice = (text: string, r: Range) => text.slice(r.start, r.end);

// A made-up newspaper page with the furniture of a real one: masthead, datelined articles, an article
// whose headline the layout put after its body, sub-headlines, lines broken mid-sentence, an article
// without a dateline, and a 导读 block.
const PAGE = [
  '', '新闻热线', '', '0571-12345678', '', '江湾报', '', '编辑出版：中共某区委宣传部', '', 'Jiang Wan Bao', '',
  '2021年5月11日 星期二', '', '农历辛丑年四月初一', '', '本期4版 第888期', '', '扫一扫 了解江湾大小事', '',
  '欢迎关注江湾APP二维码', '',
  '江湾街道全力打造滨江新城', '',
  '本报讯（江湾街道）5月6日上午，区委召开街道书记工作交流会。区领导出席会议。', '',
  '会上，江湾街道等8个街道作交流发言。', '',
  '今年以来，街道坚持两手抓，持续发力，奋力打造', '', '滨江融合的新城。', '',
  '化“危”为“机” 复工复产双线推进', '',
  '聚焦精准服务，走访企业320家，帮助企业融资5000余万元。', '',
  '破“旧”立“新” 征迁安置提速', '',
  '街道在征迁一线打造一流的团队，', '', '累计腾出土地1200余亩。', '',
  '本报讯（综合报道）日前，区长赴我区调研。他强调，要加快推进产业转型升级。', '',
  '区领导等参加调研。', '',
  '区长在我区调研时强调 加快打造现代化城区', '',
  '我区召开招商工作推进会', '',
  '本报讯（记者 王五）5月7日，我区召开招商工作推进会。', '',
  '会上，区投促局汇报一季度工作。据悉，截至今年3月31日，全区实际到位外资2.1亿美元。', '',
  '“云端”共享', '“一事一议”互通有无', '',
  '企业之间分享经验，解决问题50个。', '',
  '“驻场”服务', '', '“一楼一长”专员覆盖', '',
  '截至目前，已完成300家企业摸排工作。', '',
  '区人大召开宣传工作会议', '',
  '本报讯（区人大办）5月8日下午，区人大召开宣传工作会议。', '',
  '会议通报2020年宣传稿件录用情况，并对今年的重点工作进行部署。', '',
  '打造湖边的“邻里客厅”', '',
  '某社区紧邻湖畔，是展示城市形象的窗口社区之一，在商业中心地段腾挪出约150平方米的空间。', '',
  '', '导读', '', '建设“重要窗口”展示制度优势', '', '中小企业迎来“及时雨”', '', '>>>详见第2、3版',
].join('\n');

describe('segmentPage on a newspaper page', () => {
  const segs = segmentPage(PAGE);

  it('finds the articles and their titles, leaving out masthead and 导读', () => {
    expect(segs.map((s) => s.title)).toEqual([
      '江湾街道全力打造滨江新城',
      '区长在我区调研时强调 加快打造现代化城区',
      '我区召开招商工作推进会',
      '区人大召开宣传工作会议',
      '打造湖边的“邻里客厅”',
    ]);
    for (const s of segs) {
      expect(slice(PAGE, s)).not.toMatch(/新闻热线|星期二|导读|详见/);
    }
  });

  it('starts bodies after the dateline', () => {
    expect(PAGE.slice(segs[0].bodyStart).startsWith('5月6日上午')).toBe(true);
    expect(PAGE.slice(segs[1].bodyStart).startsWith('日前，区长')).toBe(true);
    expect(PAGE.slice(segs[2].bodyStart).startsWith('5月7日，我区')).toBe(true);
    expect(PAGE.slice(segs[3].bodyStart).startsWith('5月8日下午')).toBe(true);
    expect(PAGE.slice(segs[4].bodyStart).startsWith('某社区紧邻湖畔')).toBe(true);
  });

  it('covers a headline printed after its body, and keeps articles apart', () => {
    expect(slice(PAGE, segs[1])).toContain('区长在我区调研时强调');
    expect(slice(PAGE, segs[1])).not.toContain('我区召开招商工作推进会');
    for (let i = 1; i < segs.length; i++) expect(segs[i].start).toBeGreaterThanOrEqual(segs[i - 1].end);
  });

  it('keeps sub-headlines inside their article', () => {
    expect(slice(PAGE, segs[0])).toContain('化“危”为“机” 复工复产双线推进');
    expect(slice(PAGE, segs[0])).toContain('累计腾出土地1200余亩');
    expect(slice(PAGE, segs[2])).toContain('“一楼一长”专员覆盖');
    expect(slice(PAGE, segs[2])).toContain('300家企业');
  });

  it('joins lines broken by the layout into one paragraph; paragraphs are sorted and disjoint', () => {
    const paras = segs[0].paragraphs.map((p) => slice(PAGE, p));
    expect(paras[0].startsWith('5月6日上午')).toBe(true);
    expect(paras.some((p) => p.startsWith('今年以来') && p.endsWith('滨江融合的新城。'))).toBe(true);
    expect(paras.some((p) => p.startsWith('街道在征迁一线') && p.endsWith('1200余亩。'))).toBe(true);
    for (const s of segs) {
      for (let i = 0; i < s.paragraphs.length; i++) {
        const p = s.paragraphs[i];
        expect(p.start).toBeGreaterThanOrEqual(s.bodyStart);
        expect(p.end).toBeLessThanOrEqual(s.end);
        if (i) expect(p.start).toBeGreaterThanOrEqual(s.paragraphs[i - 1].end);
      }
    }
  });
});

describe('segmentPage on single articles', () => {
  it('a one-line article is one segment without title', () => {
    const text = '7月26日上午，某镇举行回搬仪式。小区签约率达100%，127户居民陆续搬回。';
    expect(segmentPage(text)).toEqual([{ start: 0, end: text.length, title: null, titleRange: null, bodyStart: 0, paragraphs: [{ start: 0, end: text.length }] }]);
  });
  it('a datelined one-line article starts its body after the dateline', () => {
    const text = '本报讯（全媒体记者 张三）3日至9日，5家单位走进热线平台，共计接听群众诉求147件。';
    const [s] = segmentPage(text);
    expect(text.slice(s.bodyStart).startsWith('3日至9日')).toBe(true);
  });
  it('an article with a headline line and sub-headlines is one segment titled by its first line', () => {
    const text = '某区推进老旧小区改造\n\n今年以来，全区改造小区35个。\n\n加快进度\n\n上半年，完成投资4.3亿元。\n\n惠及群众\n\n惠及居民22768户。';
    const segs = segmentPage(text);
    expect(segs).toHaveLength(1);
    expect(segs[0].title).toBe('某区推进老旧小区改造');
    expect(segs[0].paragraphs.map((p) => slice(text, p))).toContain('上半年，完成投资4.3亿元。');
  });
  it('a run of short lines longer than a headline is body text, and any number of them is handled', () => {
    const text = '街道新闻\n'.repeat(150_000) + '本报讯 今年以来，街道新增企业100家。\n' + '小标题\n'.repeat(150_000) + '截至目前，共走访企业20家。';
    const segs = segmentPage(text);
    expect(segs.length).toBeGreaterThan(0);
    for (const s of segs) expect((s.title ?? '').split(' ').length).toBeLessThanOrEqual(6);
    expect(segs.some((s) => s.paragraphs.some((p) => slice(text, p).includes('新增企业100家')))).toBe(true);
  });
  it('an empty text has no segment', () => {
    expect(segmentPage('\n \n')).toEqual([]);
  });
});

describe('splitSentences', () => {
  const split = (text: string) => splitSentences(text, { start: 0, end: text.length }).map((r) => slice(text, r));

  it('splits at 。！？；!? and keeps the closing marks', () => {
    expect(split('全区新增企业41家。增长多少？增长141%！开工项目100个；开工率77%。')).toEqual(
      ['全区新增企业41家。', '增长多少？', '增长141%！', '开工项目100个；', '开工率77%。']);
  });
  it('keeps a quotation whole and splits after a quotation ending a sentence', () => {
    expect(split('他说：“今年很难。但是我们做到了。”会议结束。')).toEqual(['他说：“今年很难。但是我们做到了。”', '会议结束。']);
    expect(split('“嘉定有独特的区位优势。选择嘉定，意义重大。”负责人表示。')).toEqual(['“嘉定有独特的区位优势。选择嘉定，意义重大。”', '负责人表示。']);
  });
  it('does not let an unclosed quote swallow the rest', () => {
    expect(split('他说：“今年很难。明年更好。')).toEqual(['他说：“今年很难。', '明年更好。']);
  });
  it('joins a line broken by the layout, keeping offsets into the text', () => {
    const text = '今年以来，街道持续作战，奋力打造\n\n滨江融合的新城。下一句。';
    const ranges = splitSentences(text, { start: 0, end: text.length });
    expect(ranges.map((r) => slice(text, r))).toEqual(['今年以来，街道持续作战，奋力打造\n\n滨江融合的新城。', '下一句。']);
    expect(ranges[0].start).toBe(0);
  });
  it('ends a sentence at a headline line and at a line after final punctuation', () => {
    expect(split('化“危”为“机” 双线推进\n聚焦精准服务，走访企业320家。\n下一段。')).toEqual(
      ['化“危”为“机” 双线推进', '聚焦精准服务，走访企业320家。', '下一段。']);
  });
  it('respects the range', () => {
    const text = '前文。上半年，开工项目100个。后文。';
    const start = text.indexOf('上半年');
    expect(splitSentences(text, { start, end: text.indexOf('后文') }).map((r) => slice(text, r))).toEqual(['上半年，开工项目100个。']);
  });
  it('cuts a run longer than MAX_SENTENCE at its last clause boundary, else at the fixed length', () => {
    const clause = '街道组织志愿者清理河道垃圾，';                   // 14 characters ending with a comma
    const run = clause.repeat(60) + '共清运垃圾80吨。';
    const pieces = splitSentences(run, { start: 0, end: run.length });
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.end - p.start).toBeLessThanOrEqual(MAX_SENTENCE);
    for (const p of pieces.slice(0, -1)) expect(run[p.end - 1]).toBe('，');
    expect(pieces.map((p) => slice(run, p)).join('')).toBe(run);
    const bare = '区城管局开展违建拆除行动拆除违法建筑'.repeat(100);
    const cut = splitSentences(bare, { start: 0, end: bare.length });
    expect(cut.map((p) => p.end - p.start)).toEqual([400, 400, 400, 400, 200]);
    expect(cut.map((p) => slice(bare, p)).join('')).toBe(bare);
  });
  it('prefers a list comma, then a space, when a long run has no clause boundary', () => {
    const run = '改造老旧小区、'.repeat(80);
    const pieces = splitSentences(run, { start: 0, end: run.length });
    for (const p of pieces.slice(0, -1)) expect(run[p.end - 1]).toBe('、');
  });
  it('splits a large text (speed: npm run bench)', () => {
    const text = '上半年，全区地区生产总值增长3.7%，规模以上工业增加值增长14.6%；他说：“今年很难。”\n\n'.repeat(40000);
    expect(splitSentences(text, { start: 0, end: text.length }).length).toBe(80000);
  });
});
