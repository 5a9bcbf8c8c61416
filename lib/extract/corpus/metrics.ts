// The metric key derived from a figure's facets (keys of ../shared/gold/README.md), one sentence per
// family of errors seen on unseen text (issue 11), and the everyday cases around them.
import type { Corpus } from './types';

export const METRICS: Corpus = [
  // length figures with nouns no list names are nearly always infrastructure
  ['infrastructure_length', [
    '修复水毁护坡⟦1.2公里⟧。',
    '新建滨水木栈道⟦3.5公里⟧。',
    '完成农村饮水主干管延伸⟦22公里⟧。',
    '清理河道淤积段⟦6.8公里⟧。',
    '维修更换老化燃气管道⟦3.6公里⟧。',
  ]],
  ['other', [
    '为了办好这件事，工作人员往返奔波⟦300多公里⟧。',
    '城镇化率提高⟦1.3个百分点⟧。',
    '垃圾分类居民知晓率达到⟦95%⟧。',
    '实现行政村5G网络覆盖率⟦100%⟧。',
    '改造老旧小区路灯⟦56盏⟧。',
    '全区⟦85家⟧机关事业单位完成垃圾分类达标创建。',
    '辖区有住户⟦6200户⟧。',
    '经济开发区现有规上企业⟦146家⟧。',
    '维护保养公共健身器材⟦420件⟧。',
    '⟦28家⟧物业企业参与小区消防隐患排查。',
    '梳理形成问题清单⟦15张⟧。',
    '项目建成后将新增学位⟦1800个⟧。',
    '农村居民人均可支配收入达到⟦2.1万元⟧。',
  ]],
  // a percentage-point change belongs to the family of the rate it changes
  ['growth_rate', [
    '全区居民人均可支配收入增速较一季度回升⟦0.8个百分点⟧。',
    '规上工业增加值增速比上月回落⟦1.6个百分点⟧。',
    '进出口降幅较前两月收窄⟦2.2个百分点⟧。',
    '规上工业增加值同比增长⟦6.8%⟧。',
  ]],
  ['satisfaction_rate', [
    '群众满意率较去年提升⟦2.1个百分点⟧。',
    '全年共接访群众3600人次，群众满意度⟦99.2%⟧。',
  ]],
  ['resolution_rate', [
    '诉求按期办结率同比提高⟦4.5个百分点⟧。',
    '群众诉求整改完成率达到⟦96.4%⟧。',
    '信访事项办结完成率⟦98%⟧。',
  ]],
  ['target_completion_rate', [
    '两个园区分别完成全年任务的58.2%、⟦71.6%⟧。',
    '截至6月底，全区已完成年度清淤总量的⟦62%⟧。',
    '完成年度目标任务的⟦88%⟧。',
  ]],
  // the measure word restricts the family
  ['buildings', [
    '完成⟦36栋⟧安置房主体封顶。',
    '该小区共有住宅楼⟦12幢⟧。',
    '完成⟦18栋⟧老旧住宅楼外墙保温改造。',
  ]],
  ['people_served', [
    '帮扶低收入家庭成员⟦830人⟧。',
    '累计培训家政服务人员⟦1100人次⟧。',
    '全年城镇新增就业⟦4200人⟧。',
  ]],
  ['households_served', [
    '走访慰问困难职工⟦120户⟧。',
    '为辖区⟦85户⟧困难家庭免费更换燃气软管。',
  ]],
  ['participants', ['⟦45名⟧企业负责人参加政策宣讲会。']],
  ['enterprises_served', [
    '检查⟦260家⟧餐饮店。',
    '工作专班上门走访辖区规上企业⟦128家⟧。',
  ]],
  ['inspections', [
    '检查餐饮店⟦260次⟧。',
    '河长今年累计巡河⟦260余次⟧。',
    '开展燃气安全专项检查⟦45次⟧。',
  ]],
  // problems: relative clauses, totals and subsets, enforcement
  ['problems_resolved', [
    '及时回应群众通过热线反映的⟦328件⟧诉求。',
    '受理各类投诉1260件，已办结⟦1198件⟧。',
    '交办问题86个，目前已整改到位⟦79个⟧。',
    '整治小区周边占道经营点位⟦23个⟧。',
  ]],
  ['problems_collected', [
    '受理各类投诉⟦1260件⟧，已办结1198件。',
    '交办问题⟦86个⟧，目前已整改到位79个。',
    '居民通过“随手拍”上报问题⟦560个⟧。',
  ]],
  ['cases', [
    '查处违规使用燃气行为⟦12起⟧。',
    '移交司法机关问题线索⟦6条⟧。',
    '给予党纪政务处分⟦9人⟧。',
    '区市场监管局今年立案查处价格违法案件⟦41件⟧。',
  ]],
  // projects: future forms, framing clauses, building verbs as modifiers
  ['projects_target', [
    '明年将新开工重大项目⟦25个⟧。',
    '力争年内招引项目⟦15个⟧。',
  ]],
  ['projects_started', [
    '集中开工项目中，总投资10亿元以上项目⟦7个⟧。',
    '⟦8个⟧民生项目同日开工。',
  ]],
  ['projects_completed', [
    '今年新建项目中已有⟦11个⟧竣工投产。',
    '⟦6个⟧老旧小区改造项目顺利通过竣工验收。',
  ]],
  ['projects_signed', ['推介会现场签约项目⟦19个⟧。']],
  ['staff_deployed', [
    '动员⟦32家⟧社会组织参与疫情防控。',
    '组织志愿者⟦500余人⟧参与清扫。',
    '选派⟦45名⟧驻村第一书记。',
  ]],
  // money: the kind of money before the verb
  ['financing', ['发放创业担保贷款⟦2600万元⟧。', '今年以来为企业办理退税5600万元。辖区银行各项贷款较年初新增⟦12.3亿元⟧，支持实体经济发展。']],
  ['funds_allocated', ['兑现各类惠企奖补资金⟦1.1亿元⟧。', '拨付防汛专项资金⟦600万元⟧。']],
  ['output_value', ['完成外贸进出口额⟦48亿元⟧。']],
  ['foreign_investment', ['实际使用外资⟦2.3亿美元⟧。', '一季度全区外资实际到位⟦1.8亿美元⟧。']],
  ['contract_value', ['项目签约总金额⟦36亿元⟧。']],
  ['tax_relief', ['全年为企业减税降费⟦3.4亿元⟧。']],
  ['fiscal_revenue', ['一般公共预算收入完成⟦18.7亿元⟧。']],
  ['investment', ['计划投资⟦4.5亿元⟧建设物流园。']],
  // land and floor space
  ['land_cleared', ['完成土地征收⟦1250亩⟧。', '完成征收土地⟦650亩⟧。']],
  ['land_area', ['新增城市绿化面积⟦15万平方米⟧。', '新建高标准农田⟦3.6万亩⟧。']],
  ['demolished_area', ['拆除旧厂房⟦4.2万平方米⟧。', '拆除违章搭建⟦1.6万平方米⟧。']],
  ['floor_area', ['改造提升老旧小区⟦86万平方米⟧。', '腾出⟦2800平方米⟧的办公空间用于群众服务。', '稳步推进⟦9.6万平方米⟧不成套住房改造。']],
  ['supplies', ['向隔离群众配送蔬菜包⟦900份⟧。', '向受灾群众发放大米⟦3000袋⟧。']],
  ['events_held', ['组织开展消防演练⟦18场⟧。', '社区举办亲子读书会⟦8期⟧。']],
  ['checkpoints', ['在各村设立防疫检测点⟦26个⟧。', '全镇设立疫情防控卡口⟦9个⟧。']],
  ['housing_units', ['今年筹集保障性租赁住房⟦2600套⟧。']],
  ['households_resettled', ['⟦96户⟧拆迁户已回迁入住。']],
  ['households_relocated', ['已有⟦188户⟧被征收户签订搬迁协议。']],
  ['duration', ['审批时限压缩至⟦3个工作日⟧。']],
];

