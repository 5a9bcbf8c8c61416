// The rollups of a load that fills an empty facts table, aggregated from its figures as they are written
// instead of read back from facts afterwards (db/rollups.ts rebuildRollups reads and sorts every figure three
// times: a third of a million-figure synth). The rows are rebuildRollups' rows — the same keys, counts, names,
// ranges and medians; totals are summed in another order (the engines' sums run in their sort's order), so they
// may differ in the last bits, as the rows refreshRollups keeps do (db/rollups.test.ts compares both ways).
import type { Param, Sql } from './client';
import { insertCells } from './bulk';
import { setRollupRules } from './rollups';
import { aggregationFingerprint, measureOf, type Measure } from '../lib/vocab/metrics';

/** A figure as it is stored: the derived (effective) columns and what places, dates and ranks it. */
export interface BuiltFact {
  districtCode: string | null; streetCode: string | null; communityCode: string | null;
  district: string | null; street: string | null; community: string | null;
  effectiveMetric: string | null; effectiveUnit: string | null; effectiveValue: number;
  period: string | null; date: string | null; qualifier: string; role: string; cumulative: number;
  reviewStatus: string;
}

/**
 * A sum as SQLite's sum() adds reals (Kahan-Babuska-Neumaier): the compensated sum is the rounded exact sum
 * but in rare cases, so the order of the figures hardly matters.
 */
class Sum {
  sum = 0;
  error = 0;
  add(r: number): void {
    const s = this.sum;
    const t = s + r;
    this.error += Math.abs(s) > Math.abs(r) ? (s - t) + r : (r - t) + s;
    this.sum = t;
  }
  get value(): number { return this.sum + this.error; }
}

interface Group { d: string; m: string; u: string; measure: Measure; k: string; figures: number; approximate: number; total: Sum; approximateTotal: Sum }

interface Distribution { d: string; m: string; u: string; figures: number; approximate: number; values: number[] }
interface Place { level: 'district' | 'street' | 'community'; name: string | null; districtCode: string | null; streetCode: string | null; figures: number }

/**
 * Small whole numbers for the strings of one column, so that keys are numbers made of them (a string key per
 * figure cost more than everything else the builder does): below `limit`, so that they pack without overlap.
 */
class Interned {
  private readonly ids = new Map<string, number>();
  constructor(private readonly limit: number) {}
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      if (this.ids.size >= this.limit) throw new Error(`rollups: more than ${this.limit} distinct keys of one kind`);
      this.ids.set(value, id = this.ids.size);
    }
    return id;
  }
}

const MEASURE_IDS: Record<Measure, number> = { flow: 0, level: 1, plan: 2, distribution: 3, count: 4, attribute: 5 };
const WIDE = 2 ** 24;

const growTo = <T extends Float64Array | Int32Array>(array: T, size: number, make: (n: number) => T): T => {
  if (size <= array.length) return array;
  const grown = make(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
};

/**
 * The slot of each (group, place) pair, by open addressing over typed arrays: a Map of half a million number
 * keys holds a heap object per key, which the garbage collector walks again and again while a load runs.
 */
class SlotTable {
  private keys = new Float64Array(1 << 16).fill(-1);
  private slots = new Int32Array(1 << 16);
  size = 0;

  /** The slot of (group, place); a new pair gets the next slot, returned as its complement (~slot, below 0). */
  slotOf(group: number, place: number): number {
    const key = group * WIDE + place;
    const mask = this.keys.length - 1;
    for (let i = (Math.imul(group, 0x9e3779b1) ^ Math.imul(place, 0x85ebca6b)) & mask; ; i = (i + 1) & mask) {
      const held = this.keys[i];
      if (held === key) return this.slots[i];
      if (held === -1) {
        this.keys[i] = key;
        const slot = this.slots[i] = this.size++;
        if (this.size * 2 > this.keys.length) this.grow();
        return ~slot;
      }
    }
  }

  private grow(): void {
    const keys = this.keys, slots = this.slots;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.slots = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === -1) continue;
      const group = Math.floor(keys[j] / WIDE), place = keys[j] - group * WIDE;
      let i = (Math.imul(group, 0x9e3779b1) ^ Math.imul(place, 0x85ebca6b)) & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.slots[i] = slots[j];
    }
  }
}

