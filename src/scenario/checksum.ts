/**
 * The integrity check of a scenario link: CRC-32 (IEEE 802.3, the checksum of zip, gzip and
 * PNG) of the link's text, written as six base64url characters.
 *
 * Why CRC-32 and not a cryptographic hash: the check is against accidents (a character lost,
 * added or changed when a link is pasted from a chat window or an e-mail that wrapped it), not
 * against someone who makes a link on purpose (anyone can make a valid link). CRC-32 catches
 * every change confined to 32 consecutive bits — so every one-character substitution — and
 * all but one in 2^32 of other changes. It is synchronous and needs neither a dependency nor
 * crypto.subtle (which browsers withhold from pages served over plain http, e.g. a classroom
 * server on a LAN address). The table-driven form below is the standard one; a test checks it
 * against the published check value CRC-32("123456789") = 0xCBF43926.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of bytes, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Characters in a link's check. */
export const LINK_CHECK_CHARS = 6;

/**
 * The check of a link's text (ASCII: the schema version, a dot and base64url data): CRC-32
 * as six base64url characters, most significant bits first (the last character carries 2 bits
 * and four zero bits, so exactly one spelling is right).
 */
export function linkCheck(text: string): string {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  const crc = crc32(bytes);
  let out = '';
  for (let shift = 26; shift > -6; shift -= 6) {
    out += ALPHABET[shift >= 0 ? (crc >>> shift) & 63 : (crc << -shift) & 63];
  }
  return out;
}
