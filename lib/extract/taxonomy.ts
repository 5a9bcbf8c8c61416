// The metric taxonomy as data: what a civic figure can measure, and the words that say so.
// Keys are those of ../shared/gold/README.md. A deployment may extend or amend it with a JSON
// file named by FIGURES_TAXONOMY (same shape, validated below) without touching the code.
//
// The metric of a figure is derived first from its facets (facets.ts, metric-table.ts); these cue lists
// are the fallback (the cue scorer of metrics.ts) and the way a deployment adds metrics of its own.
// How the cue lists are read (see metrics.ts): a figure's clause is scanned for cue words;
// nouns name WHAT is counted (问题, 企业, 耕地), verbs name WHAT WAS DONE to it (收集 vs 解决),
// measures are unit words written right after the number (户, 栋, 场次), rates are words that
// make a percentage mean something (解决率, 同比增长). A noun shared by a family of metrics
// (问题 for both problems_collected and problems_resolved) is listed in each of them so that
// the verb decides between them; a noun listed in one metric alone decides by itself.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UNITS, type Unit } from './types';

export interface MetricGroup { key: string; zh: string; en: string }

export interface MetricCues {
  verbs: string[];
  nouns: string[];
  /** unit words as written after the number (户, 栋, 场次); only count-like figures carry them */
  measures?: string[];
  /** words that give a percentage its meaning; consulted for percent figures only */
  rates?: string[];
}

export interface MetricDefinition {
  key: string;
  zh: string;
  en: string;
  group: MetricGroup;
  /** units a figure of this metric can have; empty means any unit */
  units: Unit[];
  cues: MetricCues;
  /** when no cue in the clause decides, a figure in one of these units gets this metric */
  fallbackUnits?: Unit[];
  /** multiplies the metric's score (default 1); the catch-all is damped so its cues only block weak guesses */
  weight?: number;
  /** a figure written with a measure word gets this metric only when the word is one of its measures
   *  (households are counted in 户: 集中安置860人 counts people, not households) */
  measuresOnly?: boolean;
}

const MONEY: Unit[] = ['CNY', 'USD', 'HKD', 'EUR'];
const SURFACE: Unit[] = ['m2', 'mu', 'ha', 'km2'];
const PERCENT: Unit[] = ['percent', 'percentage_point'];
const TIME: Unit[] = ['hour', 'day', 'month', 'year'];

const G = {
  money: { key: 'money', zh: '资金与投资', en: 'Money and investment' },
  economy: { key: 'economy', zh: '经济运行', en: 'Economy' },
  land: { key: 'land', zh: '土地与空间', en: 'Land and space' },
  housing: { key: 'housing', zh: '住房与安置', en: 'Housing and resettlement' },
  people: { key: 'people', zh: '人员', en: 'People' },
  enterprises: { key: 'enterprises', zh: '企业与商户', en: 'Enterprises and merchants' },
  projects: { key: 'projects', zh: '项目', en: 'Projects' },
  governance: { key: 'governance', zh: '问题与治理', en: 'Problems and governance' },
  rates: { key: 'rates', zh: '比率', en: 'Rates' },
  activities: { key: 'activities', zh: '活动与保障', en: 'Activities and supplies' },
  other: { key: 'other', zh: '其他', en: 'Other' },
} satisfies Record<string, MetricGroup>;

// Family nouns, shared on purpose (see the header comment).
// Service facilities built under a program (服务站点, 社区食堂) are counted like projects: the verb says
// whether they are planned, started or done, and the long noun keeps 服务 from reading them as people served.
// (Schools are left out: 新改扩建中小学23所 is annotated as buildings.)
const FACILITY_NOUNS = ['服务站点', '服务站', '服务中心', '指导中心', '综合服务中心', '活动中心', '食堂', '社区食堂', '老年食堂', '助餐点',
  '卫生院', '卫生室', '养老院', '敬老院', '文化礼堂', '党群服务中心'];
const PROJECT_NOUNS = ['项目', '重大项目', '重点项目', '产业项目', '工程', '重点工程', '亿元项目', '固投项目', '子项目', '电梯', '加装电梯', ...FACILITY_NOUNS];
const PROBLEM_NOUNS = [
  '问题', '诉求', '群众诉求', '工单', '隐患', '安全隐患', '矛盾', '纠纷', '矛盾纠纷', '投诉', '举报',
  '意见建议', '意见', '建议', '线索', '难题', '难点', '堵点', '疑难杂症', '信访', '来电', '风险点', '事件', '网格事件',
];
const HOUSEHOLD_NOUNS = ['居民', '住户', '家庭', '农户', '村民', '群众'];
const DISPLACED_HOUSEHOLD_NOUNS = ['征迁户', '被征迁户', '拆迁户', '动迁户', '被征收户', '搬迁户'];
const ENTERPRISE_NOUNS = ['企业', '民营企业', '规上企业', '中小企业', '小微企业', '市场主体', '个体工商户', '工商户', '外资企业',
  '经营主体', '机构', '医疗机构', '医药机构', '定点医药机构', '商家', '商户'];
