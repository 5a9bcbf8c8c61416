// An article page → what ingestion needs: the article's text without the page's chrome (lib/ingest/html),
// its title, and its publication day from the first of: the feed or list that linked to it, the page's
// <meta> (PubDate, publishdate, article:published_time…), a <time datetime>, a labelled dateline
// (发布时间：2024-01-15) anywhere on the page.
import { load } from 'cheerio/slim';
import { htmlToArticle } from '../ingest/html';
import { dayOf, labelledDay } from './dates';

export type DateSource = 'listing' | 'meta' | 'time' | 'dateline';

export interface PageArticle {
  title: string | null;
  text: string;
  published: string | null;
  publishedFrom: DateSource | null;
}

/** Fewer visible characters than this is a page without an article (an index, a redirect stub, a login wall). */
export const MIN_ARTICLE_CHARS = 30;

function timeDay(html: string): { time: string | null; dateline: string | null } {
  const $ = load(html);
  let time: string | null = null;
  for (const el of $('article time[datetime], main time[datetime], time[itemprop=datePublished], time[pubdate], time[datetime]').toArray()) {
    time = dayOf($(el).attr('datetime'));
    if (time) break;
  }
  $('script, style, noscript, template').remove();
  return { time, dateline: labelledDay($('body').text().replace(/\s+/g, ' ').slice(0, 20000)) };
}

export function pageArticle(html: string, hint: { listedDate?: string | null; listedTitle?: string | null } = {}): PageArticle {
  const page = htmlToArticle(html);
  const title = page.title ?? hint.listedTitle ?? null;
  const visible = page.text.replace(/\s+/g, '').length;
  const text = visible >= MIN_ARTICLE_CHARS ? page.text : '';
  if (hint.listedDate) return { title, text, published: hint.listedDate, publishedFrom: 'listing' };
  if (page.published) return { title, text, published: page.published, publishedFrom: 'meta' };
  const { time, dateline } = timeDay(html);
  if (time) return { title, text, published: time, publishedFrom: 'time' };
  if (dateline) return { title, text, published: dateline, publishedFrom: 'dateline' };
  return { title, text, published: null, publishedFrom: null };
}
