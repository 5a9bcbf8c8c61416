// What a feed, a sitemap or a news-list page leads to: article addresses (with the date and title the
// listing gives them), further sitemaps, and a list page's next page (下一页). Parsed with cheerio, in XML
// mode for feeds and sitemaps.
import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { NOISE, NOISE_NAME } from '../ingest/html';
import { dayOf } from './dates';
import { crawlableUrl } from './url';

export type ListingKind = 'feed' | 'sitemap' | 'list';
export type LinkKind = 'article' | 'sitemap';

export interface ListedLink {
  url: string;
  kind: LinkKind;
  /** YYYY-MM-DD: a feed's or list's publication date, a sitemap's lastmod */
  date: string | null;
  title: string | null;
}

export interface Listing {
  kind: ListingKind;
  links: ListedLink[];
  /** a list page's next page, or an Atom feed's rel="next" */
  next: string | null;
  /** links past MAX_LINKS_PER_LISTING were dropped */
  truncated: boolean;
}

/** The most addresses one listing yields (a sitemap may hold 50,000; the rest wait for a narrower sitemap). */
export const MAX_LINKS_PER_LISTING = 5000;

/** A document's kind from its first element: feed, sitemap, HTML, or something else. */
export function sniffDocument(text: string): ListingKind | 'html' | 'other' {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE(?!\s+html)[^>]*>|<\?xml-stylesheet[^>]*\?>/gi, '').trimStart();
  if (/^<(rss|feed|rdf:RDF)[\s>]/i.test(head)) return 'feed';
  if (/^<(urlset|sitemapindex)[\s>]/i.test(head)) return 'sitemap';
  if (/^<(!doctype\s+html|html|head|body|meta|title|div|p)[\s>]/i.test(head) || /<html[\s>]/i.test(head)) return 'html';
  return 'other';
}

function childText(el: Element, names: string[]): string | null {
  for (const name of names) {
    for (const child of el.children) {
      if (child.type === 'tag' && child.name.toLowerCase() === name) {
        const t = textOf(child).trim();
        if (t) return t;
      }
    }
  }
  return null;
}

function textOf(node: AnyNode): string {
  if (node.type === 'text' || node.type === 'cdata') {
    if (node.type === 'cdata') return node.children.map(textOf).join('');
    return (node as unknown as { data: string }).data;
  }
  if (node.type === 'tag' || node.type === 'root') return (node as Element).children.map(textOf).join('');
  return '';
}

function elements($: CheerioAPI): Element[] {
  return $('*').toArray().filter((n): n is Element => n.type === 'tag');
}

function collector(base: string) {
  const links: ListedLink[] = [];
  const seen = new Set<string>();
  let truncated = false;
  return {
    links, get truncated() { return truncated; },
    add(href: string | null | undefined, kind: LinkKind, date: string | null, title: string | null) {
      const url = href ? crawlableUrl(href, base) : null;
      if (!url || seen.has(url)) return;
      if (links.length >= MAX_LINKS_PER_LISTING) { truncated = true; return; }
      seen.add(url);
      links.push({ url, kind, date, title: title?.replace(/\s+/g, ' ').trim().slice(0, 500) || null });
    },
  };
}

/** RSS 2.0, RSS 1.0 (RDF) and Atom. */
export function parseFeed(xml: string, feedUrl: string): Listing {
  const $ = load(xml, { xml: true });
  const out = collector(feedUrl);
  let next: string | null = null;
  for (const el of elements($)) {
    const name = el.name.toLowerCase();
    if (name === 'item') {
      const link = childText(el, ['link']) ?? (($(el).children('guid').attr('isPermaLink') ?? 'true') !== 'false' ? childText(el, ['guid']) : null) ?? $(el).attr('rdf:about');
      out.add(link, 'article', dayOf(childText(el, ['pubdate', 'dc:date', 'published', 'updated', 'date'])), childText(el, ['title']));
    } else if (name === 'entry') {
      const links = $(el).children('link').toArray();
      const alternate = links.find((l) => !l.attribs.rel || l.attribs.rel === 'alternate') ?? links[0];
      out.add(alternate?.attribs.href, 'article', dayOf(childText(el, ['published', 'updated', 'dc:date'])), childText(el, ['title']));
    } else if (name === 'link' && el.attribs.rel === 'next' && el.attribs.href && el.parent && (el.parent as Element).name?.toLowerCase() === 'feed') {
      next = crawlableUrl(el.attribs.href, feedUrl);
    }
  }
  return { kind: 'feed', links: out.links, next, truncated: out.truncated };
}

