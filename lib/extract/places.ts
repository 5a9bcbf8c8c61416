// Places: districts (区/县/县级市/旗), streets (街道/镇/乡/苏木) and communities (社区/村) named in a text,
// with the official names and codes of the national division list (see ./gazetteer.ts), and the place a
// figure belongs to.
//
//   resolveDistrict('上城区' | '上城' | '杭州市上城区' | '上城报', hint?) → PlaceRef of the district
//   findPlaces(text, { district })  → every place named in the text (sorted, non-overlapping)
//   placeForFigure({ mentions, figureStart, sentence, paragraph, article, defaultPlace }) → { place, provenance }
//
// Matching is linear: full names are found with a two-character prefix table (a bit per hashed pair
// answers most positions, a Map lookup the rest); short forms (望江 for 望江街道, 上城 for 上城区) are only looked for among the districts that
// the source or the text itself establishes, and never when they are common words (新城, 中心, 城区…);
// communities are looked up, lazily, only for the …社区 / …村 candidates of the text, and only kept when
// their street or district is named in the text (or is the source's). Deictic mentions (全区, 该镇, 该村,
// 该校), clause-initial organs of the district (县里…, 区住建局…) and roles (organiser, border, caption,
// example) are found here too; placeForFigure indexes an article's mentions once and answers each figure
// from its own sentence, the subjects of its paragraph, and the article's title and lead.
import type { PlaceLevel, PlaceMention, PlaceRef, Provenance, Range } from './types';
import { MAX_SENTENCE } from './segment';
import { anchoredScanner, hasUnit, unitSet } from './scan';
import {
  GENERIC_SHORT, loadGazetteer, lookupCommunities, shortStreet,
  type City, type Community, type District, type Gazetteer, type Province, type Street,
} from './gazetteer';

/** How the text names the place. */
export type MentionForm = 'full' | 'short' | 'alias' | 'deictic' | 'organ';

/** A PlaceMention with what findPlaces knows besides (all optional for other producers of mentions). */
export interface PlaceMentionX extends PlaceMention {
  /** full official name, short form (望江), alias (西海岸新区, 江干区), deictic (全区, 我区, 该镇), or an
   *  organ of the district opening a clause as its subject (县里…, 区住建局…, 县委…) */
  form?: MentionForm;
  /** several official places share the name and the text did not decide: the first was taken */
  ambiguous?: boolean;
  /** inside a title found by findPlaces itself (原标题：…) */
  inTitle?: boolean;
  /** 全市 / 市里 / 市住建局: the city, which is the district itself only for a county-level city (县级市) */
  city?: boolean;
  /** 该校, 该项目: a site, placed where the text last said a site lies */
  site?: boolean;
  /**
   * A place the text names for another reason than where figures are: an organiser listed among organs
   * (区应急局、富春江镇人民政府等部门), one side of a border (A镇和B镇交界处), a photo caption (图为…), an
   * example of several (在小寨路街道等10个街道推广). It never makes the article's place; in its sentence a
   * border or an example gives only its district.
   */
  role?: 'organiser' | 'border' | 'caption' | 'example';
}

/** A PlaceRef from resolveDistrict, with how sure it is. */
export interface ResolvedPlace extends PlaceRef {
  ambiguous?: boolean;
  /** how many official districts carry the name */
  candidates?: number;
}

export interface PlaceHint {
  /** province name or code: 浙江, 浙江省, 33 */
  province?: string | null;
  /** city name or code: 杭州, 杭州市, 3301 */
  city?: string | null;
}

export const EMPTY_PLACE: Readonly<PlaceRef> = Object.freeze({
  district: null, districtCode: null, street: null, streetCode: null, community: null, communityCode: null,
});

const HAN = /[\u3400-\u9fff]/u;
const isHan = (c: string | undefined): boolean => !!c && HAN.test(c);

// ---------------------------------------------------------------------------------------------
// Refs

function districtRef(d: District): PlaceRef {
  return { district: d.name, districtCode: d.code, street: null, streetCode: null, community: null, communityCode: null };
}
function streetRef(g: Gazetteer, s: Street): PlaceRef {
  const d = g.districtByCode.get(s.districtCode);
  return { district: d?.name ?? null, districtCode: s.districtCode, street: s.name, streetCode: s.code, community: null, communityCode: null };
}
function communityRef(g: Gazetteer, c: Community): PlaceRef {
  const s = g.streetByCode.get(c.streetCode);
  const d = g.districtByCode.get(c.districtCode);
  return {
    district: d?.name ?? null, districtCode: c.districtCode,
    street: s?.name ?? null, streetCode: s ? s.code : null,
    community: c.name, communityCode: c.code,
  };
}
const levelOf = (p: PlaceRef): PlaceLevel | null =>
  p.community ? 'community' : p.street ? 'street' : p.district ? 'district' : null;
const RANK: Record<PlaceLevel, number> = { district: 1, street: 2, community: 3 };
/** The place of a figure the text puts at the level of a city (全市 in a district's article): no district. */
const CITY: Readonly<PlaceRef> = Object.freeze({ ...EMPTY_PLACE });
/** a city sits with the districts: a street or community named beside it is more specific */
const rankOf = (p: PlaceRef): number => (p === CITY ? 1 : RANK[levelOf(p)!]);
/** A county-level city (县级市) is a district of the list: its 全市 is the whole district. */
const countyCity = (p: PlaceRef | null | undefined): boolean => !!p?.district && p.district.endsWith('市');
const keyOf = (p: PlaceRef, level: PlaceLevel): string =>
  level === 'community' ? `c:${p.communityCode ?? p.community}` : level === 'street' ? `s:${p.streetCode ?? p.street}` : `d:${p.districtCode ?? p.district}`;
