import { describe, expect, it } from 'vitest';
import { shortNumber } from './format';
import { niceStep, niceTicks } from './ticks';

const isRound = (step: number) => [1, 2, 5].includes(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6)));

describe('niceTicks', () => {
  it('steps of 1, 2 or 5 × 10^k, written with 万/亿 as round numbers', () => {
    // the overview's district bar of 225亿 once read 75亿/150亿/225亿
    const ticks = niceTicks(0, 2.25e10);
    expect(ticks.map((t) => shortNumber(t, 'zh'))).toEqual(['0', '50亿', '100亿', '150亿', '200亿', '250亿']);
    expect(niceTicks(0, 1650)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 7.1e9).map((t) => shortNumber(t, 'zh'))).toEqual(['0', '20亿', '40亿', '60亿', '80亿']);
  });

  it('cover the data and start at zero or below it', () => {
    for (const [low, high] of [[0, 3], [0, 0.84], [-12, 35], [0, 98765], [3, 7], [0, 123456789012]]) {
      const ticks = niceTicks(low, high);
      expect(ticks[0]).toBeLessThanOrEqual(Math.min(0, low));
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(high);
      expect(ticks.length).toBeLessThanOrEqual(8);
      const step = ticks[1] - ticks[0];
      expect(isRound(step), `${low}..${high}: step ${step}`).toBe(true);
      ticks.slice(1).forEach((t, i) => expect(t - ticks[i]).toBeCloseTo(step, 9));
    }
  });

  it('counts never step below one; an empty chart still has an axis', () => {
    expect(niceTicks(0, 3, { whole: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceStep(0)).toBe(1);
  });
});
