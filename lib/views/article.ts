// An article (/articles/ID): its text with every figure highlighted, and its figures. /articles/ID.json holds
// the article and its figures' export rows (rejected ones included, as the page shows them); .csv the rows.
import type { Db } from '../../db/client';
import { articleDetail, articleFigures, type ArticleDetail, type ArticleFigure } from '../../db/dashboard';
import { exportRowsOf } from '../../db/export';
import { COLUMN_NAMES, type ExportRow } from '../export/columns';
import { checkParams, rowOf } from './request';
import { inBaseUnits, tableOf, type Table } from './shared';

export interface ArticleData { article: ArticleDetail; figures: ArticleFigure[]; rows: ExportRow[] }

export async function articleData(db: Db, id: string, params: URLSearchParams, base = ''): Promise<ArticleData> {
  checkParams(params, []);
  const article = await rowOf(id, 'article', (rowId) => articleDetail(db, rowId));
  return { article, figures: await articleFigures(db, article.id), rows: await exportRowsOf(db, { articleId: article.id }, { baseUrl: base }) };
}

export function articleJson(d: ArticleData) {
  const a = d.article;
  return {
    view: 'article',
    article: { id: a.id, title: a.title, source: a.source, published_on: a.publishedOn, url: a.url, page: a.page, issue: a.issue, file_name: a.fileName, text: a.text },
    figures: d.rows.map((r) => ({ ...r, ...inBaseUnits(r) })),
  };
}

export function articleCsv(d: ArticleData): Table {
  return tableOf(COLUMN_NAMES, d.rows as unknown as Record<string, unknown>[]);
}