function upTo(p: PlaceRef, level: PlaceLevel): PlaceRef {
  return {
    district: p.district, districtCode: p.districtCode,
    street: RANK[level] >= 2 ? p.street : null, streetCode: RANK[level] >= 2 ? p.streetCode : null,
    community: RANK[level] >= 3 ? p.community : null, communityCode: RANK[level] >= 3 ? p.communityCode : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Lookup tables built once

interface Tables {
  g: Gazetteer;
  /** full names (districts, streets, cities, provinces), found by their ends or starts (see FullNames) */
  full: FullNames;
  citiesByName: Map<string, City[]>;
  provincesByName: Map<string, Province[]>;
}
let tables: Tables | null = null;

/** A full name with what findPlaces reads of it, looked up once when the tables are built. */
interface FullName {
  name: string;
  /** the cities and provinces of the name: hints of the region */
  cities: City[] | undefined;
  provinces: Province[] | undefined;
  /** what the name is a mention of, if anything (a city's or province's name is only a hint) */
  kind: 'district' | 'street' | null;
  /** a district's other name (江干区 for 上城区) */
  alias: boolean;
}

/**
 * The ~34,000 full names, split by their last character. Almost all end in one of a dozen characters
 * (镇 乡 道 县 区 市 木 州 旗 省…), which are about 2 % of a text's characters: those names are looked for
 * backward from such a character, by the pair of units it ends. The few hundred others (杭州, 浙江, 北京…) are
 * looked for forward by their first pair, in a table small enough to stay in the processor's caches. A
 * table of every name by its first pair is read at every character and is far larger than those caches:
 * between two articles the rest of the extractor pushes it out, and its reads waited for memory.
 */
interface FullNames {
  /** the last characters of the names found backward */
  suffixes: Uint32Array;
  /** names of two characters by both, and longer names by a hash of their last three (names of
   *  several triples may share a list: a hit is always checked against the text) */
  byLastPair: Map<number, FullName[]>;
  byLastTriple: Map<number, FullName[]>;
  /** the other names, by their first pair */
  others: PrefixTable<FullName>;
}
/** A last character that ends at least this many names is looked for backward. */
const SUFFIX_MIN_NAMES = 20;

/**
 * Names by their first two UTF-16 units, each list longest first: one Map keyed by the pair, behind a bitmap
 * of hashed pairs sized to the table (about one bit in sixteen set), which answers most positions alone.
 */
interface PrefixTable<E> { byPair: Map<number, E[]>; filter: Uint32Array; shift: number }
const pairKey = (c0: number, c1: number): number => (c0 << 16) | c1;
const tripleKey = (c0: number, c1: number, c2: number): number => (Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca6b) ^ c2) & 0x3fffffff;
const newPrefixTable = <E>(): PrefixTable<E> => ({ byPair: new Map(), filter: new Uint32Array(1), shift: 32 });
function prefixAdd<E>(t: PrefixTable<E>, name: string, e: E): void {
  if (name.length < 2) return;
  const key = pairKey(name.charCodeAt(0), name.charCodeAt(1));
  const a = t.byPair.get(key);
  if (!a) t.byPair.set(key, [e]); else a.push(e);
}
/** Sorts each list longest first and sizes and fills the filter; the table is read only after this. */
function prefixSeal<E>(t: PrefixTable<E>, len: (e: E) => number): void {
  const bits = Math.max(10, Math.min(20, Math.ceil(Math.log2(16 * Math.max(1, t.byPair.size)))));
  t.filter = new Uint32Array(1 << (bits - 5));
  t.shift = 32 - bits;
  for (const [key, a] of t.byPair) {
    if (a.length > 1) a.sort((x, y) => len(y) - len(x));
    const h = Math.imul(key, 0x9e3779b1) >>> t.shift;
    t.filter[h >>> 5] |= 1 << (h & 31);
  }
}
function prefixGet<E>(t: PrefixTable<E>, text: string, i: number): E[] | undefined {
  const key = pairKey(text.charCodeAt(i), text.charCodeAt(i + 1));
  const h = Math.imul(key, 0x9e3779b1) >>> t.shift;
  if (!(t.filter[h >>> 5] & (1 << (h & 31)))) return undefined;
  return t.byPair.get(key);
}

/** names too generic to be taken as the district they also denote */
const GENERIC_FULL = new Set(['城区', '郊区', '矿区', '东区', '西区', '市中区', '城中区', '新城区', '中心区']);
const STREET_FULL_SUFFIX = /(?:街道|镇|乡|苏木)$/u;

function getTables(): Tables {
  if (tables) return tables;
  const g = loadGazetteer();
  const names = new Set<string>();
  const add = (n: string): void => { if (n.length >= 2) names.add(n); };
  for (const name of g.districtsByName.keys()) if (!GENERIC_FULL.has(name)) add(name);
  for (const name of g.streetsByName.keys()) if (STREET_FULL_SUFFIX.test(name)) add(name);
  const citiesByName = new Map<string, City[]>();
  for (const c of g.cities) {
    for (const n of [c.name, c.short]) {
      if (!n || n === '市辖区') continue;
      const a = citiesByName.get(n);
      if (a) a.push(c); else citiesByName.set(n, [c]);
      add(n);
    }
  }
  const provincesByName = new Map<string, Province[]>();
  for (const p of g.provinces) for (const n of [p.name, p.short]) { provincesByName.set(n, [p]); add(n); }
  const fullName = (name: string): FullName => {
    const ds = g.districtsByName.get(name);
    const kind = ds && !GENERIC_FULL.has(name) ? 'district' : STREET_FULL_SUFFIX.test(name) && g.streetsByName.has(name) ? 'street' : null;
    return { name, cities: citiesByName.get(name), provinces: provincesByName.get(name), kind, alias: kind === 'district' && ds![0].name !== name };
  };
  const endingIn = new Map<number, number>();
  for (const n of names) { const last = n.charCodeAt(n.length - 1); endingIn.set(last, (endingIn.get(last) ?? 0) + 1); }
  const suffixChars = [...endingIn].filter(([, count]) => count >= SUFFIX_MIN_NAMES).map(([code]) => String.fromCharCode(code)).join('');
  const suffixes = unitSet(suffixChars);
  const byLastPair = new Map<number, FullName[]>(), byLastTriple = new Map<number, FullName[]>();
  const others = newPrefixTable<FullName>();
  for (const n of names) {
    const entry = fullName(n);
    const L = n.length;
    if (!hasUnit(suffixes, n.charCodeAt(L - 1))) { prefixAdd(others, n, entry); continue; }
    const [map, key] = L === 2 ? [byLastPair, pairKey(n.charCodeAt(0), n.charCodeAt(1))]
      : [byLastTriple, tripleKey(n.charCodeAt(L - 3), n.charCodeAt(L - 2), n.charCodeAt(L - 1))];
    const a = map.get(key);
    if (a) a.push(entry); else map.set(key, [entry]);
  }
  prefixSeal(others, (e) => e.name.length);
  tables = { g, full: { suffixes, byLastPair, byLastTriple, others }, citiesByName, provincesByName };
  return tables;
}

// ---------------------------------------------------------------------------------------------
// resolveDistrict

const MASTHEAD_TAIL = /(?:融媒体中心|广播电视台|电视台|新闻网|新闻|融媒|发布|日报|晚报|报社|报|人民政府|政府|区委|县委|市委)$/u;

function codeMatches(code: string, want: string | null | undefined, byName: (n: string) => string[]): boolean {
  if (!want) return false;
  if (/^\d+$/.test(want)) return code.startsWith(want);
  return byName(want).some((c) => code.startsWith(c));
}

/**
 * The district a name denotes: '上城区', '上城', '杭州市上城区', '上城报', '江干区' (merged into 上城区 in 2021).
 * With several districts of the name (普陀区: Shanghai and Zhoushan), the hint decides, else the first
 * (lowest code) is returned with `ambiguous: true`. Returns null for an unknown name.
 */
export function resolveDistrict(name: string, hint?: PlaceHint | string | null): ResolvedPlace | null {
  // every article of a source resolves the same name: answered once (bounded), a copy each time
  if (hint && typeof hint !== 'string') return resolveDistrictUncached(name, hint);
  const key = `${name}\u0000${hint ?? ''}`;
  let resolved = resolvedDistricts.get(key);
  if (resolved === undefined) {
    if (resolvedDistricts.size >= RESOLVED_LIMIT) resolvedDistricts.clear();
    resolved = resolveDistrictUncached(name, hint);
    resolvedDistricts.set(key, resolved);
  }
  return resolved && { ...resolved };
}
const RESOLVED_LIMIT = 1024;
const resolvedDistricts = new Map<string, ResolvedPlace | null>();

function resolveDistrictUncached(name: string, hint?: PlaceHint | string | null): ResolvedPlace | null {
  const { g, citiesByName, provincesByName } = getTables();
  const h: PlaceHint = typeof hint === 'string' ? { city: hint, province: hint } : (hint ?? {});
  let s = (name ?? '').replace(/[\s\u3000·]/gu, '');
  if (!s) return null;
  const cityCodes = (n: string): string[] => (citiesByName.get(n) ?? []).map((c) => c.code);
  const provCodes = (n: string): string[] => (provincesByName.get(n) ?? []).map((p) => p.code);
  const prefixHints: string[] = [];
  for (let guard = 0; guard < 3; guard++) {
    const before = s;
    s = s.replace(/^中共/u, '').replace(MASTHEAD_TAIL, '');
    // leading province / city names: 浙江省杭州市上城区
    for (const len of [7, 6, 5, 4, 3, 2]) {
      const head = s.slice(0, len);
      if (s.length > len && (provincesByName.has(head) || citiesByName.has(head))
        && !g.districtsByName.has(s.slice(0, len + 1)) && !g.districtsByName.has(s)) {
        prefixHints.push(head);
        s = s.slice(len);
        break;
      }
    }
    if (s === before) break;
  }
  const generic = GENERIC_SHORT.has(s) || GENERIC_FULL.has(s);
  let cands: District[] = g.districtsByName.get(s) ?? [];
  if (!generic) {
    if (!cands.length) for (const suf of ['区', '县', '市', '旗']) { cands = g.districtsByName.get(s + suf) ?? []; if (cands.length) break; }
    if (!cands.length) cands = g.districtsByShort.get(s) ?? [];
  }
  if (!cands.length) {
    // a district named inside a longer string: 中共杭州市上城区委宣传部
    const found = findPlaces(s, {}).filter((m) => m.level === 'district' || m.place.districtCode);
    const first = found[0];
    if (first?.place.districtCode) {
      const d = g.districtByCode.get(first.place.districtCode);
      if (d) cands = [d];
    }
  }
  if (!cands.length) return null;
  const score = (d: District): number => {
    let sc = 0;
    if (codeMatches(d.cityCode, h.city, cityCodes) || prefixHints.some((p) => cityCodes(p).includes(d.cityCode))) sc += 2;
    if (codeMatches(d.provinceCode, h.province, provCodes) || prefixHints.some((p) => provCodes(p).includes(d.provinceCode))) sc += 1;
    return sc;
  };
  const scored = cands.map((d) => ({ d, sc: score(d) })).sort((a, b) => b.sc - a.sc || a.d.code.localeCompare(b.d.code));
  const best = scored[0];
  if (generic && best.sc === 0) return null; // 城区, 郊区: only with a city or province
  const ties = scored.filter((x) => x.sc === best.sc).length;
  const ref: ResolvedPlace = { ...districtRef(best.d), candidates: cands.length };
  if (ties > 1) ref.ambiguous = true;
  return ref;
}

// ---------------------------------------------------------------------------------------------
// findPlaces

interface RawMatch { start: number; end: number; text: string; kind: 'district' | 'street'; alias: boolean }

/** The UTF-16 codes of `chars`, for tests of one character without making a string of it. */
const codesOf = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
const CODE_OF = { 区: 0x533a, 市: 0x5e02, 乡: 0x4e61, 镇: 0x9547, 化: 0x5316 } as const;
const NOT_AFTER_DISTRICT = codesOf('域间块位划');
const NOT_AFTER_CITY = codesOf('场民值面政容貌况级');
const NOT_AFTER_TOWNSHIP = codesOf('镇土亲愁');
const RURAL_WORD_AFTER_TOWNSHIP = /村(?:振兴|建设|治理|公园|道路|旅游|产业|发展|文化|医生|教师|学校|经济|集体|工作|干部|人才|风貌|环境|规划|建设)/uy;
const COMMON_TOWN_BEFORE = codesOf('城乡村');
const NOUN_AFTER_COMMON_TOWN = /(?:居民|人口|职工|企业|就业|地区|建设|规划|化|污水|燃气|供水|低保|学校|社区|卫生院)/uy;
const stickyTest = (re: RegExp, text: string, at: number): boolean => { re.lastIndex = at; return re.test(text); };

// reject 上城区域, 塔城市场, 数字乡村振兴…
function badFollower(text: string, end: number, name: string): boolean {
  const next = text.charCodeAt(end); // NaN past the end: in no set
  const last = name.charCodeAt(name.length - 1);
  if (last === CODE_OF.区) return NOT_AFTER_DISTRICT.has(next);
  if (last === CODE_OF.市) return NOT_AFTER_CITY.has(next);
  if (last === CODE_OF.乡) return stickyTest(RURAL_WORD_AFTER_TOWNSHIP, text, end) || NOT_AFTER_TOWNSHIP.has(next);
  // 城镇居民, 乡镇企业: the common nouns 城镇 / 乡镇 / 村镇 end the name (快于城镇居民 names no 于城镇)
  if (last === CODE_OF.镇) {
    return next === CODE_OF.化 || (name.length >= 2 && COMMON_TOWN_BEFORE.has(name.charCodeAt(name.length - 2)) && stickyTest(NOUN_AFTER_COMMON_TOWN, text, end));
  }
  return false;
}

const DEICTIC_DISTRICT = /(?:全|我|本|该)(?:区|县)(?![委政级域长])|(?:全|我|本|该)市(?![委政级域长场民值面容貌况区县])/gu;
/**
 * An organ of the district or city as the subject of a clause: 县里组织…, 区住房城乡建委…, 县委、县政府…,
 * 市城管局…. Its figures are the district's (the city's), whatever street the article is about.
 */
const ORGAN_SUBJECT = /(?<=^|[。！？!?；;，,：:\n])(?:(?:区|县)(?![城域块内外间位划属])|市(?![城域场民区县内外间值面容貌况级]))(?:里|委|政府|人民政府|[\u4e00-\u9fa5]{1,8}?(?:局|办|委|部门|指挥部|中心|委员会|法院|检察院|医院|支队|大队))/gu;
/** 全镇 / 该乡 / 本街道, and a clause opened by 镇里 / 乡上 / 街道里 (the town as the one acting: 镇里投入资金…) */
const DEICTIC_STREET = /(?:全|我|本|该)(?:镇|乡|街道)(?![委政长])|(?<=^|[。！？!?；;，,：:\n])(?:镇|乡|街道)(?:里|上)(?![乡])/gu;
const DEICTIC_COMMUNITY = /(?:全|我|本|该)(?:村|社区)(?![委民级])/gu;
/** 该校, 该项目, 该园区…: a site named before, which lies where the text last named a town or village
 *  (位于营江街道的…学校 … 该校占地面积62亩; 寿雁镇中心学校是…，该校完成了…) */
/** How far back (characters) 该校 / 该项目 look for the town or village their site lies in: a sentence or two. */
const SITE_REACH = 200;
const DEICTIC_SITE = /该(?:学校|校|医院|院|园区|产业园|园|项目|工程|小区|片区|基地|中心|市场|景区|厂|企业|公司|馆|站)/gu;
/** All of them in one pass over the text (they never overlap: each is told by its first two characters). */
const DEICTIC = new RegExp([
  `(?<district>${DEICTIC_DISTRICT.source})`, `(?<street>${DEICTIC_STREET.source})`, `(?<community>${DEICTIC_COMMUNITY.source})`,
  `(?<site>${DEICTIC_SITE.source})`, `(?<organ>${ORGAN_SUBJECT.source})`,
].join('|'), 'gu');
/** The next match of DEICTIC, tried only where one of its alternatives can start (全我本该, 区县市 of an organ, 镇乡街 of 镇里). */
const nextDeictic = anchoredScanner(DEICTIC, '全我本该区县市镇乡街');
// 排名全区第一, 占全区87%, 成为全区唯一…: a comparison, not the place of the figure
const RANKING_VERB_BEFORE = codesOf('居列排名占于为');
const RANKING_AFTER = /(?:第|前|首|之首|排名|唯一|领先|平均|同类)/uy;
function rankingContext(text: string, start: number, end: number): boolean {
  return (start > 0 && RANKING_VERB_BEFORE.has(text.charCodeAt(start - 1))) || stickyTest(RANKING_AFTER, text, end);
}

/** Whether the `length` characters at `start` are written again right after them (compared in place: the
 *  title's search tries some sixty lengths). */
function repeatsAt(text: string, start: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(start + k) !== text.charCodeAt(start + length + k)) return false;
  return true;
}

