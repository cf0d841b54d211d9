/**
 * Editor widgets, one per FieldKind: number inputs with the schema's bounds and unit, selects of
 * nodes, zones, minerals and the stages the chosen mineral has, member lists, month windows.
 * Each widget writes through `ctx.edit(path, value, structural)`; structural edits (a mineral
 * that changes the stage list, a kind that shows other fields) make the editor redraw the item.
 *
 * Every input carries data-path (the path key validateScenario names it by) and an error slot
 * beside it.
 */
import { priceFor } from '../../data/calibration';
import { MINERALS, mineralOptions } from '../../data/minerals';
import { NODES } from '../../data/nodes';
import { sourceByKey } from '../../data/sources';
import type { MineralId, StageId } from '../../data/types';
import { button, el, idFor, selectBox } from '../../present/dom.ts';
import { monthLabel, shortName, stageName, usdPerTonne } from '../../present/format.ts';
import { isEuNode, toggleMember } from '../zoneMembers.ts';
import { type Draft, getAt, type Path, pathKey } from './draft.ts';
import type { FieldSpec } from './levers.ts';
import { QUICK_SETS } from './levers.ts';
import { type FieldInfo, fieldInfo } from './schemaInfo.ts';

export interface FieldContext {
  draft: Draft;
  /** Zone ids of the draft, for zone and scope selects. */
  zoneIds: readonly string[];
  /**
   * Writes a value at a path; `structural` asks for the item to be redrawn, `typing` says the
   * value comes from a box the user is still typing in (applied after a short pause).
   */
  edit(path: Path, value: unknown, structural: boolean, typing?: boolean): void;
}

type Option = { value: string; label: string; group?: string };

const byName = [...NODES].sort((a, b) => a.name.localeCompare(b.name));
const NODE_OPTIONS: Option[] = byName.map((n) => ({ value: n.code, label: `${n.name} (${n.code})` }));
const NON_EU_OPTIONS = NODE_OPTIONS.filter((o) => !isEuNode(o.value));
const MINERAL_OPTIONS: Option[] = mineralOptions();
const ALL: Option = { value: 'all', label: 'all' };
const ALL_STAGES = ['mine', 'refine', 'magnet'];

function stageOptions(mineral: unknown, withAll: boolean): Option[] {
  const m = MINERALS.find((x) => x.id === mineral);
  const ids = m ? m.stages.map((s) => s.id as string) : ALL_STAGES;
  const options = ids.map((id) => ({ value: id, label: stageName(id) }));
  return withAll ? [ALL, ...options] : options;
}

function zoneOptions(ctx: FieldContext): Option[] {
  return ctx.zoneIds.map((id) => ({ value: id, label: `zone “${id}”` }));
}

function optionsFor(spec: FieldSpec, item: Record<string, unknown>, ctx: FieldContext): Option[] {
  switch (spec.kind) {
    case 'node':
      return NODE_OPTIONS;
    case 'importer':
      return [{ value: 'EU', label: 'European Union (all 27: one external tariff)' }, ...NON_EU_OPTIONS];
    case 'exporterOrAll':
      return [{ value: 'all', label: 'all (MFN)' }, ...NODE_OPTIONS];
    case 'scope':
      return [...zoneOptions(ctx), ...NODE_OPTIONS];
    case 'scopeOrWorld':
      return [{ value: 'world', label: 'the world' }, ...zoneOptions(ctx), ...NODE_OPTIONS];
    case 'zone':
      return zoneOptions(ctx);
    case 'mineral':
      return MINERAL_OPTIONS;
    case 'mineralOrAll':
      return [ALL, ...MINERAL_OPTIONS];
    case 'stage':
      return stageOptions(item.mineral, false);
    case 'stageOrAll':
      return stageOptions(item.mineral, true);
    default:
      return [];
  }
}

