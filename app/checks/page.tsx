// /checks: every arithmetic and consistency check, filtered like the dashboard, problems first.
import type { Metadata } from 'next';
import { getDb } from '../../db/client';
import { CHECK_KINDS, VERDICTS, type CheckKind, type Verdict } from '../../lib/checks';
import { FilterError, filtersToQuery, type Filters } from '../../lib/filters';
import { requestLang } from '../../lib/i18n-server';
import { CHECKS_PAGE_SIZE, checksData, type ChecksData } from '../../lib/views/checks';
import { toSearchParams } from '../../lib/views/request';
import { DataLinks } from '../components/DataLinks';
import { CheckList } from '../components/CheckList';
import { KIND_LABELS, VERDICT_LABELS } from '../components/checkLabels';
import styles from '../components/checks.module.css';
import { FilterForm } from '../components/FilterForm';
import { filterFormOptions } from '../components/filterFormOptions';
import { first, twinMetadata, type SearchParams } from '../components/viewModel';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata('/checks', searchParams, { title: '核查 · 数说基层' });
}

export default async function ChecksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const lang = await requestLang(params);
  const db = await getDb();
  let data: ChecksData | null = null, error: string | null = null;
  try {
    data = await checksData(db, toSearchParams(params), { paged: true });
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    error = e.message;
  }
  const filters: Filters = data?.filters ?? {};
  const kind: CheckKind | undefined = data?.kind, verdict: Verdict | undefined = data?.verdict;
  const counts = data?.counts ?? { holds: 0, off: 0, cannot_tell: 0 };
  const checks = data?.checks ?? [];
  const page = data?.page ?? 1;
  const shown = data?.matching ?? 0;
  const keepLang = first(params.lang) ? lang : undefined;
  const url = (path: string, extra: Record<string, string | undefined>) => `${path}${filtersToQuery(filters, { kind, verdict, lang: keepLang, ...extra })}`;
  const formOptions = await filterFormOptions(db, filters, lang, false);

  return (
    <div className="dashboard">
      <h1>{lang === 'zh' ? '核查' : 'Checks'}</h1>
      <p className="note">
        {lang === 'zh'
          ? '文章自身的算术（比率、占比、分项、增长率），以及不同报道之间的一致性（累计数、同一数字、街道与全区）。每条核查列出算式与结论。'
          : 'The arithmetic inside articles (rates, shares, parts, growth) and the consistency between reports (running totals, the same figure, streets vs. district), each with its working and verdict.'}
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      <FilterForm values={{ ...filters }} keep={{ kind, verdict, lang: keepLang }} {...formOptions} />
      <nav className={styles.counts} aria-label={lang === 'zh' ? '按结论' : 'By verdict'} data-testid="check-counts">
        <a href={url('/checks', { verdict: undefined })} aria-current={!verdict ? 'page' : undefined}>{lang === 'zh' ? '全部' : 'All'} {counts.holds + counts.off + counts.cannot_tell}</a>
        {VERDICTS.map((v) => (
          <a key={v} href={url('/checks', { verdict: v })} aria-current={verdict === v ? 'page' : undefined} data-testid={`count-${v}`}>{VERDICT_LABELS[lang][v]} {counts[v]}</a>
        ))}
      </nav>
      <nav className={styles.counts} aria-label={lang === 'zh' ? '按类型' : 'By kind'}>
        <a href={url('/checks', { kind: undefined })} aria-current={!kind ? 'page' : undefined}>{lang === 'zh' ? '所有类型' : 'All kinds'}</a>
        {CHECK_KINDS.map((k) => <a key={k} href={url('/checks', { kind: k })} aria-current={kind === k ? 'page' : undefined}>{KIND_LABELS[lang][k]}</a>)}
      </nav>
      <p className={styles.exports}>
        {lang === 'zh' ? '导出：' : 'Export: '}
        <a href={url('/checks.csv', { lang: undefined, page: undefined })} data-testid="checks-csv">CSV</a> · <a href={url('/checks.json', { lang: undefined, page: undefined })} data-testid="checks-json">JSON</a>
      </p>
      {checks.length === 0
        ? <p className="muted" data-testid="checks-empty">{lang === 'zh' ? '没有符合条件的核查。' : 'No checks match.'}</p>
        : <CheckList checks={checks} lang={lang} />}
      {shown > page * CHECKS_PAGE_SIZE && <p><a href={url('/checks', { page: String(page + 1) })}>{lang === 'zh' ? '下一页' : 'Next page'}</a></p>}
      <DataLinks pathname="/checks" params={toSearchParams(params)} lang={lang} />
    </div>
  );
}
