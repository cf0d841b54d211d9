/**
 * The embed snippet: an <iframe> of the app showing one scenario (`#embed=1&s=...`), for a
 * course page. The snippet is text the user pastes into another site's HTML, so everything
 * in it that comes from the scenario (its name, in the title) is escaped for an HTML
 * attribute: a scenario named `"><script>` must not become markup on someone else's page.
 */

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeHtmlAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export interface EmbedOptions {
  /** The scenario's name, for the iframe's title (read by screen readers). */
  title: string;
  /** CSS width; default "100%". */
  width?: string;
  /** Height in CSS pixels; default 640. */
  height?: number;
}

/** `<iframe src="…#embed=1&s=…" …></iframe>` for an embed URL (see scenarioLink). */
export function embedSnippet(embedUrl: string, options: EmbedOptions): string {
  const url = new URL(embedUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`an embed needs an http(s) address (got ${url.protocol})`);
  }
  const width = options.width ?? '100%';
  const height = options.height ?? 640;
  const title = `Critical-minerals trade simulator: ${options.title}`;
  return [
    `<iframe src="${escapeHtmlAttribute(url.href)}"`,
    ` title="${escapeHtmlAttribute(title)}"`,
    ` width="${escapeHtmlAttribute(width)}" height="${Math.round(height)}"`,
    ` style="border: 1px solid #d6d6da; border-radius: 6px" loading="lazy"`,
    ` referrerpolicy="no-referrer"></iframe>`,
  ].join('');
}
