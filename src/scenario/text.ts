/**
 * Scenario files as bytes → text, the same way in the app (a loaded file) and on the command
 * line (--scenario file.json): a byte-order mark chooses UTF-8, UTF-16LE or UTF-16BE (editors
 * on Windows save "Unicode" as UTF-16LE with a BOM) and is dropped; without one the bytes must
 * be UTF-8. Bytes that are not valid text in their encoding are refused with a message rather
 * than turned into replacement characters.
 */

export type TextResult = { ok: true; text: string } | { ok: false; error: string };

export function scenarioTextFromBytes(bytes: Uint8Array, label = 'the file'): TextResult {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return { ok: true, text };
  } catch {
    const name = encoding === 'utf-8' ? 'UTF-8' : encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    const why = start === 0 ? ' (without a byte-order mark, a scenario file must be UTF-8)' : '';
    return { ok: false, error: `${label} is not valid ${name} text${why}` };
  }
}
