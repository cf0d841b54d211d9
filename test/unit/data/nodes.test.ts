import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { geoContains, geoDistance } from 'd3';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../scripts/generate-calibration.mjs';
import { AGREEMENTS, agreementById } from '../../../src/data/agreements';
import { CALIBRATION_NODES } from '../../../src/data/calibration';
import { EU_ATTENDING } from '../../../src/data/eu';
import { EU_REST, NODES, nodeByCode, nodeIndex } from '../../../src/data/nodes';
import { hasSource } from '../../../src/data/sources';

const root = resolve(import.meta.dirname, '../../..');

/** Figure 1 of seed 001, "Countries represented at the Critical Minerals Ministerial", verbatim. */
const FIGURE_1 = {
  Africa: 'Angola, Democratic Republic of the Congo, Guinea, Kenya, Morocco, Sierra Leone, Zambia',
  Asia: 'Armenia, Bahrain, India, Israel, Japan, Jordan, Kazakhstan, Malaysia, Oman, Pakistan, Philippines, Qatar, Republic of Korea, Saudi Arabia, Singapore, Thailand, United Arab Emirates, Uzbekistan',
  Europe:
    'Belgium, Czech Republic, Estonia, European Union, Finland, France, Germany, Greece, Italy, Lithuania, Netherlands, Norway, Poland, Romania, Sweden, United Kingdom, Ukraine',
  'North America': 'Canada, Dominican Republic, Mexico',
  'South America': 'Argentina, Bolivia, Brazil, Ecuador, Paraguay, Peru',
  Oceania: 'Australia, Cook Islands, New Zealand',
};

/** Figure 1 names whose node name differs. */
const RENAMED: Record<string, string> = {
  'Czech Republic': 'Czechia',
  'European Union': 'European Union (members not attending separately)',
};

const EU_27 = [
  ...EU_ATTENDING,
  ...['AUT', 'BGR', 'HRV', 'CYP', 'DNK', 'HUN', 'IRL', 'LVA', 'LUX', 'MLT', 'PRT', 'SVK', 'SVN', 'ESP'],
];