const BUILDING_NOUNS = ['建筑', '房屋', '厂房', '住房', '楼房', '用房'];
const LAND_NOUNS = ['土地', '地块', '用地'];

/** Order matters only to break exact ties: the more specific metric of a family comes first. */
export const BUILTIN_TAXONOMY: MetricDefinition[] = [
  // ── money ───────────────────────────────────────────────────────────────
  {
    key: 'foreign_investment', zh: '利用外资', en: 'Foreign investment', group: G.money, units: MONEY,
    cues: {
      nouns: ['外资', '实际利用外资', '实际使用外资', '利用外资', '到位外资', '外资实际到位', '合同外资', '外商投资', '外商直接投资', '外资到位'],
      verbs: [],
    },
  },
  {
    key: 'investment', zh: '投资', en: 'Investment', group: G.money, units: MONEY,
    cues: {
      // 项目 after an amount is a project of that size (“50亿元产业项目”), i.e. its investment.
      nouns: ['总投资', '投资总额', '投资额', '投资金额', '固定资产投资', '固投', '投资规模', '工程投资', '项目投资', '社会投资', '项目', '产业项目', '工业项目',
        '到位资金', '招商引资', '引资', '内资', '到位内资'],
      verbs: ['投资', '投入', '完成投资', '计划投资', '拟投资', '累计投资', '预计投资', '撬动'],
    },
  },
  {
    key: 'contract_value', zh: '签约金额', en: 'Contract value', group: G.money, units: MONEY,
    cues: {
      nouns: ['签约金额', '签约额', '涉及金额', '合同金额', '合同额', '合同成交额', '协议金额', '意向金额', '签约总额', '合同'],
      verbs: ['签约', '签订', '签署', '云签约', '达成'],
    },
  },
  {
    key: 'financing', zh: '融资', en: 'Financing', group: G.money, units: MONEY,
    cues: {
      nouns: ['融资', '贷款', '授信', '信贷', '担保贷款', '创业担保贷款', '信用贷款', '贴息贷款', '融资额', '贷款额', '续贷', '放款', '转贷', '过桥资金'],
      verbs: ['放贷', '融资'],
    },
  },
  {
    key: 'tax_relief', zh: '减税降费', en: 'Tax and fee relief', group: G.money, units: MONEY,
    cues: {
      nouns: ['减税降费', '减税', '降费', '退税', '留抵退税', '税费减免', '减免税', '缓缴', '减负', '缓税', '缓费', '缓税缓费', '免税', '退费'],
      verbs: ['减免', '退还', '返还'],
    },
  },
  {
    key: 'fiscal_revenue', zh: '财政收入', en: 'Fiscal revenue', group: G.economy, units: MONEY,
    cues: {
      nouns: ['财政收入', '财政总收入', '地方财政收入', '一般公共预算收入', '公共预算收入', '税收', '税收收入', '税收贡献', '纳税'],
      verbs: [],
    },
  },
  {
    key: 'gdp', zh: '地区生产总值', en: 'GDP / value added', group: G.economy, units: MONEY,
    cues: { nouns: ['GDP', '地区生产总值', '生产总值', '增加值', '经济总量'], verbs: [] },
  },
  {
    key: 'output_value', zh: '产值与营收', en: 'Output, sales, turnover', group: G.economy, units: MONEY,
    cues: {
      nouns: [
        '产值', '总产值', '工业产值', '营业收入', '营收', '销售额', '销售收入', '交易额', '成交额', '营业额',
        '零售额', '零售总额', '社会消费品零售总额', '进出口额', '进出口总额', '出口额', '进口额', '主营业务收入', '利润', '产出',
        '交易金额', '成交金额', '销售金额', '旅游收入', '综合收入', '旅游综合收入', '旅游总收入', '门票收入', '经营收入', '消费额', '带动消费', '拉动消费', '网络零售额', '出口',
      ],
      verbs: ['实现销售', '销售', '交易', '成交'],
    },
  },
  {
    key: 'funds_allocated', zh: '资金投入与发放', en: 'Funds spent, granted or paid out', group: G.money, units: MONEY,
    cues: {
      nouns: [
        '资金', '专项资金', '财政资金', '救助资金', '补助资金', '奖补资金', '慈善资金', '补助', '补助金', '补贴', '奖补', '奖励',
        '奖励资金', '奖金', '补偿', '补偿款', '补偿金', '救助', '救助金', '消费券', '慰问金', '抚恤金', '优待金', '经费', '善款',
        '捐款', '捐赠', '保险金', '低保金', '工资', '薪资', '欠薪', '预算', '额度', '总额度', '安置费', '补偿费', '费用', '缴费',
        '基金', '统筹基金', '医保基金', '引导基金', '产业基金', '总金额', '金额', '津贴', '高龄津贴', '生活补贴', '补贴资金', '补助款', '数字消费券', '电子消费券', '餐饮券', '零售券', '购物券', '代金券',
      ],
      verbs: ['拨付', '发放', '兑现', '下达', '安排', '支出', '筹集', '募集', '争取', '落实', '资助', '拨款', '追回', '追讨', '兑付', '支付', '核销', '投放'],
    },
  },
  // ── economy: rates of change ────────────────────────────────────────────
  {
    key: 'growth_rate', zh: '增速', en: 'Growth rate', group: G.economy, units: PERCENT,
    cues: {
      nouns: [],
      verbs: [],
      rates: [
        '增长', '同比增长', '环比增长', '增速', '增幅', '同比', '环比', '下降', '同比下降', '减少', '降低', '提高', '提升',
        '上升', '增加', '降幅', '回落', '增长率', '比上年', '较上年', '较去年', '分别增长', '分别下降', '高于', '低于', '拉动',
      ],
    },
  },
  // ── land and space ──────────────────────────────────────────────────────
  {
    key: 'land_cleared', zh: '腾地征收', en: 'Land requisitioned, vacated or stored', group: G.land, units: SURFACE,
    cues: {
      nouns: [...LAND_NOUNS, '净地', '储备土地', '存量土地', '低效用地'],
      verbs: ['腾出', '征收', '征迁', '收储', '征用', '出让', '供地', '盘活', '交地', '清表', '腾退', '腾空', '拆迁', '征地', '流转出'],
    },
  },
  {
    key: 'land_area', zh: '土地整治与绿化', en: 'Land under a program', group: G.land, units: SURFACE,
    cues: {
      nouns: [
        ...LAND_NOUNS, '耕地', '农田', '高标准农田', '基本农田', '永久基本农田', '林地', '苗圃', '苗圃地', '绿地', '园地', '草地',
        '湿地', '山林', '果园', '茶园', '良田', '鱼塘', '水田', '大棚', '绿化', '绿化面积', '公园绿地', '种植面积', '播种面积',
        '受灾面积', '成灾面积', '绿化美化', '整治面积', '复垦面积', '造林面积', '修复面积', '流转面积', '还湖', '退垸还湖', '退耕还林',
      ],
      verbs: ['整治', '复垦', '绿化', '修复', '种植', '流转', '造林', '复绿', '平整', '新增', '建设', '治理', '改造', '恢复', '退还'],
    },
    fallbackUnits: ['mu', 'ha'],
  },
  {
    key: 'demolished_area', zh: '拆除面积', en: 'Area demolished', group: G.land, units: SURFACE,
    cues: {
      nouns: [...BUILDING_NOUNS, '违建', '违法建筑', '违章建筑', '违法建设', '违章搭建', '拆违面积', '拆除面积', '旧房', '危房', '棚户区',
        '拆除建筑面积', '拆除房屋面积', '拆迁面积'],
      verbs: ['拆除', '拆平', '拆违', '拆迁', '拆改', '清拆', '拆', '拆掉', '腾退', '整治'],
    },
  },
  {
    key: 'floor_area', zh: '建筑面积', en: 'Floor space', group: G.land, units: ['m2'],
    cues: {
      nouns: [
        ...BUILDING_NOUNS, '建筑面积', '总建筑面积', '空间', '商业面积', '办公面积', '营业面积', '楼宇', '载体', '场馆', '标准厂房',
        '老旧小区', '小区', '商业商务空间', '综合体', '住宅', '公寓', '经营面积', '服务中心', '活动中心', '阵地',
      ],
      verbs: ['改造', '新建', '建成', '建设', '装修', '打造', '腾挪', '开发', '竣工', '规划', '在建', '提升', '盘活', '新增', '投用'],
    },
    fallbackUnits: ['m2'],
  },
  {
    key: 'area', zh: '占地与辖区面积', en: 'Site or territory size', group: G.land, units: SURFACE,
    cues: {
      nouns: ['占地面积', '总占地面积', '总面积', '辖区面积', '用地面积', '建设用地面积', '规划面积', '区域面积', '流域面积', '水域面积', '覆盖面积', '国土面积'],
      verbs: ['占地', '总占地', '覆盖'],
    },
    fallbackUnits: ['km2'],
  },
  {
    key: 'infrastructure_length', zh: '道路管网长度', en: 'Roads, pipes and lines', group: G.land, units: ['m', 'km'],
    cues: {
      nouns: [
        '道路', '公路', '路面', '路网', '管网', '管道', '管线', '雨污管网', '污水管网', '供水管网', '燃气管道', '河道', '绿道', '步道',
        '线路', '轨道', '隧道', '堤防', '岸线', '河岸', '沟渠', '渠道', '电缆', '光缆', '围挡', '护栏', '农村公路', '自行车道',
        '村道', '乡道', '县道', '省道', '国道', '通村公路', '干道', '主干道', '支路', '巷道', '人行道', '车道', '河堤', '堤坝', '水渠', '边沟', '排水沟', '路基',
      ],
      verbs: ['铺设', '修建', '新建', '改造', '修复', '疏浚', '清淤', '建成', '敷设', '硬化', '拓宽', '打通', '贯通', '整治'],
    },
  },
  // ── housing ─────────────────────────────────────────────────────────────
  {
    key: 'housing_units', zh: '住房套数', en: 'Dwellings', group: G.housing, units: ['count'],
    cues: {
      measures: ['套', '间'],
      nouns: ['安置房', '保障房', '保障性住房', '住房', '公租房', '廉租房', '人才房', '人才公寓', '租赁住房', '保障性租赁住房', '房源', '商品房', '趸租房', '住宅', '公寓', '回迁房', '房屋'],
      verbs: ['建设', '筹集', '分配', '交付', '供应', '建成', '配租', '配售', '新开工'],
    },
  },
  {
    key: 'buildings', zh: '楼栋与小区', en: 'Buildings counted', group: G.housing, units: ['count'],
    cues: {
      measures: ['栋', '幢', '座', '处'],
      nouns: ['楼', '楼栋', '楼宇', '大楼', '住宅楼', '小区', '老旧小区', '片区', '自建房', '危房', '建筑', '房屋', '厂房', '民房', '院落', '楼道',
        '出租屋', '出租房', '出租房屋', '群租房', '违法建设', '违法建筑', '违章建筑', '违建'],
      verbs: ['改造', '拆除', '新建', '建成', '加装', '整治', '提升', '翻新', '加固', '鉴定'],
    },
  },
  // A 户 figure no verb qualifies is most often households reached (惠及, 为…户居民安装): served breaks ties.
  {
    key: 'households_served', zh: '惠及户数', en: 'Households served', group: G.housing, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['户', '户次'],
      nouns: [...HOUSEHOLD_NOUNS, '困难家庭', '低收入家庭', '低保户', '困难户', '贫困户', '低保家庭', '特困户', '家庭户', '脱贫户', '监测户', '边缘户'],
      verbs: ['惠及', '覆盖', '走访', '帮扶', '慰问', '入户', '服务', '改善', '受益', '结对', '救助', '改造', '资助', '上门'],
    },
  },
  {
    key: 'households_resettled', zh: '安置户数', en: 'Households resettled', group: G.housing, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['户', '户次'],
      nouns: [...HOUSEHOLD_NOUNS, ...DISPLACED_HOUSEHOLD_NOUNS, '安置户', '回迁户'],
      verbs: ['安置', '回迁', '搬回', '入住', '搬迁入住', '分房', '选房', '交房', '搬入', '迁入', '回搬', '喜迁新居', '拿到钥匙'],
    },
  },
  {
    key: 'households_relocated', zh: '征迁户数', en: 'Households relocated', group: G.housing, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['户', '户次'],
      nouns: [...HOUSEHOLD_NOUNS, ...DISPLACED_HOUSEHOLD_NOUNS],
      verbs: ['征迁', '签约', '拆迁', '搬离', '征收', '动迁', '腾退', '腾空', '搬迁', '签订协议', '交钥匙', '转移', '撤离', '避险转移'],
    },
  },
  // ── people ──────────────────────────────────────────────────────────────
  {
    key: 'staff_deployed', zh: '投入人力', en: 'Staff, volunteers and teams', group: G.people, units: ['count'],
    cues: {
      measures: ['支', '组', '批'],
      nouns: [
        '干部', '党员干部', '机关干部', '党员', '志愿者', '服务员', '网格员', '网格长', '工作人员', '在编人员', '专员', '工作组',
        '督查组', '督导组', '服务队', '小分队', '突击队', '队伍', '民警', '警力', '执法人员', '医护人员', '医务人员', '社工',
        '楼道长', '代表', '骨干', '专班', '指导员', '巡查员', '河长', '林长', '单位', '工作专班', '服务团队', '团队', '力量',
        '应急队伍', '救援队', '人员', '帮扶干部', '驻村干部', '第一书记', '联络员', '信息员', '调解员', '宣讲员',
        '检查人员', '巡查人员', '服务人员', '执勤人员', '值守人员', '干部群众', '党员群众', '救援人员', '抢险人员',
      ],
      verbs: ['下派', '派出', '组建', '配备', '抽调', '选派', '出动', '成立', '派驻', '驻点', '值守', '下沉', '动员', '招募', '投入', '调配', '组织'],
    },
  },
  {
    key: 'participants', zh: '参会人数', en: 'Participants', group: G.people, units: ['count'],
    cues: {
      measures: ['位'],
      nouns: ['嘉宾', '听众', '观众', '与会人员', '参会人员', '学员'],
      verbs: ['出席', '参加', '参会', '列席', '到场', '参与', '与会', '聆听', '观看'],
    },
  },
  {
    key: 'people_served', zh: '服务人数', en: 'People reached', group: G.people, units: ['count'],
    cues: {
      measures: ['人', '人次', '名', '万人次', '例'],
      nouns: [
        '群众', '居民', '村民', '市民', '老人', '老年人', '儿童', '学生', '毕业生', '高校毕业生', '患者', '对象', '优抚对象', '员工',
        '职工', '人才', '游客', '求职者', '困难群众', '受助人数', '人数', '人口', '劳动力', '农民工', '就业', '居家观察',
        '隔离', '密接', '重点人员', '返岗', '受益', '残疾人', '退役军人', '青少年', '妇女', '孕产妇', '新生儿', '失业人员',
        '岗位', '就业岗位', '参保人数', '客流', '客流量', '从业人员',
      ],
      verbs: ['惠及', '服务', '帮助', '救助', '培训', '就业', '筛查', '检测', '接种', '体检', '资助', '吸引', '帮扶', '监测', '受益',
        '安置就业', '转移就业', '招聘', '覆盖', '惠及群众', '接待', '诊疗', '救治', '转运'],
    },
  },
  // ── enterprises and merchants ───────────────────────────────────────────
  {
    key: 'enterprises_served', zh: '服务企业', en: 'Enterprises served', group: G.enterprises, units: ['count'],
    cues: {
      measures: ['家', '家次', '户次'],
      nouns: [...ENTERPRISE_NOUNS, '重点企业', '工业企业', '商贸企业', '楼宇企业', '科技型企业', '高新技术企业', '外贸企业'],
      verbs: ['走访', '摸排', '帮扶', '服务', '对接', '复工', '复产', '复工复产', '联系', '遍访', '挂牌', '入企', '指导', '纾困', '包联',
        '惠及', '上门', '排查', '检查', '帮助', '助力', '结对', '受益', '覆盖', '上传'],
    },
  },
  {
    key: 'merchants_relocated', zh: '商户腾迁', en: 'Merchants relocated', group: G.enterprises, units: ['count'],
    cues: {
      measures: ['家', '户'],
      nouns: ['商户', '经营户', '摊位', '商铺', '店铺', '门店', '摊贩', '档口'],
      verbs: ['腾空', '搬迁', '迁出', '清退', '关停', '腾退', '外迁', '转移', '关闭', '撤离', '清空'],
    },
  },
  // ── projects ────────────────────────────────────────────────────────────
  {
    // First of its family: a project count that no verb qualifies is just a count of projects.
    key: 'projects', zh: '项目数', en: 'Projects', group: G.projects, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['个', '项', '批'],
      nouns: PROJECT_NOUNS,
      verbs: ['入库', '在建', '实施', '纳入', '新入库'],
    },
  },
  {
    key: 'projects_started', zh: '开工项目', en: 'Projects started', group: G.projects, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['个', '项', '批'],
      nouns: PROJECT_NOUNS,
      verbs: ['开工', '新开工', '开复工', '动工', '集中开工', '开工建设', '启动', '开建', '复工'],
    },
  },
  {
    key: 'projects_completed', zh: '完成项目', en: 'Projects completed', group: G.projects, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['个', '项', '批'],
      nouns: PROJECT_NOUNS,
      // a report's 新建X个 (past) states what was built
      verbs: ['竣工', '完工', '建成', '投用', '投产', '落地', '完成', '交付', '开业', '验收', '建成投用', '投入使用', '达产', '结项', '新建'],
    },
  },
  {
    key: 'projects_signed', zh: '签约项目', en: 'Projects signed or attracted', group: G.projects, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['个', '项', '批'],
      nouns: PROJECT_NOUNS,
      verbs: ['签约', '集中签约', '云签约', '引进', '招引', '签下', '招商', '签订', '洽谈', '引入', '落户'],
    },
  },
  {
    key: 'projects_target', zh: '计划项目', en: 'Projects required or planned', group: G.projects, units: ['count'], measuresOnly: true,
    cues: {
      measures: ['个', '项', '批'],
      nouns: [...PROJECT_NOUNS, '重点工作', '任务', '任务数', '指标', '目标', '实事项目', '民生实事'],
      // Modal + verb phrases, so that 须完成 / 计划开工 are read as a plan, not as done.
      verbs: ['计划', '要求', '储备', '谋划', '确定', '列入', '部署', '安排', '将', '拟', '力争', '推进', '生成', '梳理',
        '须完成', '需完成', '要完成', '将完成', '计划完成', '力争完成', '确保完成', '计划开工', '拟开工', '将开工', '力争开工',
        '计划新开工', '计划竣工', '将竣工', '计划签约', '力争签约', '计划实施', '拟实施'],
    },
  },
  // ── problems and governance ─────────────────────────────────────────────
  {
    key: 'problems_collected', zh: '收集问题', en: 'Problems collected', group: G.governance, units: ['count'],
    cues: {
      measures: ['件', '条', '个', '项', '起', '处', '单'],
      // what a check finds wanting is a problem found (不合格样品43批次), not a check done
      nouns: [...PROBLEM_NOUNS, '不合格', '不合格样品', '不合格产品', '不合格批次', '问题产品', '问题样品'],
      verbs: ['收集', '排查', '发现', '存在', '受理', '接听', '接到', '收到', '梳理', '征集', '上报', '汇总', '摸排', '分转', '转办', '交办', '派单',
        '反映', '登记', '查找', '查摆', '提出', '听取', '接收', '聚焦', '采集', '列出'],
    },
  },
  {
    key: 'problems_resolved', zh: '解决问题', en: 'Problems resolved', group: G.governance, units: ['count'],
    cues: {
      measures: ['件', '条', '个', '项', '起', '处', '单'],
      nouns: PROBLEM_NOUNS,
      verbs: ['解决', '整改', '办结', '化解', '答复', '处置', '解答', '销号', '调解', '协调解决', '消除', '整治', '处理', '回复', '清零',
        '办理', '整改到位', '落实', '停用', '关停', '完成整改', '闭环', '督促整改'],
    },
  },
  {
    key: 'cases', zh: '案件', en: 'Cases', group: G.governance, units: ['count'],
    cues: {
      measures: ['起', '宗', '件'],
      nouns: ['案件', '案', '违法案件', '刑事案件', '行政案件', '行政处罚', '检察建议', '诉前检察建议', '公益诉讼', '诉讼', '违法行为', '违法违规行为', '违章'],
      verbs: ['查处', '立案', '侦破', '破获', '处罚', '起诉', '审结', '结案', '移送', '发出', '办理', '查办', '抓获', '受理'],
    },
  },
  {
    key: 'inspections', zh: '检查巡查', en: 'Inspections and visits', group: G.governance, units: ['count'],
    cues: {
      measures: ['次', '轮', '批次'],
      nouns: ['检查', '巡查', '督查', '执法检查', '专项检查', '暗访', '抽检', '抽查'],
      verbs: ['检查', '巡查', '督查', '督导', '走访', '暗访', '排查', '抽查', '抽检', '巡河', '巡林', '巡湖', '出动', '巡逻', '检测', '开展', '检查督导'],
    },
  },
  // ── rates ───────────────────────────────────────────────────────────────
  {
    key: 'resolution_rate', zh: '解决率', en: 'Resolution rate', group: G.rates, units: PERCENT,
    cues: {
      nouns: [],
      verbs: ['解决', '整改', '办结', '化解', '处置', '停用', '清零', '销号', '答复', '回复', '整改到位'],
      rates: ['解决率', '办结率', '整改率', '整治率', '化解率', '处置率', '办理率', '结案率', '销号率', '答复率', '回复率', '按时办结率', '清零率', '处理率', '问题解决率', '调解成功率'],
    },
  },
  {
    key: 'satisfaction_rate', zh: '满意率', en: 'Satisfaction rate', group: G.rates, units: PERCENT,
    cues: { nouns: [], verbs: ['满意'], rates: ['满意率', '满意度', '好评率', '满意', '群众满意率', '测评满意率'] },
  },
  {
    key: 'target_completion_rate', zh: '目标完成率', en: 'Share of target done', group: G.rates, units: PERCENT,
    cues: {
      nouns: ['任务', '全年任务', '年度任务', '目标任务', '年度目标', '全年目标', '任务数', '计划', '目标', '工程量', '工作量', '总工程量', '计划任务'],
      verbs: ['完成', '达成', '实现'],
      rates: ['完成率', '进度', '综合进度', '序时进度', '完成进度', '开工率', '签约率', '竣工率', '投用率', '到位率', '指标完成率', '任务完成率', '达标率', '执行率'],
    },
  },
  // ── activities and supplies ─────────────────────────────────────────────
  {
    key: 'events_held', zh: '举办活动', en: 'Events held', group: G.activities, units: ['count'],
    cues: {
      measures: ['场', '场次', '期', '堂'],
      nouns: ['活动', '讲座', '培训班', '会议', '宣讲', '宣传活动', '演练', '座谈会', '招聘会', '比赛', '展会', '论坛', '课程', '课堂', '志愿活动', '主题活动'],
      verbs: ['举办', '开展', '组织', '召开', '举行', '宣传', '宣讲', '开设', '承办', '培训'],
    },
  },
  {
    key: 'supplies', zh: '物资', en: 'Supplies', group: G.activities, units: ['count', 't', 'kg'],
    cues: {
      measures: ['只', '箱', '份', '袋', '瓶', '桶', '包', '盒', '副', '双', '斤', '顶', '床'],
      nouns: ['口罩', '物资', '防护服', '消毒液', '酒精', '蔬菜', '大米', '食品', '慰问品', '生活物资', '防疫物资', '测温枪', '手套',
        '药品', '礼包', '爱心包', '护目镜', '米面油', '粮油', '棉被', '矿泉水', '方便面', '消毒水', '抗原',
        '帐篷', '折叠床', '床铺', '被褥', '救生衣', '编织袋', '沙袋', '冲锋舟', '橡皮艇', '发电机', '抽水泵', '水泵', '彩条布', '棉衣', '宣传资料', '资料'],
      verbs: ['发放', '募集', '捐赠', '筹集', '采购', '配送', '调拨', '送达', '捐助', '调配', '储备', '送去', '送上'],
    },
  },
  {
    key: 'checkpoints', zh: '卡口点位', en: 'Checkpoints and posts', group: G.activities, units: ['count'],
    cues: {
      nouns: ['出入口', '卡口', '点位', '检查站', '检测点', '监测点', '哨点', '岗亭', '值守点', '检疫点', '道口', '服务点', '执勤点', '采样点', '防控点'],
      verbs: ['设置', '设立', '守牢', '值守', '把守', '封闭', '守住', '驻守'],
    },
  },
  // ── other ───────────────────────────────────────────────────────────────
  {
    key: 'duration', zh: '用时', en: 'Duration', group: G.other, units: TIME,
    cues: { nouns: ['时间', '工期', '用时', '历时', '时限', '周期'], verbs: ['缩短', '压缩', '提前'] },
    fallbackUnits: TIME,
  },
  {
    // New registrations and shares of a whole are not service metrics; naming them here keeps
    // 新增注册企业 away from enterprises_served and 占全区…% away from the rate metrics.
    key: 'other', zh: '其他', en: 'Other', group: G.other, units: [], weight: 0.6,
    cues: {
      // Whole phrases, so that the longest match swallows the 企业 that enterprises_served would take.
      nouns: ['新增企业', '注册企业', '新增注册企业', '新登记企业', '新设企业', '新办企业', '入驻企业', '落户企业', '新增市场主体',
        '新登记市场主体', '新设市场主体', '注册资本', '新增注册', '注册市场主体',
        // fines are money taken in, not paid out: 罚款金额 swallows the 金额 of funds_allocated
        '罚款', '罚款金额', '处罚金额', '罚没款', '罚没金额', '罚金',
        '学位', '公办学位', '床位', '停车位', '泊位', '业务量', '快递业务量', '可支配收入', '人均可支配收入', '人均收入',
        '基站', '5G基站', '充电桩', '充电站', '驿站', '服务驿站', '养老服务驿站'],
      verbs: ['注册', '新登记', '登记注册', '备案', '新设', '入驻', '培育'],
      rates: ['率', '占', '占比', '比重', '份额', '提升到', '提高到', '上升到', '增长到', '下降到', '降至', '升至',
        '提升至', '提高至', '上升至', '增长至', '增加至', '下降至', '降低至', '减少至', '增至', '降到'],
    },
  },
];

