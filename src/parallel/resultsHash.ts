/**
 * A fingerprint of a whole run: SHA-256 over the metadata and the exact bytes of every series,
 * stockpile holding, conservation error and monthly flow, for the months done. Two runs have
 * the same hash only when every number is bit-identical, which is how the tests prove that the
 * worker count and the memory mode change nothing. Works in Node and in browsers (Web Crypto).
 */
import { type RunResults, SERIES } from '../engine/results.ts';

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

/** SHA-256 of resultsBytes, as 64 hex digits. */
export async function hashResults(results: RunResults): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', resultsBytes(results));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
