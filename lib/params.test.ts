import { describe, expect, it } from 'vitest';
import { pageNumber, rowId } from './params';

describe('numbers from URLs', () => {
  it('page numbers are clamped to the pages there are', () => {
    expect(pageNumber(undefined, 5)).toBe(1);
    expect(pageNumber('3', 5)).toBe(3);
    expect(pageNumber('99999999999999999999999', 5)).toBe(5);
    expect(pageNumber('0', 5)).toBe(1);
    expect(pageNumber('-2', 5)).toBe(1);
    expect(pageNumber('2.5', 5)).toBe(1);
    expect(pageNumber('1e9', 5)).toBe(1);
    expect(pageNumber('4', 0)).toBe(1);
  });

  it('row ids are 1 to 15 digits', () => {
    expect(rowId('42')).toBe(42);
    for (const bad of ['', '-1', '1.0', '0x10', '9'.repeat(16), '１２']) expect(rowId(bad), bad).toBeNull();
  });
});
