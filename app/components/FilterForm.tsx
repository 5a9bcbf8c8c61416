'use client';

// The view's filters as a plain GET form (works without JavaScript); with JavaScript every change
// pushes the new URL at once, so the server re-renders the view and back/forward step through views.
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition, type FormEvent } from 'react';

export interface Option { value: string; label: string }
export interface OptionGroup { label: string; options: Option[] }

export interface FilterFormProps {
  /** the filters' values; the filters that take several values come as arrays */
  values: Record<string, string | string[] | undefined>;
  metricGroups: OptionGroup[];
  districts: Option[];
  streets: Option[];
  communities: Option[];
  qualifiers: Option[];
  sources: Option[];
  statuses: Option[];
  objectClasses: Option[];
  actionClasses: Option[];
  /** parameters the form does not edit but keeps (lang) */
  keep: Record<string, string | undefined>;
  labels: { metric: string; allMetrics: string; district: string; street: string; community: string; from: string; to: string; qualifier: string; source: string; reviewStatus: string; objectClass: string; actionClass: string; any: string; apply: string; reset: string };
}

// Narrowing to a place clears what lies below it: a street of another district would match nothing.
const CLEARS: Record<string, string[]> = { district: ['street', 'community'], street: ['community'] };
const ORDER = ['district', 'street', 'community', 'metric', 'object_class', 'action_class', 'from', 'to', 'qualifier', 'source', 'review_status'];

const listOf = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Shows a field's values: a select of several values selects each of its options. */
function showValues(field: HTMLSelectElement | HTMLInputElement, values: string[]) {
  if (field instanceof HTMLSelectElement && field.multiple) {
    for (const option of Array.from(field.options)) option.selected = values.includes(option.value);
  } else if (field.value !== (values[0] ?? '')) {
    field.value = values[0] ?? '';
  }
}

export function FilterForm({ values, metricGroups, districts, streets, communities, qualifiers, sources, statuses, objectClasses, actionClasses, keep, labels }: FilterFormProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  // The fields follow the URL (back/forward, a reset, a cleared street) without being re-mounted: a
  // re-mounted select loses the keyboard focus, so a keyboard user could not step through its options.
  // A language switch re-renders the options with new labels: the values are shown again then too.
  const shown = JSON.stringify(ORDER.map((name) => listOf(values[name])));
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const current = JSON.parse(shown) as string[][];
    ORDER.forEach((name, i) => {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLSelectElement || field instanceof HTMLInputElement) showValues(field, current[i]);
    });
  }, [shown, labels.allMetrics]);

  function navigate(form: HTMLFormElement, changed?: string) {
    const data = new FormData(form);
    const query = new URLSearchParams();
    const cleared = new Set(changed ? CLEARS[changed] ?? [] : []);
    for (const key of ORDER) {
      if (cleared.has(key)) continue;
      for (const v of data.getAll(key)) if (typeof v === 'string' && v !== '') query.append(key, v);
    }
    for (const [k, v] of Object.entries(keep)) if (v) query.set(k, v);
    const qs = query.toString();
    // a new view starts on its first page with nothing picked, so `page` and `pick` are dropped
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement | HTMLSelectElement;
    // a half-typed date is not a filter yet
    if (target.type === 'date' && target.value && !/^\d{4}-\d{2}-\d{2}$/.test(target.value)) return;
    navigate(e.currentTarget, target.name);
  };

  // a filter given several values in the URL (metric=a&metric=b) is shown as a list that selects several
  const severalOf = (name: string) => listOf(values[name]).length > 1;
  const initial = (name: string) => (severalOf(name) ? listOf(values[name]) : listOf(values[name])[0] ?? '');
  const select = (name: string, label: string, options: Option[], anyLabel = labels.any) => (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={initial(name)} multiple={severalOf(name)} data-testid={`filter-${name}`}>
        <option value="">{anyLabel}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );

  return (
    <form ref={formRef} method="get" action={pathname} className="filters" data-testid="filters" aria-busy={pending}
      onChange={onChange} onSubmit={(e) => { e.preventDefault(); navigate(e.currentTarget); }}>
      <label className="field field-wide">
        <span>{labels.metric}</span>
        <select name="metric" defaultValue={initial('metric')} multiple={severalOf('metric')} data-testid="filter-metric">
          <option value="">{labels.allMetrics}</option>
          {metricGroups.map((g, i) => (
            // keyed by position: a language switch relabels the groups without replacing the selected option
            <optgroup key={i} label={g.label}>
              {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      {select('district', labels.district, districts)}
      {select('street', labels.street, streets)}
      {select('community', labels.community, communities)}
      <label className="field">
        <span>{labels.from}</span>
        <input type="date" name="from" defaultValue={initial('from')} data-testid="filter-from" />
      </label>
      <label className="field">
        <span>{labels.to}</span>
        <input type="date" name="to" defaultValue={initial('to')} data-testid="filter-to" />
      </label>
      {select('qualifier', labels.qualifier, qualifiers)}
      {select('source', labels.source, sources)}
      {select('review_status', labels.reviewStatus, statuses)}
      {select('object_class', labels.objectClass, objectClasses)}
      {select('action_class', labels.actionClass, actionClasses)}
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="filter-actions">
        <button type="submit">{labels.apply}</button>
        <a href={`${pathname}${keep.lang ? `?lang=${keep.lang}` : ''}`}>{labels.reset}</a>
      </div>
    </form>
  );
}