/** A second batch, written later across other topics (first run: 65 of 69 right, as was the old cue scorer). */
export const METRICS_MORE: Corpus = [
  ['people_served', [
    '今年以来，区人社局为失业人员开展技能培训⟦1860人次⟧。',
    '家庭医生团队上门为失能老人提供医疗服务⟦930人次⟧。',
    '全县累计完成适龄妇女“两癌”筛查⟦2.4万人⟧。',
    '景区国庆假期共接待游客⟦36.2万人次⟧，同比增长18%。',
    '助餐点每天为⟦420余名⟧高龄老人提供午餐。',
  ]],
  ['growth_rate', [
    '全县规上工业总产值同比增长⟦9.3%⟧，增速高于全市平均水平。',
    '一季度社会消费品零售总额较上年同期下降⟦2.6%⟧。',
    '外贸出口增速比去年同期加快⟦3.1个百分点⟧。',
  ]],
  ['problems_collected', [
    '安全生产大检查共发现各类隐患⟦1260处⟧。',
    '“接诉即办”平台本季度共派发工单⟦8420件⟧。',
    '信访部门今年受理群众来信来访⟦312件次⟧。',
  ]],
  ['problems_resolved', [
    '截至目前已整改销号隐患⟦1198处⟧。',
    '成功调处各类矛盾纠纷⟦276起⟧，调解成功率达98.6%。',
    '一批群众反映强烈的“急难愁盼”问题⟦43个⟧得到解决。',
  ]],
  ['resolution_rate', ['成功调处各类矛盾纠纷276起，调解成功率达⟦98.6%⟧。', '工单按时办结率达到⟦99.1%⟧。']],
  ['satisfaction_rate', ['回访群众满意率达⟦96.7%⟧。']],
  ['cases', [
    '公安机关侦破涉疫诈骗案件⟦11起⟧。',
    '市场监管部门共查办食品安全案件⟦58件⟧，罚没款32万元。',
  ]],
  ['other', [
    '市场监管部门共查办食品安全案件58件，罚没款⟦32万元⟧。',
    '城区建成区绿化覆盖率达到⟦41.2%⟧。',
  ]],
  ['inspections', [
    '环保执法人员开展夜间突击检查⟦23次⟧。',
    '对全区⟦126家⟧加油站开展安全检查，发现问题37个。',
  ]],
  ['enterprises_served', ['“企业服务日”活动中，区领导带队走访重点企业⟦48家⟧。', '帮助⟦126家⟧中小企业解决用工难题。']],
  ['staff_deployed', [
    '全区注册志愿者总数达到⟦6.8万人⟧。',
    '区里从机关抽调干部⟦86名⟧组建防汛突击队。',
    '防汛期间累计出动巡查人员⟦2.1万人次⟧。',
    '全镇组建护河志愿服务队⟦15支⟧。',
  ]],
  ['funds_allocated', [
    '区财政下达乡村振兴衔接资金⟦5600万元⟧。',
    '为受灾群众发放救灾补助⟦128万元⟧。',
    '累计向1200户困难家庭发放临时救助金⟦246万元⟧。',
  ]],
  ['households_served', ['累计向⟦1200户⟧困难家庭发放临时救助金246万元。', '燃气管网改造惠及居民⟦3200户⟧。']],
  ['investment', ['全年完成固定资产投资⟦126.8亿元⟧。', '该项目总投资⟦18亿元⟧，建成后可年产新能源电池10万组。']],
  ['output_value', ['项目建成后预计年产值可达⟦35亿元⟧。', '电商平台“双十一”期间实现网络零售额⟦2.3亿元⟧。']],
  ['infrastructure_length', ['今年已完成农村公路提质改造⟦126公里⟧。', '新建改造供水管网⟦48.5公里⟧。', '完成河道清淤疏浚⟦32公里⟧。']],
  ['land_area', ['今年完成植树造林⟦1.6万亩⟧。', '流转土地⟦2800亩⟧发展特色种植。']],
  ['land_cleared', ['为保障项目落地，街道依法征收集体土地⟦430亩⟧。']],
  ['demolished_area', ['全年累计拆除违法建筑⟦12.6万平方米⟧。']],
  ['floor_area', ['新建标准化厂房⟦8.5万平方米⟧。', '完成老旧小区改造⟦56万平方米⟧。']],
  ['area', ['该产业园规划面积⟦12平方公里⟧。']],
  ['buildings', ['完成危旧房屋改造⟦320栋⟧。', '为⟦46栋⟧老旧住宅加装电梯。']],
  ['housing_units', ['交付安置房⟦1860套⟧。']],
  ['households_resettled', ['⟦520户⟧受灾群众搬入新居。']],
  ['households_relocated', ['项目涉及的⟦312户⟧征迁户全部签约。']],
  ['projects_started', ['一季度重大项目集中开工⟦36个⟧，总投资128亿元。']],
  ['projects_completed', ['年内建成投用的民生项目达⟦18个⟧。']],
  ['projects_signed', ['招商推介会上现场签约项目⟦27个⟧，签约金额156亿元。']],
  ['contract_value', ['招商推介会上现场签约项目27个，签约金额⟦156亿元⟧。']],
  ['events_held', ['开展“送戏下乡”文艺演出⟦60场⟧。', '举办消防安全知识讲座⟦15期⟧。']],
  ['supplies', ['向受灾乡镇调拨救灾帐篷⟦300顶⟧。', '发放防暑降温物资⟦2000余份⟧。']],
  ['checkpoints', ['在进出城主要路口设置临时检测点⟦14个⟧。']],
  ['participants', ['⟦1200余名⟧干部群众参加了升旗仪式。']],
  ['target_completion_rate', ['上半年完成年度投资计划的⟦56.3%⟧。', '重点项目开工率达到⟦92%⟧。']],
  ['fiscal_revenue', ['全区实现税收收入⟦86.5亿元⟧。']],
  ['financing', ['银行机构为科技企业新增贷款⟦12亿元⟧。']],
  ['tax_relief', ['今年前三季度新增减税降费⟦3.2亿元⟧。']],
  ['duration', ['企业开办时间压缩至⟦1个工作日⟧。']],
];