/** A short unit read from the schema description ("USD/t", "fraction", "t/month", …). */
export function unitOf(description: string | undefined): string {
  if (!description) return '';
  if (/per tonne-km/.test(description)) return 'USD/t·km';
  if (/USD\/t\b|per tonne shipped/.test(description)) return 'USD/t';
  if (/t\/month|tonnes per month/.test(description)) return 't/month';
  if (/t\/yr/.test(description)) return 't/yr';
  if (/fraction|per year \(0\.1 = 10%/.test(description)) return 'fraction';
  if (/\bUSD\b/.test(description)) return 'USD';
  if (/^Months|[Mm]onths (from|to|a|between)/.test(description)) return 'months';
  if (/, t\.$/.test(description)) return 't';
  return '';
}

interface Row {
  row: HTMLElement;
  control: HTMLElement;
}

const MINERAL_IDS = new Map(MINERALS.map((m) => [m.id as string, m.name.toLowerCase()]));

/**
 * A schema description as the editor's reader sees it: the schema speaks JSON ("null = until
 * the end of the run", "rare_earths"), the form does not — an empty box stands for null, and a
 * mineral is chosen by its name. docs/scenario.md keeps the schema's own words.
 */
export function helpForForm(description: string, kind: FieldSpec['kind']): string {
  let text = description.replace(/\bnull = /g, 'empty = ').replace(/\bnull\b/g, 'empty');
  // Where the form offers a list, the list of ids is noise; elsewhere ids read as names.
  if (/mineral/i.test(kind)) text = text.replace(/^Mineral id: [^.]*\./, 'Mineral.');
  if (/stage/i.test(kind)) text = text.replace(/^Stage id: [^(]*\(([^)]*)\)\./, 'Stage ($1).');
  return text.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (id) => MINERAL_IDS.get(id) ?? id.replace(/_/g, ' '));
}

/** The shared frame of a field: label, control, unit or hint, help, error slot. */
function frame(spec: FieldSpec, path: Path, info: FieldInfo | null, control: HTMLElement, extra?: Node): Row {
  const key = pathKey(path);
  const id = idFor('f', key);
  control.id = control.id || id;
  control.dataset.path = key;
  const label = el('label', { text: spec.label, attrs: { for: control.id } });
  const helpText = helpForForm(info?.description ?? '', spec.kind);
  const help = el('p', { text: helpText, className: 'field-help', attrs: { id: `${id}-help` } });
  const error = el('p', {
    className: 'field-error',
    attrs: { id: `${id}-error`, 'data-error-for': key, 'aria-live': 'polite' },
  });
  control.setAttribute('aria-describedby', `${id}-help ${id}-error`);
  const line = el('div', { className: 'field-control' }, [control]);
  if (extra) line.append(extra);
  const row = el('div', { className: `field field-${spec.kind}`, attrs: { 'data-field': key } }, [
    label,
    line,
    ...(helpText ? [help] : []),
    error,
  ]);
  return { row, control };
}

function numberField(
  spec: FieldSpec,
  path: Path,
  item: Record<string, unknown>,
  ctx: FieldContext,
): HTMLElement {
  const info = fieldInfo(path.map((p) => (typeof p === 'number' ? 0 : p)));
  const value = getAt(ctx.draft, path);
  const input = el('input', { attrs: { type: 'number', inputmode: 'decimal' } });
  if (info.min !== undefined && !info.minExclusive) input.min = String(info.min);
  if (info.max !== undefined) input.max = String(info.max);
  input.step = info.int ? '1' : 'any';
  if (typeof value === 'number' && Number.isFinite(value)) input.value = String(value);
  else if (typeof value === 'string') input.value = value;
  const nullable = info.nullable || spec.kind === 'monthOrNull';
  if (nullable) input.placeholder = spec.kind === 'monthOrNull' ? 'end of run' : 'none';
  else if (info.hasDefault) input.placeholder = 'default';

  const unit = unitOf(info.description) || (spec.kind === 'month' || spec.kind === 'monthOrNull' ? '' : '');
  const hint = el('span', { className: 'field-unit' });
  const describe = () => {
    const v = input.valueAsNumber;
    const parts: string[] = [];
    if (unit) parts.push(unit);
    if (spec.kind === 'month' || spec.kind === 'monthOrNull') {
      if (Number.isFinite(v)) parts.push(`= ${monthLabel(v)}`);
    } else if (unit === 'fraction' && Number.isFinite(v))
      parts.push(`= ${(v * 100).toFixed(1).replace(/\.0$/, '')}%`);
    hint.textContent = parts.join(' ');
  };
  describe();
  input.addEventListener('input', () => {
    describe();
    let next: unknown;
    if (input.value === '') {
      // An empty box: null where the schema allows it, else the default (key removed).
      next = input.validity.badInput ? Number.NaN : nullable ? null : undefined;
    } else next = input.valueAsNumber;
    ctx.edit(path, next, false, true);
  });
  const extra = el('span', { className: 'field-extra' }, [hint]);
  if (spec.priceHint) extra.append(priceHint(item));
  return frame(spec, path, info, input, extra).row;
}

