// The choices and words of the filter form, the same on every page that shows it (overview, checks): one place
// builds them from the vocabulary and the places that hold figures.
import type { Db } from '../../db/client';
import { filterPlaces, sourceNames } from '../../db/dashboard';
import type { Filters } from '../../lib/filters';
import { strings, type Lang } from '../../lib/i18n';
import { metricGroups } from '../../lib/i18n-server';
import { QUALIFIER_ENTRIES, REVIEW_STATUS_ENTRIES, qualifierLabel } from '../../lib/vocab/codes';
import { ACTION_CLASSES, OBJECT_CLASSES } from '../../lib/vocab/facets';
import type { FilterFormProps } from './FilterForm';

/** Every prop of FilterForm but the values and what it keeps; `withUnits` adds each metric's units to its label. */
export async function filterFormOptions(db: Db, filters: Filters, lang: Lang, withUnits: boolean): Promise<Omit<FilterFormProps, 'values' | 'keep'>> {
  const s = strings(lang);
  const { districts, streets, communities } = await filterPlaces(db, filters);
  const place = (p: { code: string; name: string }) => ({ value: p.code, label: p.name });
  return {
    metricGroups: metricGroups(lang).map((g) => ({ label: g.label, options: g.metrics.map((m) => ({ value: m.key, label: withUnits ? `${m.label}（${m.units || '—'}）` : m.label })) })),
    districts: districts.map(place),
    streets: streets.map(place),
    communities: communities.map(place),
    qualifiers: QUALIFIER_ENTRIES.map((q) => ({ value: q.code, label: qualifierLabel(q.code, lang) })),
    sources: (await sourceNames(db)).map((n) => ({ value: n, label: n })),
    statuses: REVIEW_STATUS_ENTRIES.map((e) => ({ value: e.code, label: e[lang] })),
    objectClasses: OBJECT_CLASSES.map((c) => ({ value: c.key, label: c[lang] })),
    actionClasses: ACTION_CLASSES.map((c) => ({ value: c.key, label: c[lang] })),
    labels: { metric: s.metric, allMetrics: s.all_metrics, district: s.district, street: s.street, community: s.community, from: s.from, to: s.to, qualifier: s.qualifier, source: s.source, reviewStatus: s.review_status, objectClass: s.object_class, actionClass: s.action_class, any: s.any, apply: s.apply, reset: s.reset, several: s.several },
  };
}
