// `figures reextract`: the current extractor over stored articles an older one extracted. Facts are matched
// by uid (article hash + span + unit), or by lib/review/carry.ts when the span moved a little: a fact found
// again keeps its row, id and review decision and gets the new extraction's fields; a new fact is added; a
// fact no longer found is removed unless an editor verified or corrected it. Each article is one transaction.
import type { Sql } from '../../db/client';
import { refreshRollups, RollupTouch } from '../../db/rollups';
import { indexArticle } from '../../db/search';
import {
  articlesAfter, deleteFactsByIds, factsOfArticle, inTransaction, insertFactRows, setArticleExtractorVersion,
  updateExtractedFact, type NewFactRow, type StaleArticle,
} from '../../db/ingest';
import { preserveReviews } from '../review/carry';
import { defaultExtractor, factRowsOf, type Extractor } from './prepare';

/** Whether extractor version `a` is older than `b` (dotted numbers; anything unparsable counts as older). */
export function isOlderVersion(a: string, b: string): boolean {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v) ? v.split('.').map(Number) : null);
  const x = parse(a), y = parse(b);
  if (!y) return a !== b;
  if (!x) return true;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

export interface ReextractOptions {
  /** re-extract every article, not only the stale ones */
  all?: boolean;
  extractor?: Extractor;
  /** after each article's commit (the fact checks run there) */
  afterArticle?: (articleId: number) => Promise<void>;
  onProgress?: (p: ReextractProgress) => void;
  /** an article that could not be re-extracted (it keeps its facts as they were) */
  onFailure?: (articleId: number, message: string) => void;
}

export interface ReextractProgress { articles: number; kept: number; added: number; removed: number; keptReviewed: number; failed: number }

/** The fact rows of the stored article's text as the extractor now reads it; offsets index that text. */
function currentFacts(article: StaleArticle, extractor: Extractor): { rows: NewFactRow[]; title: string | null } {
  const result = extractor.extract(article.text, { published: article.publishedOn, district: article.sourceDistrict });
  const rows = result.articles.flatMap((segment) => factRowsOf({ ...segment, start: 0 }, article.sha256, result.extractorVersion));
  const seen = new Set<string>();
  return { rows: rows.filter((r) => !seen.has(r.uid) && seen.add(r.uid)), title: result.articles[0]?.title ?? null };
}

export async function reextractArticle(db: Sql, article: StaleArticle, extractor: Extractor = defaultExtractor): Promise<Omit<ReextractProgress, 'articles' | 'failed'>> {
  const { rows, title } = currentFacts(article, extractor);
  return inTransaction(db, async (tx) => {
    const touch = new RollupTouch();
    const old = await factsOfArticle(tx, article.id);
    // lib/review decides which new fact is which reviewed old one (same uid, or the same figure read a little
    // wider or narrower) and re-keys the review trail of figures whose uid changed
    const { renamed, unmatched } = await preserveReviews(tx, old, rows);
    const oldByUid = new Map(old.map((f) => [f.uid, f]));
    const renamedFrom = new Map(renamed.map((r) => [r.to, r.from]));
    const kept = new Set<number>();
    const fresh: NewFactRow[] = [];
    for (const row of rows) {
      const fromUid = renamedFrom.get(row.uid);
      const target = oldByUid.get(fromUid ?? row.uid);
      if (fromUid) {
        // the renamed row takes over the uid: an unreviewed old row holding it gives way
        const holder = oldByUid.get(row.uid);
        if (holder && holder.id !== target?.id && !kept.has(holder.id)) { await deleteFactsByIds(tx, [holder.id], touch); oldByUid.delete(row.uid); }
      }
      // found again: the row keeps its id (checks and links point at it) and its review decision
      if (target && !kept.has(target.id)) { await updateExtractedFact(tx, target.id, row, touch); kept.add(target.id); } else fresh.push(row);
    }
    await insertFactRows(tx, article.id, fresh, touch);
    // gone from the new extraction: removed, unless an editor verified or corrected it (a rejected one may go — the extractor agrees)
    const keepReviewed = new Set(unmatched.filter((f) => f.reviewStatus !== 'rejected').map((f) => f.uid));
    const gone = [...oldByUid.values()].filter((f) => !kept.has(f.id) && !keepReviewed.has(f.uid));
    await deleteFactsByIds(tx, gone.map((f) => f.id), touch);
    await refreshRollups(tx, touch);
    await setArticleExtractorVersion(tx, article.id, extractor.version);
    if (!article.synthetic) await indexArticle(tx, { id: article.id, title: article.title ?? title, text: article.text, districtCode: article.districtCode });
    return { kept: kept.size, added: fresh.length, removed: gone.length, keptReviewed: keepReviewed.size };
  });
}

export async function reextractStale(db: Sql, options: ReextractOptions = {}): Promise<ReextractProgress> {
  const extractor = options.extractor ?? defaultExtractor;
  const totals: ReextractProgress = { articles: 0, kept: 0, added: 0, removed: 0, keptReviewed: 0, failed: 0 };
  let afterId = 0;
  for (;;) {
    const page = await articlesAfter(db, afterId, 200);
    if (!page.length) break;
    afterId = page[page.length - 1].id;
    for (const article of page) {
      // generated benchmark rows were never extracted: there is nothing to redo
      if (article.synthetic) continue;
      if (!options.all && !isOlderVersion(article.extractorVersion, extractor.version)) continue;
      let r;
      try {
        r = await reextractArticle(db, article, extractor);
      } catch (error) {
        totals.failed++;
        options.onFailure?.(article.id, error instanceof Error ? error.message : String(error));
        continue;
      }
      totals.articles++; totals.kept += r.kept; totals.added += r.added; totals.removed += r.removed; totals.keptReviewed += r.keptReviewed;
      await options.afterArticle?.(article.id);
      options.onProgress?.({ ...totals });
    }
  }
  return totals;
}
