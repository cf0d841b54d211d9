/**
 * The scenario reference (docs/scenario.md), generated from the schema's JSON Schema so the
 * documentation can never drift from validation: `npm run docs` writes it, and a test checks
 * the committed file matches.
 */
import { MINERALS } from '../data/minerals';
import { leverByKey } from '../levers/index.ts';
import { type JsonNode, scenarioJsonSchema } from './jsonSchema.ts';
import { MAX_SCENARIO_CHARS, SCENARIO_VERSION, STATUS_QUO_TARIFFS } from './schema.ts';

function typeOf(s: JsonNode): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' \\| ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (s.type === 'integer') return 'integer';
  if (s.type === 'object' && !s.properties) return 'map';
  return typeof s.type === 'string' ? s.type : (s.type?.join(' or ') ?? 'value');
}

function rangeOf(s: JsonNode): string {
  const parts: string[] = [];
  const fmt = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential(0) : String(x));
  if (s.minimum !== undefined) parts.push(`≥ ${fmt(s.minimum)}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${fmt(s.exclusiveMinimum)}`);
  if (s.maximum !== undefined) parts.push(`≤ ${fmt(s.maximum)}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${fmt(s.exclusiveMaximum)}`);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
  if (s.maxLength !== undefined && s.type === 'string') parts.push(`at most ${s.maxLength} characters`);
  if (s.pattern) parts.push(`pattern \`${s.pattern}\``);
  return parts.join(', ');
}

function defaultOf(s: JsonNode, required: boolean): string {
  if (s.default === undefined) return required ? 'required' : 'optional';
  const text = JSON.stringify(s.default);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function escapeCell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(object: JsonNode): string[] {
  const rows = ['| field | type | allowed | default | meaning |', '| --- | --- | --- | --- | --- |'];
  const required = new Set(object.required ?? []);
  for (const [name, s] of Object.entries(object.properties ?? {})) {
    rows.push(
      `| \`${name}\` | ${escapeCell(typeOf(s))} | ${escapeCell(rangeOf(s))} | ${defaultOf(s, required.has(name))} | ${escapeCell(s.description)} |`,
    );
  }
  return rows;
}

export function scenarioDocs(): string {
  const schema = scenarioJsonSchema();
  const properties = schema.properties ?? {};
  const out: string[] = [
    '# Scenario reference',
    '',
    `Generated from the schema (src/scenario/schema.ts and the levers in src/levers/) by \`npm run docs\`; do not edit by hand. Schema version ${SCENARIO_VERSION}.`,
    '',
    'A scenario is one JSON object. Every field with a default may be left out; the defaults are the status quo.',
    'Months count from 0 = January 2026; a lever is active for start ≤ month < end (end null = to the end of the run).',
    'Rates and shares are fractions (0.25 = 25%); prices are USD per tonne of the mineral’s unit; tonnes are metric.',
    `Scenario documents above ${MAX_SCENARIO_CHARS.toLocaleString('en')} characters are refused.`,
    '',
    'Node codes are ISO 3166-1 alpha-3 codes of the nodes in src/data/nodes.ts, plus `EUR` (EU members that did not attend separately) and `ROW` (rest of world). A *scope* names `world`, a zone id of the scenario, or a node code. The EU is a customs union: a zone takes all 27 members or none, and tariffs on imports into the EU use importer `EU`.',
    '',
    '## Minerals and stages',
    '',
    '| mineral | unit | stages |',
    '| --- | --- | --- |',
    ...MINERALS.map(
      (m) => `| \`${m.id}\` | ${m.unit} | ${m.stages.map((s) => `\`${s.id}\` (${s.name})`).join(' → ')} |`,
    ),
    '',
    '## Top-level fields',
    '',
    ...table(schema),
    '',
    `The default \`tariffs\` list is the status quo: ${STATUS_QUO_TARIFFS.map((t) => `${t.importer} on ${t.exporter} ${100 * t.rate}% (${t.note})`).join('; ')}`,
  ];
  for (const [name, s] of Object.entries(properties)) {
    const item = s.type === 'array' ? s.items : s.type === 'object' ? s : undefined;
    if (!item?.properties) continue;
    // A lever's section is headed by its title in the editor (src/levers/index.ts).
    const lever = leverByKey(name);
    const title = lever ? `${lever.title}: ` : '';
    out.push('', `## ${title}\`${name}\`${s.type === 'array' ? ' (each item)' : ''}`, '');
    if (s.description) out.push(s.description, '');
    out.push(...table(item));
  }
  return `${out.join('\n')}\n`;
}
