#!/usr/bin/env node
/**
 * Calibration generator: reads the vendored inputs in data/inputs/ and writes
 * src/data/generated/calibration.json (committed). Plain Node ESM, no dependencies.
 *
 *   node scripts/generate-calibration.mjs            # writes the JSON
 *   node scripts/generate-calibration.mjs --stdout   # prints it instead
 *
 * Every figure it emits names a source key (src/data/sources.ts); every figure that is not a
 * copy of a source value says ESTIMATE and how it was made. The rules are stated in the
 * constants below and repeated in the README ("Data").
 *
 * Units: tonnes per year (t/yr) of the mineral's content unit; prices in USD per tonne of
 * that unit; shares 0–1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const INPUT_DIR = resolve(ROOT, 'data/inputs');
export const OUTPUT_FILE = resolve(ROOT, 'src/data/generated/calibration.json');

/** Calibration year: the latest year with country detail in every series. */
export const CALIBRATION_YEAR = 2024;

/**
 * Node inclusion rule: a country that did not attend becomes a node when it holds at least
 * this share of world output of a modelled mineral at some stage, in any 2023 or 2024 row of
 * production.csv (any source). Everything else goes to 'ROW'.
 */
export const INCLUSION_SHARE = 0.01;
export const INCLUSION_YEARS = [2023, 2024];

/** production.csv series that belong to the fourteen modelled minerals (used by the inclusion rule). */
export const MODELLED_SERIES = [
  'lithium',
  'nickel',
  'cobalt',
  'graphite_natural',
  'graphite_all_grades_iea',
  'rare_earths',
  'rare_earths_magnet_iea',
  'rare_earth_magnets_permanent',
  'copper',
  'manganese',
  'silicon_metal',
  'silicon_all',
  'gallium',
  'germanium',
  'antimony',
  'tungsten',
  'pgm_platinum',
  'pgm_palladium',
];

/** Pseudo-codes and aggregates in the CSVs (see shared/data/SOURCES.md, "Non-ISO placeholders"). */
const AGGREGATE_CODES = new Set(['WLD', 'T3', 'XCN']);
const REST_CODES = new Set(['OTH', 'ROW']);

/** Mass of Nd2O3 per mass of Nd: converts magnet-REE content (t REE) to t REO equivalent. */
export const REO_PER_REE = 336.48 / 288.48;

/** Li2CO3 is 18.79% Li; spodumene SC6 holds 6% Li2O, and Li2O is 46.45% Li. */
export const LI_IN_CARBONATE = 0.1879;
export const LI_IN_SC6 = 0.06 * 0.4645;

/**
 * Consumption proxy weights: node share of world final consumption (for nodes without direct
 * data) = REFINE_WEIGHT × its share of world output of that stage + MVA_WEIGHT × its share of
 * world manufacturing value added, both renormalised over the nodes without direct data.
 */
export const REFINE_WEIGHT = 0.5;
export const MVA_WEIGHT = 0.5;

// ---------------------------------------------------------------------------------------------
// CSV

/** Parses RFC-4180 CSV (quoted fields, doubled quotes) into objects keyed by the header row. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((key, i) => [key.trim(), (r[i] ?? '').trim()])));
}

/** Reads every input the generator needs from a folder laid out like data/inputs/. */
export function readInputs(dir = INPUT_DIR) {
  const read = (name) => parseCsv(readFileSync(resolve(dir, name), 'utf8'));
  return {
    production: read('production.csv'),
    prices: read('prices.csv'),
    demand: read('demand.csv'),
    importReliance: read('us_import_reliance.csv'),
    mva: read('wdi_manufacturing_value_added.csv'),
    delegations: read('delegations.csv'),
    euMembers: read('eu_members.csv'),
  };
}

// ---------------------------------------------------------------------------------------------
// helpers

const round = (x, digits) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const tonnes = (x) => round(x, 3);
const shareOf = (x, total) => (total > 0 ? round(x / total, 6) : 0);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const num = (s) => {
  const x = Number(s);
  if (s === '' || !Number.isFinite(x)) throw new Error(`not a number: '${s}'`);
  return x;
};

// ---------------------------------------------------------------------------------------------
// nodes

/**
 * The node list in engine order: the US host, the 54 delegations in the order of seed 001's
 * Figure 1 ('EUR' for the European Union), the non-attending producers that pass the inclusion
 * rule (alphabetical by code), then 'ROW'.
 */
export function buildNodeList(inputs) {
  const attending = new Set(['USA', ...inputs.delegations.map((d) => d.code)]);
  const euRest = new Set(
    inputs.euMembers.filter((m) => m.attended_separately === 'false').map((m) => m.iso3),
  );
  const qualifying = new Map();
  for (const r of inputs.production) {
    if (!MODELLED_SERIES.includes(r.mineral) || !INCLUSION_YEARS.includes(Number(r.year))) continue;
    const code = r.country_iso3;
    if (AGGREGATE_CODES.has(code) || REST_CODES.has(code) || attending.has(code) || euRest.has(code))
      continue;
    if (r.share === '' || Number(r.share) < INCLUSION_SHARE) continue;
    const reason = `${r.mineral} ${r.stage} ${r.year}: ${pct(Number(r.share))} (${r.source})`;
    const reasons = qualifying.get(code) ?? [];
    reasons.push({ share: Number(r.share), reason });
    qualifying.set(code, reasons);
  }
  const producers = [...qualifying.keys()].sort();
  const nodes = [
    { code: 'USA', kind: 'host' },
    ...inputs.delegations.map((d) => ({ code: d.code, kind: 'delegation', figure1Name: d.figure1_name })),
    ...producers.map((code) => {
      const best = qualifying.get(code).sort((a, b) => b.share - a.share);
      return { code, kind: 'producer', inclusion: best.slice(0, 3).map((b) => b.reason) };
    }),
    { code: 'ROW', kind: 'rest' },
  ];
  return { nodes, euRest };
}

/** Maps a CSV country code to a node code, or null for world aggregates. */
function nodeMapper(nodeCodes, euRest) {
  return (code) => {
    if (AGGREGATE_CODES.has(code)) return null;
    if (REST_CODES.has(code)) return 'ROW';
    if (nodeCodes.has(code)) return code;
    if (euRest.has(code)) return 'EUR';
    return 'ROW';
  };
}

// ---------------------------------------------------------------------------------------------
// production

/**
 * Minerals whose sources give mine output by country and nothing on refining (USGS MCS 2025:
 * antimony, tungsten, platinum, palladium). Refining is placed where the ore is mined, at
 * yield 1 (ESTIMATE, said in every derivation): the refine stage copies the mine stage node by
 * node. What is known about refining elsewhere is quoted in the remark.
 */
