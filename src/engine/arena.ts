/**
 * Typed arrays carved one after another out of one buffer, so two threads that make the same
 * calls in the same order get the same arrays over the same memory (the coordinator and the
 * block workers that clear goods for it: goodMarkets.ts). Without a buffer each array is fresh
 * private memory and the arena only counts the bytes a shared buffer would need.
 */
export class Arena {
  private readonly buffer: ArrayBufferLike | null;
  /**
   * True in a thread that attaches to memory another thread made and set: the arrays hold that
   * thread's values already, so the makers of state skip their initial values.
   */
  readonly attached: boolean;
  /** Bytes handed out so far (the size a buffer for the same calls needs). */
  byteLength = 0;

  /** `buffer`: carve the arrays out of it (else private memory); `attached`: see the field. */
  constructor(buffer?: ArrayBufferLike, attached = false) {
    this.buffer = buffer ?? null;
    this.attached = attached;
  }

  f64(length: number): Float64Array {
    const at = this.take(length * 8);
    return this.buffer ? new Float64Array(this.buffer, at, length) : new Float64Array(length);
  }

  i32(length: number): Int32Array {
    const at = this.take(length * 4);
    return this.buffer ? new Int32Array(this.buffer, at, length) : new Int32Array(length);
  }

  u8(length: number): Uint8Array {
    const at = this.take(length);
    return this.buffer ? new Uint8Array(this.buffer, at, length) : new Uint8Array(length);
  }

  /** Reserves `bytes` at the next 8-byte boundary and returns where they start. */
  private take(bytes: number): number {
    const at = Math.ceil(this.byteLength / 8) * 8;
    this.byteLength = at + bytes;
    if (this.buffer && this.byteLength > this.buffer.byteLength)
      throw new Error(
        `the shared market state needs ${this.byteLength} bytes; its buffer has ${this.buffer.byteLength}`,
      );
    return at;
  }
}
