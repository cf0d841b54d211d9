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
 * Deepest nesting of arrays and objects accepted in a scenario's JSON (links while they are
 * unpacked, files and the command line before JSON.parse). A scenario nests four deep
 * (scenario → list → item → list of codes); anything deeper is not a scenario, and refusing it
 * early keeps `[[[[…` from reaching JSON.parse and the validator.
 */
export const MAX_SCENARIO_DEPTH = 16;

/**
 * Most JSON values (each array and object, and each member after a comma) accepted in a
 * scenario's JSON, checked where MAX_SCENARIO_DEPTH is. A scenario with every list of the
 * schema at its longest (500 tariffs; 100 export controls naming 200 destinations and 200
 * exemptions each; 50 standards with 200 origins; …) holds about 65,000, real ones a few
 * hundred; without a limit, 1.4 kB of deflate in a link (or a 3 MB file) can hold hundreds of
 * thousands of values that keep the validator busy for most of a second or more.
 */
export const MAX_SCENARIO_VALUES = 150_000;

/**
 * Longest time a link may take to be read in the link worker (src/share/linkDecoder.ts), in
 * milliseconds; a well-formed link takes a few.
 */
export const LINK_DECODE_TIMEOUT_MS = 10_000;

/** Largest scenario file read, in bytes; checked with File.size before any byte is read. */
export const MAX_SCENARIO_FILE_BYTES = 3 * MAX_SCENARIO_CHARS;

/** Looks at each chunk of JSON bytes as it arrives; returns a problem to stop reading. */
export type ChunkCheck = (chunk: Uint8Array) => 'too-deep' | 'too-many' | null;

/**
 * A streaming look at JSON bytes, chunk by chunk, that refuses nesting deeper than `maxDepth`
 * or more than `maxItems` values (counted as opening brackets and separating commas outside
 * strings) before the text is ever parsed. It only reads structure; JSON.parse still judges
 * the text. UTF-8 multi-byte characters never contain bytes below 0x80, so scanning bytes for
 * the ASCII `"`, `\`, `[`, `{`, `,`, `]`, `}` is exact.
 */
export function jsonShapeLimits(maxDepth: number, maxItems: number): { feed: ChunkCheck } {
  let depth = 0;
  let items = 0;
  let inString = false;
  let escaped = false;
  return {
    feed(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) inString = false;
          continue;
        }
        if (b === 0x22) inString = true;
        else if (b === 0x5b || b === 0x7b) {
          if (++depth > maxDepth) return 'too-deep';
          if (++items > maxItems) return 'too-many';
        } else if (b === 0x2c) {
          if (++items > maxItems) return 'too-many';
        } else if (b === 0x5d || b === 0x7d) depth = Math.max(0, depth - 1);
      }
      return null;
    },
  };
}

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