const MINE_ONLY_MINERALS = [
  {
    mineral: 'antimony',
    series: 'antimony',
    source: 'USGS_MCS2025_ANTIMONY',
    mineUnit: 't Sb content',
    refineUnit: 't Sb content (metal and oxide)',
    mineRemark:
      'USGS lists 17 countries and notes that other countries may have produced antimony without reliable estimates; the United States and Canada mined none.',
    refineRemark:
      "USGS MCS 2025 gives no country split of smelting. Each country's metal and oxide output is set equal to its mine output (ESTIMATE). China also smelts imported concentrate, so its refining share is likely above its 60% mine share (US imports of metal and oxide 2020–23: China 63%, Belgium 8%, India 6%, Bolivia 5%); secondary antimony from lead-acid batteries (US 3,500 t in 2024) is not a separate supply.",
  },
  {
    mineral: 'tungsten',
    series: 'tungsten',
    source: 'USGS_MCS2025_TUNGSTEN',
    mineUnit: 't W content',
    refineUnit: 't W content (APT, oxides, carbide and metal powder)',
    mineRemark: 'USGS estimates every country\'s 2024 output; "Other countries" (1,500 t) goes to ROW.',
    refineRemark:
      "USGS MCS 2025 gives no country split of conversion to ammonium paratungstate (APT), oxides and powders. Each country's refined output is set equal to its mine output (ESTIMATE); China, the leading consumer, converts most of the world's concentrate, so this understates its refining share a little. Scrap, an important raw material (USGS; figures withheld), is not a separate supply.",
  },
  {
    mineral: 'platinum',
    series: 'pgm_platinum',
    source: 'USGS_MCS2025_PGM',
    mineUnit: 't Pt content',
    refineUnit: 't Pt (refined metal)',
    mineRemark: 'USGS gives kilograms; the compiled data divide by 1,000.',
    refineRemark:
      "USGS MCS 2025 gives no country split of PGM refining. Each country's refined output is set equal to its mine output (ESTIMATE; Zimbabwe's matte is in fact refined largely in South Africa). Recycled metal (about 120 t of platinum and palladium recovered from scrap worldwide in 2024, USGS) is not a separate supply.",
  },
  {
    mineral: 'palladium',
    series: 'pgm_palladium',
    source: 'USGS_MCS2025_PGM',
    mineUnit: 't Pd content',
    refineUnit: 't Pd (refined metal)',
    mineRemark: 'USGS gives kilograms; the compiled data divide by 1,000.',
    refineRemark:
      "USGS MCS 2025 gives no country split of PGM refining. Each country's refined output is set equal to its mine output (ESTIMATE; Russia's palladium is mined and refined by the same producer, and Zimbabwe's matte is refined largely in South Africa). Recycled metal (about 120 t of platinum and palladium recovered from scrap worldwide in 2024, USGS) is not a separate supply.",
  },
];

/**
 * Production series, one per mineral × stage. `table` copies country rows of one source;
 * `shares` applies reported shares to a stated world tonnage; `colocated` sets a by-product
 * feed equal to the next stage's output at each node.
 */