describe('nodes', () => {
  const figure1 = Object.entries(FIGURE_1).flatMap(([continent, list]) =>
    list.split(', ').map((name) => ({ name, continent })),
  );

  it('has every Figure 1 delegation exactly once, plus the US host', () => {
    expect(figure1).toHaveLength(54);
    for (const { name, continent } of figure1) {
      const matches = NODES.filter((n) => n.name === (RENAMED[name] ?? name));
      expect(matches, name).toHaveLength(1);
      expect(matches[0].attended, name).toBe(true);
      expect(matches[0].continent, name).toBe(continent);
    }
    const attending = NODES.filter((n) => n.attended);
    expect(attending).toHaveLength(55);
    expect(NODES.filter((n) => n.host).map((n) => n.code)).toEqual(['USA']);
  });

  it('orders the host and delegations first, then producers, then ROW last', () => {
    expect(NODES[0].code).toBe('USA');
    const firstProducer = NODES.findIndex((n) => !n.attended);
    expect(NODES.slice(0, firstProducer).every((n) => n.attended)).toBe(true);
    expect(NODES.slice(firstProducer).every((n) => !n.attended)).toBe(true);
    expect(NODES[NODES.length - 1].code).toBe('ROW');
    NODES.forEach((node, i) => {
      expect(nodeIndex(node.code)).toBe(i);
      expect(nodeByCode(node.code)).toBe(node);
    });
    expect(() => nodeIndex('XXX')).toThrow();
  });

  it('has unique codes and unique numeric codes', () => {
    const codes = NODES.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    const numerics = NODES.map((n) => n.numeric).filter((n) => n !== null);
    expect(new Set(numerics).size).toBe(numerics.length);
    for (const node of NODES) {
      if (node.code === 'EUR' || node.code === 'ROW') expect(node.numeric).toBeNull();
      else expect(node.numeric, node.code).toMatch(/^\d{3}$/);
    }
    const territories = NODES.flatMap((n) => n.territory);
    expect(new Set(territories).size).toBe(territories.length);
  });

  it('follows the generator, which applies the inclusion rule to the data', () => {
    expect(NODES.map((n) => n.code)).toEqual(CALIBRATION_NODES.map((n) => n.code));
    for (const entry of CALIBRATION_NODES.filter((n) => n.kind === 'producer')) {
      expect(entry.inclusion?.length, entry.code).toBeGreaterThan(0);
      expect(nodeByCode(entry.code).note).toContain('at least 1% of world output');
    }
  });

  it('puts every non-attending country with at least 1% of a modelled mineral in 2023-2024 in a node', () => {
    const rows = parseCsv(readFileSync(resolve(root, 'data/inputs/production.csv'), 'utf8'));
    const modelled =
      /^(lithium|nickel|cobalt|graphite_natural|graphite_all_grades_iea|rare_earths|rare_earths_magnet_iea|rare_earth_magnets_permanent|copper|manganese|silicon_metal|silicon_all|gallium|germanium|antimony|tungsten|pgm_platinum|pgm_palladium)$/;
    const euRest = new Set(EU_REST.map((m) => m.code));
    const material = new Set(
      rows
        .filter((r) => modelled.test(r.mineral) && ['2023', '2024'].includes(r.year))
        .filter((r) => r.share !== '' && Number(r.share) >= 0.01)
        .map((r) => r.country_iso3)
        .filter((c) => !['WLD', 'OTH', 'ROW', 'T3', 'XCN'].includes(c) && !euRest.has(c)),
    );
    for (const code of material)
      expect(
        NODES.some((n) => n.code === code),
        code,
      ).toBe(true);
    for (const code of ['IDN', 'CHL', 'ZAF', 'RUS', 'MMR', 'GAB', 'MOZ', 'MDG', 'ZWE', 'CUB', 'CHN']) {
      expect(nodeByCode(code).attended, code).toBe(false);
    }
    // The four minerals of issue 11 bring four producers: Tajikistan (antimony 17%), Vietnam
    // (tungsten 4.2%), North Korea (tungsten 2.1%) and Rwanda (tungsten 1.5%). Bolivia attended;
    // Russia, Myanmar, Türkiye, South Africa and Zimbabwe were nodes already.
    for (const code of ['TJK', 'VNM', 'PRK', 'RWA']) {
      expect(nodeByCode(code).attended, code).toBe(false);
      expect(nodeByCode(code).note, code).toMatch(/antimony|tungsten/);
    }
    // Iran's largest modelled share is 0.5% (antimony): it belongs to ROW (see the ROW note).
    expect(NODES.some((n) => n.code === 'IRN')).toBe(false);
  });

  it('models the EU delegation as the 14 members that did not attend separately', () => {
    const eur = nodeByCode('EUR');
    expect(eur.territory.sort()).toEqual(
      [
        '040',
        '100',
        '191',
        '196',
        '208',
        '348',
        '372',
        '428',
        '442',
        '470',
        '620',
        '703',
        '705',
        '724',
      ].sort(),
    );
    expect(EU_REST.map((m) => m.code).sort()).toEqual(EU_27.filter((c) => !EU_ATTENDING.includes(c)).sort());
    expect(EU_27).toHaveLength(27);
    const members = NODES.filter((n) => n.euMember).map((n) => n.code);
    expect(members.sort()).toEqual(['EUR', ...EU_ATTENDING].sort());
    for (const code of members) expect(code === 'EUR' || EU_27.includes(code), code).toBe(true);
    for (const code of EU_REST.map((m) => m.code))
      expect(
        NODES.some((n) => n.code === code),
        code,
      ).toBe(false);
    expect(nodeByCode('NCL').euMember).toBe(false);
  });

  it('draws every territory from world-atlas 50m, with centroids on the node', () => {
    const topology = JSON.parse(
      readFileSync(resolve(root, 'node_modules/world-atlas/countries-50m.json'), 'utf8'),
    ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topology, topology.objects.countries).features;
    for (const node of NODES) {
      expect(node.lon, node.code).toBeGreaterThanOrEqual(-180);
      expect(node.lon, node.code).toBeLessThanOrEqual(180);
      expect(Math.abs(node.lat), node.code).toBeLessThanOrEqual(90);
      const shapes = countries.filter((f) => node.territory.includes(String(f.id)));
      expect(new Set(shapes.map((f) => String(f.id))).size, node.code).toBe(node.territory.length);
      if (node.code === 'ROW') continue;
      const point: [number, number] = [node.lon, node.lat];
      // Inside one of the node's shapes, or within 1 degree of it (small islands at 1:50m).
      const near = shapes.some(
        (f) =>
          geoContains(f, point) ||
          JSON.stringify(f.geometry)
            .match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)
            ?.some((pair) => {
              const [x, y] = pair.split(',').map(Number);
              return geoDistance(point, [x, y]) < (1 * Math.PI) / 180;
            }),
      );
      expect(near, `${node.code} centroid ${point}`).toBe(true);
    }
  });

  it('lists for each node the agreements it signed, and the US signed them all', () => {
    for (const node of NODES) {
      for (const id of node.agreements) expect(agreementById(id).parties, node.code).toContain(node.code);
      expect(node.agreements).toEqual(
        AGREEMENTS.filter((a) => a.parties.includes(node.code)).map((a) => a.id),
      );
    }
    expect(nodeByCode('USA').agreements).toEqual(AGREEMENTS.map((a) => a.id));
  });
});

describe('agreements', () => {
  it('has the eleven Ministerial MoUs and frameworks, the Mexico plan, the EU-Japan partnership and the six earlier deals', () => {
    const ministerial = AGREEMENTS.filter((a) => a.kind === 'mou' || a.kind === 'framework');
    expect(ministerial.map((a) => a.parties.find((p) => p !== 'USA')).sort()).toEqual(
      ['ARG', 'COK', 'ECU', 'GIN', 'MAR', 'PRY', 'PER', 'PHL', 'ARE', 'GBR', 'UZB'].sort(),
    );
    expect(AGREEMENTS.filter((a) => a.kind === 'action-plan').map((a) => a.parties)).toEqual([
      ['USA', 'MEX'],
    ]);
    const partnership = AGREEMENTS.filter((a) => a.kind === 'partnership');
    expect(partnership).toHaveLength(1);
    expect(partnership[0].parties).toEqual(expect.arrayContaining(['USA', 'JPN', 'EUR', 'DEU', 'FRA']));
    expect(
      AGREEMENTS.filter((a) => a.kind === 'earlier-deal')
        .map((a) => a.parties[1])
        .sort(),
    ).toEqual(['AUS', 'JPN', 'KOR', 'MYS', 'SAU', 'THA']);
  });

  it('names parties that are nodes and sources that exist, with unique ids and ISO dates', () => {
    expect(new Set(AGREEMENTS.map((a) => a.id)).size).toBe(AGREEMENTS.length);
    for (const a of AGREEMENTS) {
      expect(a.parties[0], a.id).toBe('USA');
      for (const p of a.parties)
        expect(
          NODES.some((n) => n.code === p),
          `${a.id} ${p}`,
        ).toBe(true);
      expect(hasSource(a.source), a.id).toBe(true);
      expect(a.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
