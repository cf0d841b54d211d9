/** Small DOM builders: every text goes in through textContent, never parsed as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { text?: string; className?: string; attrs?: Record<string, string> } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.text !== undefined) element.textContent = options.text;
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A <button type="button"> with a click handler. */
export function button(
  text: string,
  onClick: (event: MouseEvent) => void,
  className?: string,
): HTMLButtonElement {
  const b = el('button', { text, className, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

/** A <select> with options; `value` is selected, and kept as an option even when not listed. */
export function selectBox(
  options: readonly { value: string; label: string; group?: string }[],
  value: string,
  attrs: Record<string, string> = {},
): HTMLSelectElement {
  const select = el('select', { attrs });
  const all = options.some((o) => o.value === value) ? options : [{ value, label: value }, ...options];
  // Consecutive options with the same `group` go into one <optgroup> (a long list, e.g. the
  // fourteen minerals, reads by use); options without a group sit directly in the select.
  let group: HTMLOptGroupElement | null = null;
  for (const o of all) {
    const option = el('option', { text: o.label });
    option.value = o.value;
    option.selected = o.value === value;
    if (o.group === undefined) {
      group = null;
      select.append(option);
      continue;
    }
    if (!group || group.label !== o.group) {
      group = el('optgroup', { attrs: { label: o.group } });
      select.append(group);
    }
    group.append(option);
  }
  return select;
}

/** A unique-enough id for a path key: letters, digits, '-' and '_'. */
export function idFor(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^\w-]/g, '_')}`;
}

/**
 * Sets text only when it differs: views run every animation frame, and an unchanged label
 * rewritten each time still costs the browser a style and layout pass.
 */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets an attribute only when it differs (see setText). */
export function setAttr(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * Runs `work` once the page has painted its first frame (a frame, then a task): for code and
 * data the first view can do without (the map's borders, the research tools).
 */
export function afterFirstPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