const PRODUCTION_SPECS = [
  {
    mineral: 'lithium',
    stage: 'mine',
    kind: 'table',
    series: 'lithium',
    source: 'USGS_MCS2025_LITHIUM',
    unit: 't Li content',
    remark:
      'USGS withholds US production (W) and its world total excludes the United States; the US figure is set to 0 t, so the world total here excludes it too (an understatement of a small producer).',
  },
  {
    mineral: 'lithium',
    stage: 'refine',
    kind: 'table',
    series: 'lithium',
    source: 'IEA_CMDATA_2025',
    unit: 't Li content',
    remark:
      'IEA counts Chilean and Argentine brine producers as refining at home, so their refined output equals their mine output.',
  },
  {
    mineral: 'nickel',
    stage: 'mine',
    kind: 'table',
    series: 'nickel',
    source: 'USGS_MCS2025_NICKEL',
    unit: 't Ni content',
  },
  {
    mineral: 'nickel',
    stage: 'refine',
    kind: 'table',
    series: 'nickel',
    source: 'IEA_CMDATA_2025',
    unit: 't Ni content',
  },
  {
    mineral: 'cobalt',
    stage: 'mine',
    kind: 'table',
    series: 'cobalt',
    source: 'USGS_MCS2025_COBALT',
    unit: 't Co content',
  },
  {
    mineral: 'cobalt',
    stage: 'refine',
    kind: 'table',
    series: 'cobalt',
    source: 'IEA_CMDATA_2025',
    unit: 't Co content',
  },
  {
    mineral: 'graphite',
    stage: 'mine',
    kind: 'table',
    series: 'graphite_natural',
    source: 'USGS_MCS2025_GRAPHITE',
    unit: 't natural graphite (gross weight)',
  },
  {
    mineral: 'graphite',
    stage: 'refine',
    kind: 'table',
    series: 'graphite_all_grades_iea',
    source: 'IEA_CMDATA_2025',
    unit: 't processed graphite (IEA series, natural and synthetic)',
    remark:
      "IEA's graphite refining is its processed-graphite series, which includes synthetic graphite made without mined feed.",
  },
  {
    mineral: 'rare_earths',
    stage: 'mine',
    kind: 'table',
    series: 'rare_earths',
    source: 'USGS_MCS2025_RAREEARTHS',
    unit: 't REO equivalent',
  },
  {
    mineral: 'rare_earths',
    stage: 'refine',
    kind: 'shares',
    unit: 't REO equivalent (separated oxide)',
    source: 'IEA_CMDATA_2025',
    shareRows: (r) =>
      r.mineral === 'rare_earths_magnet_iea' && r.stage === 'refine' && r.source === 'IEA_CMDATA_2025',
    sharesFromTonnes: true,
    world: (ctx) => ({
      tonnes: ctx.worldOf('rare_earths', 'mine'),
      basis:
        'world separated-oxide output set equal to USGS world mine output (REO), so mass is conserved at yield 1',
      source: 'USGS_MCS2025_RAREEARTHS',
    }),
    remark:
      "Node shares are IEA's 2024 refining shares of magnet rare earths (Nd, Pr, Dy, Tb), the only country split of rare-earth separation in the data, applied to all separated oxide (ESTIMATE).",
  },
  {
    mineral: 'rare_earths',
    stage: 'magnet',
    kind: 'shares',
    unit: 't REO equivalent contained in sintered magnets',
    source: 'IEA_COMMENTARY_2025_10',
    shareRows: (r) => r.mineral === 'rare_earth_magnets_permanent' && r.stage === 'refine',
    world: (ctx) => {
      const row = ctx.demandRow('rare_earths_magnet_iea', 'WLD', CALIBRATION_YEAR, 'total demand');
      const ree = num(row.tonnes);
      return {
        tonnes: ree * REO_PER_REE,
        basis: `IEA 2024 world demand for magnet rare earths, ${fmt(ree)} t REE, converted to REO equivalent with the Nd2O3/Nd mass ratio ${REO_PER_REE.toFixed(4)}`,
        source: 'IEA_CMDATA_2025',
      };
    },
    remark:
      "China's 94% share of permanent-magnet manufacturing (IEA, October 2025); the rest of the world holds the remainder.",
  },
  {
    mineral: 'copper',
    stage: 'mine',
    kind: 'table',
    series: 'copper',
    source: 'USGS_MCS2025_COPPER',
    unit: 't Cu content',
  },
  {
    mineral: 'copper',
    stage: 'refine',
    kind: 'table',
    series: 'copper',
    source: 'USGS_MCS2025_COPPER',
    unit: 't Cu content (refined)',
    remark:
      "USGS refinery output, chosen for its country detail (the US, Germany, Poland, Zambia and others are listed; IEA lists five countries). China's USGS share (44.4%) matches IEA's 44.0%; the USGS top three are China, DR Congo and Chile (60.7%) where IEA, which does not list DR Congo, has China, Chile and Japan (57.2%).",
  },
  {
    mineral: 'manganese',
    stage: 'mine',
    kind: 'table',
    series: 'manganese',
    source: 'USGS_MCS2025_MANGANESE',
    unit: 't Mn content',
  },
  {
    mineral: 'manganese',
    stage: 'refine',
    kind: 'shares',
    unit: 't Mn content (alloys, electrolytic metal and sulphate)',
    source: 'STRATAS_2023_HPMSM',
    shareRows: (r) => r.mineral === 'manganese' && r.stage === 'refine' && r.country_iso3 === 'CHN',
    world: (ctx) => ({
      tonnes: ctx.worldOf('manganese', 'mine'),
      basis:
        'world processed manganese set equal to USGS world mine output (Mn content) at yield 1 (no loss data)',
      source: 'USGS_MCS2025_MANGANESE',
    }),
    remark:
      "The data hold no country split of manganese processing. China's 84% share of battery-grade manganese sulphate (Stratas, 2022) is applied to all processed manganese and the rest goes to ROW (ESTIMATE); Japan's 11% HPMSM share is not applied because it is specific to that niche. Mining nodes (South Africa, Gabon, Australia) thus refine nothing in the calibration.",
  },
  {
    mineral: 'silicon',
    stage: 'mine',
    kind: 'colocated',
    of: 'refine',
    source: 'USGS_MCS2025_SILICON',
    unit: 't Si content (quartz feed)',
    remark: 'Quartz feed has no data; it is treated as co-located with each smelter and not traded.',
  },
  {
    mineral: 'silicon',
    stage: 'refine',
    kind: 'table',
    series: 'silicon_metal',
    source: 'USGS_MCS2025_SILICON',
    unit: 't Si content (silicon metal)',
    remark:
      'Silicon metal only (ferrosilicon excluded). USGS withholds US production (W) and its world total excludes the United States; the US figure is set to 0 t, so US consumption is met by imports in the calibration (USGS: US net import reliance for silicon is below 50%, so this understates US output).',
  },
  {
    mineral: 'gallium',
    stage: 'mine',
    kind: 'colocated',
    of: 'refine',
    source: 'USGS_MCS2025_GALLIUM',
    unit: 't Ga content (alumina liquor feed)',
    remark:
      'Gallium is recovered from alumina refinery liquor; the feed is treated as co-located and not traded.',
  },
  {
    mineral: 'gallium',
    stage: 'refine',
    kind: 'table',
    series: 'gallium',
    source: 'USGS_MCS2025_GALLIUM',
    unitFilter: 't Ga (primary low-purity)',
    unit: 't Ga (primary low-purity)',
    remark:
      'Primary low-purity gallium; the high-purity refining step (about 320 t in 2024) is not a separate stage.',
  },
  {
    mineral: 'germanium',
    stage: 'mine',
    kind: 'colocated',
    of: 'refine',
    source: 'REUTERS_GE_2024',
    unit: 't Ge content (zinc concentrate and coal ash feed)',
    remark:
      'Germanium is recovered from zinc concentrates and coal fly ash; the feed is treated as co-located and not traded.',
  },
  {
    mineral: 'germanium',
    stage: 'refine',
    kind: 'shares',
    unit: 't Ge',
    source: 'REUTERS_GE_2024',
    shareRows: (r) => r.mineral === 'germanium' && r.stage === 'refine' && r.country_iso3 === 'CHN',
    world: (ctx) => {
      const row = ctx.production.find((r) => r.mineral === 'germanium' && r.country_iso3 === 'WLD');
      return {
        tonnes: num(row.tonnes),
        basis:
          'world output about 150 t/yr, an ESTIMATE from Project Blue (100 t Chinese state purchase = about 66% of annual world output)',
        source: 'PROJECTBLUE_GE_2024',
      };
    },
    remark:
      "USGS withholds country data; only China's 60% share is known (Reuters, 2024). The rest goes to ROW (ESTIMATE).",
  },
  ...MINE_ONLY_MINERALS.flatMap((m) => [
    {
      mineral: m.mineral,
      stage: 'mine',
      kind: 'table',
      series: m.series,
      source: m.source,
      unit: m.mineUnit,
      remark: m.mineRemark,
    },
    {
      mineral: m.mineral,
      stage: 'refine',
      kind: 'colocated',
      of: 'mine',
      source: m.source,
      unit: m.refineUnit,
      note: 'ESTIMATE: refined where mined, equal to the mine output (yield 1)',
      remark: m.refineRemark,
    },
  ]),
];

function countryName(row) {
  return row.country_name.replace(/\s+$/, '');
}

/** Sums figures per node, keeping what each node's figure is made of for the note. */
class NodeAccumulator {
  constructor(order) {
    this.order = order;
    this.byNode = new Map();
  }
  add(node, tonnesValue, part) {
    const entry = this.byNode.get(node) ?? { tonnes: 0, parts: [] };
    entry.tonnes += tonnesValue;
    if (part) entry.parts.push(part);
    this.byNode.set(node, entry);
  }
  sum() {
    let s = 0;
    for (const e of this.byNode.values()) s += e.tonnes;
    return s;
  }
  figures(worldTonnes, source, noteFor) {
    return this.order
      .filter((code) => this.byNode.has(code))
      .map((code) => {
        const e = this.byNode.get(code);
        const figure = {
          node: code,
          tonnes: tonnes(e.tonnes),
          share: shareOf(e.tonnes, worldTonnes),
          source,
        };
        const note = noteFor(code, e);
        if (note) figure.note = note;
        return figure;
      });
  }
}

