import { describe, expect, it } from 'vitest';
import { classifyMetric, createMetricClassifier, isCumulative } from './metrics';
import { BUILTIN_TAXONOMY, mergeTaxonomy } from './taxonomy';
import type { FigureMatch, Unit } from './types';

/** Builds the classifier's context from a sentence of my own with the figure marked ⟦…⟧. */
function marked(sentenceWithMarker: string, unit: Unit) {
  const open = sentenceWithMarker.indexOf('⟦');
  const close = sentenceWithMarker.indexOf('⟧');
  if (open < 0 || close < open) throw new Error(`no ⟦figure⟧ in: ${sentenceWithMarker}`);
  const text = sentenceWithMarker.replace('⟦', '').replace('⟧', '');
  const start = open;
  const end = close - 1;
  const figureText = text.slice(start, end);
  const number = /[0-9.]+|[一二两三四五六七八九十百千]+/.exec(figureText);
  if (!number) throw new Error(`no number in ⟦${figureText}⟧`);
  const numberStart = start + number.index;
  const numberEnd = numberStart + number[0].length;
  const unitWord = text.slice(numberEnd, end).replace(/^[余多]?(?=[万亿])/, '').replace(/^[余多]/, '').replace(/(以上|左右|余|多)$/, '');
  const figure: FigureMatch = {
    start, end, text: figureText, numberStart, numberEnd, value: Number(number[0]) || 1, low: null, high: null,
    unit, unitWord, qualifier: 'exact', qualifierWord: null,
  };
  return { text, sentence: { start: 0, end: text.length }, figure };
}

/** The metric the classifier gives the marked figure. */
const metricOf = (sentenceWithMarker: string, unit: Unit) => classifyMetric(marked(sentenceWithMarker, unit)).metric;

