// Numbers as the checks' arithmetic writes them: readable Chinese magnitudes, no float noise.

const UNIT_WORDS: Record<string, string> = {
  CNY: '元', USD: '美元', HKD: '港元', EUR: '欧元', m2: '平方米', mu: '亩', ha: '公顷', km2: '平方公里', m3: '立方米',
  m: '米', km: '公里', t: '吨', kg: '千克', count: '', percent: '%', percentage_point: '个百分点',
  hour: '小时', day: '天', month: '个月', year: '年',
};

/** 84.61538 → "84.62", 7.005 → "7.01", 702 → "702"; at most `decimals` places, trailing zeros dropped. */
export function plain(n: number, decimals = 2): string {
  const rounded = Number(n.toFixed(decimals));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** 1400000000 CNY → "14亿元", 38000 mu → "3.8万亩", 594 count → "594", 84.6 percent → "84.6%". */
export function formatValue(value: number, unit: string): string {
  const word = UNIT_WORDS[unit] ?? unit;
  if (unit === 'percent' || unit === 'percentage_point') return `${plain(value)}${word}`;
  const abs = Math.abs(value);
  if (abs >= 1e8) return `${plain(value / 1e8, 4)}亿${word}`;
  if (abs >= 1e5) return `${plain(value / 1e4, 4)}万${word}`;
  return `${plain(value)}${word}`;
}

/** How many decimals a figure's text writes its number with (84.6% → 1, 15个 → 0). */
export function statedDecimals(text: string): number {
  const m = /\d+(?:\.(\d+))?/.exec(text.replace(/,/g, ''));
  return m?.[1]?.length ?? 0;
}
