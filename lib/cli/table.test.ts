import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable, framed, pad } from './table';

describe('CLI tables', () => {
  it('count a Chinese character (and fullwidth punctuation) as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('清波街道')).toBe(8);
    expect(displayWidth('594个，')).toBe(7);
    expect(displayWidth('1.2亿元')).toBe(7);
    expect(pad('望江', 6)).toBe('望江  ');
    expect(pad('12', 5, 'right')).toBe('   12');
  });

  it('line columns up whatever script their cells are in', () => {
    const lines = formatTable([['征收拆迁', '1200', 'households_resettled'], ['3.2亿元', '320000000', 'investment'], ['x', '1', 'other']], ['left', 'right', 'left']);
    // the third column starts at the same terminal column on every line
    const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/[a-z_]{5,}$/))));
    expect(new Set(starts).size).toBe(1);
    expect(lines[2]).toBe('x                 1  other');
  });
});

describe('framed', () => {
  it('frames lines of any script to one width', () => {
    const lines = framed(['editor "admin"', '密码只显示这一次']).split('\n');
    expect(lines[0].startsWith('╔')).toBe(true);
    expect(lines[lines.length - 1].startsWith('╚')).toBe(true);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });
});