function findTitle(text: string): Range[] {
  const out: Range[] = [];
  const re = /原标题[：:]\s*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index + m[0].length;
    const rest = text.slice(s, s + 160);
    let len = 0;
    for (let L = Math.min(70, Math.floor(rest.length / 2)); L >= 4; L--) {
      if (repeatsAt(text, s, L)) { len = L; break; }
    }
    if (!len) {
      const stop = rest.search(/[\n。！？]|\s{2,}/u);
      len = stop < 0 ? Math.min(rest.length, 40) : stop;
    }
    const last = out[out.length - 1];
    if (last && m.index < last.end) last.end = Math.max(last.end, s + len); // overlapping: one range, so ends ascend
    else out.push({ start: m.index, end: s + len });
  }
  return out;
}

/** Full names found in a text: where each starts, and which (findPlaces reads them by start, longest first). */
interface NameHit { start: number; entry: FullName }
/** By start, the longest first (never 0 for two hits: one start and one length make one name). */
const byStartLongestFirst = (x: NameHit, y: NameHit): number => x.start - y.start || y.entry.name.length - x.entry.name.length;

/** Sorts hits that are nearly in order (found by their ends, each starts a few characters before): linear here. */
function insertionSort(hits: NameHit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const hit = hits[i];
    let j = i - 1;
    for (; j >= 0 && byStartLongestFirst(hits[j], hit) > 0; j--) hits[j + 1] = hits[j];
    hits[j + 1] = hit;
  }
}

