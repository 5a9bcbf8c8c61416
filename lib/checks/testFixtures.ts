// For tests only: articles and figures written straight into the database, so the checks can be tested
// independently of what the extractor finds.
import type { Db } from '../../db/client';
import { articles, facts } from '../../db/schema';

export interface FixtureFigure {
  /** the figure's text; located in the article (the `nth` occurrence, default 1) */
  text: string; nth?: number;
  value: number; unit: string; metric: string; qualifier?: string;
  district?: string | null; districtCode?: string | null; street?: string | null; streetCode?: string | null;
  placeProvenance?: string; date?: string | null; dateProvenance?: string; cumulative?: boolean;
}

let serial = 0;

export function insertFixtureArticle(db: Db, article: { text: string; title?: string; published?: string }, figures: FixtureFigure[]): { articleId: number; factIds: number[] } {
  serial += 1;
  const hash = `fixture-${serial}-${Date.now()}`;
  const articleId = db.insert(articles).values({
    title: article.title ?? `测试文章${serial}`, publishedOn: article.published ?? '2020-04-21', text: article.text, sha256: hash, extractorVersion: 'fixture',
  }).returning({ id: articles.id }).get().id;
  const factIds = figures.map((f) => {
    let start = -1;
    for (let n = 0; n < (f.nth ?? 1); n += 1) start = article.text.indexOf(f.text, start + 1);
    if (start < 0) throw new Error(`"${f.text}" is not in the fixture article`);
    const end = start + f.text.length;
    let sentenceStart = start, sentenceEnd = end;
    while (sentenceStart > 0 && !/[。！？\n]/.test(article.text[sentenceStart - 1])) sentenceStart -= 1;
    while (sentenceEnd < article.text.length && !/[。！？\n]/.test(article.text[sentenceEnd])) sentenceEnd += 1;
    return db.insert(facts).values({
      uid: `${hash}-${start}-${end}-${f.unit}`, articleId, value: f.value, unit: f.unit, qualifier: f.qualifier ?? 'exact', metric: f.metric,
      text: f.text, start, end, sentenceStart, sentenceEnd: Math.min(sentenceEnd + 1, article.text.length),
      district: f.district ?? '上城区', districtCode: f.districtCode ?? '330102',
      street: f.street ?? null, streetCode: f.streetCode ?? null,
      placeProvenance: f.placeProvenance ?? 'stated', date: f.date ?? '2020-04-21', dateProvenance: f.dateProvenance ?? 'stated',
      cumulative: f.cumulative ?? false, extractorVersion: 'fixture',
    }).returning({ id: facts.id }).get().id;
  });
  return { articleId, factIds };
}
