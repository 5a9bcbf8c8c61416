'use client';

// The view's filters as a plain GET form (works without JavaScript); with JavaScript every change
// pushes the new URL at once, so the server re-renders the view and back/forward step through views.
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';

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
  labels: { metric: string; allMetrics: string; district: string; street: string; community: string; from: string; to: string; qualifier: string; source: string; reviewStatus: string; objectClass: string; actionClass: string; any: string; apply: string; reset: string;
    /** the switch that lets a filter's list select several values */
    several: string };
}

// Narrowing to a place clears what lies below it: a street of another district would match nothing.
const CLEARS: Record<string, string[]> = { district: ['street', 'community'], street: ['community'] };
const ORDER = ['district', 'street', 'community', 'metric', 'object_class', 'action_class', 'from', 'to', 'qualifier', 'source', 'review_status'];
// the filters a reader compares several values of (two metrics, three streets): their lists can select several
const SEVERAL = new Set(['metric', 'district', 'street', 'community']);

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
    if (!target.name) return; // a list's "several" switch, not a filter
    // a half-typed date is not a filter yet
    if (target.type === 'date' && target.value && !/^\d{4}-\d{2}-\d{2}$/.test(target.value)) return;
    navigate(e.currentTarget, target.name);
  };

  // A list selects several values when its switch is on, or when the URL gives several (metric=a&metric=b)
  // and its switch was not just turned off; the switch's own change is not a filter change.
  const [several, setSeveral] = useState<Record<string, boolean>>({});
  const isSeveral = (name: string) => (listOf(values[name]).length > 1 ? several[name] !== false : Boolean(several[name]));
  const initial = (name: string) => (isSeveral(name) ? listOf(values[name]) : listOf(values[name])[0] ?? '');
  // a switch turned off lasts until the URL it asked for arrives; then the URL says again (back/forward)
  useEffect(() => setSeveral((s) => Object.fromEntries(Object.entries(s).filter(([, on]) => on))), [shown]);
  const idPrefix = useId();

  function toggleSeveral(name: string, on: boolean) {
    setSeveral((s) => ({ ...s, [name]: on }));
    const form = formRef.current;
    const field = form?.elements.namedItem(name);
    if (on || !form || !(field instanceof HTMLSelectElement)) return;
    // back to one value: the first the URL gives stays
    const kept = listOf(values[name])[0] ?? '';
    for (const option of Array.from(field.options)) option.selected = option.value === kept;
    navigate(form);
  }

  const field = (name: string, label: string, control: (id: string) => ReactNode) => {
    const id = `${idPrefix}-${name}`;
    return (
      <div className={`field${name === 'metric' ? ' field-wide' : ''}`}>
        <span className="field-head">
          <label htmlFor={id}>{label}</label>
          {SEVERAL.has(name) && (
            <label className="field-several">
              <input type="checkbox" checked={isSeveral(name)} data-testid={`several-${name}`}
                onChange={(e) => { e.stopPropagation(); toggleSeveral(name, e.target.checked); }} />
              {labels.several}
            </label>
          )}
        </span>
        {control(id)}
      </div>
    );
  };
  const select = (name: string, label: string, options: Option[], anyLabel = labels.any) => field(name, label, (id) => (
    <select id={id} name={name} defaultValue={initial(name)} multiple={isSeveral(name)} size={isSeveral(name) ? 5 : undefined} data-testid={`filter-${name}`}>
      <option value="">{anyLabel}</option>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  ));

  return (
    <form ref={formRef} method="get" action={pathname} className="filters" data-testid="filters" aria-busy={pending}
      onChange={onChange} onSubmit={(e) => { e.preventDefault(); navigate(e.currentTarget); }}>
      {field('metric', labels.metric, (id) => (
        <select id={id} name="metric" defaultValue={initial('metric')} multiple={isSeveral('metric')} size={isSeveral('metric') ? 6 : undefined} data-testid="filter-metric">
          <option value="">{labels.allMetrics}</option>
          {metricGroups.map((g, i) => (
            // keyed by position: a language switch relabels the groups without replacing the selected option
            <optgroup key={i} label={g.label}>
              {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </optgroup>
          ))}
        </select>
      ))}
      {select('district', labels.district, districts)}
      {select('street', labels.street, streets)}
      {select('community', labels.community, communities)}
      {field('from', labels.from, (id) => <input id={id} type="date" name="from" defaultValue={initial('from')} data-testid="filter-from" />)}
      {field('to', labels.to, (id) => <input id={id} type="date" name="to" defaultValue={initial('to')} data-testid="filter-to" />)}
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
