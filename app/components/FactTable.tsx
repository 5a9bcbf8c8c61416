import type { FactListRow } from '../../db/dashboard';
import { fill, strings, type Lang } from '../../lib/i18n';
import { reviewStatusLabel } from '../../lib/vocab/codes';
import { metricLabel } from '../../lib/i18n-server';
import { FigureValue } from './FigureValue';

/** The figures of a view, each linked to its sentence (fact page), its place and its article. */
export function FactTable({ rows, lang, caption }: { rows: FactListRow[]; lang: Lang; caption: string }) {
  const s = strings(lang);
  if (rows.length === 0) return <p className="empty">{s.nothing}</p>;
  return (
    <div className="table-scroll">
      <table className="fact-table" data-testid="fact-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{s.date}</th><th scope="col">{s.place}</th><th scope="col">{s.metric}</th>
            <th scope="col" className="num">{s.value}</th><th scope="col">{s.text}</th><th scope="col">{s.article}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const placeCode = r.communityCode ?? r.streetCode ?? r.districtCode;
            const placeName = r.community ?? r.street ?? r.district;
            return (
              <tr key={r.id} data-fact-id={r.id}>
                <td className="nowrap">{r.date ?? '—'}</td>
                <td>{placeCode ? <a href={`/places/${placeCode}`}>{placeName}</a> : placeName ?? '—'}</td>
                <td>{metricLabel(r.metric, lang)}</td>
                <td className="num"><FigureValue value={r.value} unit={r.unit} qualifier={r.qualifier} lang={lang} />
                  {r.reviewStatus === 'corrected' && <span className="badge corrected" data-testid="corrected-mark" title={fill(s.list_corrected, { value: r.text })}>{reviewStatusLabel('corrected', lang)}</span>}</td>
                <td><a href={`/facts/${r.id}`} data-testid="fact-link">{r.text}</a></td>
                <td><a href={`/articles/${r.articleId}`}>{r.articleTitle ?? `#${r.articleId}`}</a>{r.source ? <span className="muted"> · {r.source}</span> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
