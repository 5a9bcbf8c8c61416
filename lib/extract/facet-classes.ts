// The vocabularies of a figure's facets, as data with labels, so the app can list and filter by them.
// A figure's metric is derived from these facets (lib/extract/metric-table.ts): WHAT is counted
// (object class), WHAT WAS DONE to it (action class), in WHICH unit (unit class, measure class for
// counts) and WHEN relative to the report (aspect). Keys are stable snake_case ASCII; zh/en are labels.

export interface FacetClass<K extends string = string> { key: K; zh: string; en: string }

const defineClasses = <const T extends readonly FacetClass[]>(classes: T) => classes;

export const OBJECT_CLASSES = defineClasses([
  { key: 'problem', zh: '问题诉求', en: 'Problems and complaints' },
  { key: 'case', zh: '案件', en: 'Cases' },
  { key: 'enterprise', zh: '企业', en: 'Enterprises' },
  { key: 'merchant', zh: '商户摊位', en: 'Shops and stalls' },
  { key: 'organisation', zh: '单位组织', en: 'Organisations and units' },
  { key: 'person', zh: '群众人员', en: 'People' },
  { key: 'staff', zh: '干部队伍', en: 'Staff and teams' },
  { key: 'household', zh: '住户家庭', en: 'Households' },
  { key: 'project', zh: '项目工程', en: 'Projects' },
  { key: 'facility', zh: '设施场所', en: 'Facilities' },
  { key: 'building', zh: '楼栋房屋', en: 'Buildings' },
  { key: 'dwelling', zh: '住房', en: 'Dwellings' },
  { key: 'land', zh: '土地', en: 'Land' },
  { key: 'floor_space', zh: '建筑面积', en: 'Floor space' },
  { key: 'site', zh: '占地与辖区', en: 'Sites and territory' },
  { key: 'line', zh: '道路管线', en: 'Roads, pipes and lines' },
  { key: 'investment', zh: '投资', en: 'Investment' },
  { key: 'funds', zh: '资金补助', en: 'Funds, grants and payments' },
  { key: 'loan', zh: '贷款融资', en: 'Loans and financing' },
  { key: 'revenue', zh: '财政税收', en: 'Public revenue' },
  { key: 'sales', zh: '产值营收', en: 'Output, sales and turnover' },
  { key: 'value_added', zh: '增加值', en: 'GDP and value added' },
  { key: 'foreign_capital', zh: '外资', en: 'Foreign capital' },
  { key: 'goods', zh: '物资', en: 'Goods and supplies' },
  { key: 'produce', zh: '农产品', en: 'Farm produce' },
  { key: 'event', zh: '活动会议', en: 'Events and meetings' },
  { key: 'inspection', zh: '检查巡查', en: 'Inspections' },
  { key: 'post', zh: '卡口点位', en: 'Checkpoints and posts' },
  { key: 'waste', zh: '垃圾废弃物', en: 'Waste' },
  { key: 'document', zh: '文书清单', en: 'Documents, lists and records' },
  { key: 'policy', zh: '政策措施', en: 'Policies and measures' },
  { key: 'vehicle', zh: '车辆设备', en: 'Vehicles and equipment' },
  { key: 'place', zh: '村社网格', en: 'Places and administrative units' },
  { key: 'slot', zh: '学位床位', en: 'Places, beds and spaces' },
  { key: 'job', zh: '就业岗位', en: 'Jobs' },
  { key: 'plant', zh: '树木苗木', en: 'Trees and plants' },
  { key: 'target', zh: '目标任务', en: 'Targets and tasks' },
  { key: 'rate', zh: '比率', en: 'Rates and shares' },
  { key: 'economy', zh: '经济指标', en: 'Economic indicators' },
  { key: 'time', zh: '时间', en: 'Time' },
]);
export type ObjectClass = (typeof OBJECT_CLASSES)[number]['key'];

