/**
 * The loops levers' compile steps are made of: over the items in force in a month, the goods
 * each covers and the nodes of its scope. They use no zod: the engine's bundles hold them.
 */
import type { MonthPolicy, PolicyContext } from '../engine/policy.ts';

export type LeverWindow = { start: number; end: number | null; announced: number | null };

/** In force in `month`: start <= month < end (end null = to the end of the run). */
export function isActive(w: LeverWindow, month: number): boolean {
  return month >= w.start && (w.end === null || month < w.end);
}

/** Announced and not yet in force: buyers it will hit stock up (MonthPolicy.precautionaryCover). */
export function isAnnounced(w: LeverWindow, month: number): boolean {
  return w.announced !== null && month >= w.announced && month < w.start;
}

/** Calls `write` for each item in force in `month`, with the item's index in its list. */
export function forEachActive<I extends LeverWindow>(
  items: readonly I[],
  month: number,
  write: (item: I, index: number) => void,
): void {
  items.forEach((item, index) => {
    if (isActive(item, month)) write(item, index);
  });
}

/** An item about the goods of a mineral and a stage ('all' for every one). */
export type GoodsItem = { mineral: string; stage: string };

/**
 * Calls `write` for each good (index g) that each item in force in `month` covers, with the
 * item's index in its list.
 */
export function forEachActiveGood<I extends LeverWindow & GoodsItem>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  write: (item: I, g: number, index: number) => void,
): void {
  forEachActive(items, month, (item, index) => {
    for (const g of ctx.goodsMatching(item.mineral, item.stage)) write(item, g, index);
  });
}

/**
 * Adds `rule(item, g, index)` to the per-good list `rules[g]` of each good that each item in
 * force in `month` covers, in the items' order; a null rule adds nothing.
 */
export function addRulesPerGood<I extends LeverWindow & GoodsItem, R>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  rules: R[][],
  rule: (item: I, g: number, index: number) => R | null,
): void {
  forEachActiveGood(items, month, ctx, (item, g, index) => {
    const r = rule(item, g, index);
    if (r !== null) rules[g].push(r);
  });
}

/** Calls `write` with the cell row·N + n of each node n in `mask` (tables of rows of N nodes). */
export function forEachNodeCell(
  mask: Uint8Array,
  row: number,
  N: number,
  write: (cell: number) => void,
): void {
  for (let n = 0; n < N; n++) if (mask[n]) write(row * N + n);
}

/**
 * Calls `write` for each cell g·N + n of a per-good, per-node table that an item in force in
 * `month` sets: each good it covers, each node of its scope.
 */
export function forEachScopedCell<I extends LeverWindow & GoodsItem & { scope: string }>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  write: (item: I, cell: number, g: number) => void,
): void {
  for (const item of items) {
    if (!isActive(item, month)) continue;
    const mask = ctx.scopeMask(item.scope);
    for (const g of ctx.goodsMatching(item.mineral, item.stage))
      forEachNodeCell(mask, g, ctx.N, (cell) => write(item, cell, g));
  }
}

/**
 * Buyers an announced item will hit (the nodes of `buyers(item)`) hold the market's
 * precautionaryCoverMonths more cover of the goods it covers until it starts.
 */
export function precautionBeforeStart<I extends LeverWindow & GoodsItem>(
  items: readonly I[],
  month: number,
  ctx: PolicyContext,
  policy: MonthPolicy,
  buyers: (item: I) => Uint8Array,
): void {
  const extra = ctx.scenario.market.precautionaryCoverMonths;
  for (const item of items) {
    if (!isAnnounced(item, month)) continue;
    const mask = buyers(item);
    for (const g of ctx.goodsMatching(item.mineral, item.stage))
      forEachNodeCell(mask, g, ctx.N, (cell) => {
        policy.precautionaryCover[cell] = extra;
      });
  }
}
