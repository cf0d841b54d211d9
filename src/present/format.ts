/**
 * How the app writes numbers, months and node names. Pure functions: no DOM.
 * Months count from 0 = January 2026 (the scenario schema's convention).
 */
import { format } from 'd3';
import { isNode, nodeByCode } from '../data/nodes';
import type { StageId } from '../data/types';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const FIRST_YEAR = 2026;

/** 'Mar 2027' for month 14. */
export function monthLabel(month: number): string {
  return `${MONTH_NAMES[((month % 12) + 12) % 12]} ${FIRST_YEAR + Math.floor(month / 12)}`;
}

/** Short names where the data's display name is too long for a label. */
const SHORT_NAMES: Record<string, string> = {
  USA: 'US',
  GBR: 'UK',
  ARE: 'UAE',
  KOR: 'Korea',
  COD: 'DR Congo',
  DOM: 'Dominican Rep.',
  EUR: 'EU (other 14)',
  PNG: 'Papua N. Guinea',
  ROW: 'Rest of world',
};

export function shortName(code: string): string {
  if (SHORT_NAMES[code]) return SHORT_NAMES[code];
  return isNode(code) ? nodeByCode(code).name : code;
}

const STAGE_NAMES: Record<StageId, string> = { mine: 'mining', refine: 'refining', magnet: 'magnets' };

/** 'mining', 'refining', 'magnets'. */
export function stageName(stage: string): string {
  return STAGE_NAMES[stage as StageId] ?? stage;
}

const si = format('.3~s');

// One formatter each, made once: Number.toLocaleString builds a new one on every call, which
// shows up in profiles when labels are redrawn every frame.
const wholeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A whole number with thousands separators: '12,345'. */
export function whole(x: number): string {
  return Number.isFinite(x) ? wholeFormat.format(Math.round(x)) : '–';
}

/** Tonnes: '12,345 t', '1.23M t' above a million. */
export function tonnes(t: number): string {
  if (!Number.isFinite(t)) return '–';
  if (Math.abs(t) >= 1e6) return `${si(t).replace('G', 'B')} t`;
  if (Math.abs(t) >= 100) return `${whole(t)} t`;
  return `${oneDecimalFormat.format(t)} t`;
}

/** USD per tonne: '74,508 USD/t'. */
export function usdPerTonne(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return `${whole(p)} USD/t`;
}

/** Money: 'USD 1.23 bn', 'USD 45.6 M', 'USD 12,300'. */
export function usd(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1e9) return `USD ${(x / 1e9).toFixed(2)} bn`;
  if (a >= 1e6) return `USD ${(x / 1e6).toFixed(1)} M`;
  return `USD ${whole(x)}`;
}

/** A share 0–1 as '12.3%'. */
export function percent(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : '–';
}

/** A signed change in percentage points: '+3.2 pp'. */
export function pointsChange(delta: number): string {
  if (!Number.isFinite(delta)) return '–';
  // Rounded first, so a change that shows as 0.0 carries no sign ("−0.0 pp" read as a fall).
  const pp = Number((delta * 100).toFixed(1));
  if (pp === 0) return '0.0 pp';
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}

/** A signed integer change: '+120', '−45'. */
export function signedInt(delta: number): string {
  if (!Number.isFinite(delta)) return '–';
  const r = Math.round(delta);
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${whole(Math.abs(r))}`;
}

/** A count with its noun: '1 month', '31 months', '1 node' ('months' plural by default adds "s"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${whole(n)} ${n === 1 ? one : many}`;
}

/** Compact axis numbers: 75k, 1.2M. */
export const compact = format('~s');

/** Seconds as '12 s' or '2 min 5 s'. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

// The research tables' signed changes: a change that rounds to zero shows '±'.
const MINUS = '−';
const sign = (x: number) => (x > 0 ? '+' : x < 0 ? MINUS : '±');

/** '+1,234' / '−56' / '±0'. */
export function signedWhole(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const r = Math.round(x);
  return `${sign(r)}${whole(Math.abs(r))}`;
}

/** A proportional change as '+5.2%'. */
export function signedPercent(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  const text = (Math.abs(x) * 100).toFixed(digits);
  return `${Number(text) === 0 ? '±' : sign(x)}${text}%`;
}

/** A change of a share in percentage points: '+3.2 pp'. */
export function signedPoints(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const text = (Math.abs(x) * 100).toFixed(1);
  return `${Number(text) === 0 ? '±' : sign(x)}${text} pp`;
}

/** Tonnes with a sign: '+1,234 t'. */
export function signedTonnes(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return `${Math.abs(x) < 0.05 ? '±' : sign(x)}${tonnes(Math.abs(x))}`;
}

/** USD as billions with a sign and three decimals: '+1.234'. */
export function signedBillions(usd: number): string {
  if (!Number.isFinite(usd)) return '–';
  const text = (Math.abs(usd) / 1e9).toFixed(3);
  return `${Number(text) === 0 ? '±' : sign(usd)}${text}`;
}

/** USD million with a sign and one decimal: '+12.3'. */
export function signedMillions(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(1);
  return `${Number(text) === 0 ? '±' : sign(value)}${text}`;
}
