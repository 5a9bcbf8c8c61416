// Places: gazetteer, resolveDistrict, findPlaces, placeForFigure.
// Tables in the Duckling style: the expected place first, then the surface forms that must give it.
// All sentences are written for these tests.
import { describe, expect, it } from 'vitest';
import { communityTextName, gazetteerStats, hash32, loadGazetteer, lookupCommunities } from './gazetteer';
import { findPlaces, placeForFigure, resolveDistrict, type PlaceMentionX } from './places';
import type { PlaceRef, Provenance, Range } from './types';

const SHANGCHENG = '330102';

describe('gazetteer', () => {
  it('loads districts and streets of the national list', () => {
    const g = loadGazetteer();
    expect(g.districts.length).toBeGreaterThan(2500);
    expect(g.streets.length).toBeGreaterThan(38000);
    expect(g.districtByCode.get(SHANGCHENG)?.name).toBe('上城区');
    expect(g.streetsByName.get('望江街道')?.map((s) => s.code)).toEqual(['330102010']);
    expect(gazetteerStats().districtsMs).toBeLessThan(2000); // ~60 ms unloaded
  });

  const textNames: [string, string[]][] = [
    ['青年路社区', ['青年路社区居委会', '青年路社区居民委员会', '青年路社区']],
    ['中步村', ['中步村村委会', '中步村委会', '中步村村民委员会', '中步村民委员会', '中步村']],
    ['刘家园社区', ['刘家园居委会', '刘家园居民委员会']],
  ];
  for (const [want, forms] of textNames) {
    it(`community text name ${want}`, () => { for (const f of forms) expect(communityTextName(f)).toBe(want); });
  }

  it('hashes strings stably (FNV-1a)', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('青年路社区')).toBe(hash32('青年路社区'));
    expect(hash32('青年路社区')).not.toBe(hash32('青年路村'));
  });

  it('looks communities up by their text name, all over the country', () => {
    const found = lookupCommunities('青年路社区');
    expect(found.length).toBeGreaterThan(5);
    const hz = found.find((c) => c.code === '330102003052');
    expect(hz).toMatchObject({ name: '青年路社区', streetCode: '330102003', districtCode: SHANGCHENG });
    expect(lookupCommunities('没有这个名字的社区')).toEqual([]);
    expect(gazetteerStats().communitiesMs).toBeLessThan(3000); // a few ms once the index file exists
  });
});

describe('resolveDistrict', () => {
  const table: [string | null, string[]][] = [
    [SHANGCHENG, ['上城区', '上城', '杭州市上城区', '浙江省杭州市上城区', '上城报', ' 上城区 ', '中共杭州市上城区委宣传部', '江干区']],
    ['210115', ['辽中区', '辽中', '沈阳市辽中区']],
    ['330903', ['浙江省舟山市普陀区', '舟山市普陀区']],
    ['310107', ['上海市普陀区', '上海普陀区']],
    ['370211', ['黄岛区', '西海岸新区', '青岛西海岸新区']],
    ['654201', ['塔城市']],
    [null, ['', '   ', '不存在区', '新城', '中心', '城区', '郊区']],
    ['140302', ['阳泉市城区']],
  ];
  for (const [code, forms] of table) {
    for (const f of forms) {
      it(`${JSON.stringify(f)} → ${code}`, () => { expect(resolveDistrict(f)?.districtCode ?? null).toBe(code); });
    }
  }

  it('flags an ambiguous name and lets a hint decide', () => {
    const first = resolveDistrict('普陀区');
    expect(first?.ambiguous).toBe(true);
    expect(first?.candidates).toBe(2);
    expect(resolveDistrict('普陀区', { city: '舟山' })?.districtCode).toBe('330903');
    expect(resolveDistrict('普陀区', { city: '3309' })?.districtCode).toBe('330903');
    expect(resolveDistrict('朝阳区', { province: '吉林省' })?.districtCode).toBe('220104');
    expect(resolveDistrict('朝阳区', '北京')?.ambiguous).toBeFalsy();
  });

  it('returns only the district level', () => {
    expect(resolveDistrict('上城区')).toMatchObject({ district: '上城区', street: null, community: null });
  });
});

// ---------------------------------------------------------------------------------------------

const SOURCE = resolveDistrict('上城区');

type Want = { level: 'district' | 'street' | 'community'; name: string; code: string };
const named = (ms: PlaceMentionX[], level: Want['level']): { name: string | null; code: string | null }[] =>
  ms.filter((m) => m.level === level && m.form !== 'deictic').map((m) => ({
    name: m.place[level], code: m.place[level === 'district' ? 'districtCode' : level === 'street' ? 'streetCode' : 'communityCode'],
  }));

