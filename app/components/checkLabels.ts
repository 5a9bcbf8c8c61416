// Words of the checks and review UI, in the two languages the dashboard speaks.
import type { CheckKind, CheckRole, Verdict } from '../../lib/checks/types';

export type CheckLang = 'zh' | 'en';

export const KIND_LABELS: Record<CheckLang, Record<CheckKind, string>> = {
  zh: {
    rate: '比率与分子分母', share_of_target: '占目标的比例', parts_within_total: '分项与总数', growth: '增长率与前后数值',
    cumulative_decrease: '累计数是否减少', conflict: '不同报道是否一致', streets_within_district: '街道合计与全区总数',
  },
  en: {
    rate: 'Rate vs. its parts', share_of_target: 'Share of a target', parts_within_total: 'Parts vs. total', growth: 'Growth vs. the two values',
    cumulative_decrease: 'Running total going down', conflict: 'Reports agree', streets_within_district: 'Streets vs. district total',
  },
};

export const VERDICT_LABELS: Record<CheckLang, Record<Verdict, string>> = {
  zh: { holds: '相符', off: '不符', cannot_tell: '无法判断' },
  en: { holds: 'holds', off: 'off', cannot_tell: 'cannot tell' },
};

export const ROLE_LABELS: Record<CheckLang, Record<CheckRole, string>> = {
  zh: { stated: '所述', part: '分子', whole: '分母', total: '总数', base: '基数', current: '现值', earlier: '较早', later: '较晚', report: '报道', street: '街道', district: '全区' },
  en: { stated: 'stated', part: 'part', whole: 'whole', total: 'total', base: 'base', current: 'current', earlier: 'earlier', later: 'later', report: 'report', street: 'street', district: 'district' },
};

export const REVIEW_LABELS = {
  zh: {
    title: '审核', trail: '审核记录', noTrail: '尚无审核记录。', status: '状态', unreviewed: '未审核', verified: '已核实', corrected: '已更正', rejected: '不是数字（驳回）',
    value: '更正后的数值', unit: '单位', metric: '指标', reason: '理由', submit: '保存审核', when: '时间', who: '编辑', before: '之前', after: '之后', why: '理由',
    signIn: '登录后可审核此数字', saved: '审核已保存。', valueHint: '可写 594、14亿、8000万', keep: '（不变）',
  },
  en: {
    title: 'Review', trail: 'Review trail', noTrail: 'No review yet.', status: 'Status', unreviewed: 'Unreviewed', verified: 'Verified', corrected: 'Corrected', rejected: 'Rejected (not a figure)',
    value: 'Corrected value', unit: 'Unit', metric: 'Metric', reason: 'Reason', submit: 'Save review', when: 'When', who: 'Editor', before: 'Before', after: 'After', why: 'Why',
    signIn: 'Sign in to review this figure', saved: 'Review saved.', valueHint: 'e.g. 594, 14亿, 8000万', keep: '(unchanged)',
  },
} as const;