function buildTableStage(spec, ctx) {
  const rows = ctx.production.filter(
    (r) =>
      r.mineral === spec.series &&
      r.stage === (spec.csvStage ?? spec.stage) &&
      Number(r.year) === CALIBRATION_YEAR &&
      r.source === spec.source &&
      (!spec.unitFilter || r.unit === spec.unitFilter),
  );
  const acc = new NodeAccumulator(ctx.order);
  let stated = null;
  let statedExact = false;
  let restRow = 0;
  for (const r of rows) {
    const code = r.country_iso3;
    if (code === 'WLD') {
      stated = num(r.tonnes);
      statedExact = r.value_flag === 'world_total';
      continue;
    }
    const node = ctx.mapNode(code);
    if (node === null) continue;
    if (r.tonnes === '') {
      if (r.value_flag === 'withheld')
        acc.add(node, 0, `${countryName(r)} withheld by the source (W), set to 0 t`);
      continue; // share-only rows of the same source
    }
    const t = num(r.tonnes);
    if (REST_CODES.has(code)) restRow += t;
    const label = REST_CODES.has(code)
      ? `source's "${countryName(r)}" ${fmt(t)} t`
      : `${countryName(r)} ${fmt(t)} t`;
    acc.add(node, t, node === code && !REST_CODES.has(code) ? null : label);
  }
  if (stated === null) throw new Error(`${spec.mineral}/${spec.stage}: no world total in ${spec.source}`);
  const listed = acc.sum();
  let worldTonnes;
  let worldNote;
  if (!statedExact) {
    // USGS world totals are rounded (two or three significant figures): the country rows are
    // the better total, and the published one is only reported.
    worldTonnes = listed;
    acc.add('ROW', 0, null);
    worldNote = `world total = sum of the country rows, ${fmt(listed)} t (the source's rounded world total is ${fmt(stated)} t)`;
  } else if (listed > stated + 0.5) {
    // IEA totals are exact; a rest-of-world row that overlaps a listed country is reduced.
    const excess = listed - stated;
    if (excess > restRow)
      throw new Error(`${spec.mineral}/${spec.stage}: rows exceed the world total by more than the rest row`);
    acc.add(
      'ROW',
      -excess,
      `less ${fmt(excess)} t by which the source's rest-of-world row overlaps the listed countries (the rows sum above the source's world total)`,
    );
    worldTonnes = stated;
    worldNote = `world total ${fmt(stated)} t as stated by the source`;
  } else {
    const remainder = stated - listed;
    acc.add(
      'ROW',
      remainder,
      remainder > 0.5 ? `remainder to the source's world total ${fmt(remainder)} t` : null,
    );
    worldTonnes = stated;
    worldNote = `world total ${fmt(stated)} t as stated by the source`;
  }
  const byNode = acc.figures(worldTonnes, spec.source, (code, e) => {
    if (e.parts.length === 0) return undefined;
    const head =
      code === 'EUR' ? 'EU members not attending separately: ' : code === 'ROW' ? 'Rest of world: ' : '';
    return head + e.parts.join('; ');
  });
  return {
    worldTonnes: tonnes(worldTonnes),
    derivation: [
      `${spec.source} ${CALIBRATION_YEAR} country rows (${spec.series}, ${spec.csvStage ?? spec.stage}); ${worldNote}.`,
      'Countries that are not nodes go to ROW, the 14 EU members that did not attend separately to EUR.',
      spec.remark,
    ]
      .filter(Boolean)
      .join(' '),
    byNode,
  };
}

function buildSharesStage(spec, ctx) {
  const world = spec.world(ctx);
  const rows = ctx.production.filter(spec.shareRows);
  const acc = new NodeAccumulator(ctx.order);
  let total = 0;
  if (spec.sharesFromTonnes) {
    const worldRow = rows.find((r) => r.country_iso3 === 'WLD');
    total = num(worldRow.tonnes);
  }
  let assigned = 0;
  for (const r of rows) {
    if (AGGREGATE_CODES.has(r.country_iso3)) continue;
    const share = spec.sharesFromTonnes ? num(r.tonnes) / total : num(r.share);
    const node = ctx.mapNode(r.country_iso3);
    assigned += share;
    const what = spec.sharesFromTonnes
      ? `${pct(share)} of IEA magnet-REE refining`
      : `${pct(share)} share (${r.year})`;
    acc.add(node, share * world.tonnes, `ESTIMATE: ${countryName(r)} ${what} × world ${fmt(world.tonnes)} t`);
  }
  if (assigned < 1 - 1e-9) {
    acc.add(
      'ROW',
      (1 - assigned) * world.tonnes,
      `ESTIMATE: remainder ${pct(1 - assigned)} of world ${fmt(world.tonnes)} t`,
    );
  } else if (!acc.byNode.has('ROW')) acc.add('ROW', 0, null);
  const byNode = acc.figures(world.tonnes, spec.source, (_code, e) =>
    e.parts.length ? e.parts.join('; ') : undefined,
  );
  return {
    worldTonnes: tonnes(world.tonnes),
    worldSource: world.source,
    derivation:
      `ESTIMATE: ${world.basis} (${world.source}); node shares from ${spec.source}, remainder to ROW. ${spec.remark ?? ''}`.trim(),
    byNode,
  };
}

function buildColocatedStage(spec, ctx) {
  const next = ctx.stageOf(spec.mineral, spec.of);
  const byNode = next.byNode.map((f) => ({
    node: f.node,
    tonnes: f.tonnes,
    share: f.share,
    source: f.source,
    note: spec.note ?? `ESTIMATE: feed co-located with the ${spec.of} stage, equal to its output (yield 1)`,
  }));
  return {
    worldTonnes: next.worldTonnes,
    derivation:
      spec.of === 'mine'
        ? `ESTIMATE: no country data for this stage; each node's output equals its mine output at yield 1. ${spec.remark}`
        : `ESTIMATE: no data for this feed; each node's feed equals its ${spec.of} output at yield 1. ${spec.remark}`,
    byNode,
  };
}

function buildProduction(ctx) {
  const out = [];
  const order = ['table', 'shares', 'colocated'];
  // Tables first (others refer to them), then shares, then co-located feeds; output in spec order.
  const built = new Map();
  for (const kind of order) {
    for (const spec of PRODUCTION_SPECS.filter((s) => s.kind === kind)) {
      const body =
        kind === 'table'
          ? buildTableStage(spec, ctx)
          : kind === 'shares'
            ? buildSharesStage(spec, ctx)
            : buildColocatedStage(spec, ctx);
      const stage = {
        mineral: spec.mineral,
        stage: spec.stage,
        year: CALIBRATION_YEAR,
        unit: spec.unit,
        worldTonnes: body.worldTonnes,
        source: body.worldSource ?? spec.source,
        derivation: body.derivation,
        byNode: body.byNode,
      };
      built.set(`${spec.mineral}/${spec.stage}`, stage);
      ctx.registerStage(stage);
    }
  }
  for (const spec of PRODUCTION_SPECS) out.push(built.get(`${spec.mineral}/${spec.stage}`));
  return out;
}