type Row = [sentence: string, unit: Unit];
/** For each metric, sentences written for these tests (not taken from any article) that must yield it. */
const CORPUS: Record<string, Row[]> = {
  investment: [
    ['该产业园项目总投资⟦12.5亿元⟧，预计年底前完成主体建设。', 'CNY'],
    ['今年全区计划投资⟦80亿元⟧推进城市更新。', 'CNY'],
    ['一季度完成固定资产投资⟦36亿元⟧，位列全市第三。', 'CNY'],
    ['新引进⟦5亿元⟧以上产业项目3个。', 'CNY'],
  ],
  contract_value: [
    ['现场签约项目18个，签约金额⟦56亿元⟧。', 'CNY'],
    ['此次推介会达成合作意向，涉及金额⟦3.2亿元⟧。', 'CNY'],
    ['两家企业签订技术服务合同，合同金额⟦800万元⟧。', 'CNY'],
  ],
  financing: [
    ['协调银行为小微企业发放贷款⟦2.3亿元⟧，缓解资金压力。', 'CNY'],
    ['街道帮助辖区企业融资⟦5000余万元⟧。', 'CNY'],
    ['农商行向种植大户授信⟦1.1亿元⟧。', 'CNY'],
  ],
  foreign_investment: [
    ['上半年全市实际利用外资⟦3.6亿美元⟧，同比持平。', 'USD'],
    ['截至6月底，到位外资⟦1.2亿美元⟧。', 'USD'],
  ],
  funds_allocated: [
    ['区财政累计拨付防疫专项资金⟦1200万元⟧。', 'CNY'],
    ['为困难群众发放救助金⟦86万元⟧，覆盖全部低保对象。', 'CNY'],
    ['全年发放消费券⟦3000万元⟧，带动消费增长。', 'CNY'],
    ['向受灾农户兑现补贴⟦45.6万元⟧。', 'CNY'],
  ],
  tax_relief: [
    ['今年以来累计为企业减税降费⟦4.8亿元⟧。', 'CNY'],
    ['办理增值税留抵退税⟦2.1亿元⟧，惠及企业300余家。', 'CNY'],
  ],
  fiscal_revenue: [
    ['全年完成一般公共预算收入⟦45.3亿元⟧，税收占比超八成。', 'CNY'],
    ['实现税收收入⟦12亿元⟧。', 'CNY'],
  ],
  gdp: [
    ['全区实现地区生产总值⟦1020亿元⟧，迈上新台阶。', 'CNY'],
    ['数字经济核心产业增加值达到⟦260亿元⟧。', 'CNY'],
  ],
  output_value: [
    ['规上工业企业实现产值⟦380亿元⟧。', 'CNY'],
    ['“双十一”期间线上交易额突破⟦5亿元⟧。', 'CNY'],
    ['该企业去年营业收入⟦9.6亿元⟧，纳税排名全区前列。', 'CNY'],
  ],
  growth_rate: [
    ['前三季度全区地区生产总值同比增长⟦6.2%⟧。', 'percent'],
    ['社会消费品零售总额下降⟦3.1%⟧，降幅收窄。', 'percent'],
    ['新登记市场主体1200户，同比增长⟦18%⟧。', 'percent'],
    ['出口额较去年提高⟦2.5个百分点⟧。', 'percentage_point'],
  ],
  land_cleared: [
    ['今年以来街道征收土地⟦1200亩⟧，为重大项目落地提供保障。', 'mu'],
    ['完成储备地块收储⟦300余亩⟧。', 'mu'],
    ['通过集中攻坚腾出土地⟦560亩⟧。', 'mu'],
  ],
  land_area: [
    ['新建高标准农田⟦2.5万亩⟧，粮食产量稳步提升。', 'mu'],
    ['全年完成土地复垦⟦450亩⟧。', 'mu'],
    ['新增城市绿地⟦12万平方米⟧。', 'm2'],
  ],
  demolished_area: [
    ['全年累计拆除违法建筑⟦8.6万平方米⟧。', 'm2'],
    ['城中村改造中拆违⟦30万方⟧，腾出发展空间。', 'm2'],
    ['⟦2万平方米⟧违建在10天内全部拆平。', 'm2'],
  ],
  floor_area: [
    ['新建人才公寓总建筑面积⟦15万平方米⟧。', 'm2'],
    ['年内改造老旧小区⟦120万平方米⟧。', 'm2'],
    ['打造⟦3000平方米⟧的党群服务中心。', 'm2'],
  ],
  area: [
    ['该园区占地面积⟦3.2平方公里⟧，规划产业用地集中连片。', 'km2'],
    ['项目占地⟦86亩⟧，建成后可容纳企业50家。', 'mu'],
    ['街道辖区面积⟦4.8平方公里⟧，常住人口10万。', 'km2'],
  ],
  infrastructure_length: [
    ['年内新建改造雨污管网⟦35公里⟧。', 'km'],
    ['铺设农村道路⟦12.6公里⟧，打通断头路5条。', 'km'],
  ],
  housing_units: [
    ['全年筹集保障性租赁住房⟦5000套⟧。', 'count'],
    ['安置小区共建设安置房⟦1800套⟧，年底交付。', 'count'],
  ],
  buildings: [
    ['完成⟦45栋⟧老旧住宅楼外立面改造。', 'count'],
    ['今年计划加装电梯⟦200幢⟧。', 'count'],
    ['对辖区⟦12个⟧老旧小区开展综合整治。', 'count'],
  ],
  households_resettled: [
    ['回迁安置房交付，⟦860户⟧居民喜迁新居。', 'count'],
    ['累计安置征迁户⟦2300余户⟧。', 'count'],
  ],
  households_relocated: [
    ['征迁攻坚40天，⟦520户⟧签约腾空。', 'count'],
    ['项目涉及拆迁⟦318户⟧，目前已全部签约。', 'count'],
  ],
  households_served: [
    ['家庭医生签约服务覆盖⟦3.2万户⟧居民。', 'count'],
    ['走访慰问困难家庭⟦150户⟧，送去慰问金。', 'count'],
    ['燃气改造惠及⟦6800户⟧。', 'count'],
  ],
  people_served: [
    ['全年开展职业技能培训，培训⟦1.2万人次⟧。', 'count'],
    ['招聘会吸引⟦800余名⟧高校毕业生到场求职。', 'count'],
    ['免费为⟦3000名⟧老年人提供健康体检。', 'count'],
  ],
  staff_deployed: [
    ['街道抽调⟦120名⟧机关干部下沉社区。', 'count'],
    ['组建⟦15支⟧志愿服务队，开展入户排查。', 'count'],
    ['每天有⟦300余名⟧志愿者在卡口值守。', 'count'],
    ['成立⟦6个⟧督查组，分片督导。', 'count'],
  ],
  enterprises_served: [
    ['工作专班走访企业⟦860家⟧，收集意见建议90条。', 'count'],
    ['已有⟦1500余家⟧规上企业复工复产。', 'count'],
    ['累计帮扶中小企业⟦320家⟧。', 'count'],
  ],
  merchants_relocated: [
    ['批发市场⟦400余家⟧商户在一个月内全部腾空。', 'count'],
    ['引导沿街⟦56户⟧经营户搬迁。', 'count'],
  ],
  projects_started: [
    ['全市⟦32个⟧重大项目集中开工，总投资超百亿元。', 'count'],
    ['一季度新开工项目⟦18个⟧。', 'count'],
  ],
  projects_completed: [
    ['年内竣工项目⟦25个⟧，完成率居全市首位。', 'count'],
    ['已有⟦9个⟧民生项目建成投用。', 'count'],
  ],
  projects_signed: [
    ['推介会上签约项目⟦22个⟧。', 'count'],
    ['上半年招引亿元以上产业项目⟦14个⟧。', 'count'],
  ],
  projects_target: [
    ['按照要求，今年须完成重点项目⟦40个⟧。', 'count'],
    ['谋划储备重大项目⟦65个⟧，形成滚动推进机制。', 'count'],
  ],
  projects: [
    ['本年度新入库项目⟦12个⟧。', 'count'],
  ],
  problems_collected: [
    ['本月共受理群众诉求⟦1260件⟧，环比下降。', 'count'],
    ['排查安全隐患⟦342处⟧，已全部建立台账。', 'count'],
    ['通过热线接听来电⟦5600余个⟧。', 'count'],
  ],
  problems_resolved: [
    ['各部门协调解决问题⟦88个⟧，群众纷纷点赞。', 'count'],
    ['成功化解矛盾纠纷⟦126起⟧。', 'count'],
    ['发现并整改消防隐患⟦47处⟧。', 'count'],
    ['截至月底已办结工单⟦930件⟧。', 'count'],
  ],
  resolution_rate: [
    ['群众诉求按时办结率达⟦98.5%⟧。', 'percent'],
    ['隐患整改率⟦100%⟧，实现动态清零。', 'percent'],
  ],
  satisfaction_rate: [
    ['回访群众满意率达⟦97%⟧以上。', 'percent'],
    ['第三方测评满意度为⟦95.2%⟧。', 'percent'],
  ],
  target_completion_rate: [
    ['截至9月底，已完成年度目标任务的⟦86%⟧。', 'percent'],
    ['重点项目开工率⟦90%⟧，投资完成率⟦75%⟧。', 'percent'],
    ['累计完成投资20亿元，占全年计划的⟦68%⟧。', 'percent'],
  ],
  inspections: [
    ['执法队员开展夜间巡查⟦56次⟧，劝离流动摊贩30余个。', 'count'],
    ['区纪委对各街道开展专项督查⟦12轮⟧。', 'count'],
  ],
  cases: [
    ['今年以来共查处违法案件⟦230起⟧。', 'count'],
    ['市场监管局立案查处⟦45件⟧，罚没款120万元。', 'count'],
  ],
  events_held: [
    ['社区举办反诈宣传活动⟦20场⟧。', 'count'],
    ['开设“周末课堂”⟦36期⟧，参与居民1000余人次。', 'count'],
  ],
  supplies: [
    ['爱心企业捐赠口罩⟦5万只⟧。', 'count'],
    ['为隔离户配送生活物资⟦2.5吨⟧。', 't'],
  ],
  checkpoints: [
    ['全镇设置⟦23个⟧防疫检查卡口。', 'count'],
    ['安排专人守牢⟦46个⟧小区出入口。', 'count'],
  ],
  participants: [
    ['区领导及各部门负责人等⟦60余人⟧参加会议。', 'count'],
  ],
  duration: [
    ['审批时限由20个工作日压缩至⟦5个工作日⟧。', 'day'],
    ['项目从签约到开工仅用⟦45天⟧。', 'day'],
  ],
  other: [
    ['辖区新增注册企业⟦320家⟧，市场活力持续增强。', 'count'],
    ['服务业占全区生产总值比重达⟦62%⟧。', 'percent'],
    ['沿河种植樱花树⟦800余株⟧。', 'count'],
  ],
};

