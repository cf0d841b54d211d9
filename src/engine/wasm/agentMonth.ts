/**
 * An agent's month, in AssemblyScript (compiled to WebAssembly by scripts/generate-agent-loops.ts;
 * src/engine/agentLoops.ts runs it): the per-agent rules of the monthly loops over one block's
 * columns, which src/engine/agents.ts calls with the block's market signals. This file is the one
 * home of those rules; agents.ts reads the block's view and stores its sums.
 *
 * Why WebAssembly: the loops are bound by instructions, not by memory, and in JavaScript each
 * typed-array access carries a bounds check and a reload of the array's base; here a column is a
 * base address and the memory's guard pages do the bounds checks. Each role's loop is compiled once
 * per combination of the block's constant switches (settle, decide, processor), so no agent pays
 * for a branch its block never takes. f64 arithmetic is IEEE 754 in both languages, and every
 * operation below is the one the JavaScript did, in the same order: the numbers are bit-identical
 * (the golden results and the Node/Chromium determinism tests check it).
 *
 * Units as in src/engine/columns.ts: tonnes and tonnes a month, USD per tonne, months.
 * `./constants` is made by the build script from src/engine/layout.ts and constants.ts.
 */
import {
  ACTIVE,
  BLOCK_SIGNALS,
  BUILDING,
  DORMANT,
  EXIT_AFTER,
  INVENTORY_RESPONSE,
  MOTHBALL_AFTER,
  MOTHBALL_MARGIN,
  OUTPUT_ADJUSTMENT,
  RESTART_LAG,
  RESTOCK,
  SCHEDULED,
  STOCK_ADJUSTMENT,
  UTILISATION_RAMP,
} from './constants';

// Where each column starts in linear memory, bytes (bind; columns.ts lays them out).
let capacityAt: usize = 0;
let stockOutAt: usize = 0;
let stockInAt: usize = 0;
let producedAt: usize = 0;
let offeredAt: usize = 0;
let inputBidAt: usize = 0;
let pendingCapacityAt: usize = 0;
let unitCostAt: usize = 0;
let investmentAt: usize = 0;
let pendingMonthsAt: usize = 0;
let statusAt: usize = 0;
let lossMonthsAt: usize = 0;

/**
 * Sets where the columns are: their byte offsets in this instance's memory, in columns.ts's buffer
 * order (columnOffsets).
 */
export function bind(
  capacity: usize,
  stockOut: usize,
  stockIn: usize,
  produced: usize,
  offered: usize,
  inputBid: usize,
  pendingCapacity: usize,
  unitCost: usize,
  investment: usize,
  pendingMonths: usize,
  status: usize,
  lossMonths: usize,
): void {
  capacityAt = capacity;
  stockOutAt = stockOut;
  stockInAt = stockIn;
  producedAt = produced;
  offeredAt = offered;
  inputBidAt = inputBid;
  pendingCapacityAt = pendingCapacity;
  unitCostAt = unitCost;
  investmentAt = investment;
  pendingMonthsAt = pendingMonths;
  statusAt = status;
  lossMonthsAt = lossMonths;
}

/** The f64 at index k of a block's row (the row's byte offset `row`). */
function rowAt(row: usize, k: i32): f64 {
  return load<f64>(row + (<usize>k << 3));
}
/** Writes the block's k-th sum, after its signals in its row. */
function setSum(row: usize, k: i32, value: f64): void {
  store<f64>(row + (<usize>(BLOCK_SIGNALS + k) << 3), value);
}

function f64At(column: usize, a: i32): f64 {
  return load<f64>(column + (<usize>a << 3));
}
function setF64(column: usize, a: i32, value: f64): void {
  store<f64>(column + (<usize>a << 3), value);
}
/** A Float32 column's value, widened as JavaScript widens a Float32Array element. */
function f32At(column: usize, a: i32): f64 {
  return <f64>load<f32>(column + (<usize>a << 2));
}

/** JavaScript's Math.round for a finite number (halves round up; f64.nearest rounds to even). */
function roundHalfUp(x: f64): f64 {
  const whole = Math.floor(x);
  return x - whole >= 0.5 ? whole + 1 : whole;
}