/** A sitemap's pages, or a sitemap index's sitemaps. */
export function parseSitemap(xml: string, sitemapUrl: string): Listing {
  const $ = load(xml, { xml: true });
  const out = collector(sitemapUrl);
  for (const el of elements($)) {
    const name = el.name.toLowerCase();
    if (name === 'url' || name === 'sitemap') out.add(childText(el, ['loc']), name === 'url' ? 'article' : 'sitemap', dayOf(childText(el, ['lastmod'])), null);
  }
  return { kind: 'sitemap', links: out.links, next: null, truncated: out.truncated };
}

/** The words of a next-page link on Chinese and English sites. */
const NEXT_WORDS = /^(下一页|下页|后一页|下一頁|next|next page|older|older posts|›|»|>|>>)$/i;
/** Links that lead to another list, not an article. */
const MORE_WORDS = /^(更多|更多>+|more|查看更多|上一页|上页|前一页|首页|尾页|末页|previous|prev)$/i;
/** Files that are not pages. */
const NOT_A_PAGE = /\.(jpe?g|png|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|gz|mp3|mp4|avi|mov|flv|apk|exe|css|js|json|xml|txt)$/i;
/** The shortest anchor text taken for an article's title: shorter ones are menu words (首页, 政务公开). */
const MIN_TITLE_CHARS = 6;

function anchorText($: CheerioAPI, a: Element): string {
  return ($(a).text() || $(a).attr('title') || '').replace(/\s+/g, ' ').trim();
}

/** The date an item of a list shows beside its link: in the nearest ancestor that holds no other link. */
function dateBeside($: CheerioAPI, a: Element): string | null {
  let node: Element | null = a.parent && a.parent.type === 'tag' ? a.parent : null;
  for (let depth = 0; node && depth < 3; depth++) {
    if ($(node).find('a[href]').length > 1) break;
    const day = dayOf($(node).text());
    if (day) return day;
    node = node.parent && node.parent.type === 'tag' ? node.parent : null;
  }
  return null;
}

/** A news-list page: its article links (menus, footers and sidebars left out) and its next page. */
export function parseListPage(html: string, pageUrl: string): Listing {
  const $ = load(html);
  const base = crawlableUrl($('base[href]').attr('href') ?? '', pageUrl) ?? pageUrl;
  const self = crawlableUrl(pageUrl) ?? pageUrl;

  let next: string | null = null;
  const nextCandidates = [...$('link[rel~=next][href], a[rel~=next][href]').toArray(), ...$('a[href]').toArray().filter((a) => NEXT_WORDS.test(anchorText($, a)))];
  for (const el of nextCandidates) {
    const url = crawlableUrl($(el).attr('href') ?? '', base);
    if (url && url !== self) { next = url; break; }
  }

  $(NOISE).remove();
  $('header, footer').remove();
  $('[class], [id]').not('html, body').filter((_, el) => NOISE_NAME.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`)).remove();

  const out = collector(base);
  $('a[href]').each((_, a) => {
    const href = $(a).attr('href') ?? '';
    if (/^\s*(#|javascript:|mailto:|tel:)/i.test(href)) return;
    const url = crawlableUrl(href, base);
    if (!url || url === self || url === next) return;
    if (NOT_A_PAGE.test(new URL(url).pathname)) return;
    const text = anchorText($, a);
    if (MORE_WORDS.test(text) || NEXT_WORDS.test(text) || text.replace(/[\s\p{P}\p{S}]/gu, '').length < MIN_TITLE_CHARS) return;
    out.add(url, 'article', dateBeside($, a), text);
  });
  return { kind: 'list', links: out.links, next, truncated: out.truncated };
}

/** Any listing by its sniffed kind; null for a document that is none of them. */
export function parseListing(text: string, url: string): Listing | null {
  const kind = sniffDocument(text);
  if (kind === 'feed') return parseFeed(text, url);
  if (kind === 'sitemap') return parseSitemap(text, url);
  if (kind === 'html') return parseListPage(text, url);
  return null;
}
