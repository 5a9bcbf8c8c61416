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

const SEP = '\u0000';

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
/** The latest figure of a place within a key: by date (none last), then the larger value, then the later row. */
interface Latest { group: Group; date: string | null; value: number; approximate: boolean }
interface Distribution { d: string; m: string; u: string; figures: number; approximate: number; values: number[] }
interface Place { level: 'district' | 'street' | 'community'; name: string | null; districtCode: string | null; streetCode: string | null; figures: number }

class KeyedRollup {
  readonly groups = new Map<string, Group>();
  readonly latest = new Map<string, Latest>();

  add(f: BuiltFact, measure: Measure, d: string, k: string, place: string, approximate: boolean): void {
    const m = f.effectiveMetric!, u = f.effectiveUnit!;
    const key = `${d}${SEP}${m}${SEP}${u}${SEP}${measure}${SEP}${k}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { d, m, u, measure, k, figures: 0, approximate: 0, total: new Sum(), approximateTotal: new Sum() };
      this.groups.set(key, group);
    }
    group.figures++;
    if (approximate) group.approximate++;
    if (measure === 'flow' || measure === 'plan') {
      group.total.add(f.effectiveValue);
      if (approximate) group.approximateTotal.add(f.effectiveValue);
    } else if (measure === 'level') {
      const at = `${key}${SEP}${place}`;
      const held = this.latest.get(at);
      // figures arrive in the order of their ids: a tie goes to the later one
      if (!held) this.latest.set(at, { group, date: f.date, value: f.effectiveValue, approximate });
      else if (f.date === null ? held.date === null && f.effectiveValue >= held.value
        : held.date === null || f.date > held.date || (f.date === held.date && f.effectiveValue >= held.value)) {
        held.date = f.date; held.value = f.effectiveValue; held.approximate = approximate;
      }
    }
  }

  /** The rows (district, metric, unit, measure, key, figures, approximate, total, approximate total), as cells. */
  cells(): Param[] {
    for (const held of this.latest.values()) {
      held.group.total.add(held.value);
      if (held.approximate) held.group.approximateTotal.add(held.value);
    }
    this.latest.clear();
    const cells: Param[] = [];
    for (const g of this.groups.values()) {
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
  private readonly distributions = new Map<string, Distribution>();
  private readonly places = new Map<string, Place>();

  add(f: BuiltFact): void {
    if (f.reviewStatus === 'rejected') return;
    this.place('district', f.districtCode, f.district, f.districtCode, null);
    this.place('street', f.streetCode, f.street, f.districtCode, null);
    this.place('community', f.communityCode, f.community, f.districtCode, f.streetCode);
    const measure = measureOf({ metric: f.effectiveMetric ?? '', unit: f.effectiveUnit ?? '', cumulative: f.cumulative, role: f.role });
    const d = f.districtCode ?? '';
    const approximate = f.qualifier !== 'exact';
    if (measure === 'distribution') {
      const key = `${d}${SEP}${f.effectiveMetric}${SEP}${f.effectiveUnit}`;
      let dist = this.distributions.get(key);
      if (!dist) this.distributions.set(key, dist = { d, m: f.effectiveMetric!, u: f.effectiveUnit!, figures: 0, approximate: 0, values: [] });
      dist.figures++;
      if (approximate) dist.approximate++;
      dist.values.push(f.effectiveValue);
    }
    if (f.effectiveMetric === null || f.effectiveUnit === null) return;
    const place = f.communityCode ?? f.streetCode ?? f.districtCode ?? '';
    this.periods.add(f, measure, d, f.period ?? '', place, approximate);
    this.streets.add(f, measure, d, f.streetCode ?? '', place, approximate);
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