/**
 * Consumers of agents [start, end): settle and decide with the block's signals in its row at
 * byte `row` (0: the share of each bid filled, 0–1; 1: the price buyers expect, USD/t; 2: demand
 * over base demand; 3: the safety stock aimed at, months of demand). Sums, after the signals:
 * consumed, unmet, stock (settle); demand, bid (decide).
 */
export function consumers(start: i32, end: i32, settle: bool, decide: bool, row: usize): void {
  const fill = rowAt(row, 0);
  const price = rowAt(row, 1);
  const factor = rowAt(row, 2);
  const cover = rowAt(row, 3);
  if (settle && decide) consumersLoop(start, end, true, true, fill, price, factor, cover, row);
  else if (settle) consumersLoop(start, end, true, false, fill, price, factor, cover, row);
  else consumersLoop(start, end, false, true, fill, price, factor, cover, row);
}

// @ts-ignore: decorator
@inline
function consumersLoop(
  start: i32,
  end: i32,
  settle: bool,
  decide: bool,
  fill: f64,
  price: f64,
  factor: f64,
  cover: f64,
  row: usize,
): void {
  let consumed: f64 = 0;
  let unmet: f64 = 0;
  let stock: f64 = 0;
  let demand: f64 = 0;
  let bid: f64 = 0;
  for (let a = start; a < end; a++) {
    // Safety stock, t: the settle's result is the decide's start.
    let held = f64At(stockInAt, a);
    if (settle) {
      const available = held + f64At(offeredAt, a) * fill;
      const want = f64At(producedAt, a);
      const use = want < available ? want : available;
      held = available - use;
      setF64(stockInAt, a, held);
      consumed += use;
      unmet += want - use;
      stock += held;
    }
    if (decide) {
      // A consumer buys while the price is below its choke price (its unit cost column).
      const want: f64 = f32At(unitCostAt, a) >= price ? f64At(capacityAt, a) * factor : 0;
      const order = want + (cover * want - held) * RESTOCK;
      const ask: f64 = order > 0 ? order : 0;
      setF64(producedAt, a, want);
      setF64(offeredAt, a, ask);
      demand += want;
      bid += ask;
    }
  }
  setSum(row, 0, consumed);
  setSum(row, 1, unmet);
  setSum(row, 2, stock);
  setSum(row, 3, demand);
  setSum(row, 4, bid);
}

/**
 * Producers of agents [start, end), per agent in this order: sales out of output stock and the
 * stock left; the site's exit, expansion, building and restart (capacity flows, t/month);
 * processors' input received and used and the input stock left; then the next month's output,
 * offer and input bid.
 *
 * The block's signals, in its row at byte `row`: 0 `yieldRate` (output per tonne of input).
 * Settle, on month m's view: 1 `sellFraction` (share of offers sold, 0–1), 2 `longPrice`
 * (long-run expected price), 3 `exitPrice` (the price mothballing compares), 4 `buildRate` and
 * 5 `expansionRate` (shares a month), 6 `hurdle` (return asked of a new site), 7 `buildLag` and
 * 8 `expansionLag` (months), and for processors 9 `longInputCost` (input at the long-run price
 * per tonne of output) and 10 `inputFill` (share of input bids filled). Decide, on month m + 1's
 * view: 11 `price` (expected), 12 `shock` (capacity factor), and for processors 13 `inputCost`
 * (per tonne of output) and 14 `inputCover` (months of input aimed at); 15 `cover` (finished
 * goods aimed at, months of output), 16 `hold` (how far speculative storage scales that aim) and
 * 17 `roomMonths` (months of output a site can store).
 *
 * Sums, after the signals: sold, held out, started, under construction, added, mothballed, held
 * in, received, used (settle); offer, output, input bid, operating capacity, cash cost, pipeline
 * (decide).
 */
export function producers(start: i32, end: i32, settle: bool, decide: bool, processor: bool, row: usize): void {
  if (settle && decide) {
    if (processor) producersLoop(start, end, true, true, true, row);
    else producersLoop(start, end, true, true, false, row);
  } else if (settle) {
    if (processor) producersLoop(start, end, true, false, true, row);
    else producersLoop(start, end, true, false, false, row);
  } else if (processor) producersLoop(start, end, false, true, true, row);
  else producersLoop(start, end, false, true, false, row);
}

