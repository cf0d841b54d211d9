/**
 * What the map tooltip and the details panel say about a node, computed from the data tables.
 * Pure functions: no DOM.
 */
import { agreementById } from '../data/agreements';
import { CALIBRATION_YEAR, PRODUCTION } from '../data/calibration';
import { mineralById } from '../data/minerals';
import { nodeByCode } from '../data/nodes';
import { sourceByKey } from '../data/sources';
import type { Agreement, MineralId, SourceKey, StageId, TradeNode } from '../data/types';
import { type RunResults, type SeriesName, seriesIndex } from '../engine/results.ts';
import { tonnes, usdPerTonne } from '../present/format.ts';

export interface OutputFact {
  mineral: MineralId;
  mineralName: string;
  stage: StageId;
  stageName: string;
  /** t/yr of the mineral's unit. */
  tonnes: number;
  unit: string;
  /** Share of world output, 0–1. */
  share: number;
  source: SourceKey;
  sourceTitle: string;
  note?: string;
}

const STAGE_LABEL: Record<StageId, string> = { mine: 'Mining', refine: 'Refining', magnet: 'Magnets' };

export function stageLabel(stage: StageId): string {
  return STAGE_LABEL[stage];
}

/** How the node took part in the Ministerial. */
export function attendanceLabel(node: TradeNode): string {
  if (node.host) return 'Host of the February 2026 Critical Minerals Ministerial';
  if (node.code === 'EUR') return 'Delegation (the European Union) at the February 2026 Ministerial';
  if (node.attended) return 'Delegation at the February 2026 Critical Minerals Ministerial';
  if (node.code === 'ROW') return 'All other countries (did not attend, below the 1% producer threshold)';
  return 'Did not attend the Ministerial (a producer with at least 1% of a modelled mineral)';
}

export function agreementsOfNode(node: TradeNode): Agreement[] {
  return node.agreements.map(agreementById);
}

/** The node's output at every stage where it produces, in mineral and stage order. */
export function outputFacts(code: string): OutputFact[] {
  const facts: OutputFact[] = [];
  for (const stage of PRODUCTION) {
    const figure = stage.byNode.find((f) => f.node === code);
    if (!figure || figure.tonnes <= 0) continue;
    const mineral = mineralById(stage.mineral);
    facts.push({
      mineral: stage.mineral,
      mineralName: mineral.name,
      stage: stage.stage,
      stageName: mineral.stages.find((s) => s.id === stage.stage)?.name ?? stage.stage,
      tonnes: figure.tonnes,
      unit: stage.unit,
      share: figure.share,
      source: figure.source,
      sourceTitle: sourceByKey(figure.source).title,
      note: figure.note,
    });
  }
  return facts;
}

/** A share 0–1 as a percentage with one decimal, e.g. 0.7023 → '70.2%'. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Tonnes with thousands separators; small figures keep a decimal. */
export function formatTonnes(t: number): string {
  if (t >= 100) return Math.round(t).toLocaleString('en-US');
  return t.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** Tooltip lines: attendance, then the node's shares of world output by stage (largest first). */
export function tooltipFor(code: string): { title: string; lines: string[] } {
  const node = nodeByCode(code);
  const facts = outputFacts(code).filter((f) => f.share >= 0.005);
  const lines = [attendanceLabel(node)];
  for (const stage of ['refine', 'magnet', 'mine'] as const) {
    const items = facts
      .filter((f) => f.stage === stage && !(stage === 'mine' && !mineralById(f.mineral).stages[0].traded))
      .sort((a, b) => b.share - a.share)
      .map((f) => `${f.mineralName.toLowerCase()} ${formatShare(f.share)}`);
    if (items.length)
      lines.push(`${stageLabel(stage)} share of world ${CALIBRATION_YEAR}: ${items.join(', ')}`);
  }
  if (facts.length === 0) lines.push('No output of the modelled minerals above 0.5% of the world.');
  else lines.push(`Sources: ${[...new Set(facts.map((f) => f.source))].join(', ')}`);
  return { title: node.name, lines };
}

/** One node's model figures for a good in a month (t/month and USD/t). */
export interface MonthFacts {
  production: number;
  imports: number;
  exports: number;
  consumption: number;
  /** Final demand, t/month. */
  demand: number;
  unmet: number;
  /** Origin price at which the node sold, USD/t (0 when it sold nothing). */
  price: number;
  /** Average landed cost its buyers paid, USD/t (0 when they bought nothing). */
  buyerPrice: number;
}

export function monthFacts(
  results: RunResults,
  month: number,
  good: number,
  code: string,
): MonthFacts | null {
  const node = results.meta.nodes.indexOf(code);
  if (node < 0 || month >= results.monthsDone) return null;
  const at = (name: SeriesName) => results.series[name][seriesIndex(results.meta, month, good, node)];
  return {
    production: at('production'),
    imports: at('imports'),
    exports: at('exports'),
    consumption: at('consumption'),
    demand: at('demand'),
    unmet: at('unmet'),
    price: at('price'),
    buyerPrice: at('buyerPrice'),
  };
}

/** Tooltip lines with a node's model figures for the month shown. */
export function monthLines(facts: MonthFacts, heading: string): string[] {
  const price = (p: number) => (p > 0 ? usdPerTonne(p) : '–');
  return [
    heading,
    `output ${tonnes(facts.production)} · imports ${tonnes(facts.imports)} · exports ${tonnes(facts.exports)}`,
    `price: sells at ${price(facts.price)}, buys at ${price(facts.buyerPrice)}`,
    `unmet demand ${tonnes(facts.unmet)} of ${tonnes(facts.demand)} wanted`,
  ];
}
