// Labels of a figure's facets (object, action, aspect, unit and measure classes) and the one sentence that
// says why the extractor filed a figure under its metric. The class keys and their zh/en names are defined
// once, in lib/extract/facet-classes.ts; this file only looks them up. Client-safe (no server imports).
import {
  ACTION_CLASSES, ASPECTS, MEASURE_CLASSES, OBJECT_CLASSES, UNIT_CLASSES, type FacetClass,
} from '../extract/facet-classes';
import type { Lang } from './codes';

export { ACTION_CLASSES, OBJECT_CLASSES };

const byKey = (classes: readonly FacetClass[]) => new Map<string, FacetClass>(classes.map((c) => [c.key, c]));
const OBJECTS = byKey(OBJECT_CLASSES);
const ACTIONS = byKey(ACTION_CLASSES);
const ASPECT_BY_KEY = byKey(ASPECTS);
const UNIT_CLASS_BY_KEY = byKey(UNIT_CLASSES);
const MEASURE_CLASS_BY_KEY = byKey(MEASURE_CLASSES);

// an unknown key (a newer extractor's class) is shown as itself rather than hidden
const labelOf = (classes: Map<string, FacetClass>) => (key: string, lang: Lang): string => classes.get(key)?.[lang] ?? key;
export const objectClassLabel = labelOf(OBJECTS);
export const actionClassLabel = labelOf(ACTIONS);
export const aspectLabel = labelOf(ASPECT_BY_KEY);
export const unitClassLabel = labelOf(UNIT_CLASS_BY_KEY);
export const measureClassLabel = labelOf(MEASURE_CLASS_BY_KEY);

export const OBJECT_CLASS_KEYS: readonly string[] = OBJECT_CLASSES.map((c) => c.key);
export const ACTION_CLASS_KEYS: readonly string[] = ACTION_CLASSES.map((c) => c.key);

export const METRIC_SOURCES = ['facets', 'fallback'] as const;
const METRIC_SOURCE_LABELS: Record<string, Record<Lang, string>> = {
  facets: { zh: '由对象与动作推定', en: 'derived from the object and action' },
  fallback: { zh: '由关键词评分推定（对象与动作不足以判断）', en: 'from the fallback cue scorer (the object and action did not decide)' },
};
export function metricSourceLabel(source: string, lang: Lang): string {
  return METRIC_SOURCE_LABELS[source]?.[lang] ?? source;
}

/** A figure's facets and metric decision as stored (export column names; null where the extractor found none). */
export interface MetricDecision {
  object: string | null; object_class: string | null;
  action: string | null; action_class: string | null; aspect: string | null;
  /** the metric the extractor chose (before any correction) and its label */
  metric: string; metricLabel: string;
  metric_confidence: number | null; metric_source: string | null;
}

const WORDS: Record<Lang, { object: string; action: string; none: string; sep: string; dot: string; confidence: string; open: string; close: string }> = {
  zh: { object: '计数对象', action: '动作', none: '未识别', sep: '：', dot: ' · ', confidence: '置信度', open: '（', close: '）' },
  en: { object: 'counted', action: 'action', none: 'not found', sep: ': ', dot: ' · ', confidence: 'confidence', open: ' (', close: ')' },
};

/** The part of a facet as written with its class in words: 企业（企业） or 走访（走访；已完成）. */
function facetPhrase(written: string | null, classLabel: string | null, extra: string | null, lang: Lang): string {
  const head = written ?? classLabel ?? WORDS[lang].none;
  const notes = [classLabel !== head ? classLabel : null, extra].filter((x): x is string => Boolean(x));
  return notes.length ? `${head}${WORDS[lang].open}${notes.join(lang === 'zh' ? '；' : '; ')}${WORDS[lang].close}` : head;
}

/**
 * Why a figure is filed under its metric, in one line:
 * "计数对象：企业 · 动作：走访（已完成）→ 走访企业 (enterprises_served) · 置信度 0.92 · 由对象与动作推定".
 */
export function metricReason(d: MetricDecision, lang: Lang): string {
  const w = WORDS[lang];
  const object = facetPhrase(d.object, d.object_class ? objectClassLabel(d.object_class, lang) : null, null, lang);
  const action = facetPhrase(d.action, d.action_class ? actionClassLabel(d.action_class, lang) : null, d.aspect ? aspectLabel(d.aspect, lang) : null, lang);
  const parts = [`${w.object}${w.sep}${object}${w.dot}${w.action}${w.sep}${action} → ${d.metricLabel} (${d.metric})`];
  if (d.metric_confidence !== null) parts.push(`${w.confidence} ${d.metric_confidence.toFixed(2)}`);
  if (d.metric_source) parts.push(metricSourceLabel(d.metric_source, lang));
  return parts.join(w.dot);
}
