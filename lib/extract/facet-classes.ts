// The vocabularies of a figure's facets, as data with labels, so the app can list and filter by them.
// A figure's metric is derived from these facets (lib/extract/metric-table.ts): WHAT is counted
// (object class), WHAT WAS DONE to it (action class), in WHICH unit (unit class, measure class for
// counts) and WHEN relative to the report (aspect). Keys are stable snake_case ASCII; zh/en are labels.

export interface FacetClass<K extends string = string> { key: K; zh: string; en: string }

type Labels = Record<string, readonly [zh: string, en: string]>;
type ClassList<T extends Labels> = ReadonlyArray<{ [K in keyof T & string]: FacetClass<K> }[keyof T & string]>;

/** A vocabulary written as `key: [zh, en]` (each key once, its two labels beside it): its classes in the order written. */
function defineClasses<const T extends Labels>(labels: T): ClassList<T> {
  return Object.entries(labels).map(([key, [zh, en]]) => ({ key, zh, en })) as ClassList<T>;
}

export const OBJECT_CLASSES = defineClasses({
  problem: ['问题诉求', 'Problems and complaints'],
  case: ['案件', 'Cases'],
  enterprise: ['企业', 'Enterprises'],
  merchant: ['商户摊位', 'Shops and stalls'],
  organisation: ['单位组织', 'Organisations and units'],
  person: ['群众人员', 'People'],
  staff: ['干部队伍', 'Staff and teams'],
  household: ['住户家庭', 'Households'],
  project: ['项目工程', 'Projects'],
  facility: ['设施场所', 'Facilities'],
  building: ['楼栋房屋', 'Buildings'],
  dwelling: ['住房', 'Dwellings'],
  land: ['土地', 'Land'],
  floor_space: ['建筑面积', 'Floor space'],
  site: ['占地与辖区', 'Sites and territory'],
  line: ['道路管线', 'Roads, pipes and lines'],
  investment: ['投资', 'Investment'],
  funds: ['资金补助', 'Funds, grants and payments'],
  loan: ['贷款融资', 'Loans and financing'],
  revenue: ['财政税收', 'Public revenue'],
  sales: ['产值营收', 'Output, sales and turnover'],
  value_added: ['增加值', 'GDP and value added'],
  foreign_capital: ['外资', 'Foreign capital'],
  goods: ['物资', 'Goods and supplies'],
  produce: ['农产品', 'Farm produce'],
  event: ['活动会议', 'Events and meetings'],
  inspection: ['检查巡查', 'Inspections'],
  post: ['卡口点位', 'Checkpoints and posts'],
  waste: ['垃圾废弃物', 'Waste'],
  document: ['文书清单', 'Documents, lists and records'],
  policy: ['政策措施', 'Policies and measures'],
  vehicle: ['车辆设备', 'Vehicles and equipment'],
  place: ['村社网格', 'Places and administrative units'],
  slot: ['学位床位', 'Places, beds and spaces'],
  job: ['就业岗位', 'Jobs'],
  plant: ['树木苗木', 'Trees and plants'],
  target: ['目标任务', 'Targets and tasks'],
  rate: ['比率', 'Rates and shares'],
  economy: ['经济指标', 'Economic indicators'],
  time: ['时间', 'Time'],
});
export type ObjectClass = (typeof OBJECT_CLASSES)[number]['key'];

export const ACTION_CLASSES = defineClasses({
  collect: ['收集受理', 'Collect, receive, find'],
  resolve: ['解决办结', 'Resolve, rectify, answer'],
  visit: ['走访', 'Visit'],
  serve: ['服务帮扶', 'Serve, help, benefit'],
  inspect: ['检查巡查', 'Inspect, patrol'],
  enforce: ['查处执法', 'Enforce, prosecute'],
  start: ['开工', 'Start'],
  complete: ['完成建成', 'Complete, put into use'],
  build: ['建设改造', 'Build, renovate, install'],
  repair: ['维修维护', 'Repair, maintain'],
  demolish: ['拆除', 'Demolish'],
  requisition: ['征收腾退', 'Requisition, vacate, relocate'],
  resettle: ['安置入住', 'Resettle'],
  rehabilitate: ['整治复垦', 'Rehabilitate, green, farm'],
  sign: ['签约', 'Sign'],
  attract: ['招引', 'Attract, bring in'],
  plan: ['谋划储备', 'Plan, prepare'],
  invest: ['投资', 'Invest'],
  distribute: ['发放拨付', 'Pay out, hand out'],
  raise: ['筹集', 'Raise, collect funds or goods'],
  finance: ['融资贷款', 'Finance, lend'],
  earn: ['实现营收', 'Sell, trade, earn'],
  relieve: ['减免', 'Cut taxes and fees'],
  hold: ['举办', 'Hold (events)'],
  deploy: ['派出组建', 'Deploy, set up teams'],
  attend: ['参加', 'Attend'],
  train: ['培训', 'Train'],
  employ: ['就业', 'Employ'],
  set_up: ['设置', 'Set up (posts)'],
  guard: ['值守', 'Guard, man'],
  treat: ['清运处理', 'Clear, treat (waste)'],
  produce: ['生产', 'Produce, grow'],
  grow: ['增减', 'Rise or fall'],
  share: ['占比', 'Account for, reach a share'],
  exist: ['现有', 'Have, exist (a stock)'],
  register: ['注册登记', 'Register, settle'],
  travel: ['奔走行驶', 'Travel'],
  satisfy: ['满意', 'Satisfy'],
  achieve: ['实现达到', 'Achieve, reach (generic)'],
});
export type ActionClass = (typeof ACTION_CLASSES)[number]['key'];

export const UNIT_CLASSES = defineClasses({
  money: ['金额', 'Money'],
  area: ['面积', 'Area'],
  length: ['长度', 'Length'],
  mass: ['重量', 'Mass'],
  volume: ['体积', 'Volume'],
  percent: ['百分比', 'Percent'],
  percentage_point: ['百分点', 'Percentage points'],
  time: ['时长', 'Time'],
  count: ['数量', 'Count'],
});
export type UnitClass = (typeof UNIT_CLASSES)[number]['key'];

export const MEASURE_CLASSES = defineClasses({
  person: ['人（人、名、位）', 'Persons'],
  household: ['户', 'Households'],
  entity: ['家', 'Entities'],
  visit: ['次（次、人次、家次、趟）', 'Visits and times'],
  building: ['栋、幢、座', 'Buildings'],
  dwelling: ['套、间', 'Dwellings'],
  document: ['张、份、篇', 'Documents'],
  event: ['场、期、届', 'Events'],
  team: ['支、组、队', 'Teams'],
  vehicle: ['辆、台、艘', 'Vehicles and machines'],
  goods: ['只、箱、袋', 'Goods'],
  plant: ['株、棵', 'Plants'],
  institution: ['所', 'Institutions'],
  incident: ['起、宗', 'Incidents'],
  batch: ['批、批次', 'Batches'],
  generic: ['个、项、件、条、处', 'Generic'],
});
export type MeasureClass = (typeof MEASURE_CLASSES)[number]['key'];

export const ASPECTS = defineClasses({
  planned: ['计划', 'Planned'],
  ongoing: ['进行中', 'Ongoing'],
  done: ['已完成', 'Done'],
});
export type Aspect = (typeof ASPECTS)[number]['key'];

export const FIGURE_ROLES = defineClasses({
  measured: ['实测', 'Measured quantity'],
  attribute: ['类别属性', 'Attribute of a category (size class, threshold)'],
  plan: ['计划目标', 'Plan or target'],
  stock: ['存量', 'Existing stock'],
});
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
