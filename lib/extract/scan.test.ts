import { describe, expect, it } from 'vitest';
import { FIGURE_PATTERN } from './figures';
import { numberedGroups } from './scan';

describe('numberedGroups', () => {
  it('numbers named groups as the named pattern does, past escapes, classes and lookarounds', () => {
    const named = String.raw`(?<![(\[])(?<a>\d+)(x|\()(?:[(?<z>)]|\))(?<=\d)(?<b>[^)]+)?(?!q)`;
    const { source, group } = numberedGroups(named, ['a', 'b']);
    expect(source).toBe(String.raw`(?<![(\[])(\d+)(x|\()(?:[(?<z>)]|\))(?<=\d)([^)]+)?(?!q)`);
    expect(group).toEqual({ a: 1, b: 3 });
    for (const text of ['12x)yy', 'w34()', '5(<']) {
      const m = new RegExp(named).exec(text);
      const n = new RegExp(source).exec(text);
      expect(n?.[group.a]).toBe(m?.groups?.a);
      expect(n?.[group.b]).toBe(m?.groups?.b);
    }
  });

  it('refuses names the pattern does not have, or a pattern with names not listed', () => {
    expect(() => numberedGroups('(?<a>x)(?<b>y)', ['a'])).toThrow(/groups are a, b/u);
    expect(() => numberedGroups('(?<a>x)', ['a', 'c'])).toThrow(/not a, c/u);
  });

  it('gives the figure pattern the same captures by number as by name', () => {
    const { source, group } = numberedGroups(FIGURE_PATTERN.source, Object.keys(new RegExp(`${FIGURE_PATTERN.source}|`).exec('')!.groups!));
    const text = '全区新增就业岗位超过1.2万余个，投资3至5亿元，约占百分之八十以上，完成2万5千户改造，达到三千多人次左右，1亿2千万元，5人到2023年';
    const byName = new RegExp(FIGURE_PATTERN.source, 'g'), byNumber = new RegExp(source, 'g');
    let matches = 0;
    for (let m = byName.exec(text), n = byNumber.exec(text); m; m = byName.exec(text), n = byNumber.exec(text), matches++) {
      expect(n?.index).toBe(m.index);
      for (const [name, value] of Object.entries(m.groups!)) expect([name, n?.[group[name]]]).toEqual([name, value]);
    }
    expect(matches).toBeGreaterThan(6);
  });
});