// ── user extension ────────────────────────────────────────────────────────

const cueListSchema = z.array(z.string().trim().min(1, 'a cue word cannot be empty'));

const metricPatchSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a metric key is lower_snake_case ASCII, e.g. "parking_spaces"'),
  zh: z.string().min(1).optional(),
  en: z.string().min(1).optional(),
  group: z.object({ key: z.string().min(1), zh: z.string().min(1), en: z.string().min(1) }).strict().optional(),
  units: z.array(z.enum(UNITS)).optional(),
  cues: z.object({
    verbs: cueListSchema.optional(),
    nouns: cueListSchema.optional(),
    measures: cueListSchema.optional(),
    rates: cueListSchema.optional(),
  }).strict().optional(),
  fallbackUnits: z.array(z.enum(UNITS)).optional(),
  weight: z.number().positive().max(10).optional(),
  measuresOnly: z.boolean().optional(),
}).strict();

const taxonomyArraySchema = z.array(metricPatchSchema);
// Not a z.union: a union's error only says “invalid input”, while each branch alone names the bad field.
const taxonomyObjectSchema = z.object({ metrics: taxonomyArraySchema }).strict();

/** An entry of a user file: a new metric (all of zh, en, group, units, cues) or an amendment of one by key. */
export type MetricPatch = z.infer<typeof metricPatchSchema>;

