// The metric as a function of the facets: a decision TABLE keyed on unit class × object class × action
// class (+ aspect). Rows are read top to bottom and the first that matches decides, so a row naming
// both an object and an action comes before a row naming one of them. `'*'` matches any value, also
// none; `null` matches only a missing facet. A row with `'*'` as action says on purpose that the
// object alone decides (案件 are cases whatever is done to them); where no row matches, the facets
// contradict or say too little and the cue scorer of metrics.ts decides instead.
import { ACTION_CLASSES, ASPECTS, OBJECT_CLASSES, UNIT_CLASSES, type ActionClass, type Aspect, type ObjectClass, type UnitClass } from './facet-classes';

type Pattern<T extends string> = T | readonly T[] | '*' | null;

export interface MetricRow {
  unit: Pattern<UnitClass>;
  object: Pattern<ObjectClass>;
  action: Pattern<ActionClass>;
  aspect?: Pattern<Aspect>;
  metric: string;
  /** how sure the row is when its facets were all found directly (0–1) */
  confidence: number;
}

const r = (
  unit: Pattern<UnitClass>, object: Pattern<ObjectClass>, action: Pattern<ActionClass>, metric: string, confidence: number,
  aspect: Pattern<Aspect> = '*',
): MetricRow => ({ unit, object, action, aspect, metric, confidence });

const RATE_LIKE: UnitClass[] = ['percent', 'percentage_point'];
const BUILT_THINGS: ObjectClass[] = ['floor_space', 'building', 'dwelling', 'facility', 'project'];
const NOT_A_SERVICE: ActionClass[] = ['exist', 'register', 'attract', 'sign', 'achieve', 'share', 'grow', 'produce', 'earn', 'build', 'attend', 'deploy'];
const THINGS_WITHOUT_A_METRIC: ObjectClass[] = ['job', 'document', 'policy', 'vehicle', 'place', 'slot', 'plant', 'produce', 'waste', 'organisation', 'line', 'land', 'economy', 'time'];