function priceHint(item: Record<string, unknown>): HTMLElement {
  const reference = priceFor(item.mineral as MineralId, item.stage as StageId);
  if (!reference) return el('span');
  const source = sourceByKey(reference.source);
  const cite = el('cite', {
    text: reference.source,
    attrs: { title: `${source.title}. ${reference.basis}` },
  });
  return el('span', { className: 'field-reference' }, [
    `${reference.year} reference: ${usdPerTonne(reference.usdPerTonne)} `,
    cite,
  ]);
}

function selectField(
  spec: FieldSpec,
  path: Path,
  item: Record<string, unknown>,
  ctx: FieldContext,
): HTMLElement {
  const info = safeInfo(path);
  const value = getAt(ctx.draft, path);
  const options =
    spec.kind === 'enum'
      ? (info?.enumValues ?? []).map((v) => ({ value: v, label: v }))
      : optionsFor(spec, item, ctx);
  const select = selectBox(options, typeof value === 'string' ? value : '');
  select.addEventListener('change', () => {
    const structural = spec.key === 'mineral' || spec.key === 'kind' || spec.key === 'stage';
    ctx.edit(path, select.value, structural);
  });
  return frame(spec, path, info, select).row;
}

function safeInfo(path: Path): FieldInfo | null {
  try {
    return fieldInfo(path.map((p) => (typeof p === 'number' ? 0 : p)));
  } catch {
    return null;
  }
}

function textField(spec: FieldSpec, path: Path, ctx: FieldContext): HTMLElement {
  const info = safeInfo(path);
  const value = getAt(ctx.draft, path);
  const input =
    spec.kind === 'textarea'
      ? el('textarea', { attrs: { rows: '3' } })
      : el('input', { attrs: { type: 'text' } });
  input.value = typeof value === 'string' ? value : '';
  input.addEventListener('input', () => {
    // An empty optional note is left out rather than stored as ''.
    const optional = spec.key === 'note';
    ctx.edit(path, optional && input.value === '' ? undefined : input.value, false, true);
  });
  return frame(spec, path, info, input).row;
}

function boolField(spec: FieldSpec, path: Path, ctx: FieldContext): HTMLElement {
  const info = safeInfo(path);
  const input = el('input', { attrs: { type: 'checkbox' } });
  input.checked = getAt(ctx.draft, path) !== false;
  input.addEventListener('change', () => ctx.edit(path, input.checked, false));
  return frame(spec, path, info, input).row;
}

/** Chips of codes with a remove button each, and a select to add one. */
function codeList(
  spec: FieldSpec,
  path: Path,
  ctx: FieldContext,
  options: Option[],
  toggle: (list: readonly string[], code: string) => string[],
  extraControls: HTMLElement[] = [],
): HTMLElement {
  const raw = getAt(ctx.draft, path);
  const list = Array.isArray(raw) ? (raw as string[]) : [];
  const chips = el('ul', { className: 'chips', attrs: { 'aria-label': `${spec.label}: ${list.length}` } });
  const euAll = spec.kind === 'members' && list.filter(isEuNode).length > 1;
  const shown = euAll ? [...list.filter((c) => !isEuNode(c)), 'EU'] : list;
  for (const code of shown) {
    const name =
      code === 'EU' ? 'EU (all 27)' : options.find((o) => o.value === code) ? shortName(code) : code;
    const remove = button(
      `${name} ×`,
      () => ctx.edit(path, toggle(list, code === 'EU' ? list.find(isEuNode)! : code), true),
      'chip',
    );
    remove.setAttribute('aria-label', `Remove ${name}`);
    remove.dataset.code = code;
    chips.append(el('li', {}, [remove]));
  }
  const add = selectBox(
    [{ value: '', label: 'Add…' }, ...options.filter((o) => !list.includes(o.value))],
    '',
  );
  add.setAttribute('aria-label', `Add to ${spec.label.toLowerCase()}`);
  add.addEventListener('change', () => {
    if (add.value) ctx.edit(path, toggle(list, add.value), true);
  });
  const { row } = frame(spec, path, safeInfo(path), add);
  const control = row.querySelector('.field-control')!;
  control.before(chips);
  control.append(...extraControls);
  return row;
}

const toggleCode = (list: readonly string[], code: string) =>
  list.includes(code) ? list.filter((c) => c !== code) : [...list, code];

