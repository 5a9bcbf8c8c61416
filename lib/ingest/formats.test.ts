import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError, type RejectReason } from './errors';
import { makeDocx, makeScannedPdf, makeTextPdf, makeZip } from './fixtures/make';
import { readDocument } from './formats';
import { htmlToArticle } from './html';
import { SAMPLE } from './sample';

const page = readFileSync(SAMPLE.file, 'utf8');
const LIMIT = 20 * 1024 * 1024;
const FIGURE = '截至4月底，望江街道累计完成征收拆迁1200户，完成投资3.2亿元。';

async function refusal(name: string, bytes: Uint8Array, limit = LIMIT): Promise<{ reason: RejectReason; message: string }> {
  try {
    await readDocument(name, bytes, limit);
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return { reason: (error as IngestError).reason, message: (error as IngestError).message };
  }
  throw new Error(`${name} was read, but should have been refused`);
}

describe('readDocument: formats', () => {
  it('reads .txt in GB18030 and .md, keeping the text', async () => {
    const gb = await readDocument('page.txt', iconv.encode(page, 'gb18030'), LIMIT);
    expect(gb).toMatchObject({ format: 'text', encoding: 'GB18030', text: page });
    const md = await readDocument('note.md', Buffer.from(`# 望江街道\n\n${FIGURE} [详见](https://example.org/2020/0421.html)\n`), LIMIT);
    expect(md.text).toContain('望江街道\n');
    expect(md.text).toContain(`${FIGURE} 详见`);
    expect(md.text).not.toContain('example.org');
  });

  it('reads an HTML page in GBK (by its <meta charset>): the article, not the menus, scripts or footer', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>望江街道完成拆迁1200户_上城区人民政府</title>
      <meta name="PubDate" content="2021-05-06 09:30"><script>var visits = 99999;</script><style>.x{width:300px}</style></head>
      <body><header><a href="/">首页</a> 热线 0571-87815721</header>
      <div class="nav"><a>政务公开</a><a>2019年报</a></div>
      <div class="TRS_Editor"><p>${FIGURE}</p><p>街道共收集问题702个，已解决594个。</p></div>
      <footer>版权所有 2021 上城区人民政府 浙ICP备12345678号</footer></body></html>`;
    const doc = await readDocument('news.htm', iconv.encode(html, 'gbk'), LIMIT);
    expect(doc).toMatchObject({ format: 'html', encoding: 'GB18030', title: '望江街道完成拆迁1200户', published: '2021-05-06' });
    expect(doc.text).toBe(`望江街道完成拆迁1200户\n\n${FIGURE}\n\n街道共收集问题702个，已解决594个。`);
  });

  it('finds the densest text block when a page has no known article container', () => {
    const { text } = htmlToArticle(`<html><body>
      <div id="top"><a href="/">首页</a> | <a href="/a">新闻中心</a> | <a href="/b">2020年专题</a></div>
      <table><tr><td class="left"><a>链接一</a><br><a>链接二 100个</a></td>
      <td class="main"><p>${FIGURE}</p><p>问题解决率达84.6%，群众满意度超过95%。</p></td></tr></table>
      <div id="bottom">主办单位 电话 0571-87815712</div></body></html>`);
    expect(text).toContain(FIGURE);
    expect(text).toContain('84.6%');
    expect(text).not.toContain('链接二');
    expect(text).not.toContain('0571');
  });

  it('reads a .docx (a zip written by the test)', async () => {
    const doc = await readDocument('report.docx', makeDocx(['望江街道工作简报', FIGURE]), LIMIT);
    expect(doc.format).toBe('docx');
    expect(doc.text).toContain(`望江街道工作简报\n\n${FIGURE}`);
  });

  it("reads a PDF's text layer, Latin and Chinese", async () => {
    const doc = await readDocument('scan-or-not.pdf', makeTextPdf(['Shangcheng Bao 2020-04-21', FIGURE]), LIMIT);
    expect(doc.format).toBe('pdf');
    expect(doc.text).toContain('Shangcheng Bao 2020-04-21');
    expect(doc.text).toContain(FIGURE);
  });
});

describe('readDocument: bad input is refused with a reason', () => {
  it('empty, whitespace-only, too large', async () => {
    expect((await refusal('a.txt', Buffer.alloc(0))).reason).toBe('empty');
    expect((await refusal('a.txt', Buffer.from(' \n\t\u3000\n'))).reason).toBe('empty');
    const big = await refusal('big.txt', Buffer.alloc(2048, 0x41), 1024);
    expect(big.reason).toBe('too-large');
    expect(big.message).toMatch(/limit/);
  });

  it('binary files and undecodable bytes', async () => {
    expect((await refusal('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]))).reason).toBe('binary');
    expect((await refusal('a.txt', Buffer.from([0x41, 0xff, 0xff, 0xfe, 0x42, 0x80]))).reason).toBe('undecodable');
  });

  it('HTML that is only scripts, styles and menus', async () => {
    const html = `<html><head><script>${'var a = 1;'.repeat(500)}</script><style>p{}</style></head><body><nav>首页 新闻</nav><script>document.write('正文')</script></body></html>`;
    const r = await refusal('page.html', Buffer.from(html));
    expect(r.reason).toBe('empty');
    expect(r.message).toMatch(/scripts/);
  });

  it('a PDF without a text layer, a corrupt PDF, a zip that is not a .docx, an old .doc', async () => {
    expect((await refusal('scan.pdf', makeScannedPdf())).reason).toBe('no-text-layer');
    expect((await refusal('broken.pdf', Buffer.from('%PDF-1.4\n1 0 obj garbage'))).reason).toBe('unreadable');
    expect((await refusal('photos.zip', makeZip([{ name: 'a.txt', data: Buffer.from('x') }]))).reason).toBe('unsupported');
    expect((await refusal('broken.docx', makeZip([{ name: 'a.txt', data: Buffer.from('x') }]))).reason).toBe('unreadable');
    expect((await refusal('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).reason).toBe('unsupported');
    expect((await refusal('fake.pdf', Buffer.from('hello'))).reason).toBe('unreadable');
  });
});