describe('findPlaces', () => {
  // expected place, source district (or none), texts
  const table: [Want, PlaceRef | null, string[]][] = [
    [{ level: 'street', name: '望江街道', code: '330102010' }, SOURCE, [
      '望江街道召开会议。', '望江地区累计腾出土地100亩。', '今年望江新城建设提速。', '上城区望江街道组织志愿者。']],
    [{ level: 'street', name: '望江街道', code: '330102010' }, null, ['杭州市上城区望江街道组织志愿者。', '上城区望江街道开展活动。']],
    [{ level: 'district', name: '望江县', code: '340827' }, null, ['安徽省望江县召开大会。']],
    [{ level: 'street', name: '桃浦镇', code: '310107103' }, null, ['上海普陀区桃浦镇推进旧改。', '普陀区房管局和桃浦镇签约。']],
    [{ level: 'district', name: '普陀区', code: '310107' }, null, ['普陀区房管局和桃浦镇签约。']],
    [{ level: 'district', name: '普陀区', code: '330903' }, null, ['舟山市普陀区举行渔业大会。']],
    [{ level: 'street', name: '李集街道', code: '420117005' }, null, ['新洲区李集街一家工厂整改。', '武汉市新洲区李集街道开展巡查。']],
    [{ level: 'community', name: '青年路社区', code: '330102003052' }, SOURCE, ['湖滨街道青年路社区开展活动。', '青年路社区开展活动。']],
    [{ level: 'community', name: '青年路社区', code: '330102003052' }, null, ['杭州市湖滨街道青年路社区开展活动。']],
    [{ level: 'street', name: '湖滨街道', code: '330102003' }, null, ['杭州市湖滨街道青年路社区开展活动。']],
    [{ level: 'district', name: '黄岛区', code: '370211' }, null, ['青岛西海岸新区推进安置房建设。']],
  ];
  for (const [want, source, texts] of table) {
    for (const t of texts) {
      it(`${want.name} in ${t}${source ? ' (source 上城区)' : ''}`, () => {
        const got = named(findPlaces(t, { district: source }), want.level);
        expect(got).toContainEqual({ name: want.name, code: want.code });
      });
    }
  }

  // texts where no district, street or community may be found
  const none: [PlaceRef | null, string][] = [
    [null, '今年望江新城建设提速。'], // a short form needs a known district
    [null, '青年路社区开展活动。'], // a community needs its street or district
    [SOURCE, '城区中心的新城建设。'], // common words
    [SOURCE, '推进数字乡村振兴和城镇化。'],
    [null, '各街道、社区和村负责人参加会议。'],
    [SOURCE, '上城区域的市场。'.replace('上城区', '东西')],
    [null, '全省第一个未来社区和城中村改造项目。'],
  ];
  for (const [source, t] of none) {
    it(`no place in ${t}`, () => {
      expect(findPlaces(t, { district: source }).filter((m) => m.form !== 'deictic')).toEqual([]);
    });
  }

  it('does not take 上城区域 for 上城区', () => {
    expect(findPlaces('上城区域经济发展', {}).filter((m) => m.level === 'district' && m.form === 'full')).toEqual([]);
  });

  it('reads 全区 / 我区 as the source district, but not in a ranking', () => {
    const ms = findPlaces('我区召开会议。全区新增企业20家，排名全区第一。', { district: SOURCE });
    const deictic = ms.filter((m) => m.form === 'deictic');
    expect(deictic.map((m) => m.text)).toEqual(['我区', '全区']);
    expect(deictic[0].place.districtCode).toBe(SHANGCHENG);
  });

  it('accepts the source district as a name', () => {
    expect(named(findPlaces('望江地区腾出土地。', { district: '上城区' }), 'street')).toEqual([{ name: '望江街道', code: '330102010' }]);
  });

  it('returns sorted, non-overlapping mentions with the district of each street', () => {
    const ms = findPlaces('杭州市上城区望江街道和湖滨街道青年路社区，以及清波街道。', {});
    for (let i = 1; i < ms.length; i++) expect(ms[i].start).toBeGreaterThanOrEqual(ms[i - 1].end);
    expect(ms.map((m) => m.text)).toEqual(['上城区', '望江街道', '湖滨街道', '青年路社区', '清波街道']);
    for (const m of ms.filter((x) => x.level !== 'district')) expect(m.place.district).toBe('上城区');
    const comm = ms.find((m) => m.level === 'community')!;
    expect(comm.place).toMatchObject({ street: '湖滨街道', streetCode: '330102003', community: '青年路社区' });
  });

  it('marks an undecided name as ambiguous', () => {
    const ms = findPlaces('紫阳街道召开会议。', {});
    expect(ms[0]).toMatchObject({ level: 'street', text: '紫阳街道', ambiguous: true });
    expect(findPlaces('武汉市紫阳街道召开会议。', {})[0].place.districtCode).toBe('420106');
    expect(findPlaces('紫阳街道召开会议。', { district: SOURCE })[0].place.districtCode).toBe(SHANGCHENG);
  });

  it('finds the title of a 原标题 line', () => {
    const ms = findPlaces('原标题：桐庐县推进善居工程桐庐县推进善居工程 近日，富春江镇一户家庭……', {});
    expect(ms.find((m) => m.text === '桐庐县')?.inTitle).toBe(true);
    expect(ms.find((m) => m.text === '富春江镇')?.inTitle).toBeFalsy();
  });

  // speed: `npm run bench` (tests check behaviour, not timings); scaling: linear.test.ts
  it('finds the places of a 300 KB text as it finds them in each of its paragraphs', () => {
    const unit = '本报讯 今年以来，上城区望江街道帮助企业融资8000万元，湖滨街道青年路社区改造空间180平方米，全区新增企业20家。\n';
    const copies = Math.ceil(300_000 / unit.length);
    const ms = findPlaces(unit.repeat(copies), { district: SOURCE });
    expect(ms.length).toBeGreaterThan(1000);
    expect(ms.length).toBe(findPlaces(unit, { district: SOURCE }).length * copies);
  });
});

