/**
 * Size limits for scenarios arriving from outside (links, files, pasted text). They keep a
 * hostile or mistaken input from freezing the page: every limit is checked before the
 * expensive step it protects (decompressing, reading a file, parsing JSON).
 */
import { MAX_SCENARIO_CHARS } from './schema.ts';

export { MAX_SCENARIO_CHARS };

/**
 * Longest scenario payload accepted in a link (the part after `s=`), in characters. Browsers
 * take addresses of a few megabytes, but anything near this size is better shared as a file;
 * the default scenario with ten edits needs well under 2,000 characters (docs/links.md).
 */
export const MAX_LINK_CHARS = 200_000;

/**
 * Largest decompressed link payload, in bytes of UTF-8. A JSON text of MAX_SCENARIO_CHARS
 * characters is at most three times that in UTF-8 (one UTF-16 unit never takes more than three
 * bytes), so this never refuses a scenario the character limit accepts, and it stops a
 * decompression bomb (a few kB that unpack to gigabytes) long before memory runs out.
 */
export const MAX_LINK_JSON_BYTES = 3 * MAX_SCENARIO_CHARS;

/**
 * Deepest nesting of arrays and objects accepted in a link's JSON, checked while it is
 * unpacked. A scenario nests four deep (scenario → list → item → list of codes); a link that
 * nests deeper is not a scenario, and refusing it early keeps `[[[[…` from reaching JSON.parse.
 */
export const MAX_LINK_DEPTH = 16;

/**
 * Most JSON values (each array, object and separated member) accepted in a link's JSON, checked
 * while it is unpacked. Every list of the schema at its longest (500 tariffs, 100 export
 * controls naming 200 destinations each, …) stays under half of this; 1.4 kB of deflate can
 * otherwise unpack to hundreds of thousands of values that take the validator most of a second.
 */
export const MAX_LINK_ITEMS = 100_000;

/**
 * Longest time a link may take to be read in the link worker (src/share/linkDecoder.ts), in
 * milliseconds; a well-formed link takes a few.
 */
export const LINK_DECODE_TIMEOUT_MS = 10_000;

/** Largest scenario file read, in bytes; checked with File.size before any byte is read. */
export const MAX_SCENARIO_FILE_BYTES = 3 * MAX_SCENARIO_CHARS;

/** At most this many problems are listed for one input (the rest are counted). */
export const MAX_MESSAGES = 20;

/** "1,234,567" */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** "5.2 MB", "830 bytes" */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
