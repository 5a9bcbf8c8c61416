// An HTML page → the text of its article: no menus, scripts, headers or footers. Government portals wrap the
// article in a known container (.TRS_Editor, #zoom, .article-content…); when none is there, the block
// holding the most paragraph text (not link text) is the article.
import { load, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';

// Never article text, wherever they are.
export const NOISE = 'script, style, noscript, template, iframe, svg, canvas, object, embed, nav, aside, form, select, button, input, textarea, '
  + '[role=navigation], [role=banner], [role=contentinfo], [role=search], [hidden], [aria-hidden=true]';
// Class or id words of menus, share bars and footers on news and government sites.
export const NOISE_NAME = /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|sidebar|share|comments?|copyright|toolbar|login|search|related|pagination|pager|topbar|links)([\s_-]|$)/i;
// Containers that hold an article's body on common CMSs, most specific first.
const ARTICLE_CONTAINERS = [
  '[itemprop=articleBody]', '.TRS_Editor', '#zoom', '.Custom_UnionStyle', '.article-content', '.article_content',
  '.articleContent', '.article-body', '.news-content', '.news_content', '.newsContent', '.detail-content',
  '.content_text', '#content', '.content', 'article', 'main', '[role=main]',
];
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tbody', 'thead', 'tr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'header', 'footer', 'figure', 'figcaption', 'center', 'address', 'body',
]);
const CELL = new Set(['td', 'th']);

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** The text of a subtree with block boundaries as blank lines, so paragraphs stay paragraphs. */
function renderText(root: AnyNode): string {
  const blocks: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/[ \t\u00a0]+/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (t) blocks.push(t);
    line = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') { line += (node as unknown as { data: string }).data.replace(/\s+/g, ' '); return; }
    if (!isElement(node)) return;
    const name = node.name.toLowerCase();
    if (name === 'br') { flush(); return; }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
    else if (CELL.has(name)) line += ' ';
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

function textLength($: CheerioAPI, el: AnyNode): number {
  return $(el).text().replace(/\s+/g, '').length;
}

function linkTextLength($: CheerioAPI, el: Element): number {
  let n = 0;
  $(el).find('a').each((_, a) => { n += $(a).text().replace(/\s+/g, '').length; });
  return n;
}

/** The block holding the most paragraph text, readability-style: each paragraph scores its parent fully and its grandparent half. */
function densestBlock($: CheerioAPI): Element | null {
  const scores = new Map<Element, number>();
  $('body p, body td, body pre, body div, body section, body li').each((_, el) => {
    // a cell, div or section counts as a paragraph only when no block sits inside it
    if (el.name !== 'p' && el.name !== 'pre' && $(el).children('p, div, section, table, ul, ol').length) return;
    const own = textLength($, el) - linkTextLength($, el);
    if (own < 10) return;
    const parent = el.parent && isElement(el.parent) ? el.parent : null;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + own);
    const grand = parent?.parent && isElement(parent.parent) ? parent.parent : null;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + own / 2);
  });
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) if (score > bestScore) { best = el; bestScore = score; }
  return best;
}

function pageTitle($: CheerioAPI): string | null {
  const candidates = [
    $('meta[name=ArticleTitle]').attr('content'),
    $('meta[property="og:title"]').attr('content'),
    $('h1').first().text(),
    // "标题_网站名" / "标题 - 网站名": the site name is not part of the title
    $('title').first().text().split(/\s*(?:_|\||-{1,2}|—)\s*/)[0],
  ];
  for (const c of candidates) {
    const t = c?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return null;
}

const META_DATE = ['PubDate', 'pubdate', 'publishdate', 'PublishDate', 'firstpublishedtime', 'article:published_time', 'og:published_time'];

/** The publication day a page states in its metadata, YYYY-MM-DD, or null. */
function metaPublished($: CheerioAPI): string | null {
  for (const key of META_DATE) {
    const content = $(`meta[name="${key}"], meta[property="${key}"]`).attr('content');
    const m = content ? /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(content) : null;
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  }
  return null;
}

export interface HtmlArticle { title: string | null; text: string; published: string | null }

export function htmlToArticle(html: string): HtmlArticle {
  const $ = load(html);
  const title = pageTitle($);
  const published = metaPublished($);
  $(NOISE).remove();
  // the page's own header and footer, not the <header> of an article that carries its headline
  $('header, footer').filter((_, el) => $(el).parents('article, main').length === 0).remove();
  // menus by their class or id — but never a wrapper that holds the article (<body class="has-topbar">)
  const containers = ARTICLE_CONTAINERS.join(', ');
  $('[class], [id]').not('html, body, main, article')
    .filter((_, el) => NOISE_NAME.test(`${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`) && !$(el).is(containers) && $(el).find(containers).length === 0)
    .remove();

  const densest = densestBlock($);
  const densestLength = densest ? textLength($, densest) : 0;
  let container: AnyNode | null = null;
  for (const selector of ARTICLE_CONTAINERS) {
    // a known container wins when it holds at least half the text of the densest block
    const match = $(selector).toArray().find((el) => textLength($, el) >= Math.max(20, densestLength / 2));
    if (match) { container = match; break; }
  }
  container ??= densest ?? $('body').get(0) ?? $.root().get(0) ?? null;
  let text = container ? renderText(container) : '';
  if (title && text && !text.slice(0, title.length + 40).includes(title)) text = `${title}\n\n${text}`;
  return { title, text: text.trim() ? text : '', published };
}
