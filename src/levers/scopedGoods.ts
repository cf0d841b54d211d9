/**
 * What the levers whose items set a value for the goods of a scope share (permitting,
 * investment support): the fields where / mineral / stage ('all' for every one), the check of
 * the scope (the world allowed), a new item for every good of a mineral in the world, and the
 * heading 'scope: good'. Their compile steps loop with compile.ts forEachScopedCell. Imported by
 * name (not as a namespace, whose property reads in a lever's definition a bundler keeps).
 */
import { type Atoms, mineralOrAllField, scopeField, scopeRef, stageOrAllField } from './fields.ts';
import { labelBy } from './labels.ts';

/** The item's fields about where and which goods, before its own. */
export const fields = (a: Atoms) => ({
  scope: scopeField(scopeRef),
  mineral: mineralOrAllField(a),
  stage: stageOrAllField(a),
});

/** The check of the scope, the world allowed (defineLever's `references`). */
export const references = { scope: 'scopeOrWorld' } as const;

/** The heading of an item, 'scope: good'. */
export const label = /* @__PURE__ */ labelBy('scope');

/** A new item with the lever's own `values`, for every good of `mineral`, worldwide, from month 0. */
export function newItem<V extends object>(mineral: string, values: V) {
  return { scope: 'world', mineral, stage: 'all', ...values, start: 0, end: null };
}
