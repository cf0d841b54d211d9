/**
 * The agents' monthly loops in WebAssembly (src/engine/wasm/agentMonth.ts): the module the engine
 * carries (src/data/generated/agentMonthWasm.ts) is what the source compiles to now, and the loops
 * apply the rules to the columns where they are. The golden results and the determinism tests
 * check the whole engine's numbers through them.
 */
import { describe, expect, it } from 'vitest';
import { agentLoopsModule, compileAgentLoops } from '../../../scripts/agent-loops.ts';
import { AGENT_MONTH_OWN, AGENT_MONTH_SHARED } from '../../../src/data/generated/agentMonthWasm.ts';
import { agentLoops } from '../../../src/engine/agentLoops.ts';
import {
  type AgentColumns,
  BLOCK_ROW_FIELDS,
  BLOCK_SIGNALS,
  columnsMemory,
  createColumns,
} from '../../../src/engine/columns.ts';
import { RESTOCK_RATE } from '../../../src/engine/constants.ts';
import { STATUS_BUILDING, STATUS_DORMANT } from '../../../src/engine/layout.ts';

describe('the agent loops in WebAssembly', () => {
  it('are carried as the source compiles to now, for a shared memory and for a thread’s own', async () => {
    const shared = await compileAgentLoops(true);
    const own = await compileAgentLoops(false);
    const { readFileSync } = await import('node:fs');
    const carried = readFileSync(
      new URL('../../../src/data/generated/agentMonthWasm.ts', import.meta.url),
      'utf8',
    );
    expect(carried).toBe(agentLoopsModule(shared, own));
    expect(AGENT_MONTH_SHARED).toBe(Buffer.from(shared).toString('base64'));
    expect(AGENT_MONTH_OWN).toBe(Buffer.from(own).toString('base64'));
    // Both validate, and each states the memory it takes.
    expect(WebAssembly.validate(shared)).toBe(true);
    expect(WebAssembly.validate(own)).toBe(true);
    const memoryImport = (bytes: Uint8Array<ArrayBuffer>) =>
      WebAssembly.Module.imports(new WebAssembly.Module(bytes)).filter((i) => i.kind === 'memory');
    expect(memoryImport(shared)).toHaveLength(1);
    expect(memoryImport(own)).toHaveLength(1);
  }, 60_000);

  /** Writes a block's signals into its row and returns the row's byte offset and its sums. */
  const rowOf = (cols: AgentColumns, block: number, signals: number[]) => {
    const r = block * BLOCK_ROW_FIELDS;
    cols.blockRows.set(signals, r);
    return {
      at: cols.blockRows.byteOffset + r * 8,
      sums: () => [...cols.blockRows.subarray(r + BLOCK_SIGNALS, r + BLOCK_ROW_FIELDS)],
    };
  };

  it('settle and decide consumers on the columns, and leave the block’s sums in its row', () => {
    const cols = createColumns(0, 3, 2);
    // Base demand 10 t/month; choke prices 50, 150 and 200 USD/t; safety stocks 4, 0 and 2 t;
    // last month's wants 10 t and bids 12, 0 and 10 t.
    cols.capacity.set([10, 10, 10]);
    cols.unitCost.set([50, 150, 200]);
    cols.stockIn.set([4, 0, 2]);
    cols.produced.set([10, 10, 10]);
    cols.offered.set([12, 0, 10]);
    // Block 1: half of each bid filled; a price of 100 USD/t; demand at 1.1 × base; cover of 2 months.
    const row = rowOf(cols, 1, [0.5, 100, 1.1, 2]);
    agentLoops(cols).consumers(0, 3, true, true, row.at);
    // Settle: available = stock + half the bid; use up to the want.
    expect([...cols.stockIn]).toEqual([0, 0, 0]);
    const [consumed, unmet, stock, demand, bid] = row.sums();
    expect(consumed).toBe(10 + 0 + 7);
    expect(unmet).toBe(0 + 10 + 3);
    expect(stock).toBe(0);
    // Decide: the first consumer's choke price is below the price, so it wants nothing.
    const want = 10 * 1.1;
    const order = want + 2 * want * RESTOCK_RATE;
    expect([...cols.produced]).toEqual([0, want, want]);
    expect([...cols.offered]).toEqual([0, order, order]);
    expect(demand).toBe(2 * want);
    expect(bid).toBe(2 * order);
    // Block 0's row is untouched.
    expect([...cols.blockRows.subarray(0, BLOCK_ROW_FIELDS)].every((v) => v === 0)).toBe(true);
  });

  it('start a mothballed site building once its investment pressure passes 1, rounding lags as Math.round', () => {
    const cols = createColumns(0, 2, 1);
    cols.status.set([STATUS_DORMANT, STATUS_DORMANT]);
    // Closed a month (a restart, at a quarter of the build lag) and closed long ago (lossMonths 0).
    cols.lossMonths.set([1, 0]);
    cols.investment.set([0.9, 0.5]);
    cols.unitCost.set([100, 100]);
    cols.capacity.set([5, 7]);
    // Yield 1; nothing sold; long-run and exit price 1000 USD/t, above any hurdle; build rate 0.2
    // a month; no expansion; hurdle 0.3; build lag 10 months, expansions 12 (agentMonth.ts, producers).
    const row = rowOf(cols, 0, [1, 0, 1000, 1000, 0.2, 0, 0.3, 10, 12]);
    agentLoops(cols).producers(0, 2, true, false, false, row.at);
    expect([...cols.status]).toEqual([STATUS_BUILDING, STATUS_DORMANT]);
    // 10 × 0.25 = 2.5 months rounds up to 3, as Math.round does (f64.nearest would give 2).
    expect(cols.pendingMonths[0]).toBe(Math.max(1, Math.round(10 * 0.25)));
    expect(cols.pendingMonths[0]).toBe(3);
    // The pressure is summed at Float32, as the column holds it.
    expect(cols.investment[0]).toBe(Math.fround(Math.fround(Math.fround(0.9) + 0.2) - 1));
    expect(cols.investment[1]).toBe(Math.fround(Math.fround(0.5) + 0.2));
    expect(cols.lossMonths[0]).toBe(2);
    const [, , started, constructing] = row.sums();
    expect(started).toBe(5);
    expect(constructing).toBe(5);
  });

  it('work on one shared memory from two column sets, each through its own instance', () => {
    const memory = columnsMemory(2, 2, true);
    const a = createColumns(0, 2, 2, memory);
    const b = createColumns(0, 2, 2, memory);
    a.capacity.set([1, 2]);
    a.unitCost.set([10, 10]);
    const first = agentLoops(a);
    const second = agentLoops(b);
    expect(second).not.toBe(first);
    const rowA = rowOf(a, 0, [0, 1, 1, 0]);
    const rowB = rowOf(b, 1, [0, 1, 1, 0]);
    first.consumers(0, 2, false, true, rowA.at);
    second.consumers(0, 1, false, true, rowB.at);
    // Same memory: the second set sees the first's capacities; each block's sums are in its row.
    expect(rowA.sums()[3]).toBe(3);
    expect(rowB.sums()[3]).toBe(1);
    expect(b.produced[1]).toBe(2);
  });
});
