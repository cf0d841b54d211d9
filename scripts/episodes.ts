/**
 * Prints the magnitudes the model gives for the calibration episodes of the shared data
 * (episodes.md: V2 Indonesia 2014, V10 lithium 2021–24, V11 export-tax wedges) next to the
 * observed ones (`npm run episodes`). docs/model.md quotes this output.
 */
import { calibratedWorld } from '../src/data/world.ts';
import { consumerPrice, goodIndexOf, worldPrice } from '../src/engine/metrics.ts';
import type { RunResults, SeriesName } from '../src/engine/results.ts';
import { createSimulation } from '../src/engine/simulation.ts';
import { EXPORT_TAX_WEDGE, INDONESIA_ORE_BAN, LITHIUM_BOOM } from '../src/research/episodes.ts';
import type { ScenarioInput } from '../src/scenario/schema.ts';
import { validateScenario } from '../src/scenario/validate.ts';

const world = calibratedWorld();
const resolution = Number(process.argv[2] ?? 5000);

function run(input: Partial<ScenarioInput> & { months: number }): RunResults {
  const checked = validateScenario({ version: 1, resolution, ...input });
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return createSimulation(world, checked.scenario).run();
}

function value(r: RunResults, name: SeriesName, month: number, good: number, node: string): number {
  const N = r.meta.nodes.length;
  return r.series[name][(month * r.meta.goods.length + good) * N + r.meta.nodes.indexOf(node)];
}

function total(r: RunResults, name: SeriesName, month: number, good: number): number {
  const N = r.meta.nodes.length;
  let s = 0;
  for (let n = 0; n < N; n++) s += r.series[name][(month * r.meta.goods.length + good) * N + n];
  return s;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)}%`;
const lines: string[] = [
  `Episodes at ${resolution.toLocaleString('en')} agents, seed 1 (month 0 = the shock's reference month)`,
];

// V2: Indonesia bans nickel ore exports at month 12.
{
  const base = run({ months: 72 });
  const ban = run(INDONESIA_ORE_BAN);
  const ore = goodIndexOf(ban, 'nickel', 'mine');
  const refined = goodIndexOf(ban, 'nickel', 'refine');
  const outside = ban.meta.nodes.filter((c) => c !== 'IDN');
  const outsidePrice = (m: number) =>
    consumerPrice(ban, m, refined, outside) / consumerPrice(base, m, refined, outside) - 1;
  const peak = Math.max(...Array.from({ length: 60 }, (_, i) => outsidePrice(12 + i)));
  const peakMonth = Array.from({ length: 60 }, (_, i) => outsidePrice(12 + i)).indexOf(peak);
  lines.push(
    '',
    'V2 Indonesia nickel ore ban (observed: outside metal price +40–60% in 3–5 months, back to about +10% after 12;',
    '   ore price at the importer +60–100% in ~2 months; substitute exporter +20–25% in the year; banning country refining ×10+ in 4–5 years)',
    `   outside refined price vs baseline: ${pct(outsidePrice(16))} after 4 months, ${pct(outsidePrice(24))} after 12, peak ${pct(peak)} after ${peakMonth} months`,
    `   ore price at China vs baseline: ${pct(value(ban, 'buyerPrice', 14, ore, 'CHN') / value(base, 'buyerPrice', 14, ore, 'CHN') - 1)} after 2 months`,
    `   Philippine ore exports vs baseline: ${pct(value(ban, 'exports', 24, ore, 'PHL') / value(base, 'exports', 24, ore, 'PHL') - 1)} after 12 months`,
    `   Indonesian refining capacity vs baseline: ×${(value(ban, 'capacity', 66, refined, 'IDN') / value(base, 'capacity', 66, refined, 'IDN')).toFixed(2)} after 54 months; share of world refining ${((100 * value(ban, 'production', 66, refined, 'IDN')) / total(ban, 'production', 66, refined)).toFixed(0)}% (baseline ${((100 * value(base, 'production', 66, refined, 'IDN')) / total(base, 'production', 66, refined)).toFixed(0)}%)`,
  );
}

// V10: lithium demand surge.
{
  const boom = run(LITHIUM_BOOM);
  const refined = goodIndexOf(boom, 'lithium', 'refine');
  const mine = goodIndexOf(boom, 'lithium', 'mine');
  const prices = Array.from(
    { length: 84 },
    (_, m) => worldPrice(boom, m, refined) / worldPrice(boom, 0, refined),
  );
  const peak = prices.indexOf(Math.max(...prices));
  const mined = (m: number) => total(boom, 'production', m, mine);
  const after = Math.min(83, peak + 24);
  lines.push(
    '',
    'V10 lithium boom and bust (observed: price ×5; mine supply +30–40%/yr for 2–3 years after a 1–2-year lag; price −60–80% from the peak within 2 years)',
    `   demand surge 60%/yr from month 6 to 24: price peaks ×${prices[peak].toFixed(2)} at month ${peak}`,
    `   mine supply growth: ${pct(mined(peak) / mined(peak - 12) - 1)} in the year before the peak, ${pct(mined(peak + 12) / mined(peak) - 1)} in the year after`,
    `   price ${pct(prices[after] / prices[peak] - 1)} from the peak ${after - peak} months later, with demand ${pct(total(boom, 'demand', after, refined) / total(boom, 'demand', peak, refined) - 1)} over the same months`,
  );
}

// V11: export tax only.
{
  const tax = run(EXPORT_TAX_WEDGE);
  const g = goodIndexOf(tax, 'rare_earths', 'refine');
  const outside = tax.meta.nodes.filter((c) => c !== 'CHN');
  const wedge = (m: number) => consumerPrice(tax, m, g, outside) / value(tax, 'buyerPrice', m, g, 'CHN');
  lines.push(
    '',
    'V11 export tax without a quota (observed: outside/inside ratio 1.15–1.45, ~1.31 for a 15% tax and a lost 16% VAT rebate)',
    `   outside/inside landed price of separated rare earths: ${wedge(12).toFixed(2)} at month 12, ${wedge(35).toFixed(2)} at month 35`,
  );
}

console.log(lines.join('\n'));
