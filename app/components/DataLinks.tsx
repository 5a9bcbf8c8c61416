// "This page as data: JSON · CSV" — the view's data twins (lib/views/links.ts), with the page's own query.
import { strings, type Lang } from '../../lib/i18n';
import { twinUrl } from '../../lib/views/links';

export function DataLinks({ pathname, params, lang }: { pathname: string; params: URLSearchParams; lang: Lang }) {
  return (
    <p className="muted data-links" data-testid="data-links">
      {strings(lang).data_twins}
      <a href={twinUrl(pathname, params, 'json')} type="application/json" data-testid="data-json">JSON</a>
      {' · '}
      <a href={twinUrl(pathname, params, 'csv')} type="text/csv" data-testid="data-csv">CSV</a>
    </p>
  );
}
