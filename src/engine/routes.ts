/**
 * The state of export controls' routes between months: each quota's or licence's route factor
 * (export price over the exporter's domestic price, ≥ 1: the scarcity rent of the cap), licence
 * backlogs by age, and the price producers anchor on through a control with a known end.
 * Keyed [control * G + good], control being its index in the scenario's exportControls.
 */
import type { Scenario } from '../scenario/schema.ts';
import { Arena } from './arena.ts';
import {
  MAX_APPLICATION_AGE,
  MAX_PRICE_STEP,
  MOTHBALL_AFTER_MONTHS,
  PRICE_CEILING_MULTIPLE,
  RENT_EROSION,
} from './constants.ts';
import { VIEW_EXIT_PRICE } from './exchange.ts';
import type { GoodMarketOutcome } from './market.ts';
import { exp, log } from './math.ts';
import type { ControlRule } from './policy.ts';
import { excessDemandStep } from './prices.ts';
import type { World } from './world.ts';

/** Most controls one good can carry in a month (the market's limit). */
const MAX_CONTROLS_PER_GOOD = 128;

export interface RouteState {
  G: number;
  /** Export price over domestic price on each control's routes, ≥ 1. */
  routeFactor: Float64Array;
  /** Month each control's route state was last used (−2: never). */
  routeMonth: Int32Array;
  /** Exporter's long-run price when a control with a known end began. */
  exitAnchor: Float64Array;
  /** Export controls with a known end: their exporter, goods and window. */
  temporaryControls: { index: number; exporter: number; goods: number[]; start: number; end: number }[];
  /** Licence applications waiting, t, [(control * G + good) * MAX_APPLICATION_AGE + age in months]. */
  applications: Float64Array;
  /** Per control of the good being cleared: route factor and tonnes allowed (market inputs). */
  factor: Float64Array;
  allowed: Float64Array;
}

/**
 * The routes' state between months from `memory` (shared with the threads that clear goods:
 * each key belongs to one good); the per-clearing scratch (factor, allowed) is this thread's own.
 */
export function createRouteState(world: World, scenario: Scenario, memory: Arena = new Arena()): RouteState {
  const G = world.goods.length;
  const C = scenario.exportControls.length;
  const routeFactor = memory.f64(C * G);
  const routeMonth = memory.i32(C * G);
  if (!memory.attached) {
    routeFactor.fill(1);
    routeMonth.fill(-2);
  }
  return {
    G,
    routeFactor,
    routeMonth,
    exitAnchor: memory.f64(C * G),
    temporaryControls: scenario.exportControls.flatMap((c, index) =>
      c.end === null
        ? []
        : [
            {
              index,
              exporter: world.nodes.findIndex((n) => n.code === c.exporter),
              goods: world.goods.flatMap((g, i) =>
                g.mineral === c.mineral && (c.stage === 'all' || g.stage === c.stage) ? [i] : [],
              ),
              start: c.start,
              end: c.end,
            },
          ],
    ),
    applications: memory.f64(C * G * MAX_APPLICATION_AGE),
    factor: new Float64Array(MAX_CONTROLS_PER_GOOD),
    allowed: new Float64Array(MAX_CONTROLS_PER_GOOD),
  };
}

/**
 * Producers under an export control with a known end expect prices to return after it: they
 * idle and store through it, and through the year after while the stocks it left clear, rather
 * than mothball (the view's exit price is at least their long-run price when it began).
 */
export function anchorExitPrices(
  r: RouteState,
  month: number,
  g: number,
  N: number,
  longPrice: Float64Array,
  view: Float64Array,
): void {
  const stride = r.G * N;
  for (const t of r.temporaryControls) {
    if (!t.goods.includes(g) || month < t.start || month >= t.end + MOTHBALL_AFTER_MONTHS) continue;
    const key = t.index * r.G + g;
    if (month === t.start) r.exitAnchor[key] = longPrice[g * N + t.exporter];
    const at = VIEW_EXIT_PRICE * stride + g * N + t.exporter;
    if (r.exitAnchor[key] > view[at]) view[at] = r.exitAnchor[key];
  }
}

/**
 * Route state of the good's controls for this month: each quota's or licence's route factor
 * and the tonnes it lets through before this month's applications: the quota, or the approved
 * share of the licence applications that have waited out the processing delay. A control that
 * was not in force last month starts afresh.
 */
export function prepareControls(
  r: RouteState,
  month: number,
  g: number,
  controls: readonly ControlRule[],
): void {
  for (let c = 0; c < controls.length; c++) {
    const rule = controls[c];
    const key = rule.index * r.G + g;
    if (r.routeMonth[key] !== month - 1) {
      r.routeFactor[key] = 1;
      r.applications.fill(0, key * MAX_APPLICATION_AGE, (key + 1) * MAX_APPLICATION_AGE);
    }
    r.routeMonth[key] = month;
    r.factor[c] = r.routeFactor[key];
    if (rule.kind === 'quota') r.allowed[c] = rule.quotaPerMonth;
    else if (rule.kind === 'licence') {
      let processed = 0;
      const base = key * MAX_APPLICATION_AGE;
      for (let age = Math.max(1, rule.delayMonths); age < MAX_APPLICATION_AGE; age++)
        processed += r.applications[base + age];
      r.allowed[c] = rule.approvalShare * processed;
    } else r.allowed[c] = 0;
  }
}

/**
 * After clearing: licence backlogs lose what was approved (oldest first), take this month's
 * applications and age a month; each route factor moves with log excess demand on the route
 * (what buyers asked of it against what it could carry), as origin prices do, and never below 1:
 * the rent of a cap that no longer binds melts away.
 */
export function settleControls(
  r: RouteState,
  g: number,
  controls: readonly ControlRule[],
  out: GoodMarketOutcome,
  kappa: number,
): void {
  for (let c = 0; c < controls.length; c++) {
    const rule = controls[c];
    if (rule.kind === 'ban') continue;
    const key = rule.index * r.G + g;
    const asked = out.controlAsked[c];
    let carried = r.allowed[c];
    if (rule.kind === 'licence') {
      const base = key * MAX_APPLICATION_AGE;
      let approved = carried;
      for (let age = MAX_APPLICATION_AGE - 1; age >= Math.max(1, rule.delayMonths) && approved > 0; age--) {
        const take = Math.min(approved, r.applications[base + age]);
        r.applications[base + age] -= take;
        approved -= take;
      }
      const approvedNow = rule.delayMonths === 0 ? rule.approvalShare * asked : 0;
      carried += approvedNow;
      // Applications age a month; the oldest lapse.
      for (let age = MAX_APPLICATION_AGE - 1; age > 0; age--)
        r.applications[base + age] = r.applications[base + age - 1];
      r.applications[base] = 0;
      r.applications[base + 1] = asked - approvedNow;
    }
    if (rule.kind === 'licence' && rule.approvalShare >= 1 && rule.delayMonths === 0) continue;
    const tiny = 1e-9 * (asked + carried) + 1e-12;
    const gap = log((asked + tiny) / (carried + tiny));
    // Rent erodes unless the cap keeps turning buyers away (a licence backlog in balance does not).
    let step = excessDemandStep(gap, kappa) - RENT_EROSION;
    if (step > MAX_PRICE_STEP) step = MAX_PRICE_STEP;
    else if (step < -MAX_PRICE_STEP) step = -MAX_PRICE_STEP;
    const factor = r.routeFactor[key] * exp(step);
    r.routeFactor[key] = factor < 1 ? 1 : factor > PRICE_CEILING_MULTIPLE ? PRICE_CEILING_MULTIPLE : factor;
  }
}
