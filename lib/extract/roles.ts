// A figure's role (issue 17 §1) and whether it is a running total (§2), read from the same phrase
// structure as its facets (facets.ts). The rules:
//  - attribute: the figure sits inside a noun phrase as a size class or threshold of what the phrase
//    names — an amount right before a noun of things (50亿元产业项目), or any figure with 以上/以下
//    before a noun (5000平方米以上楼宇, 年产值2000万元以上企业, 职工300人以上的企业). A count right before
//    its own noun is what is counted (惠及16万户居民, 建成30个以上示范村), not an attribute.
//  - plan: the figure is planned (aspect, a planning verb) or counts a target (任务数15个).
//  - stock: the verb only says it exists (辖区有住户3200户, 现有企业120家).
//  - measured: everything else.
// Running totals: 累计 and 截至 govern every figure after them in their sentence, across commas, until a
// clause that opens its own period (本月, 当天, 同比) without them; rates and durations are no totals.
import { focus, type ArticleContext } from './context';
import type { FigureRole, ObjectClass } from './facet-classes';
import type { FacetFinding } from './facets';
import { PUNCT, P_COMMA, P_SENTENCE, QUOTE, RUNNING_TOTAL, TIME } from './words';

/** Things with a size: an amount or threshold right before them classifies them. */
const THINGS: ReadonlySet<ObjectClass> = new Set<ObjectClass>([
  'project', 'enterprise', 'merchant', 'building', 'facility', 'dwelling', 'household', 'organisation', 'place', 'person', 'land', 'event',
]);
const OBJECT_OF_COUNT_MEASURE: Record<string, ObjectClass> = { person: 'person', household: 'household', entity: 'enterprise', building: 'building', dwelling: 'dwelling' };

const PER_UNIT_BEFORE = /每(?:人|户|名|家|亩|平方米|平米|月|年|天|次|个)[^，。；、,;]{0,5}$/;

export function findRole(ctx: ArticleContext, i: number, finding: FacetFinding): FigureRole {
  const figure = ctx.figures[i];
  const { threshold } = finding;
  const thing = finding.phraseAfterClass !== null && THINGS.has(finding.phraseAfterClass);
  // 每户最高5万元, 按每人1000元的标准: an amount per person, household or area is a standard, not a total
  if (finding.unit_class === 'money' && PER_UNIT_BEFORE.test(ctx.text.slice(Math.max(0, figure.start - 8), figure.start))) return 'attribute';
  switch (finding.unit_class) {
    case 'money':
      // 50亿元产业项目; 单笔50万元以下的贷款: a bound of any noun after it
      if ((thing && !finding.followedByDe) || (threshold && finding.phraseAfter)) return 'attribute';
      break;
    case 'area':
    case 'length':
      if (thing && threshold) return 'attribute';
      break;
    case 'count': {
      const own = finding.measure_class ? OBJECT_OF_COUNT_MEASURE[finding.measure_class] : undefined;
      if (thing && threshold && own && own !== finding.phraseAfterClass) return 'attribute';
      break;
    }
    default:
      break;
  }
  const rate = finding.unit_class === 'percent' || finding.unit_class === 'percentage_point';
  if (finding.aspect === 'planned' || finding.action_class === 'plan' || (finding.object_class === 'target' && !rate)) return 'plan';
  if (finding.action_class === 'exist') return 'stock';
  return 'measured';
}

/** Whether 累计/截至 governs the figure (see the header). */
export function isRunningTotal(ctx: ArticleContext, i: number, finding: FacetFinding): boolean {
  if (finding.unit_class === 'percent' || finding.unit_class === 'percentage_point' || finding.unit_class === 'time') return false;
  const { tokens } = ctx;
  const t = focus(ctx, i);
  if (t < 0) return false;
  let clauseHasPeriod = false;
  for (let k = t - 1; k >= tokens.lo; k--) {
    const f = tokens.flags[k];
    if (f & QUOTE) continue;
    if (f & PUNCT) {
      const strength = tokens.objectClass[k];
      if (strength >= P_SENTENCE) return false;
      if (strength >= P_COMMA) { if (clauseHasPeriod) return false; clauseHasPeriod = false; }
      continue;
    }
    if (f & RUNNING_TOTAL) return true;
    if (f & TIME) clauseHasPeriod = true;
  }
  return false;
}