export const ACTION_CLASSES = defineClasses([
  { key: 'collect', zh: '收集受理', en: 'Collect, receive, find' },
  { key: 'resolve', zh: '解决办结', en: 'Resolve, rectify, answer' },
  { key: 'visit', zh: '走访', en: 'Visit' },
  { key: 'serve', zh: '服务帮扶', en: 'Serve, help, benefit' },
  { key: 'inspect', zh: '检查巡查', en: 'Inspect, patrol' },
  { key: 'enforce', zh: '查处执法', en: 'Enforce, prosecute' },
  { key: 'start', zh: '开工', en: 'Start' },
  { key: 'complete', zh: '完成建成', en: 'Complete, put into use' },
  { key: 'build', zh: '建设改造', en: 'Build, renovate, install' },
  { key: 'repair', zh: '维修维护', en: 'Repair, maintain' },
  { key: 'demolish', zh: '拆除', en: 'Demolish' },
  { key: 'requisition', zh: '征收腾退', en: 'Requisition, vacate, relocate' },
  { key: 'resettle', zh: '安置入住', en: 'Resettle' },
  { key: 'rehabilitate', zh: '整治复垦', en: 'Rehabilitate, green, farm' },
  { key: 'sign', zh: '签约', en: 'Sign' },
  { key: 'attract', zh: '招引', en: 'Attract, bring in' },
  { key: 'plan', zh: '谋划储备', en: 'Plan, prepare' },
  { key: 'invest', zh: '投资', en: 'Invest' },
  { key: 'distribute', zh: '发放拨付', en: 'Pay out, hand out' },
  { key: 'raise', zh: '筹集', en: 'Raise, collect funds or goods' },
  { key: 'finance', zh: '融资贷款', en: 'Finance, lend' },
  { key: 'earn', zh: '实现营收', en: 'Sell, trade, earn' },
  { key: 'relieve', zh: '减免', en: 'Cut taxes and fees' },
  { key: 'hold', zh: '举办', en: 'Hold (events)' },
  { key: 'deploy', zh: '派出组建', en: 'Deploy, set up teams' },
  { key: 'attend', zh: '参加', en: 'Attend' },
  { key: 'train', zh: '培训', en: 'Train' },
  { key: 'employ', zh: '就业', en: 'Employ' },
  { key: 'set_up', zh: '设置', en: 'Set up (posts)' },
  { key: 'guard', zh: '值守', en: 'Guard, man' },
  { key: 'treat', zh: '清运处理', en: 'Clear, treat (waste)' },
  { key: 'produce', zh: '生产', en: 'Produce, grow' },
  { key: 'grow', zh: '增减', en: 'Rise or fall' },
  { key: 'share', zh: '占比', en: 'Account for, reach a share' },
  { key: 'exist', zh: '现有', en: 'Have, exist (a stock)' },
  { key: 'register', zh: '注册登记', en: 'Register, settle' },
  { key: 'travel', zh: '奔走行驶', en: 'Travel' },
  { key: 'satisfy', zh: '满意', en: 'Satisfy' },
  { key: 'achieve', zh: '实现达到', en: 'Achieve, reach (generic)' },
]);
export type ActionClass = (typeof ACTION_CLASSES)[number]['key'];

export const UNIT_CLASSES = defineClasses([
  { key: 'money', zh: '金额', en: 'Money' },
  { key: 'area', zh: '面积', en: 'Area' },
  { key: 'length', zh: '长度', en: 'Length' },
  { key: 'mass', zh: '重量', en: 'Mass' },
  { key: 'volume', zh: '体积', en: 'Volume' },
  { key: 'percent', zh: '百分比', en: 'Percent' },
  { key: 'percentage_point', zh: '百分点', en: 'Percentage points' },
  { key: 'time', zh: '时长', en: 'Time' },
  { key: 'count', zh: '数量', en: 'Count' },
]);
export type UnitClass = (typeof UNIT_CLASSES)[number]['key'];

export const MEASURE_CLASSES = defineClasses([
  { key: 'person', zh: '人（人、名、位）', en: 'Persons' },
  { key: 'household', zh: '户', en: 'Households' },
  { key: 'entity', zh: '家', en: 'Entities' },
  { key: 'visit', zh: '次（次、人次、家次、趟）', en: 'Visits and times' },
  { key: 'building', zh: '栋、幢、座', en: 'Buildings' },
  { key: 'dwelling', zh: '套、间', en: 'Dwellings' },
  { key: 'document', zh: '张、份、篇', en: 'Documents' },
  { key: 'event', zh: '场、期、届', en: 'Events' },
  { key: 'team', zh: '支、组、队', en: 'Teams' },
  { key: 'vehicle', zh: '辆、台、艘', en: 'Vehicles and machines' },
  { key: 'goods', zh: '只、箱、袋', en: 'Goods' },
  { key: 'plant', zh: '株、棵', en: 'Plants' },
  { key: 'institution', zh: '所', en: 'Institutions' },
  { key: 'incident', zh: '起、宗', en: 'Incidents' },
  { key: 'batch', zh: '批、批次', en: 'Batches' },
  { key: 'generic', zh: '个、项、件、条、处', en: 'Generic' },
]);
export type MeasureClass = (typeof MEASURE_CLASSES)[number]['key'];

export const ASPECTS = defineClasses([
  { key: 'planned', zh: '计划', en: 'Planned' },
  { key: 'ongoing', zh: '进行中', en: 'Ongoing' },
  { key: 'done', zh: '已完成', en: 'Done' },
]);
export type Aspect = (typeof ASPECTS)[number]['key'];

export const FIGURE_ROLES = defineClasses([
  { key: 'measured', zh: '实测', en: 'Measured quantity' },
  { key: 'attribute', zh: '类别属性', en: 'Attribute of a category (size class, threshold)' },
  { key: 'plan', zh: '计划目标', en: 'Plan or target' },
  { key: 'stock', zh: '存量', en: 'Existing stock' },
]);
export type FigureRole = (typeof FIGURE_ROLES)[number]['key'];

/** The facets of one figure, as stored and printed (snake_case keys; null where unknown). */
export interface Facets {
  object: string | null;
  object_class: ObjectClass | null;
  action: string | null;
  action_class: ActionClass | null;
  aspect: Aspect | null;
  unit_class: UnitClass;
  measure_class: MeasureClass | null;
}
