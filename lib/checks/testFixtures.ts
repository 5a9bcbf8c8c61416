// For tests only: articles and figures written straight into the database, so the checks can be tested
// independently of what the extractor finds.
import type { Sql } from '../../db/client';
import { refreshDerived } from '../../db/derived';

export interface FixtureFigure {
  /** the figure's text; located in the article (the `nth` occurrence, default 1) */
  text: string; nth?: number;
  value: number; unit: string; metric: string; qualifier?: string; unitWord?: string | null; role?: string;
  district?: string | null; districtCode?: string | null; street?: string | null; streetCode?: string | null;
  placeProvenance?: string; date?: string | null; dateProvenance?: string; cumulative?: boolean;
}

let serial = 0;

export async function insertFixtureArticle(db: Sql, article: { text: string; title?: string; published?: string }, figures: FixtureFigure[]): Promise<{ articleId: number; factIds: number[] }> {
  serial += 1;
  const hash = `fixture-${serial}-${Date.now()}`;
  const articleId = (await db.get<{ id: number }>(`INSERT INTO articles (title, published_on, text, sha256, ingested_at, extractor_version)
    VALUES (?, ?, ?, ?, ?, 'fixture') RETURNING id`,
  [article.title ?? `测试文章${serial}`, article.published ?? '2020-04-21', article.text, hash, new Date().toISOString()]))!.id;
  const factIds: number[] = [];
  for (const f of figures) {
    let start = -1;
    for (let n = 0; n < (f.nth ?? 1); n += 1) start = article.text.indexOf(f.text, start + 1);
    if (start < 0) throw new Error(`"${f.text}" is not in the fixture article`);
    const end = start + f.text.length;
    let sentenceStart = start, sentenceEnd = end;
    while (sentenceStart > 0 && !/[。！？\n]/.test(article.text[sentenceStart - 1])) sentenceStart -= 1;
    while (sentenceEnd < article.text.length && !/[。！？\n]/.test(article.text[sentenceEnd])) sentenceEnd += 1;
    factIds.push((await db.get<{ id: number }>(`INSERT INTO facts (uid, article_id, value, unit, qualifier, metric, text, start, "end",
        sentence_start, sentence_end, district, district_code, street, street_code, place_provenance, date, date_provenance, cumulative, unit_word, role, extractor_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture') RETURNING id`, [
      `${hash}-${start}-${end}-${f.unit}`, articleId, f.value, f.unit, f.qualifier ?? 'exact', f.metric,
      f.text, start, end, sentenceStart, Math.min(sentenceEnd + 1, article.text.length),
      f.district ?? '上城区', f.districtCode ?? '330102', f.street ?? null, f.streetCode ?? null,
      f.placeProvenance ?? 'stated', f.date ?? '2020-04-21', f.dateProvenance ?? 'stated', f.cumulative ? 1 : 0,
      f.unitWord ?? null, f.role ?? 'measured',
    ]))!.id);
  }
  // the columns the app's writers derive (the effective figure, its period)
  await refreshDerived(db, 'article_id = ?', [articleId]);
  return { articleId, factIds };
}

/** A fixture figure: as written, its value, unit and metric, then whatever else it states (place, date, qualifier…). */
export function figure(text: string, value: number, unit: string, metric: string, more: Omit<Partial<FixtureFigure>, 'text' | 'value' | 'unit' | 'metric'> = {}): FixtureFigure {
  return { text, value, unit, metric, ...more };
}

/** Two streets of 上城区 that fixture figures are placed in. */
export const WANGJIANG = { district: '上城区', districtCode: '330102', street: '望江街道', streetCode: '330102008' };
export const ZIYANG = { district: '上城区', districtCode: '330102', street: '紫阳街道', streetCode: '330102007' };
