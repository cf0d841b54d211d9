import { describe, expect, it } from 'vitest';
import { BYTES_PER_AGENT, columnsByteLength, createColumns } from '../../../src/engine/columns.ts';

const COLUMN_NAMES = [
  'capacity',
  'stockOut',
  'stockIn',
  'produced',
  'offered',
  'inputBid',
  'pendingCapacity',
  'unitCost',
  'investment',
  'pendingMonths',
  'status',
  'lossMonths',
] as const;

describe('agent columns', () => {
  it('gives every column its own 8-byte aligned, non-overlapping range of the buffer', () => {
    for (const count of [1, 3, 7, 8, 513]) {
      const cols = createColumns(10, count);
      expect(cols.first).toBe(10);
      expect(cols.count).toBe(count);
      expect(cols.buffer.byteLength).toBe(columnsByteLength(count));
      const ranges = COLUMN_NAMES.map((name) => {
        const column = cols[name];
        expect(column.length, name).toBe(count);
        expect(column.buffer, name).toBe(cols.buffer);
        expect(column.byteOffset % 8, name).toBe(0);
        return [column.byteOffset, column.byteOffset + column.byteLength] as const;
      });
      const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1]);
      expect(sorted[sorted.length - 1][1]).toBeLessThanOrEqual(cols.buffer.byteLength);
    }
  });

  it('counts each column once in the bytes per agent', () => {
    const cols = createColumns(0, 1);
    const bytes = COLUMN_NAMES.reduce((sum, name) => sum + cols[name].BYTES_PER_ELEMENT, 0);
    expect(BYTES_PER_AGENT).toBe(bytes);
    expect(columnsByteLength(8)).toBe(8 * BYTES_PER_AGENT);
  });

  it('refuses a buffer too small for the agents', () => {
    expect(() => createColumns(0, 100, new ArrayBuffer(64))).toThrow(/agent buffer holds 64 bytes, needs/);
  });
});