/** More sentences of my own, one per phenomenon met in held-out passages (lib/extract/fixtures/unseen). */
const MORE: Record<string, Row[]> = {
  funds_allocated: [
    ['本批次消费券总额度为⟦2000万元⟧，分三轮发放。', 'CNY'],        // 额度 is money granted
    ['街道向搬迁户发放过渡安置费⟦960万元⟧。', 'CNY'],
    ['为低保对象资助参保缴费⟦320万元⟧。', 'CNY'],
    ['医保统筹基金支付⟦1.2亿元⟧。', 'CNY'],
    ['前两轮消费券累计核销⟦8600万元⟧。', 'CNY'],
  ],
  investment: [['全年招商引资到位资金⟦56.2亿元⟧。', 'CNY']],
  tax_relief: [['全市累计退税缓税缓费⟦12.6亿元⟧。', 'CNY']],
  output_value: [
    ['节日期间实现旅游综合收入⟦2.4亿元⟧。', 'CNY'],
    ['活动直接带动消费⟦1.3亿元⟧。', 'CNY'],
  ],
  land_area: [
    // a program word before 面积 says what the area is; bare 面积 is no site size
    ['完成村庄绿化美化面积⟦120亩⟧。', 'mu'],
    ['发展蔬菜种植面积⟦5000亩⟧。', 'mu'],
    ['此次暴雨造成农作物受灾面积⟦3.2万亩⟧。', 'mu'],
  ],
  demolished_area: [['石牌村改造项目累计拆除建筑面积⟦23.6万平方米⟧。', 'm2']],
  buildings: [
    ['今年将对⟦1.8万栋⟧出租屋完成消防安全排查。', 'count'],
    ['拆除各类违法建设⟦95处⟧。', 'count'],
  ],
  households_served: [
    ['开展入户走访⟦3.6万户次⟧。', 'count'],
    ['带动脱贫户和监测户⟦230户⟧增收。', 'count'],
  ],
  people_served: [
    // 人 counts people even after a household verb (安置): households are counted in 户
    ['转移受灾群众1200人，其中集中安置⟦430人⟧。', 'count'],
    ['新增就业⟦2100人⟧。', 'count'],
  ],
  staff_deployed: [
    ['全区共出动检查人员⟦5600人次⟧。', 'count'],
    ['组织干部群众⟦8000余人⟧上堤巡查。', 'count'],
    ['县里安排执勤民警、志愿者等服务人员⟦600余人⟧。', 'count'],
  ],
  supplies: [
    ['向各乡镇调拨编织袋8万条、救生衣⟦1500件⟧、帐篷200顶。', 'count'],
    ['向各乡镇调拨编织袋8万条、救生衣1500件、帐篷⟦200顶⟧。', 'count'],
  ],
  enterprises_served: [
    ['检查定点医药机构⟦156家⟧。', 'count'],
    ['消费券覆盖商超、餐饮等领域的⟦900余家⟧商户。', 'count'],
  ],
  projects_started: [
    // names listed with 、 are what the figure counts: the verb before the list still governs
    ['此次集中开工的甲项目、乙项目、丙项目、丁项目⟦4个⟧项目，总投资30亿元。', 'count'],
  ],
  projects_target: [['今年计划加装电梯⟦300部⟧。', 'count']],
  projects_completed: [['目前已完成加装电梯⟦180部⟧。', 'count']],
  problems_collected: [['网格员累计采集上报各类事件⟦2.4万件⟧。', 'count']],
  target_completion_rate: [['截至月底，已完成工程量的⟦65%⟧。', 'percent']],
  other: [
    // a level reached, not a change; jobs, school places and traffic volumes are no service counts
    ['达标率由去年的58%提升至⟦86%⟧。', 'percent'],
    ['新建学校可提供学位⟦1800个⟧。', 'count'],
    ['快递业务量累计完成⟦12.4亿件⟧。', 'count'],
    ['农村居民人均可支配收入达到⟦21560元⟧。', 'CNY'],
    ['全区已建成养老服务驿站⟦112家⟧。', 'count'],
    ['新建5G基站⟦1200个⟧。', 'count'],
  ],
};
for (const [metric, rows] of Object.entries(MORE)) (CORPUS[metric] ??= []).push(...rows);

