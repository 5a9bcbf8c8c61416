// /export/README: the data dictionary of every export and of the JSON API (the same text as README.md's
// "Data dictionary", rendered from the same lists).
import type { Metadata } from 'next';
import { COLUMNS } from '../../../lib/export/columns';
import { codeLists, metricCodes, type Code } from '../../../lib/export/dictionary';
import { PAGE_SIZE } from '../../../lib/export/request';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据导出与字段说明 · 数说基层' };

function CodeTable({ id, title, codes }: { id: string; title: string; codes: Code[] }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="table-scroll">
        <table>
          <thead><tr><th>代码 code</th><th>中文</th><th>含义 meaning</th></tr></thead>
          <tbody>{codes.map((c) => <tr key={c.code}><td><code>{c.code}</code></td><td>{c.zh}</td><td>{c.en}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

export default function ExportReadmePage() {
  const metrics = metricCodes();
  return (
    <article className="export-readme">
      <h1>数据导出与字段说明 <span className="muted">Data dictionary</span></h1>
      <p>
        每个视图都可下载其全部数据：CSV（UTF-8，带 BOM，Excel 可直接打开中文）或 JSON Lines；同样的行也由 JSON 接口分页提供。
        Every view downloads as CSV or JSON Lines with exactly its rows; the JSON API serves the same rows page by page.
      </p>
      <section className="card" aria-labelledby="endpoints">
        <h2 id="endpoints">接口 Endpoints</h2>
        <p>
          Filters (all optional): <code>district</code>, <code>street</code>, <code>community</code> (official codes),{' '}
          <code>metric</code>, <code>from</code>, <code>to</code> (YYYY-MM-DD, on the figure&apos;s date), <code>qualifier</code>,{' '}
          <code>source</code>, <code>unit</code>, <code>measure</code>, <code>pick</code> (a chart bar: <code>street:CODE</code>, <code>period:2020-04</code>, <code>period:2020</code>…),{' '}
          <code>include_rejected=1</code>. A bad or unknown parameter is answered 400 with <code>{'{"error", "parameter"}'}</code>.
        </p>
        <ul>
          <li><a href="/export/facts.csv" download data-testid="download-all-csv"><code>/export/facts.csv</code></a> — CSV (<code>bom=0</code>: no byte-order mark)</li>
          <li><a href="/export/facts.jsonl" download><code>/export/facts.jsonl</code></a> — JSON Lines</li>
          <li><a href="/api/openapi.json" data-testid="openapi-link"><code>/api/openapi.json</code></a> — the whole JSON API described as OpenAPI 3.1 (every route, its parameters, its answers and the error shape)</li>
          <li><a href="/api/facts"><code>/api/facts</code></a> — JSON pages: <code>limit</code> 1–{PAGE_SIZE.max} (default {PAGE_SIZE.default}), <code>cursor</code> = the previous page&apos;s <code>next_cursor</code></li>
          <li><a href="/api/facts/count"><code>/api/facts/count</code></a> — how many rows a filter selects</li>
          <li><a href="/api/metrics"><code>/api/metrics</code></a> — the metric taxonomy; <a href="/api/places"><code>/api/places</code></a> — places in the data, with codes and counts</li>
          <li><code>npm run -s figures -- export --format csv|jsonl [--district CODE …] &gt; FILE</code> — the same file from the command line</li>
        </ul>
        <p className="note">
          CSV: numbers are bare (negative numbers stay numbers); an empty cell is a missing value; text cells starting with = + - @, a tab or
          a carriage return get a leading <code>&apos;</code> so spreadsheets do not run them as formulas. Open code columns as text in Excel.
        </p>
      </section>
      <section className="card" aria-labelledby="columns">
        <h2 id="columns">字段 Columns</h2>
        <div className="table-scroll">
          <table data-testid="columns-table">
            <thead><tr><th>字段 column</th><th>类型 type</th><th>单位或代码表 unit / code list</th><th>中文</th><th>含义 meaning</th></tr></thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.name}><td><code>{c.name}</code></td><td>{c.type}</td><td>{c.unit}</td><td style={{ whiteSpace: 'nowrap' }}>{c.zh}</td><td>{c.description}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {codeLists().map((list) => <CodeTable key={list.id} id={list.id} title={`${list.zh} ${list.title}`} codes={list.codes} />)}
      <section className="card" aria-labelledby="metrics">
        <h2 id="metrics">指标 Metrics</h2>
        <div className="table-scroll">
          <table>
            <thead><tr><th>代码 code</th><th>中文</th><th>English</th><th>类别 group</th><th>单位 units</th><th>汇总 aggregation</th></tr></thead>
            <tbody>{metrics.map((m) => <tr key={m.code}><td><code>{m.code}</code></td><td>{m.zh}</td><td>{m.en}</td><td>{m.group_zh}</td><td>{m.units.join(', ') || 'any'}</td><td>{m.aggregation}</td></tr>)}</tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
