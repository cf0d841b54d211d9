/** The headings of items in the editor, from items that may be invalid. */

/** A string field of an item, or '?' (labels of items that may be invalid). */
export const str = (v: unknown) => (typeof v === 'string' ? v : '?');
/** A mineral id as words: 'rare_earths' → 'rare earths'. */
export const mineralText = (v: unknown) => str(v).replace(/_/g, ' ');
/** The good an item is about, e.g. 'rare earths, refine'. */
export const goodText = (item: Record<string, unknown>) => `${mineralText(item.mineral)}, ${str(item.stage)}`;
/** A label 'who: good' from the item's field `who`, e.g. 'CHN: rare earths, refine'. */
export const labelBy =
  (who: string) =>
  (item: Record<string, unknown>): string =>
    `${str(item[who])}: ${goodText(item)}`;