// ---------------------------------------------------------------------------------------------
// stage balance (yields and secondary supply)

export const MINERAL_STAGES = {
  lithium: ['mine', 'refine'],
  nickel: ['mine', 'refine'],
  cobalt: ['mine', 'refine'],
  graphite: ['mine', 'refine'],
  rare_earths: ['mine', 'refine', 'magnet'],
  copper: ['mine', 'refine'],
  manganese: ['mine', 'refine'],
  silicon: ['mine', 'refine'],
  gallium: ['mine', 'refine'],
  germanium: ['mine', 'refine'],
  antimony: ['mine', 'refine'],
  tungsten: ['mine', 'refine'],
  platinum: ['mine', 'refine'],
  palladium: ['mine', 'refine'],
};

/**
 * Stage yield (t out per t in) and secondary supply (t/yr of output with no input from the
 * previous stage): yield = min(1, out/in), secondary = max(0, out − in).
 */
function buildBalance(ctx) {
  const out = [];
  for (const [mineral, stages] of Object.entries(MINERAL_STAGES)) {
    out.push({ mineral, stage: 'mine', yield: 1, secondaryTonnes: 0, basis: 'first stage' });
    for (let i = 1; i < stages.length; i++) {
      const input = ctx.worldOf(mineral, stages[i - 1]);
      const output = ctx.worldOf(mineral, stages[i]);
      // Magnets take only part of the separated oxide (the rest goes to final users), so their
      // yield is not a ratio of world totals: magnets are measured in contained REO at yield 1.
      const partialInput = mineral === 'rare_earths' && stages[i] === 'magnet';
      const y = partialInput ? 1 : Math.min(1, output / input);
      const secondary = partialInput ? 0 : Math.max(0, output - input);
      let basis = `${stages[i]} world output ${fmt(output)} t / ${stages[i - 1]} world output ${fmt(input)} t`;
      if (secondary > 0) {
        basis += `; yield 1 and ${fmt(secondary)} t/yr of secondary supply (${SECONDARY_KIND[mineral] ?? 'stock draw and recycling'}), split across nodes in proportion to their ${stages[i]} output (ESTIMATE)`;
      } else if (y < 1) {
        basis += `; yield ${y.toFixed(4)} (losses, and the gap between the mine and refining series)`;
      }
      if (mineral === 'rare_earths' && stages[i] === 'magnet') {
        basis = `magnets are measured in contained REO, so magnet making keeps mass at yield 1 (process scrap is recycled in-house, ESTIMATE); magnet input = ${fmt(output)} t of separated oxide`;
      }
      out.push({ mineral, stage: stages[i], yield: round(y, 6), secondaryTonnes: tonnes(secondary), basis });
    }
  }
  return out;
}

const SECONDARY_KIND = {
  copper: 'scrap refined into cathode',
  graphite: 'synthetic graphite, made without mined feed',
  lithium: 'recycling and stock draw',
};

// ---------------------------------------------------------------------------------------------
// consumption

/**
 * Direct US consumption figures (USGS salient statistics via demand.csv) pinned before the
 * proxy. Not platinum and palladium: US apparent consumption (71 t Pt, 83 t Pd in 2024)
 * includes metal recycled from catalytic converters, which the model's supply leaves out, so
 * pinning it would give the US 42–44% of the mined metal; the US gets the proxy there.
 */
const US_DIRECT = [
  {
    mineral: 'nickel',
    stage: 'refine',
    series: 'nickel',
    measure: 'apparent total consumption (primary + secondary)',
    source: 'USGS_MCS2025_NICKEL',
  },
  { mineral: 'cobalt', stage: 'refine', series: 'cobalt', source: 'USGS_MCS2025_COBALT' },
  { mineral: 'copper', stage: 'refine', series: 'copper_refined_reported', source: 'USGS_MCS2025_COPPER' },
  { mineral: 'rare_earths', stage: 'refine', series: 'rare_earths', source: 'USGS_MCS2025_RAREEARTHS' },
  { mineral: 'manganese', stage: 'refine', series: 'manganese', source: 'USGS_MCS2025_MANGANESE' },
  { mineral: 'gallium', stage: 'refine', series: 'gallium', source: 'USGS_MCS2025_GALLIUM' },
  {
    mineral: 'antimony',
    stage: 'refine',
    series: 'antimony',
    measure: 'apparent consumption',
    source: 'USGS_MCS2025_ANTIMONY',
  },
];

/** Manufacturing value added per node (USD, latest WDI year), with the note of how it was made. */
export function buildMva(inputs, nodeList) {
  const latest = new Map();
  for (const r of inputs.mva) {
    const prev = latest.get(r.iso3);
    if (!prev || Number(r.year) > Number(prev.year)) latest.set(r.iso3, r);
  }
  const world = latest.get('WLD');
  const byNode = new Map();
  let nodesTotal = 0;
  const attendingEu = inputs.euMembers.filter((m) => m.attended_separately === 'true').map((m) => m.iso3);
  for (const { code } of nodeList) {
    if (code === 'ROW') continue;
    let usd = 0;
    let note;
    if (code === 'EUR') {
      const eu = latest.get('EUU');
      usd = num(eu.usd_current) - attendingEu.reduce((s, c) => s + num(latest.get(c).usd_current), 0);
      note = `European Union ${eu.year} total less the 13 members that attended separately (covers Bulgaria, which has no WDI value)`;
    } else if (latest.has(code)) {
      const r = latest.get(code);
      usd = num(r.usd_current);
      note = `WDI ${r.year}`;
    } else {
      note = 'no WDI value; weight 0';
    }
    byNode.set(code, { usd, note });
    nodesTotal += usd;
  }
  const worldUsd = num(world.usd_current);
  byNode.set('ROW', { usd: worldUsd - nodesTotal, note: `World ${world.year} less all other nodes` });
  return { byNode, worldUsd, worldYear: Number(world.year) };
}

