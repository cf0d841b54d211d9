/**
 * Fingerprints of a whole run, over the metadata and the exact bytes of every series, stockpile
 * holding, conservation error and monthly flow of the months done. Two runs have the same
 * fingerprint only when every number is bit-identical: that is how the tests prove that the
 * worker count, the memory mode and the JavaScript engine change nothing, and how golden results
 * are kept. `resultsHash` is synchronous (FNV-1a, 64 bits as two 32-bit lanes) for tests;
 * `hashResults` is SHA-256 (Web Crypto, in Node and browsers).
 */
import { type RunResults, SERIES } from './results.ts';

/** The run as one byte array, in a fixed order (months [0, monthsDone) only). */
export function resultsBytes(results: RunResults): Uint8Array<ArrayBuffer> {
  const { meta, monthsDone } = results;
  const stride = meta.goods.length * meta.nodes.length;
  const header = new TextEncoder().encode(JSON.stringify({ meta, monthsDone }));
  const parts: ArrayBufferView[] = [header];
  for (const name of SERIES) parts.push(results.series[name].subarray(0, monthsDone * stride));
  parts.push(results.stockpileTonnes.subarray(0, monthsDone * meta.stockpiles.length));
  parts.push(results.conservationError.subarray(0, monthsDone));
  for (let m = 0; m < monthsDone; m++) {
    parts.push(Uint32Array.of(results.flowKeys[m].length), results.flowKeys[m], results.flowTonnes[m]);
  }
  let length = 0;
  for (const p of parts) length += p.byteLength;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return bytes;
}

/** FNV-1a over the run's bytes, two independent 32-bit lanes, as 16 hex digits. */
export function resultsHash(results: RunResults): string {
  const bytes = resultsBytes(results);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193) >>> 0;
    b = Math.imul(b ^ bytes[bytes.length - 1 - i], 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** SHA-256 of resultsBytes, as 64 hex digits. */
export async function hashResults(results: RunResults): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', resultsBytes(results));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