/** A third batch: long sentences with several figures, subsets and changes in points (first run: 35 of 38
 *  right; the old cue scorer 34). */
export const METRICS_THIRD: Corpus = [
  ['staff_deployed', ['汛期以来，全县累计投入抢险力量⟦3200余人次⟧，转移群众1800余人。', '全镇共派出⟦6个⟧工作组分片包村。']],
  ['people_served', ['汛期以来，全县累计投入抢险力量3200余人次，转移群众⟦1800余人⟧。', '医保部门为⟦2.6万名⟧参保群众办理异地就医备案。', '“银龄课堂”开班以来累计培训老年学员⟦3400人次⟧。']],
  ['events_held', ['“银龄课堂”开设书法、摄影等课程18门，累计授课⟦260课时⟧。']],
  ['other', ['该县森林覆盖率达到⟦68.5%⟧，较上年提高0.6个百分点。', '辖区共有60岁以上老年人⟦1.2万人⟧，占总人口的21%。', '辖区共有60岁以上老年人1.2万人，占总人口的⟦21%⟧。', '该县森林覆盖率达到68.5%，较上年提高⟦0.6个百分点⟧。']],
  ['problems_collected', ['12345热线上半年共受理涉企诉求⟦1860件⟧，其中咨询类1020件、投诉类840件。', '12345热线上半年共受理涉企诉求1860件，其中咨询类1020件、投诉类⟦840件⟧。']],
  ['problems_resolved', ['截至6月底，已督促整改各类安全隐患⟦2860处⟧，整改率98.2%。', '信访积案化解攻坚中，全县共化解⟦47件⟧。']],
  ['resolution_rate', ['截至6月底，已督促整改各类安全隐患2860处，整改率⟦98.2%⟧。']],
  ['enterprises_served', ['今年已为⟦320户⟧个体工商户办理“个转企”手续。', '“万名干部进万企”活动开展以来，干部累计走访企业⟦5600余家次⟧。']],
  ['projects_signed', ['全市上半年共引进亿元以上项目⟦43个⟧，协议总投资386亿元。']],
  ['investment', ['全市上半年共引进亿元以上项目43个，协议总投资⟦386亿元⟧。', '今年以来，全区累计完成城建投资⟦42.6亿元⟧，占年度计划的61%。']],
  ['target_completion_rate', ['今年以来，全区累计完成城建投资42.6亿元，占年度计划的⟦61%⟧。']],
  ['land_area', ['全县今年新建高标准农田⟦6.8万亩⟧，总投资1.02亿元。', '累计完成退化林修复⟦3.2万亩⟧。']],
  ['households_relocated', ['征迁工作启动仅20天，⟦286户⟧被征迁户全部签订补偿协议。']],
  ['households_resettled', ['首批⟦420户⟧拆迁群众选房入住。']],
  ['supplies', ['爱心企业向敬老院捐赠米面油等物资⟦500余份⟧。', '为环卫工人送去防暑降温用品⟦1200份⟧。']],
  ['cases', ['今年以来共办理环境违法案件⟦36起⟧，处罚金额218万元。']],
  ['funds_allocated', ['今年以来共发放就业创业补贴⟦1860万元⟧，惠及4300余人。', '落实高龄津贴⟦2100万元⟧，惠及高龄老人1.8万人。']],
  ['output_value', ['春节假期全县实现旅游综合收入⟦4.6亿元⟧，同比增长23%。']],
  ['growth_rate', ['春节假期全县实现旅游综合收入4.6亿元，同比增长⟦23%⟧。']],
  ['checkpoints', ['在城区设置便民核酸采样点⟦32个⟧。']],
  ['inspections', ['河湖长今年累计巡河⟦1.6万余次⟧，发现问题320个。']],
  ['buildings', ['今年已完成⟦46个⟧老旧小区改造，惠及居民1.1万户。']],
  ['households_served', ['今年已完成46个老旧小区改造，惠及居民⟦1.1万户⟧。']],
  ['infrastructure_length', ['新建改造城市燃气管网⟦38公里⟧，更换老化立管2600余根。']],
  ['projects_completed', ['全区⟦15个⟧市级重点项目已竣工投产。']],
];

