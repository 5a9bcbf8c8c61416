// Server-side half of lib/i18n.ts: the request's language and the taxonomy's metric labels
// (the taxonomy reads FIGURES_TAXONOMY from disk, so it cannot travel to the browser as code).
import { cookies } from 'next/headers';
import { TAXONOMY, metricByKey } from './extract/taxonomy';
import { LANG_COOKIE, parseLang, unitLabel, type Lang } from './i18n';

type SearchParams = Record<string, string | string[] | undefined>;

/** `lang` in the URL wins (a shared link keeps its language), then the cookie the switch sets, then Chinese. */
export async function requestLang(searchParams?: SearchParams): Promise<Lang> {
  const fromUrl = parseLang(searchParams?.lang);
  if (fromUrl) return fromUrl;
  const jar = await cookies();
  return parseLang(jar.get(LANG_COOKIE)?.value) ?? 'zh';
}

export function metricLabel(key: string, lang: Lang): string {
  const metric = metricByKey(key);
  return metric ? metric[lang] : key;
}

export interface MetricOption { key: string; label: string; units: string }
export interface MetricGroupOption { key: string; label: string; metrics: MetricOption[] }

/** The taxonomy's metrics grouped as it groups them, each with the units it can have. */
export function metricGroups(lang: Lang): MetricGroupOption[] {
  const groups = new Map<string, MetricGroupOption>();
  for (const metric of TAXONOMY) {
    let group = groups.get(metric.group.key);
    if (!group) { group = { key: metric.group.key, label: metric.group[lang], metrics: [] }; groups.set(metric.group.key, group); }
    group.metrics.push({ key: metric.key, label: metric[lang], units: metric.units.map((u) => unitLabel(u, lang)).join(lang === 'zh' ? '、' : ', ') });
  }
  return [...groups.values()];
}