/** Whether date a comes before b, none before every date (the latest is by date descending, none last). */
const isEarlier = (a: string | null, b: string | null) => (a === null ? b !== null : b !== null && a < b);

class KeyedRollup {
  private readonly groups: Group[] = [];
  /** group index + 1 by head (district, metric, unit, measure) and key id; 0: none yet */
  private readonly groupOf: Int32Array[] = [];
  private readonly keys = new Interned(WIDE);
  // The latest figure of each place within a level's group (by date, none last, then the larger value, then the
  // later row), in columns: slot by (group, place)
  private readonly slotOf = new SlotTable();
  private latestGroup = new Int32Array(1024);
  private readonly latestDate: (string | null)[] = [];
  private latestValue = new Float64Array(1024);
  private latestApproximate = new Int32Array(1024);

  add(head: number, d: string, m: string, u: string, measure: Measure, k: string, place: number, value: number, date: string | null, approximate: boolean): void {
    const keyId = this.keys.id(k);
    let byKey = this.groupOf[head];
    if (byKey === undefined || keyId >= byKey.length) byKey = this.groupOf[head] = growTo(byKey ?? new Int32Array(16), keyId + 1, (n) => new Int32Array(n));
    let g = byKey[keyId] - 1;
    if (g < 0) {
      g = this.groups.length;
      this.groups.push({ d, m, u, measure, k, figures: 0, approximate: 0, total: new Sum(), approximateTotal: new Sum() });
      byKey[keyId] = g + 1;
    }
    const group = this.groups[g];
    group.figures++;
    if (approximate) group.approximate++;
    if (measure === 'flow' || measure === 'plan') {
      group.total.add(value);
      if (approximate) group.approximateTotal.add(value);
    } else if (measure === 'level') {
      let slot = this.slotOf.slotOf(g, place);
      if (slot < 0) {
        slot = ~slot;
        this.latestGroup = growTo(this.latestGroup, slot + 1, (n) => new Int32Array(n));
        this.latestDate.push(date);
        this.latestValue = growTo(this.latestValue, slot + 1, (n) => new Float64Array(n));
        this.latestApproximate = growTo(this.latestApproximate, slot + 1, (n) => new Int32Array(n));
        this.latestGroup[slot] = g;
      } else if (isEarlier(date, this.latestDate[slot]) || (date === this.latestDate[slot] && value < this.latestValue[slot])) {
        // figures arrive in the order of their ids: a tie goes to the later one
        return;
      }
      this.latestDate[slot] = date;
      this.latestValue[slot] = value;
      this.latestApproximate[slot] = approximate ? 1 : 0;
    }
  }

  /** The rows (district, metric, unit, measure, key, figures, approximate, total, approximate total), as cells. */
  cells(): Param[] {
    for (let slot = 0; slot < this.slotOf.size; slot++) {
      const group = this.groups[this.latestGroup[slot]];
      group.total.add(this.latestValue[slot]);
      if (this.latestApproximate[slot]) group.approximateTotal.add(this.latestValue[slot]);
    }
    const cells: Param[] = [];
    for (const g of this.groups) {
      const summed = g.measure === 'flow' || g.measure === 'plan' || g.measure === 'level';
      cells.push(g.d, g.m, g.u, g.measure, g.k, g.figures, g.approximate, summed ? g.total.value : null, summed ? g.approximateTotal.value : null);
    }
    return cells;
  }
}

/**
 * Aggregates figures into the four rollup tables as a load writes them; write() stores the rows. Only for a
 * load into an empty facts table (the rollups then hold its figures alone), with the figures added in the
 * order of their ids.
 */
export class RollupBuilder {
  private readonly periods = new KeyedRollup();
  private readonly streets = new KeyedRollup();
  private readonly distributions = new Map<number, Distribution>();
  private readonly places = new Map<string, Place>();
  private readonly placeIds = new Interned(WIDE);
  private readonly columnIds = [new Interned(4096), new Interned(4096), new Interned(4096)] as const;
  /** a dense id per (district, metric, unit) */
  private readonly triples = new Map<number, number>();