function membersField(spec: FieldSpec, path: Path, ctx: FieldContext): HTMLElement {
  const quick = el('div', { className: 'quick-sets', attrs: { role: 'group', 'aria-label': 'Quick sets' } }, [
    el('span', { text: 'Set to:', className: 'hint' }),
  ]);
  for (const set of QUICK_SETS) {
    const b = button(set.label, () => ctx.edit(path, [...set.members], true), 'small');
    b.dataset.quickSet = set.id;
    quick.append(b);
  }
  const row = codeList(spec, path, ctx, NODE_OPTIONS, toggleMember);
  row.append(
    quick,
    el('p', {
      className: 'hint',
      text: 'The EU is a customs union: adding or removing any EU member (here or on the map) adds or removes all 27.',
    }),
  );
  // Keep the error slot last, beside the list it explains.
  const error = row.querySelector('.field-error');
  if (error) row.append(error);
  return row;
}

function destinationsField(spec: FieldSpec, path: Path, ctx: FieldContext): HTMLElement {
  const value = getAt(ctx.draft, path);
  const all = value === 'all' || value === undefined;
  const box = el('input', { attrs: { type: 'checkbox' } });
  box.checked = all;
  box.addEventListener('change', () => ctx.edit(path, box.checked ? 'all' : ['USA'], true));
  if (all) {
    const { row } = frame(spec, path, safeInfo(path), box);
    // The frame put the box in the control line; wrap it with its own inline label there.
    row
      .querySelector('.field-control')!
      .replaceChildren(el('label', { className: 'inline' }, [box, ' all destinations']));
    return row;
  }
  box.setAttribute('aria-label', 'All destinations');
  return codeList(spec, path, ctx, [...zoneOptions(ctx), ...NODE_OPTIONS], toggleCode, [
    el('label', { className: 'inline' }, [box, ' all destinations']),
  ]);
}

function byMineralField(spec: FieldSpec, path: Path, ctx: FieldContext): HTMLElement {
  const info = safeInfo(path);
  const values = (getAt(ctx.draft, path) ?? {}) as Record<string, unknown>;
  const grid = el('div', { className: 'by-mineral' });
  for (const m of MINERALS) {
    const p = [...path, m.id];
    const key = pathKey(p);
    const input = el('input', {
      attrs: { type: 'number', step: 'any', placeholder: 'default', 'data-path': key, id: idFor('f', key) },
    });
    const inner = safeInfo(p);
    if (inner?.min !== undefined) input.min = String(inner.min);
    if (inner?.max !== undefined) input.max = String(inner.max);
    const v = values[m.id];
    if (typeof v === 'number') input.value = String(v);
    input.addEventListener('input', () => {
      const next =
        input.value === '' ? (input.validity.badInput ? Number.NaN : undefined) : input.valueAsNumber;
      ctx.edit(p, next, false, true);
    });
    grid.append(
      el('label', { text: m.name, attrs: { for: input.id } }),
      input,
      el('p', { className: 'field-error', attrs: { 'data-error-for': key, 'aria-live': 'polite' } }),
    );
  }
  const { row } = frame(spec, path, info, grid);
  return row;
}

/** One field of an item (or of the scenario) at `path`. */
export function renderField(
  spec: FieldSpec,
  path: Path,
  item: Record<string, unknown>,
  ctx: FieldContext,
): HTMLElement {
  switch (spec.kind) {
    case 'number':
    case 'month':
    case 'monthOrNull':
      return numberField(spec, path, item, ctx);
    case 'text':
    case 'textarea':
      return textField(spec, path, ctx);
    case 'bool':
      return boolField(spec, path, ctx);
    case 'members':
      return membersField(spec, path, ctx);
    case 'nodeList':
      return codeList(spec, path, ctx, NODE_OPTIONS, toggleCode);
    case 'scopeList':
      return codeList(spec, path, ctx, [...zoneOptions(ctx), ...NODE_OPTIONS], toggleCode);
    case 'destinations':
      return destinationsField(spec, path, ctx);
    case 'byMineral':
      return byMineralField(spec, path, ctx);
    default:
      return selectField(spec, path, item, ctx);
  }
}

/** After a mineral change: a stage the new mineral lacks becomes its refining (or first) stage. */
export function fixStage(item: Record<string, unknown>, withAll: boolean): void {
  const m = MINERALS.find((x) => x.id === item.mineral);
  if (!m || typeof item.stage !== 'string') return;
  if (withAll && item.stage === 'all') return;
  if (m.stages.some((s) => s.id === item.stage)) return;
  item.stage = m.stages.some((s) => s.id === 'refine') ? 'refine' : m.stages[0].id;
}