// A fourth batch, of the families of errors seen on a fresh unseen set (extract2): a change of a level noun
// in percent, subsets counted by a measure word alone, finders of problems, workers named by their work,
// rounds of inspection, hotline orders, land vacated.
export const METRICS_FOURTH: Corpus = [
  // a change verb right before a percent makes it a change, whatever level noun precedes (浓度, 占比, 密度)
  ['growth_rate', [
    '今年一季度，城区细颗粒物平均浓度同比下降⟦8.6%⟧。',
    '全区入境断面氨氮浓度同比降低⟦15.2%⟧。',
    '全县森林火灾发生密度较上年下降⟦30%⟧。',
  ]],
  ['satisfaction_rate', ['今年群众对物业服务的满意率提高到⟦92.5%⟧。']],
  // a subset (其中…) counted by a measure word alone takes the class of its whole
  ['enterprises_served', [
    '上半年走访个体工商户1800余户，帮助其中⟦96户⟧办理转型升级手续。',
    '街道今年累计走访小微企业420家，其中⟦37家⟧获得首次贷款。',
  ]],
  // people counted by 名/人 who find problems are the finders, not problems
  ['staff_deployed', [
    '全区⟦1600余名⟧专职网格员是发现隐患的前哨。',
    '街道⟦320名⟧楼道长承担着收集居民诉求的任务。',
    // a verb of patrol, guard or repair right before 人员 makes them workers
    '汛期镇里每天派出巡堤人员⟦160人次⟧。',
    '县供电公司抽调抢修人员⟦85名⟧连夜恢复供电。',
    '景区节日期间增派执勤人员⟦120名⟧。',
  ]],
  ['people_served', ['今年以来共排查返乡人员⟦3200人⟧。', '暴雨期间共转移受威胁人员⟦1860人⟧。']],
  // rounds of looking for problems are inspections; 件次 still counts the problems
  ['inspections', [
    '汛前，镇里组织开展了⟦4轮⟧地质灾害隐患排查。',
    '街道今年开展燃气安全隐患排查⟦6次⟧，发现隐患53处。',
  ]],
  ['problems_collected', ['网格员今年上报矛盾纠纷⟦1200余件次⟧。', '热线中心今年以来共接单⟦2.6万件⟧，办结率98.7%。']],
  ['land_cleared', ['截至目前，开发区已累计腾地⟦860亩⟧，为项目落地提供空间。']],
  // person-times of patrol with no people named are patrols; people named stay people or staff
  ['inspections', ['今年以来，全镇各级林长累计巡林⟦2.4万人次⟧。']],
  // "V的有 X": the relative clause's verb says what was done
  ['problems_resolved', ['今年共受理群众诉求860件，其中现场办结的有⟦610件⟧。']],
  // 组 also counts sets of things
  ['other', ['小区把散落在楼道口的⟦40组⟧垃圾桶全部撤掉，集中设置投放点。']],
  // a verb token that swallowed the first morpheme of 销售收入 / 营业收入
  ['output_value', ['节日期间，农特产品展销馆实现销售收入⟦86万元⟧。']],
];