  add(f: BuiltFact): void {
    if (f.reviewStatus === 'rejected') return;
    this.place('district', f.districtCode, f.district, f.districtCode, null);
    this.place('street', f.streetCode, f.street, f.districtCode, null);
    this.place('community', f.communityCode, f.community, f.districtCode, f.streetCode);
    const measure = measureOf({ metric: f.effectiveMetric ?? '', unit: f.effectiveUnit ?? '', cumulative: f.cumulative, role: f.role });
    const d = f.districtCode ?? '';
    const approximate = f.qualifier !== 'exact';
    const [ds, ms, us] = this.columnIds;
    const packed = (ds.id(d) * 4096 + ms.id(f.effectiveMetric ?? '')) * 4096 + us.id(f.effectiveUnit ?? '');
    let columns = this.triples.get(packed);
    if (columns === undefined) this.triples.set(packed, columns = this.triples.size);
    if (measure === 'distribution') {
      let dist = this.distributions.get(columns);
      if (!dist) this.distributions.set(columns, dist = { d, m: f.effectiveMetric!, u: f.effectiveUnit!, figures: 0, approximate: 0, values: [] });
      dist.figures++;
      if (approximate) dist.approximate++;
      dist.values.push(f.effectiveValue);
    }
    if (f.effectiveMetric === null || f.effectiveUnit === null) return;
    const place = this.placeIds.id(f.communityCode ?? f.streetCode ?? f.districtCode ?? '');
    const m = f.effectiveMetric, u = f.effectiveUnit;
    const head = columns * 8 + MEASURE_IDS[measure];
    this.periods.add(head, d, m, u, measure, f.period ?? '', place, f.effectiveValue, f.date, approximate);
    this.streets.add(head, d, m, u, measure, f.streetCode ?? '', place, f.effectiveValue, f.date, approximate);
  }

  private place(level: Place['level'], code: string | null, name: string | null, districtCode: string | null, streetCode: string | null): void {
    if (code === null) return;
    const held = this.places.get(code);
    if (!held) { this.places.set(code, { level, name, districtCode, streetCode, figures: 1 }); return; }
    held.figures++;
    // rebuildRollups takes the least of each (SQLite compares UTF-8 bytes; for the BMP characters names hold, as JS does)
    if (name !== null && (held.name === null || name < held.name)) held.name = name;
    if (level !== 'district' && districtCode !== null && (held.districtCode === null || districtCode < held.districtCode)) held.districtCode = districtCode;
    if (level === 'community' && streetCode !== null && (held.streetCode === null || streetCode < held.streetCode)) held.streetCode = streetCode;
  }

  /** Replaces every rollup row with what was added, and marks the rollups current; inside the load's transaction. */
  async write(tx: Sql): Promise<void> {
    for (const table of ['rollup_periods', 'rollup_streets', 'rollup_distributions', 'rollup_places']) await tx.run(`DELETE FROM ${table}`);
    await insertCells(tx, 'rollup_periods', ['district_code', 'metric', 'unit', 'measure', 'period', 'figures', 'approximate', 'total', 'approximate_total'], this.periods.cells());
    await insertCells(tx, 'rollup_streets', ['district_code', 'metric', 'unit', 'measure', 'street_code', 'figures', 'approximate', 'total', 'approximate_total'], this.streets.cells());
    const distributions: Param[] = [];
    for (const dist of this.distributions.values()) {
      const values = Float64Array.from(dist.values).sort();
      const n = values.length;
      // the middle one, or the mean of the middle two (rows (n + 1) / 2 and (n + 2) / 2, counted from 1)
      const a = values[Math.floor((n + 1) / 2) - 1], b = values[Math.floor((n + 2) / 2) - 1];
      distributions.push(dist.d, dist.m, dist.u, dist.figures, dist.approximate, values[0], values[n - 1], a === b ? a : (a + b) / 2);
    }
    await insertCells(tx, 'rollup_distributions', ['district_code', 'metric', 'unit', 'figures', 'approximate', 'low', 'high', 'median'], distributions);
    const places: Param[] = [];
    for (const [code, p] of this.places) {
      places.push(code, p.level, p.name, p.level === 'district' ? code : p.districtCode, p.level === 'community' ? p.streetCode : null, p.figures);
    }
    await insertCells(tx, 'rollup_places', ['code', 'level', 'name', 'district_code', 'street_code', 'figures'], places);
    await setRollupRules(tx, aggregationFingerprint());
  }
}
