/**
 * The platform globals the engine uses beyond ECMAScript, declared for tsconfig.engine.json,
 * which compiles src/engine without the DOM library and without Node's types: that check fails
 * when engine code reaches for anything else (document, window, process, Buffer). Both exist in
 * every browser, Web Worker and Node ≥ 20 (src/engine/hash.ts fingerprints a run with them).
 */
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: { new (): TextEncoder };

declare var crypto: {
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> };
};