/** Sentences of my own for the misses met in lib/extract/fixtures/unseen2, one per general rule. */
const MORE_UNSEEN2: Record<string, Row[]> = {
  households_served: [
    // a 户 figure that no 安置 / 征迁 verb qualifies counts households reached
    ['为全镇⟦3200户⟧农户免费检测土壤。', 'count'],
    ['街道为⟦860户⟧居民更换了老旧燃气管。', 'count'],
    ['合作社带动周边⟦500余户⟧村民增收。', 'count'],
  ],
  households_relocated: [['台风来临前，全县紧急转移沿海群众⟦2300户⟧。', 'count']],   // evacuation moves households out
  projects_completed: [
    // service facilities are counted like projects; 建成 / past 新建 says they are done
    ['全市建成社区嵌入式服务中心⟦45个⟧、老年食堂30个。', 'count'],
    ['今年已建成村级养老服务站点⟦68个⟧。', 'count'],
    ['去年新建社区老年食堂⟦16个⟧。', 'count'],
  ],
  projects_target: [['明年计划再建设社区助餐点⟦40个⟧。', 'count']],
  supplies: [
    ['救援队运来应急物资，包括折叠床⟦300张⟧、毛毯800条。', 'count'],
    ['为受灾群众发放棉被⟦1500床⟧。', 'count'],
  ],
  infrastructure_length: [
    ['暴雨冲毁乡道⟦8.5公里⟧。', 'km'],
    ['今年硬化通村公路⟦46公里⟧。', 'km'],
  ],
  funds_allocated: [
    ['区里共兑现人才奖励资金，金额共计⟦860万元⟧。', 'CNY'],   // bare 金额 restating the clause before
    ['为高龄老人发放高龄津贴⟦120万元⟧。', 'CNY'],
  ],
  problems_collected: [['抽检农产品样品800批次，检出不合格样品⟦12批次⟧。', 'count']],
  output_value: [['平台全年交易金额⟦12亿元⟧。', 'CNY']],   // 交易金额 is turnover, not funds
  other: [
    // fines are money taken in; 床位 are places, not supplies
    ['共查处违法案件30件，罚没款⟦56万元⟧。', 'CNY'],
    ['执法部门处罚金额⟦38万元⟧。', 'CNY'],
    ['敬老院新增照护床位⟦200张⟧。', 'count'],
  ],
};
for (const [metric, rows] of Object.entries(MORE_UNSEEN2)) (CORPUS[metric] ??= []).push(...rows);

