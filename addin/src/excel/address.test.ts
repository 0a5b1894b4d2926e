import { describe, expect, it } from 'vitest';
import { blockAddress, cellAddress, columnLetters, MAX_ADDRESS_CHARS, packAddresses, parseCell, rowChunks, sheetRef, splitAddress } from './address.js';

describe('A1 addresses', () => {
  it('converts columns both ways', () => {
    for (const [i, s] of [[0, 'A'], [25, 'Z'], [26, 'AA'], [701, 'ZZ'], [702, 'AAA'], [16383, 'XFD']] as const) {
      expect(columnLetters(i)).toBe(s);
      expect(parseCell(`${s}1`)).toEqual({ row: 0, col: i });
    }
    expect(cellAddress(11, 5)).toBe('F12');
    expect(blockAddress(1, 0, 3, 2)).toBe('A2:B4');
    expect(blockAddress(4, 2, 1, 1)).toBe('C5');
    expect(parseCell('$C$12')).toEqual({ row: 11, col: 2 });
    expect(parseCell('12C')).toBeNull();
    expect(parseCell('A0')).toBeNull();
  });

  it('splits sheet-qualified addresses, quoted or not', () => {
    expect(splitAddress("'O''Brien 1'!B2:C3")).toEqual({ sheet: "O'Brien 1", range: 'B2:C3', start: { row: 1, col: 1 } });
    expect(splitAddress('報告!D4')).toEqual({ sheet: '報告', range: 'D4', start: { row: 3, col: 3 } });
    expect(sheetRef("O'Brien")).toBe("'O''Brien'");
  });
});

describe('packAddresses', () => {
  it('merges vertical runs and drops duplicates', () => {
    expect(packAddresses(['B3', 'B2', 'B4', 'D7', 'B3', 'C2'])).toEqual(['B2:B4,C2,D7']);
    expect(packAddresses([])).toEqual([]);
  });

  it('never passes the 8,192-character limit and keeps every cell', () => {
    // Every other row of three columns: nothing merges, so many strings are needed.
    const cells: string[] = [];
    for (let r = 1; r <= 20_000; r += 2) for (const c of ['F', 'H', 'K']) cells.push(`${c}${r}`);
    const packed = packAddresses(cells);
    expect(packed.length).toBeGreaterThan(1);
    for (const p of packed) expect(p.length).toBeLessThanOrEqual(MAX_ADDRESS_CHARS);
    const back = packed.flatMap((p) => p.split(','));
    expect(back.sort()).toEqual([...cells].sort());
  });
});

describe('rowChunks', () => {
  it('reads a typical return of 10,000 rows in one block', () => {
    expect(rowChunks(10_000, 14)).toEqual([{ start: 0, count: 10_000 }]);
  });
  it('splits above the budget and at 20,000 rows at most, covering every row once', () => {
    const chunks = rowChunks(100_000, 14);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.count).toBeLessThanOrEqual(20_000);
    expect(chunks.reduce((n, c) => n + c.count, 0)).toBe(100_000);
    chunks.forEach((c, i) => expect(c.start).toBe(i === 0 ? 0 : chunks[i - 1]!.start + chunks[i - 1]!.count));
    expect(rowChunks(5_000, 200, { budgetBytes: 4_000_000 }).length).toBeGreaterThan(1);
    expect(rowChunks(0, 14)).toEqual([]);
  });
});
