/**
 * A fingerprint of run results: FNV-1a over the bytes of every series, the flows, stockpile
 * holdings and conservation errors of the completed months. Equal hashes mean bit-identical
 * results (used by determinism tests across worker counts and golden results).
 */
import { type RunResults, SERIES } from './results.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(hash: number, bytes: Uint8Array): number {
  let h = hash;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

const asBytes = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/** Hex fingerprint of the results of the months done so far. */
export function resultsHash(results: RunResults): string {
  const months = results.monthsDone;
  const stride = results.meta.goods.length * results.meta.nodes.length;
  let h = FNV_OFFSET;
  for (const name of SERIES) h = mix(h, asBytes(results.series[name].subarray(0, months * stride)));
  h = mix(h, asBytes(results.stockpileTonnes.subarray(0, months * results.meta.stockpiles.length)));
  h = mix(h, asBytes(results.conservationError.subarray(0, months)));
  for (let m = 0; m < months; m++) {
    h = mix(h, asBytes(results.flowKeys[m]));
    h = mix(h, asBytes(results.flowTonnes[m]));
  }
  return h.toString(16).padStart(8, '0');
}
