import { describe, expect, it } from 'vitest';
import { dayOf, labelledDay } from './dates';
import { parseFeed, parseListPage, parseListing, parseSitemap, sniffDocument } from './listing';
import { SiteScope, crawlableUrl } from './url';

const BASE = 'https://www.qinghe.example.gov.cn';

describe('dates as listings and pages write them', () => {
  it.each([
    ['Mon, 15 Jan 2024 09:30:00 +0800', '2024-01-15'],
    ['2024-01-15T23:30:00Z', '2024-01-15'], // the day as written, not shifted to another time zone
    ['2024/1/5', '2024-01-05'],
    ['2024年3月8日 10:00', '2024-03-08'],
    ['[2024.02.29]', '2024-02-29'],
    ['20240115', '2024-01-15'],
    ['2023-02-29', null],
    ['第2024号文件', null],
    ['', null],
  ])('%s → %s', (text, day) => expect(dayOf(text)).toBe(day));

  it('takes a labelled dateline, not any date on the page', () => {
    expect(labelledDay('来源：区融媒体中心 发布时间：2024-02-03 10:12 浏览次数：') ).toBe('2024-02-03');
    expect(labelledDay('相关链接 2019-12-30 清河区召开总结会')).toBeNull();
  });
});

describe('feeds', () => {
  it('reads RSS 2.0 items: link (or a permalink guid), date and title', () => {
    const feed = parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>工作动态</title>
      <item><title>清河街道召开征迁工作推进会</title><link>${BASE}/art/2024/1/15/art_1.html</link><pubDate>Mon, 15 Jan 2024 09:30:00 +0800</pubDate></item>
      <item><title><![CDATA[东湖镇“两会”精神宣讲]]></title><guid isPermaLink="true">${BASE}/art/2024/1/16/art_2.html</guid><dc:date>2024-01-16</dc:date></item>
      <item><title>没有地址的稿件</title><guid isPermaLink="false">tag:123</guid></item>
    </channel></rss>`, `${BASE}/rss.xml`);
    expect(feed.links).toEqual([
      { url: `${BASE}/art/2024/1/15/art_1.html`, kind: 'article', date: '2024-01-15', title: '清河街道召开征迁工作推进会' },
      { url: `${BASE}/art/2024/1/16/art_2.html`, kind: 'article', date: '2024-01-16', title: '东湖镇“两会”精神宣讲' },
    ]);
  });

  it('reads Atom entries with relative links and a next page', () => {
    const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="/atom?page=2"/>
      <entry><title>南山社区开展义诊</title><link rel="alternate" href="/news/1.html"/><link rel="edit" href="/edit/1"/><published>2024-03-01T08:00:00+08:00</published></entry>
    </feed>`, `${BASE}/atom`);
    expect(feed.links).toEqual([{ url: `${BASE}/news/1.html`, kind: 'article', date: '2024-03-01', title: '南山社区开展义诊' }]);
    expect(feed.next).toBe(`${BASE}/atom?page=2`);
  });
});

describe('sitemaps', () => {
  it('reads a sitemap index as sitemaps and a urlset as pages with their lastmod', () => {
    const index = parseSitemap(`<sitemapindex><sitemap><loc>${BASE}/sitemap-1.xml</loc><lastmod>2024-02-01</lastmod></sitemap></sitemapindex>`, `${BASE}/sitemap.xml`);
    expect(index.links).toEqual([{ url: `${BASE}/sitemap-1.xml`, kind: 'sitemap', date: '2024-02-01', title: null }]);
    const pages = parseSitemap(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> ${BASE}/a.html </loc></url><url><loc>${BASE}/a.html</loc></url><url><loc>javascript:alert(1)</loc></url></urlset>`, `${BASE}/sitemap-1.xml`);
    expect(pages.links).toEqual([{ url: `${BASE}/a.html`, kind: 'article', date: null, title: null }]);
  });

  it('sniffs what a document is from its first element', () => {
    expect(sniffDocument('\uFEFF<?xml version="1.0" encoding="GBK"?>\n<!-- 生成于 -->\n<rss version="2.0">')).toBe('feed');
    expect(sniffDocument('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><urlset>')).toBe('sitemap');
    expect(sniffDocument('<!DOCTYPE html><html lang="zh">')).toBe('html');
    expect(sniffDocument('%PDF-1.7')).toBe('other');
    expect(parseListing('just text', BASE)).toBeNull();
  });
});

describe('news-list pages', () => {
  const page = `<html><head><base href="${BASE}/col/col12/"></head><body>
    <div class="nav"><a href="/">首页</a><a href="/col/col11/index.html">政务公开栏目导航</a></div>
    <header><a href="/search.html">站内搜索全文检索入口</a></header>
    <div class="list"><ul>
      <li><a href="art_1001.html" title="清河街道召开老旧小区改造推进会">清河街道召开老旧小区改造推进会</a><span>2024-01-15</span></li>
      <li><a href="../col13/art_1002.html">东湖镇开展冬季安全生产大检查</a><span>[2024/01/18]</span></li>
      <li><a href="https://other.example.cn/reprint.html">外站转载：清河区经验做法获推广</a><span>2024-01-19</span></li>
      <li><a href="/files/budget-2024.pdf">2024年部门预算公开文件下载</a></li>
      <li><a href="#top">返回顶部返回顶部</a></li>
      <li><a href="more.html">更多</a></li>
    </ul></div>
    <div class="pagination"><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>
    <div class="footer"><a href="/about.html">关于我们网站地图联系我们</a></div>
  </body></html>`;

  it('keeps the list\'s article links with the dates beside them and follows 下一页; menus, files and fragments are left out', () => {
    const list = parseListPage(page, `${BASE}/col/col12/index.html`);
    expect(list.next).toBe(`${BASE}/col/col12/index_1.html`);
    expect(list.links).toEqual([
      { url: `${BASE}/col/col12/art_1001.html`, kind: 'article', date: '2024-01-15', title: '清河街道召开老旧小区改造推进会' },
      { url: `${BASE}/col/col13/art_1002.html`, kind: 'article', date: '2024-01-18', title: '东湖镇开展冬季安全生产大检查' },
      // off-site links are kept here and refused by the crawl's scope
      { url: 'https://other.example.cn/reprint.html', kind: 'article', date: '2024-01-19', title: '外站转载：清河区经验做法获推广' },
    ]);
  });

  it('takes rel="next" as the next page', () => {
    expect(parseListPage(`<html><head><link rel="next" href="?page=2"></head><body></body></html>`, `${BASE}/news/`).next).toBe(`${BASE}/news/?page=2`);
  });
});

describe('addresses', () => {
  it('crawls http(s) only, without fragments or credentials, and only the named sites', () => {
    expect(crawlableUrl('art_1.html#p2', `${BASE}/col/`)).toBe(`${BASE}/col/art_1.html`);
    for (const bad of ['ftp://x/y', 'file:///etc/passwd', 'javascript:void(0)', 'mailto:a@b.cn', 'https://user:pw@x.cn/', '::']) expect(crawlableUrl(bad)).toBeNull();
    const scope = new SiteScope([`${BASE}/rss.xml`]);
    expect(scope.includes('http://www.qinghe.example.gov.cn/a.html')).toBe(true); // http and https of one host
    expect(scope.includes('https://qinghe.example.gov.cn/a.html')).toBe(false);
    expect(scope.includes('https://www.qinghe.example.gov.cn:8443/a.html')).toBe(false);
  });
});