export class TaxonomyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/** Validates the parsed JSON of a taxonomy file; `source` names it in the error. */
export function parseTaxonomyPatches(json: unknown, source: string): MetricPatch[] {
  const parsed = Array.isArray(json)
    ? taxonomyArraySchema.safeParse(json)
    : taxonomyObjectSchema.safeParse(json);
  if (!parsed.success) {
    throw new TaxonomyError(
      `Invalid metric taxonomy in ${source}: expected an array of metrics (or {"metrics": [...]}) ` +
      `of the shape {key, zh, en, group: {key, zh, en}, units: [...], cues: {verbs, nouns, measures?, rates?}}.\n` +
      z.prettifyError(parsed.error),
    );
  }
  const patches: MetricPatch[] = Array.isArray(parsed.data) ? parsed.data : parsed.data.metrics;
  const seen = new Set<string>();
  for (const patch of patches) {
    if (seen.has(patch.key)) throw new TaxonomyError(`Invalid metric taxonomy in ${source}: metric "${patch.key}" is listed twice.`);
    seen.add(patch.key);
  }
  return patches;
}

export function readTaxonomyFile(path: string): MetricPatch[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TaxonomyError(`Cannot read the metric taxonomy file ${path} (FIGURES_TAXONOMY): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TaxonomyError(`The metric taxonomy file ${path} (FIGURES_TAXONOMY) is not valid JSON: ${(error as Error).message}`);
  }
  return parseTaxonomyPatches(json, path);
}

function union(a: string[] | undefined, b: string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/**
 * Applies user patches: an existing key gets its cue lists extended (never shortened, so a user
 * cannot silently lose the built-in words) and its other given fields replaced; a new key is
 * appended and must be complete.
 */
export function mergeTaxonomy(base: readonly MetricDefinition[], patches: readonly MetricPatch[], source = 'the user taxonomy'): MetricDefinition[] {
  const merged = base.map((metric) => ({ ...metric, cues: { ...metric.cues } }));
  const indexByKey = new Map(merged.map((metric, index) => [metric.key, index]));
  for (const patch of patches) {
    const index = indexByKey.get(patch.key);
    if (index !== undefined) {
      const current = merged[index];
      merged[index] = {
        ...current,
        zh: patch.zh ?? current.zh,
        en: patch.en ?? current.en,
        group: patch.group ?? current.group,
        units: patch.units ?? current.units,
        fallbackUnits: patch.fallbackUnits ?? current.fallbackUnits,
        weight: patch.weight ?? current.weight,
        measuresOnly: patch.measuresOnly ?? current.measuresOnly,
        cues: {
          verbs: union(current.cues.verbs, patch.cues?.verbs),
          nouns: union(current.cues.nouns, patch.cues?.nouns),
          measures: union(current.cues.measures, patch.cues?.measures),
          rates: union(current.cues.rates, patch.cues?.rates),
        },
      };
      continue;
    }
    const missing = (['zh', 'en', 'group', 'units', 'cues'] as const).filter((field) => patch[field] === undefined);
    if (missing.length > 0) {
      throw new TaxonomyError(
        `Invalid metric taxonomy in ${source}: new metric "${patch.key}" lacks ${missing.join(', ')} ` +
        `(only a metric that already exists may be given partially).`,
      );
    }
    indexByKey.set(patch.key, merged.length);
    merged.push({
      key: patch.key, zh: patch.zh!, en: patch.en!, group: patch.group!, units: patch.units!,
      fallbackUnits: patch.fallbackUnits,
      weight: patch.weight,
      measuresOnly: patch.measuresOnly,
      cues: { verbs: patch.cues!.verbs ?? [], nouns: patch.cues!.nouns ?? [], measures: patch.cues!.measures, rates: patch.cues!.rates },
    });
  }
  return merged;
}

/** The built-in taxonomy, extended by the file FIGURES_TAXONOMY names, if any. */
export function loadTaxonomy(env: Record<string, string | undefined> = process.env): MetricDefinition[] {
  const path = env.FIGURES_TAXONOMY?.trim();
  if (!path) return BUILTIN_TAXONOMY.map((metric) => ({ ...metric }));
  return mergeTaxonomy(BUILTIN_TAXONOMY, readTaxonomyFile(path), path);
}

let inForce: { list: readonly MetricDefinition[]; byKey: Map<string, MetricDefinition> } | null = null;

function loadedTaxonomy() {
  if (!inForce) {
    const list = loadTaxonomy();
    inForce = { list, byKey: new Map(list.map((metric) => [metric.key, metric])) };
  }
  return inForce;
}

/**
 * The taxonomy in force for this process: read on first use, not at import (a page that only shows labels
 * does not read a file it may never need), then kept. `figures init` (which `npm start` runs before serving)
 * reads it first, so a bad FIGURES_TAXONOMY file still stops the server early and clearly.
 */
export function taxonomyInForce(): readonly MetricDefinition[] {
  return loadedTaxonomy().list;
}

export function metricByKey(key: string): MetricDefinition | undefined {
  return loadedTaxonomy().byKey.get(key);
}