export const METRIC_TABLE: readonly MetricRow[] = [
  // ── money: the kind of money names the metric; a verb names it when no money noun does ──
  r('money', 'foreign_capital', '*', 'foreign_investment', 0.95),
  r('money', 'economy', '*', 'other', 0.75),                    // incomes per head, losses, fines, registered capital
  r('money', '*', 'enforce', 'other', 0.75),                    // fines and confiscations are money taken in
  r('money', '*', 'relieve', 'tax_relief', 0.9),
  r('money', 'loan', '*', 'financing', 0.95),
  r('money', 'revenue', '*', 'fiscal_revenue', 0.95),
  r('money', 'value_added', '*', 'gdp', 0.95),
  r('money', 'investment', '*', 'investment', 0.95),
  r('money', 'sales', '*', 'output_value', 0.9),
  r('money', ['project', 'facility'], '*', 'investment', 0.75), // 50亿元产业项目: a project's size is its investment
  r('money', 'funds', 'sign', 'contract_value', 0.85),
  r('money', 'funds', '*', 'funds_allocated', 0.9),
  r('money', 'document', '*', 'contract_value', 0.85),        // 合同金额, 协议金额
  r('money', '*', 'sign', 'contract_value', 0.85),
  r('money', '*', 'invest', 'investment', 0.9),
  r('money', '*', 'finance', 'financing', 0.9),
  r('money', '*', ['distribute', 'raise'], 'funds_allocated', 0.85),
  r('money', '*', ['earn', 'produce'], 'output_value', 0.8),

  // ── area ──
  r('area', 'land', 'demolish', 'land_cleared', 0.8),          // 拆平旧厂房用地860亩: land cleared by demolition
  r('area', '*', 'demolish', 'demolished_area', 0.9),
  r('area', 'site', '*', 'area', 0.9),
  r('area', 'land', 'requisition', 'land_cleared', 0.9),
  r('area', null, 'requisition', 'land_cleared', 0.8),
  r('area', 'land', '*', 'land_area', 0.85),
  r('area', BUILT_THINGS, '*', 'floor_area', 0.85),
  r('area', '*', 'rehabilitate', 'land_area', 0.8),
  r('area', null, ['build', 'complete', 'start', 'repair'], 'floor_area', 0.7),

  // ── length, volume, mass, time ──
  r('length', '*', 'travel', 'other', 0.7),
  r('length', '*', '*', 'infrastructure_length', 0.8),
  r('time', '*', '*', 'duration', 0.9),
  r('mass', 'goods', '*', 'supplies', 0.85),
  r('mass', ['produce', 'waste'], '*', 'other', 0.8),
  r('mass', '*', ['earn', 'produce', 'treat'], 'other', 0.7),
  r('mass', null, ['distribute', 'raise'], 'supplies', 0.75),
  r('volume', '*', '*', 'other', 0.6),

  // ── rates: a rate belongs to the family of what it rates (its compound: 解决率, 满意度, 开工率) ──
  r(RATE_LIKE, 'rate', 'resolve', 'resolution_rate', 0.95),
  r(RATE_LIKE, 'rate', ['rehabilitate', 'demolish'], 'resolution_rate', 0.75),  // 整治率, 违建拆除率: rectification
  r(RATE_LIKE, 'rate', 'satisfy', 'satisfaction_rate', 0.95),
  r(RATE_LIKE, 'rate', ['complete', 'start', 'sign', 'invest', 'achieve'], 'target_completion_rate', 0.9),
  r(RATE_LIKE, 'rate', 'grow', 'growth_rate', 0.9),
  r(RATE_LIKE, 'rate', '*', 'other', 0.75),
  r(RATE_LIKE, 'target', '*', 'target_completion_rate', 0.9),  // 完成全年任务的92%, 序时进度
  r(RATE_LIKE, '*', 'satisfy', 'satisfaction_rate', 0.85),
  r(RATE_LIKE, '*', 'grow', 'growth_rate', 0.85),
  r(RATE_LIKE, 'investment', 'share', 'target_completion_rate', 0.7),  // 完成投资…，占总投资的43.4%
  r(RATE_LIKE, '*', 'share', 'other', 0.8),
  r('percent', 'problem', 'resolve', 'resolution_rate', 0.75), // 隐患100%整改

  // ── counts: problems and cases ──
  r('count', 'problem', 'enforce', 'cases', 0.85),
  r('count', 'problem', ['resolve', 'rehabilitate', 'complete', 'repair'], 'problems_resolved', 0.9),
  r('count', 'problem', '*', 'problems_collected', 0.85),      // counted problems were found or received
  r('count', 'waste', ['treat', 'rehabilitate', 'resolve'], 'problems_resolved', 0.6),  // 清理堆放杂物310处: spots cleared
  r('count', null, 'rehabilitate', 'problems_resolved', 0.55),  // 整治…6800余处
  r('count', 'case', '*', 'cases', 0.9),
  r('count', null, 'enforce', 'cases', 0.75),
  r('count', null, 'resolve', 'problems_resolved', 0.6),        // 办结4790件: what is resolved is problems
  r('count', null, 'collect', 'problems_collected', 0.55),
  r('count', null, 'start', 'projects_started', 0.6),           // 已开工38个，完工21个
  r('count', null, 'complete', 'projects_completed', 0.55),
  r('count', '*', 'travel', 'other', 0.7),                        // 上门跑了120多趟: trips, not what was reached

  // ── enterprises, merchants, organisations ──
  r('count', 'merchant', 'requisition', 'merchants_relocated', 0.9),
  r('count', 'enterprise', ['register', 'build'], 'projects_target', 0.6, 'planned'),  // 力争新增高新技术企业40家
  r('count', 'enterprise', null, 'projects_target', 0.55, 'planned'),
  r('count', 'enterprise', ['sign', 'attract'], 'projects_signed', 0.75),   // 引进企业19家: enterprises brought in are signed investments
  r('count', ['enterprise', 'merchant'], ['visit', 'serve', 'inspect', 'collect', 'train', 'distribute', 'resolve', 'rehabilitate', 'finance', 'relieve', 'raise'], 'enterprises_served', 0.85),
  r('count', ['enterprise', 'merchant'], NOT_A_SERVICE, 'other', 0.75),   // enterprises that exist, register, settle
  r('count', 'enterprise', null, 'other', 0.6),
  r('count', 'organisation', 'deploy', 'staff_deployed', 0.7),

  // ── people ──
  r('count', ['person', 'staff'], 'enforce', 'cases', 0.7),       // 给予党纪政务处分9人
  r('count', ['person', 'staff'], 'train', 'people_served', 0.8),  // those trained are people reached
  r('count', 'person', 'attend', 'participants', 0.85),
  r('count', 'person', 'deploy', 'staff_deployed', 0.75),
  r('count', 'person', 'exist', 'other', 0.65),
  r('count', 'person', '*', 'people_served', 0.85),
  r('count', 'staff', 'attend', 'participants', 0.6),
  r('count', 'staff', 'deploy', 'staff_deployed', 0.95),
  r('count', 'staff', '*', 'staff_deployed', 0.9),

  // ── households ──
  r('count', 'household', 'resettle', 'households_resettled', 0.9),
  r('count', 'household', ['requisition', 'sign'], 'households_relocated', 0.9),
  r('count', 'household', 'exist', 'other', 0.65),
  r('count', 'household', '*', 'households_served', 0.8),

  // ── projects and facilities: the action and aspect say planned, started, done, signed ──
  r('count', ['project', 'facility'], '*', 'projects_target', 0.85, 'planned'),
  r('count', 'project', 'plan', 'projects_target', 0.85),
  r('count', ['project', 'facility'], 'start', 'projects_started', 0.9),
  r('count', 'project', ['complete', 'build'], 'projects_completed', 0.85),
  r('count', 'facility', ['complete', 'build'], 'projects_completed', 0.75),
  r('count', 'project', ['sign', 'attract'], 'projects_signed', 0.9),
  r('count', 'facility', 'inspect', 'inspections', 0.7),
  r('count', 'project', 'register', 'projects', 0.8),          // 新入库, 纳统
  r('count', 'project', '*', 'projects', 0.75),
  r('count', 'facility', '*', 'other', 0.6),

  // ── buildings and dwellings ──
  r('count', 'dwelling', '*', 'housing_units', 0.85),
  r('count', 'building', ['collect', 'inspect'], 'inspections', 0.6),   // 对5个小区进行排查
  r('count', 'building', 'resolve', 'problems_resolved', 0.6),          // 隐患楼栋停用、整改
  r('count', 'building', '*', 'buildings', 0.8),

  // ── activities ──
  r('count', 'event', 'attend', 'participants', 0.6),
  r('count', 'event', '*', 'events_held', 0.85),
  r('count', 'inspection', '*', 'inspections', 0.85),
  r('count', null, ['inspect', 'visit'], 'inspections', 0.65),
  r('count', 'goods', '*', 'supplies', 0.85),
  r('count', 'vehicle', ['distribute', 'raise'], 'supplies', 0.7),  // 调运冲锋舟6艘
  r('count', 'post', '*', 'checkpoints', 0.8),
  r('count', 'target', '*', 'projects_target', 0.6),
  r('count', THINGS_WITHOUT_A_METRIC, '*', 'other', 0.7),
];

