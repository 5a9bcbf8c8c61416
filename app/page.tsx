import { getDb } from '../db/client';
import { figuresPerMetric, totals } from '../db/queries';
import { MetricBarChart } from './components/MetricBarChart';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  const db = getDb();
  const rows = figuresPerMetric(db);
  const { articles, facts } = totals(db);
  const data = rows.map((r) => ({ metric: r.metric, label: r.metric, figures: r.figures }));
  return (
    <section className="chart-card">
      <h2>各类数字条数</h2>
      <p className="meta">
        共 <strong data-testid="fact-count">{facts}</strong> 条数字，来自 {articles} 篇文章
      </p>
      <MetricBarChart data={data} />
      <table>
        <thead><tr><th>指标</th><th>条数</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.metric}><td>{r.metric}</td><td className="num">{r.figures}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
