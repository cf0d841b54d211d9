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
import { columnsMemory, createColumns } from '../../../src/engine/columns.ts';
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
    const memoryImport = (bytes: Uint8Array) =>
      WebAssembly.Module.imports(new WebAssembly.Module(bytes)).filter((i) => i.kind === 'memory');
    expect(memoryImport(shared)).toHaveLength(1);
    expect(memoryImport(own)).toHaveLength(1);
  }, 60_000);

  it('settle and decide consumers on the columns, and sum the block', () => {
    const cols = createColumns(0, 3);
    // Base demand 10 t/month; choke prices 50, 150 and 200 USD/t; safety stocks 4, 0 and 2 t;
    // last month's wants 10 t and bids 12, 0 and 10 t.
    cols.capacity.set([10, 10, 10]);
    cols.unitCost.set([50, 150, 200]);
    cols.stockIn.set([4, 0, 2]);
    cols.produced.set([10, 10, 10]);
    cols.offered.set([12, 0, 10]);
    const loops = agentLoops(cols);
    // Half of each bid filled; a price of 100 USD/t; demand at 1.1 × base; cover of 2 months.
    loops.consumers(0, 3, true, true, 0.5, 100, 1.1, 2);
    // Settle: available = stock + half the bid; use up to the want.
    expect([...cols.stockIn]).toEqual([0, 0, 0]);
    const [consumed, unmet, stock, demand, bid] = loops.sums.slice(0, 5).map((g) => g.value);
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
  });

  it('start a mothballed site building once its investment pressure passes 1, rounding lags as Math.round', () => {
    const cols = createColumns(0, 2);
    cols.status.set([STATUS_DORMANT, STATUS_DORMANT]);
    // Closed a month (a restart, at a quarter of the build lag) and closed long ago (lossMonths 0).
    cols.lossMonths.set([1, 0]);
    cols.investment.set([0.9, 0.5]);
    cols.unitCost.set([100, 100]);
    cols.capacity.set([5, 7]);
    const loops = agentLoops(cols);
    // Long-run price 1000 USD/t, above any hurdle; build rate 0.2 a month; build lag 10 months.
    loops.producers(
      0,
      2,
      true,
      false,
      false,
      1,
      0,
      1000,
      1000,
      0.2,
      0,
      0.3,
      10,
      12,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      1,
      4,
    );
    expect([...cols.status]).toEqual([STATUS_BUILDING, STATUS_DORMANT]);
    // 10 × 0.25 = 2.5 months rounds up to 3, as Math.round does (f64.nearest would give 2).
    expect(cols.pendingMonths[0]).toBe(Math.max(1, Math.round(10 * 0.25)));
    expect(cols.pendingMonths[0]).toBe(3);
    // The pressure is summed at Float32, as the column holds it.
    expect(cols.investment[0]).toBe(Math.fround(Math.fround(Math.fround(0.9) + 0.2) - 1));
    expect(cols.investment[1]).toBe(Math.fround(Math.fround(0.5) + 0.2));
    expect(cols.lossMonths[0]).toBe(2);
    const [, , started, constructing] = loops.sums.map((g) => g.value);
    expect(started).toBe(5);
    expect(constructing).toBe(5);
  });

  it('keep each column set’s sums apart, on one shared memory too', () => {
    const memory = columnsMemory(2, true);
    const a = createColumns(0, 2, memory);
    const b = createColumns(0, 2, memory);
    a.capacity.set([1, 2]);
    a.unitCost.set([10, 10]);
    const first = agentLoops(a);
    const second = agentLoops(b);
    expect(second).not.toBe(first);
    first.consumers(0, 2, false, true, 0, 1, 1, 0);
    second.consumers(0, 1, false, true, 0, 1, 1, 0);
    // Same memory: the second set sees the first's capacities; its sums are its own.
    expect(first.sums[3].value).toBe(3);
    expect(second.sums[3].value).toBe(1);
    expect(b.produced[1]).toBe(2);
  });
});
