import { describe, expect, it } from 'vitest';
import {
  BLOCK_ROW_FIELDS,
  BYTES_PER_AGENT,
  columnsByteLength,
  columnsMemory,
  createColumns,
  memoryByteLength,
} from '../../../src/engine/columns.ts';

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
  it('gives every column its own 8-byte aligned, non-overlapping range of the memory', () => {
    for (const count of [1, 3, 7, 8, 513]) {
      const cols = createColumns(10, count, 3);
      expect(cols.first).toBe(10);
      expect(cols.count).toBe(count);
      // Whole WebAssembly pages of 64 KiB, as few as hold the columns.
      expect(cols.buffer).toBe(cols.memory.buffer);
      expect(cols.buffer.byteLength).toBe(Math.ceil(memoryByteLength(count, 3) / 65536) * 65536);
      const ranges = COLUMN_NAMES.map((name) => {
        const column = cols[name];
        expect(column.length, name).toBe(count);
        expect(column.buffer, name).toBe(cols.buffer);
        expect(column.byteOffset % 8, name).toBe(0);
        return [column.byteOffset, column.byteOffset + column.byteLength] as const;
      });
      // The blocks' rows after the columns: 3 blocks' worth.
      expect(cols.blockRows.length).toBe(3 * BLOCK_ROW_FIELDS);
      ranges.push([cols.blockRows.byteOffset, cols.blockRows.byteOffset + cols.blockRows.byteLength]);
      const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1]);
      expect(sorted[sorted.length - 1][1]).toBeLessThanOrEqual(cols.buffer.byteLength);
    }
  });

  it('counts each column once in the bytes per agent', () => {
    const cols = createColumns(0, 1, 1);
    const bytes = COLUMN_NAMES.reduce((sum, name) => sum + cols[name].BYTES_PER_ELEMENT, 0);
    expect(BYTES_PER_AGENT).toBe(bytes);
    expect(columnsByteLength(8)).toBe(8 * BYTES_PER_AGENT);
  });

  it('refuses a memory too small for the agents, and more agents than a memory holds', () => {
    const page = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
    expect(() => createColumns(0, 2000, 4, page)).toThrow(
      new RegExp(`agent memory holds 65536 bytes, needs ${136000 + 4 * BLOCK_ROW_FIELDS * 8}`),
    );
    expect(() => columnsMemory(70_000_000, 0)).toThrow(/70000000 agents need 4760000000 bytes of columns/);
  });

  it('makes a shared memory for the parallel engine and a thread-own one otherwise', () => {
    expect(columnsMemory(10, 1, true).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(columnsMemory(10, 1).buffer).toBeInstanceOf(ArrayBuffer);
  });
});
