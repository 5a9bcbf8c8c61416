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
  ['financing', ['发放创业担保贷款⟦2600万元⟧。']],
  ['funds_allocated', ['兑现各类惠企奖补资金⟦1.1亿元⟧。', '拨付防汛专项资金⟦600万元⟧。']],
  ['output_value', ['完成外贸进出口额⟦48亿元⟧。']],
  ['foreign_investment', ['实际使用外资⟦2.3亿美元⟧。']],
  ['contract_value', ['项目签约总金额⟦36亿元⟧。']],
  ['tax_relief', ['全年为企业减税降费⟦3.4亿元⟧。']],
  ['fiscal_revenue', ['一般公共预算收入完成⟦18.7亿元⟧。']],
  ['investment', ['计划投资⟦4.5亿元⟧建设物流园。']],
  // land and floor space
  ['land_cleared', ['完成土地征收⟦1250亩⟧。', '完成征收土地⟦650亩⟧。']],
  ['land_area', ['新增城市绿化面积⟦15万平方米⟧。', '新建高标准农田⟦3.6万亩⟧。']],
  ['demolished_area', ['拆除旧厂房⟦4.2万平方米⟧。', '拆除违章搭建⟦1.6万平方米⟧。']],
  ['floor_area', ['改造提升老旧小区⟦86万平方米⟧。', '腾出⟦2800平方米⟧的办公空间用于群众服务。']],
  ['supplies', ['向隔离群众配送蔬菜包⟦900份⟧。', '向受灾群众发放大米⟦3000袋⟧。']],
  ['events_held', ['组织开展消防演练⟦18场⟧。', '社区举办亲子读书会⟦8期⟧。']],
  ['checkpoints', ['在各村设立防疫检测点⟦26个⟧。', '全镇设立疫情防控卡口⟦9个⟧。']],
  ['housing_units', ['今年筹集保障性租赁住房⟦2600套⟧。']],
  ['households_resettled', ['⟦96户⟧拆迁户已回迁入住。']],
  ['households_relocated', ['已有⟦188户⟧被征收户签订搬迁协议。']],
  ['duration', ['审批时限压缩至⟦3个工作日⟧。']],
];
