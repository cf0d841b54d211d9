/**
 * The named groups of countries the Ministerial and its agreements define: presets use them as
 * zones, the editor offers them as quick sets, a sweep value names one with `@id` (`@club`), and
 * the fallback zone is what outcomes are measured for when a scenario has no zone of its own.
 */
import { NODES } from './nodes';

/** The 54 delegations and the US host (the EU as all 27 members). */
export const PARTICIPANTS: readonly string[] = NODES.filter((n) => n.attended || n.host).map((n) => n.code);

/** All 27 EU members (13 attending separately and 'EUR', the other 14). */
export const EU_MEMBERS: readonly string[] = NODES.filter((n) => n.euMember).map((n) => n.code);

/** The eleven MoU / framework signatories of the Ministerial (seed 001). */
export const MOU_SIGNATORIES: readonly string[] = [
  'ARG',
  'COK',
  'ECU',
  'GIN',
  'MAR',
  'PRY',
  'PER',
  'PHL',
  'ARE',
  'GBR',
  'UZB',
];

/** Burgum's tariff-free "club": the US, the earlier deals (seed 002) and the eleven signatories. */
export const CLUB: readonly string[] = ['USA', 'JPN', 'KOR', 'MYS', 'AUS', 'THA', ...MOU_SIGNATORIES];

export const US_EU_JAPAN: readonly string[] = ['USA', 'JPN', ...EU_MEMBERS];

export const US_MEXICO: readonly string[] = ['USA', 'MEX'];

export interface NodeGroup {
  /** What a sweep value writes after `@`. */
  id: string;
  /** How the editor's quick sets name it. */
  label: string;
  members: readonly string[];
}

/** Every named group, in the order the editor lists them. */
export const NODE_GROUPS: readonly NodeGroup[] = [
  { id: 'participants', label: `All participants (${PARTICIPANTS.length})`, members: PARTICIPANTS },
  { id: 'mou', label: `The ${MOU_SIGNATORIES.length} MoU signatories`, members: MOU_SIGNATORIES },
  { id: 'club', label: `The club (${CLUB.length})`, members: CLUB },
  { id: 'us-eu-japan', label: 'US–EU–Japan', members: US_EU_JAPAN },
  { id: 'us-mexico', label: 'US–Mexico', members: US_MEXICO },
  { id: 'eu', label: 'The EU (27)', members: EU_MEMBERS },
];

/** A zone outcomes are measured for: an id, a name and its members (node codes). */
export interface ZoneRef {
  id: string;
  name: string;
  members: readonly string[];
}

/**
 * The zone outcomes, summaries and charts use when a scenario has none: every Ministerial
 * participant. A scenario with zones is measured for its first zone (`zoneOf`).
 */
export const FALLBACK_ZONE: ZoneRef = {
  id: 'participants',
  name: 'Ministerial participants',
  members: PARTICIPANTS,
};

/** The zone a run's outcomes are for: its first zone, or the fallback. */
export function zoneOf(zones: readonly ZoneRef[]): ZoneRef {
  return zones[0] ?? FALLBACK_ZONE;
}
