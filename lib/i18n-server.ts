// Server-side half of lib/i18n.ts: the request's language, and the metric words of lib/vocab (the taxonomy
// may be read from disk, so it cannot travel to the browser as code).
import { cookies } from 'next/headers';
import { LANG_COOKIE, parseLang, type Lang } from './i18n';
import { metricGroups as groupsOfMetrics, metricLabel } from './vocab/metrics';
import { unitLabel } from './vocab/units';

export { metricLabel };

type SearchParams = Record<string, string | string[] | undefined>;

/** `lang` in the URL wins (a shared link keeps its language), then the cookie the switch sets, then Chinese. */
export async function requestLang(searchParams?: SearchParams): Promise<Lang> {
  const fromUrl = parseLang(searchParams?.lang);
  if (fromUrl) return fromUrl;
  const jar = await cookies();
  return parseLang(jar.get(LANG_COOKIE)?.value) ?? 'zh';
}

export interface MetricOption { key: string; label: string; units: string }
export interface MetricGroupOption { key: string; label: string; metrics: MetricOption[] }

/** The taxonomy's metrics grouped as it groups them, each with the units it can have, for the filter forms. */
export function metricGroups(lang: Lang): MetricGroupOption[] {
  return groupsOfMetrics(lang).map((g) => ({
    ...g, metrics: g.metrics.map((m) => ({ key: m.key, label: m.label, units: m.units.map((u) => unitLabel(u, lang)).join(lang === 'zh' ? '、' : ', ') })),
  }));
}