function buildConsumption(ctx, balance, mva) {
  const out = [];
  const demandUs = (series, measure) =>
    ctx.demand.find(
      (r) =>
        r.mineral === series &&
        r.region_iso3 === 'USA' &&
        Number(r.year) === CALIBRATION_YEAR &&
        r.tonnes !== '' &&
        (!measure || r.measure === measure),
    );
  for (const mineral of Object.keys(MINERAL_STAGES)) {
    const finals = mineral === 'rare_earths' ? ['refine', 'magnet'] : ['refine'];
    for (const stage of finals) {
      const produced = ctx.stageOf(mineral, stage);
      let world = produced.worldTonnes;
      let worldBasis = `${stage} world output ${fmt(world)} t`;
      if (mineral === 'rare_earths' && stage === 'refine') {
        const magnet = ctx.stageOf('rare_earths', 'magnet');
        const magnetYield = balance.find((b) => b.mineral === mineral && b.stage === 'magnet').yield;
        const input = magnet.worldTonnes / magnetYield;
        world -= input;
        worldBasis = `separated-oxide world output ${fmt(produced.worldTonnes)} t less ${fmt(input)} t taken by magnet makers`;
      }
      const pins = new Map();
      for (const d of US_DIRECT.filter((p) => p.mineral === mineral && p.stage === stage)) {
        const row = demandUs(d.series, d.measure);
        if (!row) throw new Error(`no US consumption row for ${d.series}`);
        pins.set('USA', {
          tonnes: num(row.tonnes),
          source: d.source,
          note: `US ${row.measure}, ${row.year} (USGS salient statistics, estimated)`,
        });
      }
      const pinned = [...pins.values()].reduce((s, p) => s + p.tonnes, 0);
      const rest = world - pinned;
      const free = ctx.order.filter((c) => !pins.has(c));
      const outputOf = new Map(produced.byNode.map((f) => [f.node, f.tonnes]));
      const sumOutput = free.reduce((s, c) => s + (outputOf.get(c) ?? 0), 0);
      const sumMva = free.reduce((s, c) => s + Math.max(0, mva.byNode.get(c).usd), 0);
      const byNode = ctx.order.map((code) => {
        const pin = pins.get(code);
        if (pin) {
          return {
            node: code,
            tonnes: tonnes(pin.tonnes),
            share: shareOf(pin.tonnes, world),
            source: pin.source,
            note: pin.note,
          };
        }
        const r = sumOutput > 0 ? (outputOf.get(code) ?? 0) / sumOutput : 0;
        const m = Math.max(0, mva.byNode.get(code).usd) / sumMva;
        const w = sumOutput > 0 ? REFINE_WEIGHT * r + MVA_WEIGHT * m : m;
        const t = rest * w;
        return {
          node: code,
          tonnes: tonnes(t),
          share: shareOf(t, world),
          source: 'WB_WDI_MVA',
          note: `ESTIMATE: ${REFINE_WEIGHT} × ${pct(r)} of ${stage} output (${produced.source}) + ${MVA_WEIGHT} × ${pct(m)} of manufacturing value added (${mva.byNode.get(code).note}), shares among nodes without direct data, × ${fmt(rest)} t`,
        };
      });
      out.push({
        mineral,
        stage,
        year: CALIBRATION_YEAR,
        unit: produced.unit,
        worldTonnes: tonnes(world),
        source: produced.source,
        derivation: `World final consumption = ${worldBasis}, so the status quo balances at reference prices. ${
          pins.size ? 'US apparent consumption (USGS) is used directly; ' : ''
        }other nodes (ESTIMATE) get ${REFINE_WEIGHT} × their share of world ${stage} output + ${MVA_WEIGHT} × their share of world manufacturing value added (World Bank WDI NV.IND.MANF.CD, latest year), renormalised over the nodes without direct data. Manufacturers tend to sit near refiners (IEA: China holds about 80% of midstream and downstream battery supply chains), and manufacturing size stands for the rest of demand.`,
        byNode,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// prices

function priceRow(ctx, key, year = CALIBRATION_YEAR, predicate = () => true) {
  const row = ctx.prices.find((r) => r.mineral === key && Number(r.year) === year && predicate(r));
  if (!row) throw new Error(`no price row ${key} ${year}`);
  return row;
}

function buildPrices(ctx, productionWorld) {
  const refined = new Map();
  const p = [];
  const add = (mineral, stage, usd, source, basis) => {
    p.push({ mineral, stage, usdPerTonne: round(usd, 2), year: CALIBRATION_YEAR, source, basis });
    if (stage === 'refine') refined.set(mineral, usd);
  };
  const payable = (mineral, stage, fraction, reason, source) => {
    const next = refined.get(mineral);
    add(
      mineral,
      stage,
      next * fraction,
      source,
      `ESTIMATE: ${fraction} × the refined price (USD ${fmt(next)}/t); ${reason}`,
    );
  };

  // lithium
  const lc = priceRow(ctx, 'lithium');
  add(
    'lithium',
    'refine',
    num(lc.usd_per_tonne) / LI_IN_CARBONATE,
    'USGS_MCS2025_LITHIUM',
    `battery-grade lithium carbonate, 2024 average USD ${fmt(num(lc.usd_per_tonne))}/t Li2CO3, ÷ 0.1879 t Li per t Li2CO3`,
  );
  const sc6 = ctx.prices.filter((r) => r.mineral === 'spodumene_6pct' && Number(r.year) === CALIBRATION_YEAR);
  const sc6Mean = sc6.reduce((s, r) => s + num(r.usd_per_tonne), 0) / sc6.length;
  add(
    'lithium',
    'mine',
    sc6Mean / LI_IN_SC6,
    'USGS_MCS2025_LITHIUM',
    `spodumene concentrate SC6 FOB Australia, mean of January and November 2024 (USD ${sc6.map((r) => fmt(num(r.usd_per_tonne))).join(' and ')}/t) = USD ${fmt(sc6Mean)}/t concentrate, ÷ ${LI_IN_SC6.toFixed(5)} t Li per t (6% Li2O × 0.4645)`,
  );

  // nickel
  add(
    'nickel',
    'refine',
    num(priceRow(ctx, 'nickel').usd_per_tonne),
    'USGS_MCS2025_NICKEL',
    'LME cash, 2024 annual average, USD/t Ni',
  );
  payable(
    'nickel',
    'mine',
    0.35,
    'ore and concentrate value per t of contained Ni. Philippine 1.9% Ni laterite at USD 50–90 per wet t CIF China in 2014 was worth 29–51% of LME nickel at the time',
    'REUTERS_2014_04_09_NI',
  );

  // cobalt
  add(
    'cobalt',
    'refine',
    num(priceRow(ctx, 'cobalt').usd_per_tonne),
    'USGS_MCS2025_COBALT',
    'LME cash, 2024 annual average (USD 12/lb × 2204.62)',
  );
  payable(
    'cobalt',
    'mine',
    0.6,
    'payable share of contained cobalt in hydroxide, an assumption (no 2024 hydroxide price in the data)',
    'USGS_MCS2025_COBALT',
  );

  // graphite
  const flake = num(priceRow(ctx, 'graphite_natural_flake').usd_per_tonne);
  const graphiteRefine = flake / 0.35;
  add(
    'graphite',
    'refine',
    graphiteRefine,
    'USGS_MCS2025_GRAPHITE',
    `ESTIMATE: no processed-graphite price in the data; flake unit value USD ${fmt(flake)}/t ÷ 0.35 (flake assumed to be 35% of the processed value)`,
  );
  add(
    'graphite',
    'mine',
    flake,
    'USGS_MCS2025_GRAPHITE',
    'average unit value of US imports of natural flake graphite, 2024, USD/t gross weight',
  );

  // rare earths: separated-oxide basket weighted by the magnet share of oxide tonnage
  const nd = num(priceRow(ctx, 'rare_earths_nd_oxide').usd_per_tonne);
  const ce = num(priceRow(ctx, 'rare_earths_ce_oxide').usd_per_tonne);
  const la = num(priceRow(ctx, 'rare_earths_la_oxide').usd_per_tonne);
  const magnetShare = productionWorld('rare_earths', 'magnet') / productionWorld('rare_earths', 'refine');
  const basket = magnetShare * nd + (1 - magnetShare) * ((ce + la) / 2);
  add(
    'rare_earths',
    'refine',
    basket,
    'USGS_MCS2025_RAREEARTHS',
    `ESTIMATE: separated-oxide basket = ${pct(magnetShare)} magnet oxides at the Nd oxide price (USD ${fmt(nd)}/t, Argus 2024) + ${pct(1 - magnetShare)} other oxides at the mean of Ce and La oxide (USD ${fmt((ce + la) / 2)}/t); weights are the magnet share of separated-oxide tonnage`,
  );
  payable(
    'rare_earths',
    'mine',
    0.4,
    'payable share of a mixed rare-earth concentrate, an assumption',
    'USGS_MCS2025_RAREEARTHS',
  );
  add(
    'rare_earths',
    'magnet',
    nd / 0.4,
    'USGS_MCS2025_RAREEARTHS',
    `ESTIMATE: no magnet price in the data; Nd oxide USD ${fmt(nd)}/t ÷ 0.4 (contained oxide assumed to be 40% of the magnet's value), per t of contained REO`,
  );

  // copper
  add(
    'copper',
    'refine',
    num(priceRow(ctx, 'copper').usd_per_tonne),
    'USGS_MCS2025_COPPER',
    'LME grade A cash, 2024 average (420 cents/lb)',
  );
  payable(
    'copper',
    'mine',
    0.85,
    'payable copper in concentrate net of treatment and refining charges, an assumption',
    'USGS_MCS2025_COPPER',
  );

  // manganese
  const mnOre = num(priceRow(ctx, 'manganese_ore').usd_per_tonne);
  add(
    'manganese',
    'refine',
    mnOre / 0.35,
    'USGS_MCS2025_MANGANESE',
    `ESTIMATE: no alloy or metal price in the data; ore price USD ${fmt(mnOre)}/t Mn ÷ 0.35 (ore assumed to be 35% of the processed value)`,
  );
  add(
    'manganese',
    'mine',
    mnOre,
    'USGS_MCS2025_MANGANESE',
    'metallurgical ore 44% Mn CIF China, 2024, USD 5.80 per mtu × 100 = USD per t contained Mn',
  );

  // silicon
  add(
    'silicon',
    'refine',
    num(priceRow(ctx, 'silicon_metal').usd_per_tonne),
    'USGS_MCS2025_SILICON',
    'US silicon metal mean import price 2024 (January–September), 180 cents/lb',
  );
  payable(
    'silicon',
    'mine',
    0.05,
    'value of quartz feed per t Si, an assumption (not traded)',
    'USGS_MCS2025_SILICON',
  );

  // gallium
  add(
    'gallium',
    'refine',
    num(priceRow(ctx, 'gallium_low_purity').usd_per_tonne),
    'USGS_MCS2025_GALLIUM',
    'average unit value of US imports of 99.99% primary gallium, 2024, USD 220/kg',
  );
  payable(
    'gallium',
    'mine',
    0.1,
    'value of gallium in alumina liquor, an assumption (not traded)',
    'USGS_MCS2025_GALLIUM',
  );

  // germanium
  add(
    'germanium',
    'refine',
    num(priceRow(ctx, 'germanium_metal').usd_per_tonne),
    'USGS_MCS2025_GERMANIUM',
    'germanium metal 99.999%, Europe, 2024 annual average (Argus), USD 2,100/kg',
  );
  payable(
    'germanium',
    'mine',
    0.1,
    'value of germanium in zinc concentrate or fly ash, an assumption (not traded)',
    'USGS_MCS2025_GERMANIUM',
  );

  // antimony
  const sb = priceRow(ctx, 'antimony', CALIBRATION_YEAR, (r) => r.date === String(CALIBRATION_YEAR));
  add(
    'antimony',
    'refine',
    num(sb.usd_per_tonne),
    'USGS_MCS2025_ANTIMONY',
    `antimony metal min 99.65%, CIF, 2024 annual average (Argus), USD ${sb.original_value}/lb × 2204.62 (USD 8.91/lb in July, 17.50/lb in November after the licences)`,
  );
  payable(
    'antimony',
    'mine',
    0.6,
    'payable share of antimony in concentrate, an assumption (no 2024 concentrate price in the data)',
    'USGS_MCS2025_ANTIMONY',
  );

  // tungsten: the source prices concentrate; refined products (APT) carry a conversion margin
  const wConc = num(priceRow(ctx, 'tungsten_concentrate').usd_per_tonne);
  add(
    'tungsten',
    'refine',
    wConc / 0.75,
    'USGS_MCS2025_TUNGSTEN',
    `ESTIMATE: no APT price in the data; concentrate USD ${fmt(wConc)}/t W ÷ 0.75 (concentrate assumed to be 75% of the value of the APT made from it, an assumption; with a thinner conversion margin, 0.8, the model's converters, whose costs scale with the margin, swing between running and idle and the status quo does not hold over ten years)`,
  );
  add(
    'tungsten',
    'mine',
    wConc,
    'USGS_MCS2025_TUNGSTEN',
    'concentrate, in-warehouse Rotterdam, 2024 average (Argus), USD 250 per dry mtu WO3 × 126.1 (1 mtu WO3 = 7.93 kg W) = USD per t contained W',
  );

  // platinum and palladium: Engelhard unfabricated metal; concentrate and matte at a payable share
  for (const [mineral, key, symbol] of [
    ['platinum', 'pgm_platinum', 'Pt'],
    ['palladium', 'pgm_palladium', 'Pd'],
  ]) {
    const row = priceRow(ctx, key);
    add(
      mineral,
      'refine',
      num(row.usd_per_tonne),
      'USGS_MCS2025_PGM',
      `Engelhard unfabricated ${mineral}, 2024 annual average (Platts), USD ${row.original_value}/troy oz × 32,150.75 = USD per t ${symbol}`,
    );
    payable(
      mineral,
      'mine',
      0.7,
      `payable share of ${symbol} in concentrate and matte net of smelting, converting and refining, an assumption (purchase-of-concentrate terms pay more of the contained metal, but the model's refine stage covers smelting too; at 0.85 the model's refiners, whose costs scale with the 15% margin, swing between running and idle and the status quo does not hold over ten years)`,
      'USGS_MCS2025_PGM',
    );
  }

  const order = Object.entries(MINERAL_STAGES).flatMap(([m, stages]) => stages.map((s) => `${m}/${s}`));
  return p.sort(
    (a, b) => order.indexOf(`${a.mineral}/${a.stage}`) - order.indexOf(`${b.mineral}/${b.stage}`),
  );
}

// ---------------------------------------------------------------------------------------------
// import reliance and demand growth

const NIR_SERIES = {
  lithium: 'lithium',
  nickel: 'nickel',
  cobalt: 'cobalt',
  graphite: 'graphite_natural',
  rare_earths: 'rare_earths_compounds_metals',
  copper: 'copper',
  manganese: 'manganese',
  silicon: 'silicon_total',
  gallium: 'gallium',
  germanium: 'germanium',
  antimony: 'antimony',
  tungsten: 'tungsten',
  platinum: 'pgm_platinum',
  palladium: 'pgm_palladium',
};

function buildImportReliance(ctx) {
  return Object.entries(NIR_SERIES).map(([mineral, series]) => {
    const rows = ctx.importReliance.filter((r) => r.mineral === series);
    const latest = rows.reduce((a, b) => (Number(b.year) > Number(a.year) ? b : a));
    return {
      mineral,
      year: Number(latest.year),
      percent: latest.nir_pct,
      mainSources: `${latest.import_sources} (${latest.import_sources_period}; ${latest.nir_basis})`,
      source: latest.source === 'USGS_MCS2025_RAREEARTH' ? 'USGS_MCS2025_RAREEARTHS' : latest.source,
    };
  });
}

const GROWTH_SERIES = {
  lithium: 'lithium',
  nickel: 'nickel',
  cobalt: 'cobalt',
  graphite: 'graphite_all_grades_iea',
  rare_earths: 'rare_earths_magnet_iea',
  copper: 'copper',
};

function buildDemandGrowth(ctx) {
  const steps = (series, year, scenario) =>
    ctx.demand.find(
      (r) =>
        r.mineral === series &&
        r.region_iso3 === 'WLD' &&
        Number(r.year) === year &&
        r.scenario === scenario &&
        r.source === 'IEA_CMDATA_2025' &&
        r.measure.startsWith('total demand'),
    );
  const mvaRows = ctx.mva.filter((r) => r.iso3 === 'WLD').sort((a, b) => Number(a.year) - Number(b.year));
  const first = mvaRows[0];
  const last = mvaRows[mvaRows.length - 1];
  const years = Number(last.year) - Number(first.year);
  const mvaGrowth = (num(last.usd_current) / num(first.usd_current)) ** (1 / years) - 1;
  return Object.keys(MINERAL_STAGES).map((mineral) => {
    const series = GROWTH_SERIES[mineral];
    if (series) {
      const a = steps(series, CALIBRATION_YEAR, 'historical');
      const b = steps(series, 2030, 'STEPS');
      const rate = (num(b.tonnes) / num(a.tonnes)) ** (1 / (2030 - CALIBRATION_YEAR)) - 1;
      return {
        mineral,
        ratePerYear: round(rate, 5),
        basis: `IEA STEPS world ${series === 'rare_earths_magnet_iea' ? 'magnet rare-earth ' : ''}demand ${fmt(num(a.tonnes))} t (2024) → ${fmt(num(b.tonnes))} t (2030), compound annual rate`,
        source: 'IEA_CMDATA_2025',
      };
    }
    return {
      mineral,
      ratePerYear: round(mvaGrowth, 5),
      basis: `ASSUMPTION: no demand projection in the data; demand grows with world manufacturing value added, ${first.year}–${last.year} compound rate in current US$ (World Bank WDI, ${fmt(num(first.usd_current) / 1e9)} → ${fmt(num(last.usd_current) / 1e9)} billion)`,
      source: 'WB_WDI_MVA',
    };
  });
}

// ---------------------------------------------------------------------------------------------
// the whole file

/** Builds the calibration object from parsed inputs (see readInputs). Pure: same inputs, same output. */
export function buildCalibration(inputs) {
  const { nodes, euRest } = buildNodeList(inputs);
  const order = nodes.map((n) => n.code);
  const mapNode = nodeMapper(new Set(order), euRest);
  const stages = new Map();
  const ctx = {
    ...inputs,
    order,
    mapNode,
    registerStage: (s) => stages.set(`${s.mineral}/${s.stage}`, s),
    stageOf: (mineral, stage) => {
      const s = stages.get(`${mineral}/${stage}`);
      if (!s) throw new Error(`stage ${mineral}/${stage} not built yet`);
      return s;
    },
    worldOf: (mineral, stage) => ctx.stageOf(mineral, stage).worldTonnes,
    demandRow: (series, region, year, measure) => {
      const row = inputs.demand.find(
        (r) =>
          r.mineral === series &&
          r.region_iso3 === region &&
          Number(r.year) === year &&
          r.measure === measure,
      );
      if (!row) throw new Error(`no demand row ${series} ${region} ${year} ${measure}`);
      return row;
    },
  };
  const production = buildProduction(ctx);
  const balance = buildBalance(ctx);
  const mva = buildMva(inputs, nodes);
  const consumption = buildConsumption(ctx, balance, mva);
  const prices = buildPrices(ctx, ctx.worldOf);
  return {
    about:
      'Generated by scripts/generate-calibration.mjs from data/inputs/. Do not edit by hand: change the inputs or the generator and run `npm run data`.',
    year: CALIBRATION_YEAR,
    nodeRule: `Non-attending countries become nodes when they hold at least ${pct(INCLUSION_SHARE)} of world output of a modelled mineral at some stage in a ${INCLUSION_YEARS.join(' or ')} row of production.csv; all other countries go to ROW.`,
    nodes,
    production,
    consumption,
    balance,
    prices,
    importReliance: buildImportReliance(ctx),
    demandGrowth: buildDemandGrowth(ctx),
    manufacturingValueAdded: {
      source: 'WB_WDI_MVA',
      worldUsd: mva.worldUsd,
      worldYear: mva.worldYear,
      byNode: order.map((code) => ({
        node: code,
        usd: round(mva.byNode.get(code).usd, 0),
        note: mva.byNode.get(code).note,
      })),
    },
  };
}

/** The JSON text exactly as committed (2-space indent, trailing newline). */
export function renderCalibration(calibration) {
  return `${JSON.stringify(calibration, null, 2)}\n`;
}

function main() {
  const text = renderCalibration(buildCalibration(readInputs()));
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(OUTPUT_FILE, text);
    console.log(`wrote ${OUTPUT_FILE}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
