import { desc, sql } from 'drizzle-orm';
import type { Db } from './client';
import { articles, facts } from './schema';

export interface MetricCount { metric: string; figures: number }

/** How many figures of each metric the database holds, most first. */
export function figuresPerMetric(db: Db): MetricCount[] {
  return db.select({ metric: facts.metric, figures: sql<number>`count(*)` })
    .from(facts).groupBy(facts.metric).orderBy(desc(sql`count(*)`), facts.metric).all();
}

export function totals(db: Db): { articles: number; facts: number } {
  const a = db.select({ n: sql<number>`count(*)` }).from(articles).get()?.n ?? 0;
  const f = db.select({ n: sql<number>`count(*)` }).from(facts).get()?.n ?? 0;
  return { articles: a, facts: f };
}