describe('classifyMetric on sentences written for each metric', () => {
  for (const [metric, rows] of Object.entries(CORPUS)) {
    for (const [sentence, unit] of rows) {
      // a sentence may mark two figures; the first one is the one tested
      const first = sentence.replace(/⟦(?=[^⟦]*⟦)/, '⟪').replace(/⟧(?=[^⟧]*⟧)/, '⟫').replace(/⟪|⟫/g, '');
      it(`${metric}: ${sentence}`, () => {
        expect(metricOf(first, unit)).toBe(metric);
      });
    }
  }

  it('covers every key of the taxonomy', () => {
    expect(Object.keys(CORPUS).sort()).toEqual(BUILTIN_TAXONOMY.map((metric) => metric.key).sort());
  });
});

describe('cue resolution', () => {
  it('lets the verb of the clause decide between metrics sharing a noun', () => {
    const collected = classifyMetric(marked('截至目前，收集问题⟦702个⟧，已解决问题594个。', 'count'));
    const resolved = classifyMetric(marked('截至目前，收集问题702个，已解决问题⟦594个⟧。', 'count'));
    expect(collected).toEqual({ metric: 'problems_collected', cues: ['收集', '问题', '个'] });
    expect(resolved.metric).toBe('problems_resolved');
  });

  // each row: the rule, a sentence with its figure marked, the figure's unit, the metric the rule gives
  it.each<[rule: string, sentence: string, unit: Unit, metric: string]>([
    ['prefers the nearer of two verbs in a clause', '发现并整改隐患⟦20条⟧。', 'count', 'problems_resolved'],
    ['prefers the nearer of two verbs in a clause', '整改后又发现隐患⟦20条⟧。', 'count', 'problems_collected'],
    ['takes the head of the noun phrase after the number', '守牢⟦85个⟧小区出入口。', 'count', 'checkpoints'],
    ['takes the head of the noun phrase after the number', '改造⟦85个⟧小区。', 'count', 'buildings'],
    ['lets a governing verb reach the later items of a 、 list', '两类项目分别完成全年任务56.4%、⟦83.6%⟧，进展顺利。', 'percent', 'target_completion_rate'],
    ['does not let a cue of the next clause decide', '出台惠企政策⟦30条⟧，帮助企业解决问题300余个。', 'count', 'other'],
    ['falls back by unit when nothing is said', '历时⟦60天⟧。', 'day', 'duration'],
    ['falls back by unit when nothing is said', '第三批⟦12家⟧。', 'count', 'other'],
    ['falls back by unit when nothing is said', '这片⟦300亩⟧。', 'mu', 'land_area'],
    ['keeps unit-incompatible cues out (增加值 is GDP only for money)', '规上工业增加值增长⟦9.1%⟧。', 'percent', 'growth_rate'],
    ['keeps unit-incompatible cues out (增加值 is GDP only for money)', '规上工业增加值⟦560亿元⟧。', 'CNY', 'gdp'],
  ])('%s: %s', (_rule, sentence, unit, metric) => {
    expect(metricOf(sentence, unit)).toBe(metric);
  });

  it('looks no further than the sentence it is given', () => {
    const ctx = marked('收集问题⟦15个⟧', 'count');
    expect(classifyMetric({ ...ctx, sentence: { start: ctx.figure.start, end: ctx.text.length } }).metric).toBe('other');
    expect(classifyMetric(ctx).metric).toBe('problems_collected');
  });
});