// ---------------------------------------------------------------------------------------------
// placeForFigure on small documents: split like the pipeline would (sentences 。！？；\n, paragraphs \n)

function ranges(doc: string, pos: number): { sentence: Range; paragraph: Range } {
  let s = pos, e = pos;
  while (s > 0 && !/[。！？；\n]/u.test(doc[s - 1])) s--;
  while (e < doc.length && !/[。！？；\n]/u.test(doc[e])) e++;
  let ps = pos, pe = pos;
  while (ps > 0 && doc[ps - 1] !== '\n') ps--;
  while (pe < doc.length && doc[pe] !== '\n') pe++;
  return { sentence: { start: s, end: Math.min(doc.length, e + 1) }, paragraph: { start: ps, end: pe } };
}

function place(doc: string, figure: string, source: PlaceRef | null, opts: { title?: boolean; text?: boolean } = {}): { p: PlaceRef; prov: Provenance } {
  const mentions = findPlaces(doc, { district: source });
  const pos = doc.indexOf(figure);
  if (pos < 0) throw new Error(`no ${figure}`);
  const titleEnd = doc.indexOf('\n');
  const r = placeForFigure({
    mentions, figureStart: pos, ...ranges(doc, pos), article: { start: 0, end: doc.length }, defaultPlace: source,
    title: opts.title && titleEnd > 0 ? { start: 0, end: titleEnd } : null,
    text: opts.text === false ? null : doc,
  });
  return { p: r.place, prov: r.provenance };
}

