// Full-text search of articles and sentences (Chinese by character bigrams, see db/search.ts).
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getDb } from '../../db/client';
import type { SearchHit } from '../../db/search';
import { FilterError } from '../../lib/filters';
import { fill, strings } from '../../lib/i18n';
import { requestLang } from '../../lib/i18n-server';
import { toSearchParams } from '../../lib/views/request';
import { searchData, type SearchData } from '../../lib/views/search';
import { DataLinks } from '../components/DataLinks';
import { first, twinMetadata, type SearchParams } from '../components/viewModel';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  return twinMetadata('/search', searchParams);
}

/** The passage with the query's terms in <mark> and its figures linked to their fact pages. */
function Passage({ hit }: { hit: SearchHit }) {
  const out: ReactNode[] = [];
  let pos = 0;
  for (const m of hit.matches) {
    if (m.start < pos) continue;
    out.push(hit.passage.slice(pos, m.start), <mark key={m.start}>{hit.passage.slice(m.start, m.end)}</mark>);
    pos = m.end;
  }
  out.push(hit.passage.slice(pos));
  return <>{out}</>;
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const lang = await requestLang(params);
  const s = strings(lang);
  let result: SearchData | null = null, error: string | null = null;
  try {
    result = await searchData(await getDb(), toSearchParams(params));
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    error = e.message;
  }
  const q = result?.q ?? (first(params.q) ?? '').slice(0, 200);
  return (
    <div>
      <h1>{s.search_title}</h1>
      <form method="get" action="/search" className="search-form" role="search">
        <label htmlFor="q" className="visually-hidden">{s.search_title}</label>
        <input id="q" name="q" type="search" defaultValue={q} placeholder={s.search_placeholder} data-testid="search-input" />
        {first(params.lang) && <input type="hidden" name="lang" value={lang} />}
        <button type="submit">{s.search_button}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {!q && <p className="muted">{s.search_hint}</p>}
      {result && q && (
        <section aria-live="polite">
          <p data-testid="search-count">{result.hits.length ? fill(s.search_results, { q, n: result.hits.length }) : fill(s.search_none, { q })}</p>
          <ol className="search-hits" data-testid="search-hits">
            {result.hits.map((hit) => (
              <li key={`${hit.articleId}:${hit.start}`} className="search-hit">
                <p><a href={`/articles/${hit.articleId}`}>{hit.articleTitle ?? `#${hit.articleId}`}</a> <span className="muted">· {hit.source ?? '—'} · {hit.publishedOn ?? '—'}</span></p>
                <p><Passage hit={hit} /></p>
                {hit.figures.length > 0 && (
                  <p className="muted">
                    {s.open_fact}：{hit.figures.map((f, i) => <span key={f.id}>{i > 0 && '、'}<a href={`/facts/${f.id}`}>{f.text}</a></span>)}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <DataLinks pathname="/search" params={toSearchParams(params)} lang={lang} />
    </div>
  );
}