/** The two sorted lists as one. */
function mergeHits(a: NameHit[], b: NameHit[]): NameHit[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: NameHit[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) out.push(byStartLongestFirst(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * The full names of districts and streets in `text`, leftmost-longest and non-overlapping, and the codes of
 * the cities and provinces it names (read at every position, inside other names too).
 */
function scanFullNames(text: string, full: FullNames): { matches: RawMatch[]; cityHints: Set<string>; provinceHints: Set<string> } {
  // every occurrence of a name (names start with a Han character): those found backward, then the others
  const backward: NameHit[] = [], forward: NameHit[] = [];
  for (let e = 1; e < text.length; e++) {
    const last = text.charCodeAt(e);
    if (!hasUnit(full.suffixes, last)) continue;
    const pair = full.byLastPair.get(pairKey(text.charCodeAt(e - 1), last));
    if (pair) for (const entry of pair) if (text.charCodeAt(e - 1) >= 0x3400 && text.startsWith(entry.name, e - 1)) backward.push({ start: e - 1, entry });
    const triple = e >= 2 ? full.byLastTriple.get(tripleKey(text.charCodeAt(e - 2), text.charCodeAt(e - 1), last)) : undefined;
    if (triple) {
      for (const entry of triple) {
        const start = e + 1 - entry.name.length;
        if (start >= 0 && text.charCodeAt(start) >= 0x3400 && text.startsWith(entry.name, start)) backward.push({ start, entry });
      }
    }
  }
  for (let i = 0; i + 1 < text.length; i++) {
    if (text.charCodeAt(i) < 0x3400) continue;
    const list = prefixGet(full.others, text, i);
    if (!list) continue;
    for (const entry of list) if (text.startsWith(entry.name, i)) forward.push({ start: i, entry });
  }
  // at each start, its names longest first: the first that is a place (and not part of a longer word) is the
  // match there; the names tried before it, and it, give their region as hints
  insertionSort(backward);
  const hits = mergeHits(backward, forward);
  const matches: RawMatch[] = [];
  let matchedUntil = 0;
  const cityHints = new Set<string>();
  const provinceHints = new Set<string>();
  for (let k = 0; k < hits.length;) {
    const i = hits[k].start;
    for (; k < hits.length && hits[k].start === i; k++) {
      const { entry } = hits[k];
      const name = entry.name;
      const end = i + name.length;
      if (entry.cities) for (const c of entry.cities) cityHints.add(c.code);
      if (entry.provinces) for (const p of entry.provinces) provinceHints.add(p.code);
      const kind = entry.kind;
      if (!kind || badFollower(text, end, name)) continue;
      if (i >= matchedUntil) {
        matches.push({ start: i, end, text: name, kind, alias: entry.alias });
        matchedUntil = end;
      }
      break; // longest place name at this position
    }
    while (k < hits.length && hits[k].start === i) k++;
  }
  return { matches, cityHints, provinceHints };
}

/** findPlaces' mask of taken positions: one buffer reused by the calls of ordinary articles (findPlaces builds it
 *  after its only nested call, resolveDistrict's), a new array for a long text so that none is kept. */
let maskBuffer = new Uint8Array(1 << 14);
const MASK_KEPT = 1 << 20;
function clearedMask(length: number): Uint8Array {
  if (length > MASK_KEPT) return new Uint8Array(length);
  if (maskBuffer.length < length) maskBuffer = new Uint8Array(Math.min(MASK_KEPT, Math.max(length, 2 * maskBuffer.length)));
  const mask = maskBuffer.subarray(0, length);
  mask.fill(0);
  return mask;
}

export interface FindPlacesOptions {
  /** the source's district (PlaceRef, or a name resolveDistrict understands) */
  district?: PlaceRef | string | null;
  /** emit 全区 / 我区 / 该镇… as deictic mentions (default true) */
  deictic?: boolean;
}

/**
 * Every district, street and community named in the text, sorted by start, non-overlapping, with
 * official names and codes. Deictic mentions (全区, 我区, 该镇…) are included with form 'deictic'
 * (their place is the source's district if known, else empty).
 */
export function findPlaces(text: string, opts: FindPlacesOptions = {}): PlaceMentionX[] {
  if (!text) return [];
  const T = getTables();
  const { g } = T;
  const source: PlaceRef | null = typeof opts.district === 'string' ? resolveDistrict(opts.district) : (opts.district ?? null);
  const sourceDistrict = source?.districtCode ? g.districtByCode.get(source.districtCode) ?? null : null;

  // 1. full names (districts, streets) and hints (cities, provinces)
  const { matches, cityHints, provinceHints } = scanFullNames(text, T.full);

  // candidates of each match
  interface Cand { m: RawMatch; level: PlaceLevel; districts?: District[]; streets?: Street[]; only?: string | null }
  const cands: Cand[] = matches.map((m) => m.kind === 'district'
    ? { m, level: 'district', districts: g.districtsByName.get(m.text) ?? [] }
    : { m, level: 'street', streets: g.streetsByName.get(m.text) ?? [] });
  const distOf = (c: Cand): string[] => c.districts ? c.districts.map((d) => d.code) : c.streets!.map((s) => s.districtCode);

  // chains: 甘州区北街街道, 上海闵行区浦江镇 → the child lies in the parent
  for (let k = 0; k + 1 < cands.length; k++) {
    const a = cands[k], b = cands[k + 1];
    if (a.level !== 'district' || b.level !== 'street' || b.m.start - a.m.end > 1) continue;
    const ad = new Set(distOf(a));
    const bs = b.streets!.filter((s) => ad.has(s.districtCode));
    if (bs.length) {
      b.streets = bs;
      const bd = new Set(bs.map((s) => s.districtCode));
      a.districts = a.districts!.filter((d) => bd.has(d.code));
    }
  }
  // context: the source, unambiguous mentions, hints
  // how many mentions denote each district unambiguously
  const unambiguous = new Map<string, number>();
  for (const c of cands) {
    const codes = c.districts ?? c.streets!;
    let only: string | null = null;
    for (let k = 0; k < codes.length; k++) {
      const code = c.districts ? c.districts[k].code : c.streets![k].districtCode;
      if (k === 0) only = code; else if (code !== only) { only = null; break; }
    }
    c.only = only;
    if (only) unambiguous.set(only, (unambiguous.get(only) ?? 0) + 1);
  }
  const scoreDistrict = (d: District | undefined, self: Cand): number => {
    if (!d) return 0;
    let sc = 0;
    if (sourceDistrict?.code === d.code) sc += 8;
    if ((unambiguous.get(d.code) ?? 0) - (self.only === d.code ? 1 : 0) > 0) sc += 4;
    if (cityHints.has(d.cityCode)) sc += 2;
    if (provinceHints.has(d.provinceCode)) sc += 1;
    return sc;
  };
  // the districts the source and the unambiguous district names of the text establish
  const contextDistricts = new Set<string>();
  if (sourceDistrict) contextDistricts.add(sourceDistrict.code);
  for (const c of cands) if (c.districts && c.only) contextDistricts.add(c.only);
  const variantInContext = (name: string): ShortForm | null => {
    if (!contextDistricts.size) return null;
    const list = prefixGet(shortFormTable(g, contextDistricts), name, 0);
    return list?.find((e) => e.full && e.name === name) ?? null;
  };
  const mentions: PlaceMentionX[] = [];
  // per position: 1 inside a mention, 2 a mention ends here
  const mask = clearedMask(text.length + 2);
  const taken = (s: number, e: number): boolean => { for (let i = s; i < e; i++) if (mask[i] & 1) return true; return false; };
  const endsAt = (pos: number): boolean => pos >= 0 && (mask[pos] & 2) !== 0;
  const add = (m: PlaceMentionX): void => { mentions.push(m); for (let i = m.start; i < m.end; i++) mask[i] |= 1; mask[m.end] |= 2; };
  for (const c of cands) {
    const m = c.m;
    const short2 = m.text.length <= 2; // 和县, 沙县, X镇: only with support from the context
    // the best-scored candidate (the lowest code among equals), and whether another scores as well
    const n = c.districts ? c.districts.length : c.streets!.length;
    let best = -1, bestScore = -1, bestCode = '', tie = false;
    for (let k = 0; k < n; k++) {
      const code = c.districts ? c.districts[k].code : c.streets![k].code;
      const sc = scoreDistrict(c.districts ? c.districts[k] : g.districtByCode.get(c.streets![k].districtCode), c);
      if (sc > bestScore || (sc === bestScore && code < bestCode)) { tie = sc === bestScore; best = k; bestScore = sc; bestCode = code; }
      else if (sc === bestScore) tie = true;
    }
    if (best < 0 || (short2 && bestScore === 0)) continue;
    if (c.level === 'street' && !contextDistricts.has(c.streets![best].districtCode)) {
      // 锦华街道 in an article of 锦江区 is its 锦华路街道, though another county has a 锦华街道
      const v = variantInContext(m.text);
      if (v) { add({ start: m.start, end: m.end, text: m.text, level: 'street', place: { ...v.ref }, form: 'full' }); continue; }
    }
    const mention: PlaceMentionX = c.level === 'district'
      ? { start: m.start, end: m.end, text: m.text, level: 'district', place: districtRef(c.districts![best]), form: m.alias ? 'alias' : 'full' }
      : { start: m.start, end: m.end, text: m.text, level: 'street', place: streetRef(g, c.streets![best]), form: 'full' };
    if (tie) mention.ambiguous = true;
    add(mention);
  }

  // districts the source and the text establish
  const known = new Set<string>();
  if (sourceDistrict) known.add(sourceDistrict.code);
  for (const m of mentions) if (!m.ambiguous && m.place.districtCode) known.add(m.place.districtCode);
  const ctxStreets = new Set<string>();
  for (const m of mentions) if (m.level === 'street' && !m.ambiguous && m.place.streetCode) ctxStreets.add(m.place.streetCode);

  // 2. communities: …社区 / …村 whose street or district the text (or the source) names
  if (known.size || ctxStreets.size) {
    const re = /社区|村(?![委民])|村委会|居委会/gu;
    for (let mm = re.exec(text); mm; mm = re.exec(text)) {
      const suffix = mm[0];
      const end = mm.index + suffix.length;
      const asName = suffix === '居委会' ? '社区' : suffix === '村委会' ? '村' : suffix;
      let best: { start: number; c: Community; strength: number; ambiguous: boolean } | null = null;
      for (let len = 1; len <= 8; len++) {
        const s = mm.index - len;
        if (s < 0 || !isHan(text[s])) break;
        if (taken(s, end)) break;
        const base = text.slice(s, mm.index);
        if (GENERIC_COMMUNITY.has(base + asName)) continue;
        // 东街社区, 中心村: a name made of a common word is a community only inside a street the text names
        const generic = GENERIC_SHORT.has(base);
        let found = lookupCommunities(base + asName);
        // (most names looked up are none: an empty list is not filtered into another empty one)
        let inStreet = found.length ? found.filter((c) => ctxStreets.has(c.streetCode)) : found;
        if (!inStreet.length && ctxStreets.size && len >= 2) {
          // the list may write 营盘街社区 for the text's 营盘社区, or 中步社区 for 中步村: only within a named street
          for (const v of COMMUNITY_VARIANTS[asName] ?? []) {
            const named = lookupCommunities(base + v);
            if (!named.length) continue;
            const alt = named.filter((c) => ctxStreets.has(c.streetCode));
            if (alt.length) { found = alt; inStreet = alt; break; }
          }
        }
        if (!found.length) continue;
        const chained = endsAt(s) || endsAt(s - 1);
        const inDistrict = generic ? [] : found.filter((c) => known.has(c.districtCode));
        // a village named with its county but not its town lies in its town only when the list has one
        // village of the name in the county (else the town would be a guess)
        if (!inStreet.length && inDistrict.some((c) => c.streetCode !== inDistrict[0].streetCode)) continue;
        const pool = inStreet.length ? inStreet : inDistrict;
        if (!pool.length) continue;
        const strength = (inStreet.length ? 2 : 1) + (chained ? 2 : 0);
        if (!best || strength > best.strength || (strength === best.strength && s < best.start)) {
          best = { start: s, c: pool[0], strength, ambiguous: pool.length > 1 };
        }
      }
      if (best) {
        const mention: PlaceMentionX = {
          start: best.start, end, text: text.slice(best.start, end), level: 'community',
          place: communityRef(g, best.c), form: 'full',
        };
        if (best.ambiguous) mention.ambiguous = true;
        add(mention);
      }
    }
  }

  // 2½. a community the text names in full, named again as an area: 綦齿社区 … 綦齿片区
  const communityBases = new Map<string, PlaceRef>();
  for (const m of mentions) if (m.level === 'community' && !m.ambiguous) communityBases.set(m.text.replace(COMMUNITY_SUFFIX, ''), m.place);
  if (communityBases.size) {
    const re = /片区|地区|一带/gu;
    for (let mm = re.exec(text); mm; mm = re.exec(text)) {
      for (let len = 2; len <= 6; len++) {
        const s = mm.index - len;
        if (s < 0 || !isHan(text[s])) break;
        const place = communityBases.get(text.slice(s, mm.index));
        if (!place || taken(s, mm.index)) continue;
        add({ start: s, end: mm.index + mm[0].length, text: text.slice(s, mm.index + mm[0].length), level: 'community', place: { ...place }, form: 'short' });
        break;
      }
    }
  }

  // 3. short forms (望江, 李集街, 上城), only of the districts established above
  if (known.size) {
    const shortMap = shortFormTable(g, known);
    for (let i = 0; i + 1 < text.length; i++) {
      if (text.charCodeAt(i) < 0x3400) continue;
      const list = prefixGet(shortMap, text, i);
      if (!list) continue;
      for (const e of list) {
        if (!text.startsWith(e.name, i)) continue;
        let end = i + e.name.length;
        if (e.level === 'street' && !e.full && text[end] === '街' && text[end + 1] !== '道') end += 1; // 李集街
        if (taken(i, end)) break;
        add({ start: i, end, text: text.slice(i, end), level: e.level, place: { ...e.ref }, form: e.full ? 'full' : 'short' });
        i = end - 1;
        break;
      }
    }
  }

  // 4. deictic: 全区 / 我区 / 本区 → the source's district; 该镇 / 全街道 / 该村 → the town or village named
  //    last before them (resolved by placeForFigure, which knows the article)
  if (opts.deictic !== false) {
    const countyCity = !!sourceDistrict && sourceDistrict.name.endsWith('市');
    for (let mm = nextDeictic(text, 0); mm; mm = nextDeictic(text, mm.index + mm[0].length)) {
      const s = mm.index, e = s + mm[0].length;
      if (taken(s, e) || rankingContext(text, s, e)) continue;
      const g = mm.groups!;
      const level: PlaceLevel = g.district || g.organ ? 'district' : g.community ? 'community' : 'street';
      const form: MentionForm = g.organ ? 'organ' : 'deictic';
      const city = level === 'district' && mm[0][g.organ ? 0 : 1] === '市';
      const place = level === 'district' && sourceDistrict && (!city || countyCity) ? districtRef(sourceDistrict) : { ...EMPTY_PLACE };
      const mention: PlaceMentionX = { start: s, end: e, text: mm[0], level, place, form };
      if (city) mention.city = true;
      if (g.site) mention.site = true;
      add(mention);
    }
  }

  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  markRoles(text, mentions);
  // 5. titles found in the text itself (原标题：…)
  const titles = findTitle(text);
  for (let k = 0, t = 0; k < mentions.length && t < titles.length; k++) {
    const m = mentions[k];
    while (t < titles.length && titles[t].end < m.end) t++;
    if (t < titles.length && m.start >= titles[t].start) m.inTitle = true;
  }
  return mentions;
}

const COMMUNITY_SUFFIX = /(?:社区|村)$/u;
/** A town's government named as one of several organs: …、富春江镇人民政府等部门; 联合富春江镇政府… */
const ORGAN_SUFFIX = /^(?:人民政府|政府|党委政府|党委|党工委|办事处|街道办)/u;
const LISTED_ORGANS_AFTER = /^[^。！？；!?;\n，,]{0,30}?等(?:多个|多|有关|相关|职能)?(?:部门|单位|机构)/u;
const CO_ORGANISER_BEFORE = /(?:联合|会同|协同|协调|配合|[、和与及])$/u;
/** A and B as the two sides of a border: 富春江镇和桐君街道交界处, 与…接壤 */
const BORDER_JOIN = /^(?:和|与|及|同|、)$/u;
const BORDER_AFTER = /^的?(?:交界|接壤|交汇|之间|结合部|毗邻|相邻|边界)/u;
/** …等10个街道, 等多个乡镇, 等村: the places before it are examples of a set */
const EXAMPLE_AFTER = /^[、和及与\u4e00-\u9fa5]{0,12}?等(?:[\d一二三四五六七八九十两几多]+个?)?(?:街道|乡镇|镇|乡|社区|村|地)/u;
/** A photo caption: a line that opens with 图为 / 图： / ▲ or ends with a photographer's credit. */
const CAPTION_LINE = /^\s*(?:[（(]?\s*图(?:为|片|：|:|\s*\d)|▲|△|■|上图|下图|左图|右图)|(?:摄|供图|摄影)\s*[）)]?\s*$/u;
/** How long a caption line may be (a longer line is body text that happens to end in 摄). */
const CAPTION_MAX = 160;

/** Marks the mentions that are organisers, sides of a border or inside a photo caption (see PlaceMentionX.role). */
function markRoles(text: string, mentions: PlaceMentionX[]): void {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (m.level !== 'street' || m.form === 'deictic') continue;
    const after = text.slice(m.end, m.end + 8);
    const suffix = ORGAN_SUFFIX.exec(after);
    if (suffix && (LISTED_ORGANS_AFTER.test(text.slice(m.end, m.end + 40))
      || CO_ORGANISER_BEFORE.test(text.slice(Math.max(0, m.start - 2), m.start)))) m.role = 'organiser';
  }
  for (const m of mentions) {
    if (m.level !== 'district' && m.form !== 'deictic' && !m.role && EXAMPLE_AFTER.test(text.slice(m.end, m.end + 20))) m.role = 'example';
  }
  for (let k = 0; k + 1 < mentions.length; k++) {
    const a = mentions[k], b = mentions[k + 1];
    if (a.form === 'deictic' || b.form === 'deictic' || a.form === 'organ' || b.form === 'organ') continue;
    if (b.start - a.end > 2 || !BORDER_JOIN.test(text.slice(a.end, b.start))) continue;
    if (BORDER_AFTER.test(text.slice(b.end, b.end + 4))) { a.role = 'border'; b.role = 'border'; }
  }
  // captions: one pass over the lines, one over the mentions
  let k = 0;
  for (let lineStart = 0; lineStart < text.length && k < mentions.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    while (k < mentions.length && mentions[k].start < lineStart) k++;
    if (k < mentions.length && mentions[k].start < lineEnd && lineEnd - lineStart <= CAPTION_MAX
      && CAPTION_LINE.test(text.slice(lineStart, lineEnd))) {
      for (let j = k; j < mentions.length && mentions[j].end <= lineEnd; j++) mentions[j].role ??= 'caption';
    }
    lineStart = lineEnd + 1;
  }
}

const COMMUNITY_VARIANTS: Record<string, string[]> = { 社区: ['街社区', '路社区', '村社区', '里社区', '村'], 村: ['社区', '村社区'] };

/** full: a variant that keeps its suffix (锦华街道 for the list's 锦华路街道), as sure as the list's name */
type ShortForm = { name: string; ref: PlaceRef; level: PlaceLevel; full?: boolean };

/**
 * Other full names a town or street goes by in news text: the list's 锦华路街道 / 书院街街道 written
 * 锦华街道 / 书院街道 (the 路 or 街 of the base dropped), and a change of kind the list may not have caught
 * up with or a writer may not have (富春江乡 for 富春江镇, 三墩街道 for 三墩镇, 钟山镇 for 钟山乡).
 */
function streetVariants(name: string): string[] {
  const m = /^(.{2,}?)(街道|镇|乡)$/u.exec(name);
  if (!m) return [];
  const [, base, kind] = m;
  const out: string[] = [];
  for (const k of ['街道', '镇', '乡']) if (k !== kind) out.push(base + k);
  if (kind === '街道' && base.length >= 3 && (base.endsWith('路') || base.endsWith('街'))) out.push(base.slice(0, -1) + '街道');
  return out;
}
// A 65536-slot table per call would cost more than the scan itself on short articles, so the table of
// each set of districts is built once (few distinct sets occur: a source's district and its neighbours).
const shortFormTables = new Map<string, PrefixTable<ShortForm>>();
function shortFormTable(g: ReturnType<typeof loadGazetteer>, known: Set<string>): PrefixTable<ShortForm> {
  const key = [...known].sort().join(',');
  const cached = shortFormTables.get(key);
  if (cached) return cached;
  const table = newPrefixTable<ShortForm>();
  const addShort = (name: string | null, ref: PlaceRef, level: PlaceLevel): void => {
    if (!name || name.length < 2 || GENERIC_SHORT.has(name)) return;
    prefixAdd(table, name, { name, ref, level });
  };
  for (const code of known) {
    const d = g.districtByCode.get(code);
    if (!d) continue;
    addShort(d.short, districtRef(d), 'district');
    const streets = g.streetsByDistrict.get(code) ?? [];
    // a variant names a street only when no street of the district has that name or shares the variant
    const variants = new Map<string, Street | null>();
    for (const s of streets) {
      if (!STREET_FULL_SUFFIX.test(s.name)) continue;
      addShort(shortStreet(s.name), streetRef(g, s), 'street');
      for (const v of streetVariants(s.name)) variants.set(v, variants.has(v) ? null : s);
    }
    for (const s of streets) variants.delete(s.name);
    for (const [v, s] of variants) if (s) prefixAdd(table, v, { name: v, ref: streetRef(g, s), level: 'street', full: true });
  }
  prefixSeal(table, (e) => e.name.length);
  if (shortFormTables.size > 256) shortFormTables.clear(); // bounded: a long batch of many regions
  shortFormTables.set(key, table);
  return table;
}

const GENERIC_COMMUNITY = new Set([
  '城中村', '新农村', '农村', '乡村', '美丽乡村', '宜居村', '全村', '本村', '该村', '各村', '每村', '村村', '行政村', '自然村',
  '未来社区', '智慧社区', '平安社区', '和谐社区', '全社区', '本社区', '该社区', '各社区', '服务型社区', '示范社区',
  '文明社区', '老旧社区', '新社区', '小区社区', '所在社区', '辖区社区', '城市社区', '农村社区', '完整社区', '绿色社区',
]);

// ---------------------------------------------------------------------------------------------
// placeForFigure

export interface PlaceForFigureArgs {
  mentions: PlaceMention[];
  figureStart: number;
  sentence: Range;
  paragraph: Range;
  article: Range;
  defaultPlace: PlaceRef | null;
  /** optional: the article's title, if the segmenter found one */
  title?: Range | null;
  /** optional: the document text (gives exact lead sentences and clause boundaries) */
  text?: string | null;
}

interface ArticleInfo {
  /** place of the title, else of the lead (first two sentences of the body) */
  lead: PlaceRef | null;
  leadDeictic: boolean;
  /** the district of the article: lead's, else the source's, else the most named one */
  district: PlaceRef | null;
  districtFrom: 'lead' | 'source' | 'body' | null;
  /** the one street the article names in full, when it lies in the lead's district */
  onlyStreet: PlaceRef | null;
  /** streets the article names in full */
  fullStreets: Set<string>;
  /** districts named in full in the article, in order */
  bodyDistricts: PlaceMentionX[];
  /** where the article names onlyStreet again (its name, a community of it, 该镇…), in order */
  streetMarks: number[];
  /** where the district takes the story back from a street (see streetStillTopic), in order */
  districtTurns: number[];
  /** the article speaks of the whole district (全区, 全县, 我区…) */
  districtWide: boolean;
  /** the sentence first naming onlyStreet has digits after the name (figures of its own) */
  streetHasOwnFigures: boolean;
  // Indexes built once per article, so that the work per figure is a few binary searches and a walk
  // over the mentions of its own (bounded) sentence:
  /** the article's street, as the sentence stage reads short forms and 该镇 with it */
  articleStreet: PlaceRef | null;
  /** per mention of the article (index - firstMention): FLAG_* bits */
  flags: Uint8Array;
  firstMention: number;
  /** starts and ends of 全区 / 该县 … mentions, ascending */
  districtDeicticStarts: number[];
  districtDeicticEnds: number[];
  /** starts of bodyDistricts */
  bodyDistrictStarts: number[];
  /** per mention of the article (index - firstMention): what 该镇 / 全村 … stands for (the town or village
   *  named last before it), null for other mentions */
  deicticPlaces: (PlaceRef | null)[];
  /** where a clause opens with a place as its subject or topic (板桥街道整合…, 在天宫镇天宫院村，…, 全县…,
   *  县里组织…), ascending, and the place (CITY for a city) */
  subjectMarks: number[];
  subjectPlaces: PlaceRef[];
  /** per paragraph start: where its topic sentence ends and the place that sentence gives */
  paragraphTopics: Map<number, { end: number; place: PlaceRef | null }>;
}

/** a district named in a ranking (排名全区第一, 占全区87%) */
const FLAG_RANKING = 1;
/** a short form that may stand for its street here (the article names it in full, 望江地区, 李集街) */
const FLAG_SHORT_OK = 2;
/** a district inside the predicate of a copula (…小区是今年我区改造体量最大的片区之一): it classifies the
 *  subject, it is not where the subject's figures are */
const FLAG_PREDICATE = 4;
/** an organ sending people or means down (区委…下派200余名党员干部驻点一线): what it sends is counted where it
 *  goes, so the organ does not make the figure the district's */
const FLAG_SENDS_DOWN = 8;
const SENDS_DOWN = /^[^。；！？;!?\n]{0,30}?(?:下派|派驻|选派|下沉|派出|抽派|下拨|拨付给|支持)/u;
const COPULA_BEFORE = /(?:是|成为|作为|列入|列为|纳入|入选|位居|位列|跻身)(?:今年|去年|目前|当前|近年来?)?$/u;

const AREA_AFTER = /(?:地区|片区|一带)/uy;
function shortSupported(m: PlaceMentionX, fullStreets: Set<string>, text: string | null | undefined): boolean {
  return (!!m.place.streetCode && fullStreets.has(m.place.streetCode)) || m.text.endsWith('街')
    || (!!text && stickyTest(AREA_AFTER, text, m.end));
}

/** the district last named in full before pos (when neither lead nor source gives one) */
function bodyDistrictBefore(info: ArticleInfo, pos: number): PlaceRef | null {
  const k = countBelow(info.bodyDistrictStarts, pos);
  return k > 0 ? upTo(info.bodyDistricts[k - 1].place, 'district') : null;
}


/** How many of the ascending numbers are below pos (binary search). */
function countBelow(sorted: readonly number[], pos: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Index of the first mention starting at or after pos (mentions are sorted by start). */
function firstMentionFrom(all: readonly PlaceMention[], pos: number): number {
  let lo = 0, hi = all.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (all[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

const LIST_GAP = /^(?:[、，,和及与]|以及)$/u;
/** the mentions of `best` listed together with `pick` (A、B和C) */
function coordinated(text: string, best: { m: PlaceMentionX; p: PlaceRef }[], pick: { m: PlaceMentionX; p: PlaceRef }): { m: PlaceMentionX; p: PlaceRef }[] {
  const sorted = [...best].sort((x, y) => x.m.start - y.m.start);
  const i = sorted.indexOf(pick);
  let lo = i, hi = i;
  // a member of a list may carry its parent's name before it (钟管镇北代舍村、三墩村): skip place names in the gap
  const gapOk = (x: PlaceMentionX, y: PlaceMentionX): boolean => LIST_GAP.test(text.slice(x.end, y.start).trim());
  while (lo > 0 && gapOk(sorted[lo - 1].m, sorted[lo].m)) lo--;
  while (hi + 1 < sorted.length && gapOk(sorted[hi].m, sorted[hi + 1].m)) hi++;
  return sorted.slice(lo, hi + 1);
}

const cache = new WeakMap<PlaceMention[], Map<string, ArticleInfo>>();
const SENTENCE_END = /[。！？!?；;\n]/u;
const SENTENCE_END_CHARS = new Set([...'。！？!?；;\n']);
const CLAUSE_MARK = unitSet('，,；;：:');

function within(m: PlaceMention, r: Range): boolean { return m.start >= r.start && m.end <= r.end; }

function mentionsIn(all: PlaceMention[], r: Range): PlaceMentionX[] {
  const out: PlaceMentionX[] = [];
  for (let i = firstMentionFrom(all, r.start); i < all.length && all[i].start < r.end; i++) if (all[i].end <= r.end) out.push(all[i] as PlaceMentionX);
  return out;
}

/** The most specific place of a set of mentions, or null when they disagree at every level. */
function dominant(ms: PlaceMentionX[], sourceDistrict: PlaceRef | null): PlaceRef | null {
  const refs = ms.map((m) => (m.form === 'deictic' && m.level === 'district' ? (sourceDistrict ?? m.place) : m.place))
    .filter((p) => levelOf(p));
  if (!refs.length) return null;
  for (const level of ['community', 'street', 'district'] as const) {
    const at = refs.filter((p) => levelOf(p) && RANK[levelOf(p)!] >= RANK[level]);
    if (!at.length) continue;
    const keys = new Set(at.map((p) => keyOf(p, level)));
    if (keys.size === 1) return upTo(at[0], level);
  }
  return null;
}

/**
 * The lead's mentions that name what the article is about. A lead that names a district and then a
 * street speaks of the street only when the street qualifies the district's own phrase (闵行区浦江镇,
 * 蜀山区获悉，该区南岗镇): a street named after a figure or in a later sentence of the lead is a part
 * of the district's story (全县平均降雨量达186毫米，最大降雨点位于团洲乡 / 其中，新北街道签约…), and so is
 * a short form (锦江区春熙路、太古里等商圈 names a road).
 */
function leadTopic(ms: PlaceMentionX[], text: string | null | undefined): PlaceMentionX[] {
  if (!text) return ms;
  const d = ms.find((m) => m.level === 'district' && (m.form === 'full' || m.form === 'alias'));
  if (!d) return ms;
  return ms.filter((m) => {
    if (m.level === 'district' || m.start < d.start) return true;
    if (m.form === 'short') return false; // 锦江区春熙路、太古里等商圈: a road or a landmark, not the street
    if (m.start - d.end > LEAD_STREET_GAP) return false;
    const gap = text.slice(d.end, m.start);
    return !FIGURE_OR_SENTENCE_END.test(gap);
  });
}
const FIGURE_OR_SENTENCE_END = /[0-9０-９。！？!?；;]/u;
/** How far (in characters) after the lead's district a street may still qualify it. */
const LEAD_STREET_GAP = 20;

const SPACE_OR_SENTENCE_END = /[\s。！？!?；;]/gu;
const DIGIT = /[0-9０-９]/u;

function analyseArticle(a: PlaceForFigureArgs): ArticleInfo {
  const all = mentionsIn(a.mentions, a.article);
  const sourceDistrict = a.defaultPlace?.district ? upTo(a.defaultPlace, 'district') : null;
  const fullStreets = new Set<string>();
  for (const m of all) if (m.level === 'street' && m.form === 'full' && m.place.streetCode) fullStreets.add(m.place.streetCode);
  // a short form (望江) counts in the title or lead only when the article also names the street in full,
  // or the text says 望江地区 / 李集街; short district forms (上城) never make the article's place
  const usable = (m: PlaceMentionX): boolean => m.form !== 'organ' && !m.role && (m.form !== 'short'
    || (m.level !== 'district' && shortSupported(m, fullStreets, a.text)));
  // the title: given, else found by findPlaces (原标题：…)
  let titleMs: PlaceMentionX[] = [];
  let bodyStart = a.article.start;
  if (a.title) {
    titleMs = mentionsIn(a.mentions, a.title).filter(usable);
    if (a.title.end > bodyStart && a.title.start <= a.article.start + 2) bodyStart = Math.min(a.title.end, a.article.end);
  } else {
    titleMs = all.filter((m) => m.inTitle && usable(m));
    for (const m of titleMs) if (m.end > bodyStart) bodyStart = m.end;
  }
  let leadEnd: number;
  if (a.text) {
    let pos = bodyStart, sentences = 0;
    while (pos < a.article.end && sentences < 2) {
      const rest = a.text.slice(pos, Math.min(a.article.end, pos + 400));
      const k = rest.search(SENTENCE_END);
      const end = k < 0 ? pos + rest.length : pos + k + 1;
      if (a.text.slice(pos, end).replace(SPACE_OR_SENTENCE_END, '').length > 0) sentences++;
      pos = end;
    }
    leadEnd = Math.min(pos, bodyStart + 300);
  } else {
    leadEnd = bodyStart + 160;
  }
  const leadMs = leadTopic(mentionsIn(a.mentions, { start: bodyStart, end: Math.min(leadEnd, a.article.end) }).filter(usable), a.text);
  const fromMs = titleMs.length ? titleMs : leadMs;
  const lead = dominant(fromMs, sourceDistrict);
  const leadDeictic = fromMs.some((m) => m.form === 'deictic');

  let district: PlaceRef | null = null;
  let districtFrom: ArticleInfo['districtFrom'] = null;
  if (lead?.district) { district = upTo(lead, 'district'); districtFrom = 'lead'; }
  else if (sourceDistrict) { district = sourceDistrict; districtFrom = 'source'; }

  let onlyStreet: PlaceRef | null = null;
  if (districtFrom === 'lead' && lead && levelOf(lead) === 'district') {
    const streets = all.filter((m) => m.level === 'street' && (m.form === 'full' || m.form === 'alias') && !m.role && m.place.streetCode);
    const codes = new Set(streets.map((m) => m.place.streetCode));
    if (codes.size === 1 && streets[0].place.districtCode === lead.districtCode) onlyStreet = upTo(streets[0].place, 'street');
  }
  const bodyDistricts = all.filter((m) => m.level === 'district' && (m.form === 'full' || m.form === 'alias') && m.place.districtCode);
  const inPredicate = (m: PlaceMentionX): boolean => !!a.text && m.level === 'district'
    && COPULA_BEFORE.test(a.text.slice(Math.max(a.article.start, m.start - 6), m.start));
  const districtWide = all.some((m) => m.level === 'district' && m.form === 'deictic' && !inPredicate(m));
  let streetHasOwnFigures = false;
  if (onlyStreet && a.text) {
    const first = all.find((m) => m.level !== 'district' && m.place.streetCode === onlyStreet!.streetCode);
    if (first) {
      const rest = a.text.slice(first.end, Math.min(a.article.end, first.end + 200));
      const k = rest.search(SENTENCE_END);
      streetHasOwnFigures = DIGIT.test(k < 0 ? rest : rest.slice(0, k));
    }
  }
  // the street the story is about: the only one named, else the lead's (走进稻田镇的…园区, …), whose
  // topic the district takes back with 全市 / a clause-initial district name (streetStillTopic)
  const topicStreet = onlyStreet ?? (lead && levelOf(lead) !== 'district' ? upTo(lead, 'street') : null);
  const streetMarks = topicStreet
    ? all.filter((m) => m.level !== 'district' && !m.role && (m.form === 'deictic' || m.place.streetCode === topicStreet.streetCode)).map((m) => m.start)
    : [];
  const articleStreet = lead && levelOf(lead) !== 'district' ? upTo(lead, 'street') : onlyStreet;
  const firstMention = firstMentionFrom(a.mentions, a.article.start);
  const flags = new Uint8Array(all.length);
  for (let k = 0; k < all.length; k++) {
    const m = all[k];
    if (a.text && m.level === 'district' && m.form !== 'deictic' && rankingContext(a.text, m.start, m.end)) flags[k] |= FLAG_RANKING;
    if (inPredicate(m)) flags[k] |= FLAG_PREDICATE;
    if (a.text && m.form === 'organ' && SENDS_DOWN.test(a.text.slice(m.end, Math.min(a.article.end, m.end + 32)))) flags[k] |= FLAG_SENDS_DOWN;
    if (m.form === 'short' && m.level !== 'district'
      && ((articleStreet && m.place.streetCode === articleStreet.streetCode) || shortSupported(m, fullStreets, a.text))) flags[k] |= FLAG_SHORT_OK;
  }
  const deictics = all.filter((m, k) => m.level === 'district' && m.form === 'deictic' && !(flags[k] & FLAG_PREDICATE));
  const bodyDistrictStarts = bodyDistricts.map((m) => m.start);
  const deicticPlaces = new Array<PlaceRef | null>(all.length).fill(null);
  let lastStreet: PlaceRef | null = null, lastCommunity: PlaceRef | null = null, lastSite: PlaceRef | null = null, lastSiteEnd = 0;
  for (let k = 0; k < all.length; k++) {
    const m = all[k];
    if (m.site) { deicticPlaces[k] = m.start - lastSiteEnd <= SITE_REACH ? lastSite : null; continue; }
    if (m.form === 'deictic') {
      if (m.level === 'street') deicticPlaces[k] = lastStreet ?? articleStreet;
      else if (m.level === 'community') deicticPlaces[k] = lastCommunity;
      continue;
    }
    if (m.form === 'short' && !(flags[k] & FLAG_SHORT_OK)) continue;
    if (m.form === 'organ' || m.role) continue;
    if (m.level !== 'district') { lastSite = m.place; lastSiteEnd = m.end; }
    if (m.level === 'community') { lastCommunity = m.place; lastStreet = m.place.street ? upTo(m.place, 'street') : lastStreet; }
    else if (m.level === 'street') { lastStreet = m.place; lastCommunity = null; }
  }
  return {
    lead, leadDeictic, district, districtFrom, onlyStreet, fullStreets, bodyDistricts,
    streetMarks, districtTurns: topicStreet ? districtTurns(a, all, Boolean(onlyStreet)) : [], districtWide, streetHasOwnFigures,
    articleStreet, flags, firstMention,
    districtDeicticStarts: deictics.map((m) => m.start), districtDeicticEnds: deictics.map((m) => m.end), deicticPlaces,
    ...subjects(a, all, flags, deicticPlaces, (pos) => {
      if (district) return district;
      const k = countBelow(bodyDistrictStarts, pos);
      return k > 0 ? upTo(bodyDistricts[k - 1].place, 'district') : sourceDistrict;
    }),
    bodyDistrictStarts,
    paragraphTopics: new Map(),
  };
}

// the article of the last call: consecutive figures of one article skip the cache's key
let lastInfo: { mentions: PlaceMention[]; start: number; end: number; title: number; source: string | null; info: ArticleInfo } | null = null;

function articleInfo(a: PlaceForFigureArgs): ArticleInfo {
  const title = a.title?.start ?? -1, source = a.defaultPlace?.districtCode ?? null;
  const l = lastInfo;
  if (l && l.mentions === a.mentions && l.start === a.article.start && l.end === a.article.end && l.title === title && l.source === source) return l.info;
  let m = cache.get(a.mentions);
  if (!m) { m = new Map(); cache.set(a.mentions, m); }
  const k = `${a.article.start}:${a.article.end}:${title}:${source ?? ''}`;
  let info = m.get(k);
  if (!info) { info = analyseArticle(a); m.set(k, info); }
  lastInfo = { mentions: a.mentions, start: a.article.start, end: a.article.end, title, source, info };
  return info;
}

/** Start and end of the clause (between ，；：) around pos, within its sentence (at most MAX_SENTENCE long). */
function clauseStartAt(a: PlaceForFigureArgs, pos: number): number {
  if (!a.text) return Math.max(a.sentence.start, pos - 24);
  let s = pos;
  while (s > a.sentence.start && !hasUnit(CLAUSE_MARK, a.text.charCodeAt(s - 1))) s--;
  return s;
}
function clauseEndAt(a: PlaceForFigureArgs, pos: number): number {
  if (!a.text) return Math.min(a.sentence.end, pos + 8);
  let e = pos;
  while (e < a.sentence.end && !hasUnit(CLAUSE_MARK, a.text.charCodeAt(e))) e++;
  return e;
}

/**
 * Whether the article's only street speaks for a figure whose sentence names no place.
 *  - Named before the figure: it does until the district takes the story back — 全区 / 该县, a clause
 *    that opens with the district's name (此外，朝阳区还…; 南康区力争…) or with one of its organs
 *    (区生态环境局…, 县防汛抗旱指挥部…, 县里…). A district named inside a clause (标志着西海岸新区在建…)
 *    or right before a street (西海岸新区珠海街道) does not.
 *  - Named only after the figure: it does for an article about one local affair, but not when the
 *    article speaks of the whole district (全区, 全县…) or the district has already spoken as the
 *    subject of a clause before the figure and the street comes with figures of its own: the figures
 *    before it are the district's (3月27日，新吴区举行…签约项目28个…。会上，梅村街道…总投资15亿元),
 *    while a street named without figures (感谢富春江镇的支持) is where the whole affair took place.
 */
function streetStillTopic(a: PlaceForFigureArgs, info: ArticleInfo): boolean {
  const lastStreet = lastBefore(info.streetMarks, a.figureStart);
  const lastReset = lastBefore(info.districtTurns, a.figureStart);
  if (lastStreet >= 0) return lastStreet > lastReset;
  return !info.districtWide && (lastReset < 0 || !info.streetHasOwnFigures);
}

/** A lead street stays the topic until the district takes the story back after its last mention
 *  (走进稻田镇的产业园…。1—10月，全市蔬菜产量…: 全市 turns to the district). */
function leadStreetStillTopic(a: PlaceForFigureArgs, info: ArticleInfo): boolean {
  const lastStreet = lastBefore(info.streetMarks, a.figureStart);
  const from = Math.max(a.sentence.start, lastStreet + 1);
  for (let k = countBelow(info.districtDeicticStarts, a.figureStart) - 1; k >= 0 && info.districtDeicticStarts[k] >= from; k--) {
    if (info.districtDeicticEnds[k] <= a.figureStart) return false; // 全区 / 全县 between: the district's
  }
  const lastReset = lastBefore(info.districtTurns, a.figureStart);
  return lastReset < 0 || lastStreet > lastReset;
}

/** The last of sorted positions before pos (binary search), or -1. */
function lastBefore(sorted: readonly number[], pos: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] < pos) lo = mid + 1; else hi = mid; }
  return lo > 0 ? sorted[lo - 1] : -1;
}

/** 北京市朝阳区: the city or province written before a district */
const REGION_PREFIX_BEFORE = /(?:[\u4e00-\u9fa5]{1,4}(?:省|市|自治区))+$/u;
/** Clause-initial organs of the district: 区生态环境局, 县防汛抗旱指挥部, 区委, 县里. */
const DISTRICT_ORGAN = /(?:^|[。！？!?；;，,：:\n])(?:区|县)(?!域)(?:委|政府|里|[\u4e00-\u9fa5]{1,8}?(?:局|办|部门|指挥部|中心|委员会))/gu;
const CLAUSE_START = /[。！？!?；;，,：:\n]/u;

/** Positions where the district takes the story back (see streetStillTopic): 全区 / 该县, a clause-initial
 *  district name, a clause-initial organ of the district; in order. */
function districtTurns(a: PlaceForFigureArgs, all: PlaceMentionX[], organs = true): number[] {
  const out: number[] = [];
  const text = a.text;
  if (!text) return out;
  for (let i = 0; i < all.length; i++) {
    const m = all[i];
    if (m.level === 'district' && m.form === 'deictic') { if (organs) out.push(m.start); continue; } // 全区, 该县
    if (m.level !== 'district' || (m.form !== 'full' && m.form !== 'alias')) continue;
    const next = all[i + 1];
    if (next && next.level !== 'district' && next.start === m.end) continue; // 西海岸新区珠海街道
    // clause-initial, allowing a city or province name before it (北京市朝阳区)
    let s = m.start;
    const prefix = REGION_PREFIX_BEFORE.exec(text.slice(Math.max(a.article.start, s - 10), s));
    if (prefix) s -= prefix[0].length;
    if (s <= a.article.start || CLAUSE_START.test(text[s - 1])) out.push(m.start);
  }
  if (!organs) return out.sort((x, y) => x - y); // a lead street yields to the district's name only (and 全区 of its sentence)
  const body = text.slice(a.article.start, a.article.end);
  DISTRICT_ORGAN.lastIndex = 0;
  for (let mm = DISTRICT_ORGAN.exec(body); mm; mm = DISTRICT_ORGAN.exec(body)) out.push(a.article.start + mm.index);
  return out.sort((x, y) => x - y);
}

/** Which rule of placeForFigure gave a figure its place (for measuring each rule's precision). */
export type PlaceRule = 'sentence' | 'carried' | 'paragraph-topic' | 'lead-street' | 'lead-street-yields' | 'only-street'
  | 'lead-district' | 'body-district' | 'source' | 'none';

/**
 * The place of a figure: the most specific place named in its sentence ('stated'), else the place an
 * earlier clause of its paragraph opened with, the topic place of its paragraph or the place of its
 * article's title or lead ('inherited'), else the source's district ('default'). A place of another
 * district named in the sentence counts only in the figure's own clause; 全区 / 我区 / 县里… name the
 * article's district, 全市 the city (the district for a county-level city); short district forms (上城 in
 * 新上城) never make a figure district-level.
 */
export function placeForFigure(a: PlaceForFigureArgs): { place: PlaceRef; provenance: Provenance; rule: PlaceRule } {
  const info = articleInfo(a);
  const sourceDistrict = a.defaultPlace?.district ? upTo(a.defaultPlace, 'district') : null;
  const articleDistrict = info.district;
  const stated = placeInSentence(a, info, sourceDistrict);
  if (stated) return { place: stated, provenance: 'stated', rule: 'sentence' };

  // 1½. the place an earlier sentence of the paragraph opened with
  const realParagraph = a.paragraph.start > a.article.start || a.paragraph.end < a.article.end;
  if (realParagraph) {
    const carried = carriedSubject(a, info);
    if (carried) return { place: { ...carried }, provenance: 'inherited', rule: 'carried' };
  }

  // 2. the topic sentence of the paragraph (when the article has several paragraphs)
  if (realParagraph && a.sentence.start > a.paragraph.start) {
    const p = paragraphTopic(a, info, sourceDistrict);
    if (p && levelOf(p) !== 'district') return { place: { ...p }, provenance: 'inherited', rule: 'paragraph-topic' };
  }

  // 3. the article: its title or lead, its only street, its district
  if (info.lead && levelOf(info.lead) !== 'district') {
    // a lead street speaks for the article when the article is about it; when the body names other streets
    // of the district in full, the lead's is one example of a district-wide story, whose unplaced figures
    // are the district's
    const oneOfSeveral = [...info.fullStreets].some((code) => code !== info.lead!.streetCode);
    if ((leadStreetStillTopic(a, info) && !oneOfSeveral) || !articleDistrict) return { place: { ...info.lead }, provenance: 'inherited', rule: 'lead-street' };
    return { place: { ...articleDistrict }, provenance: 'inherited', rule: 'lead-street-yields' };
  }
  if (info.onlyStreet && streetStillTopic(a, info)) return { place: { ...info.onlyStreet }, provenance: 'inherited', rule: 'only-street' };
  if (articleDistrict && info.districtFrom === 'lead') return { place: { ...articleDistrict }, provenance: 'inherited', rule: 'lead-district' };
  if (!articleDistrict) {
    const d = bodyDistrictBefore(info, a.figureStart);
    if (d) return { place: d, provenance: 'inherited', rule: 'body-district' };
  }

  // 4. the source
  if (a.defaultPlace && levelOf(a.defaultPlace)) return { place: { ...a.defaultPlace }, provenance: 'default', rule: 'source' };
  return { place: { ...EMPTY_PLACE }, provenance: 'default', rule: 'none' };
}

// Scratch lists of the sentence stage, reused from figure to figure (placeForFigure is not re-entrant).
const candMention: PlaceMentionX[] = [];
const candPlace: PlaceRef[] = [];

/**
 * The most specific place named in the figure's sentence, or null. A place of another district counts
 * only in the figure's own clause; 全区 / 我区 name the article's district; short district forms (上城 in
 * 新上城) never make a figure district-level; a place first named in a later clause begins another part
 * of the sentence.
 */
function placeInSentence(a: PlaceForFigureArgs, info: ArticleInfo, sourceDistrict: PlaceRef | null): PlaceRef | null {
  const all = a.mentions as PlaceMentionX[];
  const articleDistrict = info.district;
  const clauseStart = clauseStartAt(a, a.figureStart);
  const clauseEnd = clauseEndAt(a, a.figureStart);
  candMention.length = 0; candPlace.length = 0;
  let earlier = false;
  for (let i = firstMentionFrom(all, a.sentence.start); i < all.length && all[i].start < a.sentence.end; i++) {
    const m = all[i];
    if (m.end > a.sentence.end) continue;
    const k = i - info.firstMention;
    const flags = k >= 0 && k < info.flags.length ? info.flags[k] : 0;
    if (m.form === 'short') {
      // 上城 in 新上城 never makes a figure district-level; 满都户 (大桥) is no street unless the
      // article names 满都户镇 in full, is about it, or the text says 望江地区 / 李集街
      if (m.level === 'district' || !(flags & FLAG_SHORT_OK)) continue;
    }
    const inClause = m.start >= clauseStart && m.end <= clauseEnd;
    if (m.level === 'district') {
      if (m.start > a.figureStart && !inClause) continue; // …566家，…保持大兴区第一
      if (flags & (FLAG_RANKING | FLAG_PREDICATE | FLAG_SENDS_DOWN)) continue;
    }
    if (m.role === 'organiser') continue;
    // A镇和B镇交界处, A街道等5个街道: no one town; the district they share
    // (庄里村、三道港村等9个村: the town they share; A街道等10个街道: the district)
    let p: PlaceRef | null = m.role === 'example' && m.level === 'community' && m.place.street ? upTo(m.place, 'street')
      : m.role === 'border' || m.role === 'example' ? upTo(m.place, 'district') : m.place;
    if (m.form === 'deictic' || m.form === 'organ') {
      if (m.start >= a.figureStart) continue;
      p = m.level === 'district'
        ? (m.city && !countyCity(articleDistrict ?? sourceDistrict) ? CITY
          : articleDistrict ?? bodyDistrictBefore(info, a.figureStart) ?? sourceDistrict ?? (levelOf(m.place) ? m.place : null))
        : k >= 0 && k < info.deicticPlaces.length ? info.deicticPlaces[k] : info.articleStreet;
    } else {
      const d = m.place.districtCode;
      if (d && articleDistrict?.districtCode && d !== articleDistrict.districtCode && !inClause) continue; // another district: only in the figure's clause
    }
    if (!p || (p !== CITY && !levelOf(p))) continue;
    candMention.push(m); candPlace.push(p);
    if (m.start < a.figureStart) earlier = true;
  }
  // a place named before the figure, or in its clause, outranks one named in a later clause
  // (全区今年计划加装电梯200部，…，其中劲松街道完成…): that one begins another part of the sentence
  // A street or community first named in a later clause begins another part of the sentence even when
  // nothing is named before (古城日均接待游客9.8万人次，双廊镇接待…; 调拨折叠床500张…，并向李家镇下拨…)
  let top = 0, pickIndex = -1, atTop = 0;
  for (let k = 0; k < candMention.length; k++) {
    const m = candMention[k];
    if (m.start > a.figureStart && m.end > clauseEnd && (earlier || m.level !== 'district')) continue;
    const rank = rankOf(candPlace[k]);
    if (rank > top) { top = rank; pickIndex = -1; atTop = 0; }
    if (rank < top) continue;
    atTop++;
    // the last of the top rank named before the figure, else the first of the top rank
    if (pickIndex < 0 || m.start < a.figureStart) pickIndex = k;
  }
  if (pickIndex < 0) return null;
  const pickP = candPlace[pickIndex];
  // 钟管镇北代舍村、三墩村、东坝兜村 … 4户: a list of places → their common parent
  if (a.text && top > 1 && atTop > 1) {
    const best: { m: PlaceMentionX; p: PlaceRef }[] = [];
    let pick: { m: PlaceMentionX; p: PlaceRef } | null = null;
    for (let k = 0; k < candMention.length; k++) {
      const m = candMention[k];
      if (m.start > a.figureStart && m.end > clauseEnd && (earlier || m.level !== 'district')) continue;
      if (rankOf(candPlace[k]) !== top) continue;
      const r = { m, p: candPlace[k] };
      if (k === pickIndex) pick = r;
      best.push(r);
    }
    const group = coordinated(a.text, best, pick!);
    if (group.length > 1 && new Set(group.map((r) => keyOf(r.p, levelOf(r.p)!))).size > 1) {
      const up: PlaceLevel = top === 3 ? 'street' : 'district';
      const parents = new Set(group.map((r) => keyOf(r.p, up)));
      if (parents.size === 1) return upTo(pickP, up);
      if (up === 'street' && new Set(group.map((r) => keyOf(r.p, 'district'))).size === 1) return upTo(pickP, 'district');
    }
  }
  return { ...pickP };
}

// not an opening bracket: 景区（保宁街道） says where the noun before it lies, it opens no topic
const CLAUSE_OPENERS = new Set([...'。！？!?；;，,：:\n“「']);
/** what may stand between a clause's start and its subject: 在天宫镇…, 据悉，… is a clause of its own */
const BEFORE_SUBJECT = /^(?:在|于|而|据|从|记者从|其中|同时|此外|另外|目前|如今|当天|随后|今年|去年|近年来?|[上下]半年|(?:今年|去年)?(?:[一二三四1-4]季度|前[二三]季度|[1-9１-９一二三四五六七八九十]{1,2}(?:[—\-－~至到][1-9１-９一二三四五六七八九十]{1,2})?月份?))?$/u;
/** what joins the places of a list (小溪塔街道、龙泉镇、鸦鹊岭镇) */
const LIST_JOIN = new Set([...'、和与及']);

/** The subject marks of an article (see ArticleInfo.subjectMarks). */
function subjects(a: PlaceForFigureArgs, all: PlaceMentionX[], flags: Uint8Array, deicticPlaces: (PlaceRef | null)[],
  districtAt: (pos: number) => PlaceRef | null): { subjectMarks: number[]; subjectPlaces: PlaceRef[] } {
  const subjectMarks: number[] = [], subjectPlaces: PlaceRef[] = [];
  const text = a.text;
  if (!text) return { subjectMarks, subjectPlaces };
  let markEnd = -1; // where the last subject mark's mention ends
  for (let k = 0; k < all.length; k++) {
    const m = all[k];
    if (m.role || flags[k] & (FLAG_RANKING | FLAG_PREDICATE | FLAG_SENDS_DOWN)) continue;
    if (m.form === 'short' && (m.level === 'district' || !(flags[k] & FLAG_SHORT_OK))) continue;
    // a place followed by 的 qualifies a noun (在新会区双水镇的柑园里): a scene, not the subject
    const qualifies = text[m.end] === '的';
    if (m.start === markEnd && m.form !== 'deictic' && m.form !== 'organ' && RANK[m.level] > rankOf(subjectPlaces[subjectPlaces.length - 1])) {
      // 湖滨街道青年路社区…: the subject is the place the chain ends with
      if (!qualifies) subjectPlaces[subjectPlaces.length - 1] = m.place;
      markEnd = m.end;
      continue;
    }
    if (qualifies) continue;
    // the clause start: the last opener within a few characters before the mention
    let i = m.start;
    const limit = Math.max(a.article.start, m.start - 4);
    while (i > limit && !CLAUSE_OPENERS.has(text[i - 1])) i--;
    if (i > a.article.start && !CLAUSE_OPENERS.has(text[i - 1])) continue;
    if (!BEFORE_SUBJECT.test(text.slice(i, m.start))) continue;
    let p: PlaceRef | null = m.place;
    // a list of towns or villages opening a clause (张浦镇、千灯镇、周市镇设分会场) is no one town's
    // subject: their common parent (the district for towns, the town for villages of one town)
    const next = all[k + 1];
    if (next && next.level === m.level && next.form !== 'deictic' && next.form !== 'organ' && next.start === m.end + 1 && LIST_JOIN.has(text[m.end])) {
      let j = k + 1;
      while (all[j + 1] && all[j + 1].level === m.level && all[j + 1].start === all[j].end + 1 && LIST_JOIN.has(text[all[j].end])) j++;
      let same = m.level === 'community';
      for (let q = k + 1; q <= j && same; q++) same = !!m.place.streetCode && all[q].place.streetCode === m.place.streetCode;
      p = same ? upTo(m.place, 'street') : upTo(m.place, 'district');
      subjectMarks.push(m.start); subjectPlaces.push(p); markEnd = all[j].end;
      k = j;
      continue;
    }
    if (m.form === 'deictic' || m.form === 'organ') {
      // the district, even when the article never says which: the topic is no longer a town's
      const district = m.level === 'district' ? districtAt(m.start) : null;
      p = m.level === 'district' ? (m.city && !countyCity(district) ? CITY : district ?? CITY) : deicticPlaces[k];
    }
    if (!p || (p !== CITY && !levelOf(p))) continue;
    subjectMarks.push(m.start); subjectPlaces.push(p); markEnd = m.end;
  }
  return { subjectMarks, subjectPlaces };
}

/**
 * The place of the last clause of an earlier sentence of the paragraph that opens with a place: the topic
 * a paragraph carries on with (…。板桥街道整合…力量，建成…中心。今年以来，中心已调处纠纷265件) until another
 * place or the district (全县…, 县里…) opens a clause.
 */
function carriedSubject(a: PlaceForFigureArgs, info: ArticleInfo): PlaceRef | null {
  const k = countBelow(info.subjectMarks, a.sentence.start) - 1;
  if (k < 0 || info.subjectMarks[k] < a.paragraph.start) return null;
  return info.subjectPlaces[k];
}

/** The place the topic sentence of the figure's paragraph gives (computed once per paragraph). */
function paragraphTopic(a: PlaceForFigureArgs, info: ArticleInfo, sourceDistrict: PlaceRef | null): PlaceRef | null {
  let topic = info.paragraphTopics.get(a.paragraph.start);
  if (!topic) {
    let end = a.paragraph.start + 60;
    if (a.text) {
      // the first sentence, no longer than a sentence may be (segment.ts cuts longer runs)
      const limit = Math.min(a.paragraph.end, a.paragraph.start + MAX_SENTENCE);
      end = limit;
      for (let i = a.paragraph.start; i < limit; i++) if (SENTENCE_END_CHARS.has(a.text[i])) { end = i + 1; break; }
    }
    topic = { end, place: null };
    info.paragraphTopics.set(a.paragraph.start, topic);
    topic.place = topicPlace(a, info, sourceDistrict, end);
  }
  // a figure inside the topic sentence itself sees only what precedes its own sentence
  if (a.sentence.start < topic.end) return topicPlace(a, info, sourceDistrict, a.sentence.start);
  return topic.place;
}

function topicPlace(a: PlaceForFigureArgs, info: ArticleInfo, sourceDistrict: PlaceRef | null, end: number): PlaceRef | null {
  const articleDistrict = info.district;
  const topic = mentionsIn(a.mentions, { start: a.paragraph.start, end })
    .filter((m) => (m.form === 'full' || m.form === 'alias') && m.level !== 'district' && !m.role)
    .filter((m) => !articleDistrict?.districtCode || m.place.districtCode === articleDistrict.districtCode);
  return dominant(topic, sourceDistrict);
}

/** Mentions inside a range (helper for callers holding sorted mentions). */
export function placesIn(mentions: PlaceMention[], r: Range): PlaceMention[] {
  return mentions.filter((m) => within(m, r));
}
