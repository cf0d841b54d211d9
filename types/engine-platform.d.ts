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

/**
 * The part of the WebAssembly JavaScript API the engine uses: the agents' columns live in a
 * WebAssembly memory, and their monthly loops are a WebAssembly module (src/engine/agentLoops.ts).
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
  }
  class Module {
    constructor(bytes: Uint8Array<ArrayBuffer>);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Global {
    value: number;
  }
}

/** Base64 to a binary string (the loops' module is embedded as base64). */
declare function atob(data: string): string;