export interface TableDecision { metric: string; confidence: number; row: number }

function matches<T extends string>(pattern: Pattern<T> | undefined, value: T | null): boolean {
  if (pattern === undefined || pattern === '*') return true;
  if (pattern === null) return value === null;
  if (value === null) return false;
  return typeof pattern === 'string' ? pattern === value : (pattern as readonly T[]).includes(value);
}

const memo = new Map<number, TableDecision | null>();
const indexOf = <T extends string>(keys: readonly T[]) => new Map<T | null, number>([[null, 0], ...keys.map((key, i): [T, number] => [key, i + 1])]);
const UNIT_INDEX = indexOf(UNIT_CLASSES.map((c) => c.key));
const OBJECT_INDEX = indexOf(OBJECT_CLASSES.map((c) => c.key));
const ACTION_INDEX = indexOf(ACTION_CLASSES.map((c) => c.key));
const ASPECT_INDEX = indexOf(ASPECTS.map((c) => c.key));

/** The first row of the table that the facets match, or null (the facets decide nothing). */
export function lookupMetric(
  unit: UnitClass, object: ObjectClass | null, action: ActionClass | null, aspect: Aspect | null,
  table: readonly MetricRow[] = METRIC_TABLE,
): TableDecision | null {
  if (table !== METRIC_TABLE) return scanTable(table, unit, object, action, aspect);
  // few combinations of facets occur: each is looked up in the table once
  const key = ((UNIT_INDEX.get(unit)! * 64 + OBJECT_INDEX.get(object)!) * 64 + ACTION_INDEX.get(action)!) * 4 + ASPECT_INDEX.get(aspect)!;
  let decision = memo.get(key);
  if (decision === undefined) { decision = scanTable(table, unit, object, action, aspect); memo.set(key, decision); }
  return decision;
}

function scanTable(
  table: readonly MetricRow[], unit: UnitClass, object: ObjectClass | null, action: ActionClass | null, aspect: Aspect | null,
): TableDecision | null {
  for (let row = 0; row < table.length; row++) {
    const t = table[row];
    if (matches(t.unit, unit) && matches(t.object, object) && matches(t.action, action) && matches(t.aspect, aspect)) {
      return { metric: t.metric, confidence: t.confidence, row };
    }
  }
  return null;
}