describe('isCumulative', () => {
  it('is true when 累计 governs the clause or the 、 list the figure is in', () => {
    expect(isCumulative(marked('望江地区累计腾出土地⟦3800余亩⟧。', 'mu'))).toBe(true);
    expect(isCumulative(marked('共累计完成投资⟦20亿元⟧。', 'CNY'))).toBe(true);
    expect(isCumulative(marked('累计走访企业200家、解决问题⟦30个⟧。', 'count'))).toBe(true);
  });
  it('is false when 累计 belongs to another clause or is absent', () => {
    expect(isCumulative(marked('累计走访企业200家，本月解决问题⟦30个⟧。', 'count'))).toBe(false);
    expect(isCumulative(marked('本月解决问题⟦30个⟧。', 'count'))).toBe(false);
  });
});

describe('a classifier over an extended taxonomy', () => {
  it('uses the cues of a metric a user added', () => {
    const taxonomy = mergeTaxonomy(BUILTIN_TAXONOMY, [{
      key: 'parking_spaces', zh: '停车位', en: 'Parking spaces', group: { key: 'traffic', zh: '交通', en: 'Traffic' },
      units: ['count'], cues: { nouns: ['停车位', '泊位'], verbs: ['新增', '挖潜'], measures: ['个'] },
    }]);
    const decision = createMetricClassifier(taxonomy).classifyMetric(marked('今年新增公共停车位⟦1200个⟧。', 'count'));
    expect(decision).toEqual({ metric: 'parking_spaces', cues: ['新增', '停车位', '个'] });
    expect(metricOf('今年新增公共停车位⟦1200个⟧。', 'count')).toBe('other');
  });
});
