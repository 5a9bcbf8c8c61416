// A view's download links: CSV (and JSON Lines) of exactly the rows the view shows, with their count,
// so nobody starts a million-row download by accident. A plain link, so it works without JavaScript and
// renders on the server: pass the count from countFacts(db, query) (db/export.ts).
import type { Filters } from '../../lib/filters';
import { exportUrl, type ExportExtras } from '../../lib/export/urls';

export interface DownloadButtonProps {
  filters: Filters;
  /** rows the download will hold: countFacts(db, { ...filters, unit, pick }) */
  count: number;
  /** the unit a chart draws, the bar a view drilled into (the dashboard's pick parameter) */
  extras?: Pick<ExportExtras, 'unit' | 'pick' | 'includeRejected'>;
  lang?: 'zh' | 'en';
  /** show the JSON Lines link next to the CSV one */
  jsonl?: boolean;
}

export function DownloadButton({ filters, count, extras = {}, lang = 'zh', jsonl = true }: DownloadButtonProps) {
  const rows = count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <span className="download-button" data-testid="download-button">
      <a href={exportUrl(filters, 'csv', extras)} download data-testid="download-csv" data-count={count}>
        {lang === 'zh' ? `下载 CSV（${rows} 行）` : `Download CSV (${rows} rows)`}
      </a>
      {jsonl && (
        <>
          {' · '}
          <a href={exportUrl(filters, 'jsonl', extras)} download data-testid="download-jsonl">JSON Lines</a>
        </>
      )}
      {' · '}
      <a href="/export/README">{lang === 'zh' ? '字段说明' : 'Data dictionary'}</a>
    </span>
  );
}