// @ts-ignore: decorator
@inline
function producersLoop(start: i32, end: i32, settle: bool, decide: bool, processor: bool, row: usize): void {
  const yieldRate = rowAt(row, 0);
  const sellFraction = rowAt(row, 1);
  const longPrice = rowAt(row, 2);
  const exitPrice = rowAt(row, 3);
  const buildRate = rowAt(row, 4);
  const expansionRate = rowAt(row, 5);
  const hurdle = rowAt(row, 6);
  const buildLag = rowAt(row, 7);
  const expansionLag = rowAt(row, 8);
  const longInputCost = rowAt(row, 9);
  const inputFill = rowAt(row, 10);
  const price = rowAt(row, 11);
  const shock = rowAt(row, 12);
  const inputCost = rowAt(row, 13);
  const inputCover = rowAt(row, 14);
  const cover = rowAt(row, 15);
  const hold = rowAt(row, 16);
  const roomMonths = rowAt(row, 17);
  let sold: f64 = 0;
  let heldOut: f64 = 0;
  let started: f64 = 0;
  let constructing: f64 = 0;
  let added: f64 = 0;
  let mothballed: f64 = 0;
  let heldIn: f64 = 0;
  let received: f64 = 0;
  let used: f64 = 0;
  let offer: f64 = 0;
  let output: f64 = 0;
  let bidInput: f64 = 0;
  let operating: f64 = 0;
  let cashCost: f64 = 0;
  let pipeline: f64 = 0;
  for (let a = start; a < end; a++) {
    const statusOf = statusAt + <usize>a;
    const lossOf = lossMonthsAt + <usize>a;
    const monthsOf = pendingMonthsAt + (<usize>a << 1);
    let state = <i32>load<u8>(statusOf);
    const cost = f32At(unitCostAt, a);
    // Last month's output, t (this month's settle sells and uses it; the decide ramps from it).
    const last = f64At(producedAt, a);
    // Finished stock, t; capacity, t/month (a dormant site's only when it starts building);
    // capacity under expansion, t/month (an active site's, or one that comes online).
    let held = f64At(stockOutAt, a);
    let size: f64 = state != DORMANT ? f64At(capacityAt, a) : 0;
    let pending: f64 = state == ACTIVE ? f64At(pendingCapacityAt, a) : 0;
    // Processors' input stock, t of input.
    let input: f64 = processor ? f64At(stockInAt, a) : 0;

    if (settle) {
      // Output stock: sales, and the stock left.
      const s = f64At(offeredAt, a) * sellFraction;
      held += last - s;
      // Selling all of a stock can leave −1e-14 t of rounding: a stock is never negative.
      if (held < 0) held = 0;
      setF64(stockOutAt, a, held);
      sold += s;
      heldOut += held;

      // The site.
      if (state == ACTIVE) {
        const fullCost = cost + longInputCost;
        let loss = <i32>load<u8>(lossOf);
        // A sustained expected loss (the year-long expectation well below cost), not a bad month.
        if (exitPrice < fullCost * (1 - MOTHBALL_MARGIN)) {
          if (loss < 255) loss++;
        } else loss = 0;
        if (loss >= MOTHBALL_AFTER) {
          // Mothballed: the site keeps its capacity and can restart; lossMonths counts months closed.
          state = DORMANT;
          store<u8>(statusOf, DORMANT);
          store<u8>(lossOf, 1);
          mothballed += size;
          pending = 0;
          setF64(pendingCapacityAt, a, 0);
          store<i16>(monthsOf, 0);
        } else {
          store<u8>(lossOf, loss);
          // Expansions under way come online at 1/lag a month; new ones start while they pay.
          if (pending > 0) {
            const done = pending / expansionLag;
            size += done;
            setF64(capacityAt, a, size);
            pending -= done;
            added += done;
          }
          if (expansionRate > 0 && longPrice > fullCost) {
            const more = size * expansionRate;
            pending += more;
            started += more;
          }
          setF64(pendingCapacityAt, a, pending);
          constructing += pending;
        }
      } else if (state == DORMANT) {
        const fullCost = cost + longInputCost;
        let loss = <i32>load<u8>(lossOf);
        // A mothballed site has sunk its capital: it restarts at half the hurdle, and sooner,
        // until it has been closed so long that it has exited for good.
        if (loss > 0 && ++loss > EXIT_AFTER) loss = 0;
        store<u8>(lossOf, loss);
        const restart = loss > 0;
        const required = restart ? hurdle * 0.5 : hurdle;
        // Float32 column: the sum is rounded as the column stores it before it is compared.
        let pressure = f32At(investmentAt, a);
        if (longPrice > fullCost * (1 + required)) pressure = <f64>(<f32>(pressure + buildRate));
        if (pressure >= 1) {
          pressure -= 1;
          state = BUILDING;
          store<u8>(statusOf, BUILDING);
          const months = max<f64>(1, roundHalfUp(restart ? buildLag * RESTART_LAG : buildLag));
          store<i16>(monthsOf, <i32>months);
          size = f64At(capacityAt, a);
          started += size;
          constructing += size;
        }
        store<f32>(investmentAt + (<usize>a << 2), <f32>pressure);
      } else if (state == BUILDING || state == SCHEDULED) {
        const months = <i32>load<i16>(monthsOf) - 1;
        store<i16>(monthsOf, months);
        if (months <= 0) {
          state = ACTIVE;
          store<u8>(statusOf, ACTIVE);
          store<u8>(lossOf, 0);
          added += size;
          // The decide adds an active site's expansions under way to the pipeline.
          pending = f64At(pendingCapacityAt, a);
        } else constructing += size;
      }

      // Processors' input stock: received, used, and the stock left.
      if (processor) {
        const got = f64At(inputBidAt, a) * inputFill;
        const use = last / yieldRate;
        input += got - use;
        if (input < 0) input = 0;
        setF64(stockInAt, a, input);
        received += got;
        used += use;
        heldIn += input;
      }
    }

    if (decide) {
      let q: f64 = 0;
      let want: f64 = 0;
      let room: f64 = 0;
      if (state == BUILDING) pipeline += size;
      if (state == ACTIVE) {
        pipeline += pending;
        const cap = size * shock;
        room = roomMonths * cap;
        // Share of capacity run at the expected price by a site of this unit cost (input
        // included), 0–1: agents.ts, utilisation.
        const unit = cost + inputCost;
        let u = 0.5 + (price - unit) / (UTILISATION_RAMP * unit);
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        // Output moves part of the way to the target each month (ramping a site takes time).
        // A site holding more finished stock than it aims to (its normal cover, or more while
        // prices sit below normal and storage pays) runs slower to work the excess off, rather
        // than only offering it and waiting for the price to fall (production smoothing).
        let target = cap * u;
        const excess = held - cover * last * (hold > 1 ? hold : 1);
        if (excess > 0) target -= INVENTORY_RESPONSE * excess;
        if (target < 0) target = 0;
        q = last + OUTPUT_ADJUSTMENT * (target - last);
        if (q > cap) q = cap;
        // Storage is finite: past its room a site runs only as far as its stock drains.
        if (held > room) q *= max<f64>(0, 1 - (held - room) / (0.5 * room));
        operating += cap;
        if (processor) {
          const planned = q;
          const canMake = input * yieldRate;
          if (q > canMake) q = canMake;
          // Bid for the input of the planned run rate, and move part of the way to the target cover.
          const need = planned / yieldRate;
          const order = need + RESTOCK * (inputCover * need - input);
          want = order > 0 ? order : 0;
        }
      }
      let aim = cover * q * hold;
      if (aim > room) aim = room;
      let ask = q + STOCK_ADJUSTMENT * (held - aim);
      if (ask < 0) ask = 0;
      setF64(producedAt, a, q);
      setF64(offeredAt, a, ask);
      // Only processors bid for input; the other producers' bids stay the 0 drawn at the start,
      // so their part of the column is neither read nor written back each month.
      if (processor) setF64(inputBidAt, a, want);
      output += q;
      offer += ask;
      bidInput += want;
      cashCost += q * cost;
    }
  }
  setSum(row, 0, sold);
  setSum(row, 1, heldOut);
  setSum(row, 2, started);
  setSum(row, 3, constructing);
  setSum(row, 4, added);
  setSum(row, 5, mothballed);
  setSum(row, 6, heldIn);
  setSum(row, 7, received);
  setSum(row, 8, used);
  setSum(row, 9, offer);
  setSum(row, 10, output);
  setSum(row, 11, bidInput);
  setSum(row, 12, operating);
  setSum(row, 13, cashCost);
  setSum(row, 14, pipeline);
}