describe('placeForFigure', () => {
  // [district, street, community, provenance], source, doc, figure, title?
  const table: [[string | null, string | null, string | null, Provenance], PlaceRef | null, string, string, boolean?][] = [
    // a district paper: figures without a place take the source district
    [['上城区', null, null, 'default'], SOURCE, '区委召开会议。\n截至目前，收集问题702个，解决率达84.6%。', '702个'],
    [['上城区', null, null, 'stated'], SOURCE, '我区召开招商会。\n截至3月底，全区实际到位外资4.14亿美元。', '4.14亿美元'],
    // the title names the street: the whole article is about it
    [['上城区', '望江街道', null, 'inherited'], SOURCE, '望江街道奋力打造新城\n本报讯 今年以来，街道帮助企业融资8000万元。\n下一步将建成安置房500套。', '8000万元', true],
    [['上城区', '望江街道', null, 'inherited'], SOURCE, '望江街道奋力打造新城\n本报讯 今年以来，街道帮助企业融资8000万元。\n下一步将建成安置房500套。', '500套', true],
    // stated in the sentence, in short form, in an article about the street
    [['上城区', '望江街道', null, 'stated'], SOURCE, '望江街道推进征迁\n本报讯 征迁工作提速。\n望江地区累计腾出土地3800亩。', '3800亩', true],
    // a street named in the figure's sentence
    [['上城区', '湖滨街道', null, 'stated'], SOURCE, '我区推进复工。\n各街道积极行动，其中湖滨街道走访企业30家。', '30家'],
    // community in the lead: the article is about it
    [['上城区', '湖滨街道', '青年路社区', 'inherited'], SOURCE, '打造居民客厅\n湖滨街道青年路社区紧邻西湖。社区腾出约180平方米的空间。', '180平方米', true],
    // the lead (no title, no source) gives the district; a later full mention of one street of it is the article's street
    [['桐庐县', null, null, 'stated'], null, '近日，桐庐县召开大会。桐庐县新增企业41家。', '41家'],
    [['桐庐县', null, null, 'inherited'], null, '近日，桐庐县召开大会。会上通报，新增企业41家。', '41家'],
    // 满都户大桥-like: a short form that is only a name part does not make a street
    [['上城区', null, null, 'inherited'], SOURCE, '我区加快重大项目建设。\n总投资1.9亿元的望江大桥工程主体完工。', '1.9亿元'],
    // a district named after the figure, in a ranking, does not make the figure district-level
    [['普陀区', '桃浦镇', null, 'inherited'], null, '上海普陀区桃浦镇召开大会。\n今年新增企业566家，考核排名保持普陀区第一。', '566家'],
    // a list of communities: their common street
    [['上城区', '湖滨街道', null, 'stated'], SOURCE, '湖滨街道开展走访。\n工作人员来到涌金门社区、青年路社区、东平巷社区，走访了4户家庭。', '4户'],
    // a place of another district, named in passing in another clause, does not override the article's street
    [['上城区', '望江街道', null, 'inherited'], SOURCE, '望江街道服务群众\n本报讯 有居民反映在西湖区购房的问题，街道共答复诉求20件。', '20件', true],
    // …but counts in the figure's own clause
    [['西湖区', null, null, 'stated'], SOURCE, '望江街道服务群众\n本报讯 街道召开会议，西湖区新增企业20家。', '20家', true],
    // no source, no lead: the district named last before the figure
    [['青浦区', null, null, 'inherited'], null, '副区长带队巡林。\n青浦区建立三级林长制。\n共开展检查督导202次。', '202次'],
    [[null, null, null, 'default'], null, '本报讯 3日至9日，工作组走进热线平台倾听诉求。共接听群众诉求147件。有群众咨询退休问题。有群众反映在鞍山市铁东区新兴街道购房。', '147件'],
    // 原标题 found by findPlaces: the title's county wins over a street in the first sentence
    [['桐庐县', null, null, 'inherited'], null, '原标题：桐庐县慈善总会推进善居工程桐庐县慈善总会推进善居工程 7月1日，富春江镇一户家庭送来锦旗。今年有100户困难家庭受助。随后，会长来到旧县街道走访。', '100户'],
    // the lead names the county, the article one street of it (where the project lies): the street
    [['桐庐县', '富春江镇', null, 'inherited'], null, '近日，桐庐县安置房项目封顶。项目建设住房1966套。感谢富春江镇的支持。', '1966套'],
    [['桐庐县', null, null, 'stated'], null, '原标题：桐庐县慈善总会推进善居工程桐庐县慈善总会推进善居工程 7月1日，富春江镇一户家庭送来锦旗。今年全县有100户困难家庭受助。', '100户'],
    // a district's story that turns to one of its streets: the figures before the street stay the district's …
    [['桐庐县', null, null, 'inherited'], null, '今年以来，桐庐县全力推进拆违。截至3月底，共拆除违建136处。其中，富春江镇拆除违建27处。', '136处'],
    [['桐庐县', null, null, 'inherited'], null, '3月27日，桐庐县举行签约仪式。现场签约项目28个。会上，富春江镇签约项目5个，总投资15亿元。', '28个'],
    // … the street's own later sentences are the street's …
    [['桐庐县', '富春江镇', null, 'inherited'], null, '桐庐县推进拆违。其中，富春江镇拆除违建27处。拆后土地将用于建设公园，新增绿地2万平方米。', '2万平方米'],
    // … until the district takes the story back: named at a clause start, as 全县, or by one of its organs
    [['桐庐县', null, null, 'inherited'], null, '桐庐县推进拆违。其中，富春江镇拆除违建27处。此外，桐庐县还推进停车设施建设。新增停车位600个。', '600个'],
    [['桐庐县', null, null, 'inherited'], null, '桐庐县推进拆违。其中，富春江镇拆除违建27处。县城管执法局已组建突击队12支。', '12支'],
    // a street after a figure in the lead sentence (where the rain fell hardest) is no topic of the article;
    // the county's organ opening the figure's sentence states the county
    [['桐庐县', null, null, 'stated'], null, '7月3日以来，桐庐县遭遇强降雨，平均降雨量达186毫米，最大降雨点位于富春江镇。县防汛指挥部组织干部群众1.2万余人上堤巡查。', '1.2万余人'],
    // a short form right after the lead's district names a road or a landmark, not the article's street
    [['桐庐县', null, null, 'stated'], null, '国庆假期，桐庐县富春江、瑶琳等景区游人如织。县市场监管局出动执法人员1120人次。富春江镇组织活动30场。', '1120人次'],
    // a place named before the figure outranks a street named in a later clause (其中…)
    [['桐庐县', null, null, 'stated'], null, '桐庐县推进加装电梯。全县今年计划加装电梯200部，目前已完工156部，其中富春江镇完成38部。', '200部'],
    [['桐庐县', '富春江镇', null, 'stated'], null, '桐庐县推进加装电梯。全县今年计划加装电梯200部，目前已完工156部，其中富春江镇完成38部。', '38部'],
  ];
  for (const [[d, s, c, prov], source, doc, figure, title] of table) {
    it(`${figure} → ${d}/${s}/${c} (${prov}) in ${doc.replace(/\n/gu, '⏎').slice(0, 40)}…`, () => {
      const { p, prov: got } = place(doc, figure, source, { title });
      expect({ district: p.district, street: p.street, community: p.community, provenance: got })
        .toEqual({ district: d, street: s, community: c, provenance: prov });
    });
  }

  it('works without the text (character windows instead of sentences)', () => {
    const doc = '望江街道奋力打造新城\n本报讯 今年以来，街道帮助企业融资8000万元。';
    expect(place(doc, '8000万元', SOURCE, { title: true, text: false }).p.street).toBe('望江街道');
  });

  it('carries codes', () => {
    const { p } = place('打造居民客厅\n湖滨街道青年路社区腾出约180平方米的空间。', '180平方米', SOURCE, { title: true });
    expect(p).toEqual({ district: '上城区', districtCode: SHANGCHENG, street: '湖滨街道', streetCode: '330102003', community: '青年路社区', communityCode: '330102003052' });
  });

  it('returns an empty place, not a crash, with nothing known', () => {
    const r = placeForFigure({ mentions: [], figureStart: 0, sentence: { start: 0, end: 5 }, paragraph: { start: 0, end: 5 }, article: { start: 0, end: 5 }, defaultPlace: null });
    expect(r).toEqual({ place: { district: null, districtCode: null, street: null, streetCode: null, community: null, communityCode: null }, provenance: 'default' });
  });
});

