/** Preferential trade zones: members trade at the internal tariff; other levers name zones by id. */
import * as z from 'zod';
import { type Atoms, field, nodeRef, tariffRate, text, zoneId } from './fields.ts';
import { str } from './labels.ts';
import { defineLever, windowed } from './lever.ts';

/** One item of the list (with its window). */
function item(_atoms: Atoms) {
  return z.strictObject({
    id: field(zoneId, {
      label: 'Id',
      widget: 'text',
      description: 'Short id used by other levers to name this zone, e.g. "ministerial".',
    }),
    name: field(text(120), { label: 'Name', widget: 'text', description: 'Display name.' }),
    members: field(z.array(nodeRef).min(1).max(200), {
      label: 'Members',
      widget: 'members',
      description: 'Node codes of the members.',
    }),
    internalTariff: field(tariffRate.default(0), {
      label: 'Internal tariff',
      widget: 'number',
      description: 'Tariff on trade between members, fraction (0 = tariff-free).',
    }),
    externalTariff: field(tariffRate.nullable().default(null), {
      label: 'Common external tariff',
      widget: 'number',
      description:
        'Common tariff on imports from non-members, fraction; null = members keep their own tariffs.',
    }),
  });
}

/** Its part of the engine: no table of its own (tariffs.ts reads zones; other levers through scope masks). */
export const zonesPolicy = windowed('zones');

export const zones = /* @__PURE__ */ defineLever(zonesPolicy, {
  title: 'Zones',
  one: 'zone',
  summary: 'Preferential trade zones: tariff-free (or reduced) trade among members.',
  description: 'Preferential trade zones.',
  maxItems: 20,
  item,
  check(zone, at, refs, all, index) {
    if (all.slice(0, index).some((z) => z.id === zone.id))
      refs.issue([...at, 'id'], `zone id "${zone.id}" is used twice`);
    const seen = new Set<string>();
    zone.members.forEach((code, k) => {
      refs.node([...at, 'members', k], code);
      if (seen.has(code)) refs.issue([...at, 'members', k], `"${code}" is listed twice`);
      seen.add(code);
    });
    const euIn = refs.euCodes.filter((c) => seen.has(c));
    if (euIn.length > 0 && euIn.length < refs.euCodes.length) {
      const missing = refs.euCodes.filter((c) => !seen.has(c));
      refs.issue(
        [...at, 'members'],
        `the EU is a customs union: a zone takes all EU members or none (missing: ${missing.join(', ')})`,
      );
    }
  },
  create({ draft }) {
    const list = Array.isArray(draft.zones) ? (draft.zones as { id?: unknown }[]) : [];
    const used = new Set(list.map((z) => z.id));
    let n = 1;
    while (used.has(n === 1 ? 'zone' : `zone-${n}`)) n++;
    return {
      id: n === 1 ? 'zone' : `zone-${n}`,
      name: n === 1 ? 'New zone' : `New zone ${n}`,
      members: ['USA'],
      internalTariff: 0,
      externalTariff: null,
      start: 0,
      end: null,
    };
  },
  label: (z) => {
    const n = Array.isArray(z.members) ? z.members.length : 0;
    return `${str(z.name)} (${n.toLocaleString('en')} ${n === 1 ? 'node' : 'nodes'})`;
  },
  // The zones' tariffs are part of the tariff matrix (tariffs.ts); other levers read zones
  // through the policy context's scope masks.
});
