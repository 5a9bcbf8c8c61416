// The extractor is linear in the length of its text and of its sentences (issue 18): a text without
// any punctuation — one endless "sentence" — costs about what a punctuated text of the same size does,
// and a 5 MB run neither overflows the stack nor stalls. The sentences are written for this test.
import { describe, expect, it } from 'vitest';
import { extract } from '.';

const SENTENCES = [
  '今年以来，望江街道累计走访企业320家，帮助企业解决问题56个。',
  '截至6月底，全区已完成固定资产投资48.6亿元，同比增长12.3%。',
  '该街道投入资金1200万元，改造老旧小区9个，惠及居民2100户。',
  '上半年，区市场监管局查处违法案件37起，罚没金额86万元。',
  '5月18日，区委召开推进会，现场签约项目14个，总投资62亿元。',
  '青年路社区组织志愿者150人次，开展环境整治活动12场。',
  '区城管局拆除违法建筑2.3万平方米，腾出土地180亩。',
  '去年，全区新增就业岗位4600个，城镇登记失业率控制在3%以内。',
  '当天，凯旋街道与12家企业签订协议，涉及金额3.5亿元。',
  '自2021年开展“清河”行动以来，共清理河道淤泥4.2万立方米。',
];
const PUNCTUATION = /[，。；：、“”！？,.;:!?\s]/gu;
const OPTIONS = { published: '2023-07-20', district: '上城区' };

function ofBytes(unit: string, separator: string, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) { parts.push(unit); size += Buffer.byteLength(unit + separator, 'utf8'); }
  return parts.join(separator);
}

/** CPU seconds of one extraction, the best of `runs` (the machine is shared: the best is the least disturbed). */
function cpuSeconds(text: string, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const before = process.cpuUsage();
    extract(text, OPTIONS);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

describe('extraction is linear in text and sentence length', () => {
  const punctuated = ofBytes(SENTENCES.join(''), '\n', 300_000);
  const bare = ofBytes(SENTENCES.join('').replace(PUNCTUATION, ''), '', 300_000);

  it('finds figures in both texts (the comparison is of like with like)', () => {
    const count = (t: string) => extract(t, OPTIONS).articles.reduce((n, a) => n + a.facts.length, 0);
    const [p, b] = [count(punctuated), count(bare)];
    expect(p).toBeGreaterThan(5000);
    expect(b).toBeGreaterThan(p * 0.8);
  });

  it('300 KB without punctuation takes at most 3× the CPU time of 300 KB of punctuated text', () => {
    extract(SENTENCES.join(''), OPTIONS); // warm-up: gazetteer, community index, JIT
    const p = cpuSeconds(punctuated, 3);
    const b = cpuSeconds(bare, 3);
    expect(b, `bare ${b.toFixed(3)} s vs punctuated ${p.toFixed(3)} s`).toBeLessThan(3 * p);
  });

  it('5 MB without punctuation completes without error', () => {
    const huge = ofBytes(SENTENCES.join('').replace(PUNCTUATION, ''), '', 5_000_000);
    const t0 = performance.now();
    const result = extract(huge, OPTIONS);
    const seconds = (performance.now() - t0) / 1000;
    expect(result.articles.reduce((n, a) => n + a.facts.length, 0)).toBeGreaterThan(50_000);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