// Phenomena of fixtures/unseen2 (sentences written for these tests).
describe('placeForFigure: later-clause streets and a lead street the district takes back', () => {
  const at = (text: string, needle: string) => {
    const mentions = findPlaces(text, {});
    const figureStart = text.indexOf(needle);
    const sentenceStart = Math.max(text.lastIndexOf('。', figureStart) + 1, 0);
    const sentenceEnd = text.indexOf('。', figureStart) + 1 || text.length;
    return placeForFigure({
      mentions, figureStart, figureEnd: figureStart + needle.length, text,
      sentence: { start: sentenceStart, end: sentenceEnd }, paragraph: { start: 0, end: text.length },
      article: { start: 0, end: text.length }, defaultPlace: null,
    } as Parameters<typeof placeForFigure>[0]).place.street;
  };
  it.each([
    ['大理市假期接待游客218万人次。大理古城日均接待游客约9.8万人次，双廊镇接待游客31.2万人次。', '约9.8万人次', null],
    ['大理市假期接待游客218万人次。大理古城日均接待游客约9.8万人次，双廊镇接待游客31.2万人次。', '31.2万人次', '双廊镇'],
    ['走进寿光市稻田镇的产业园，大棚整齐排列。据了解，今年以来，寿光市新建大棚6800余个。1—10月，全市蔬菜产量达到420万吨。', '420万吨', null],
    ['走进寿光市稻田镇的产业园，工人采摘彩椒，今年园区新建大棚68个。', '68个', '稻田镇'],
  ] as const)('%s [%s] → %s', (text, needle, street) => {
    expect(at(text, needle)).toBe(street);
  });
});
