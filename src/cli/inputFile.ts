/**
 * Reading the command line's input files (scenarios, the benchmark's input, sweep shards)
 * without trusting their size or their source:
 *
 * - a regular file larger than the limit is refused from its size, before any byte is read;
 * - anything else (a pipe, a FIFO, /dev/stdin, /dev/zero) is read in chunks, and refused as
 *   soon as more than the limit has arrived, so `--scenario /dev/zero` stops at 3 MB;
 * - it is opened non-blocking, so a FIFO with no writer cannot hang the command: waiting for
 *   data gives up after `idleTimeoutMs` without a byte (PIPE_IDLE_TIMEOUT_MS by default);
 * - the bytes become text as the app reads a loaded file (src/scenario/text.ts: UTF-8, or
 *   UTF-16 with a byte-order mark).
 *
 * Synchronous on purpose: the command lines load their inputs before anything else runs, and
 * their tests drive them without awaiting. Waiting sleeps with Atomics.wait (no busy loop).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../scenario/limits.ts';
import { scenarioTextFromBytes } from '../scenario/text.ts';

/** How long a read from a pipe or FIFO waits for its next byte, ms. */
export const PIPE_IDLE_TIMEOUT_MS = 10_000;

const CHUNK_BYTES = 64 * 1024;
const POLL_MS = 20;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export interface ReadLimits {
  /** Refuse inputs larger than this, in bytes. */
  maxBytes: number;
  /** Give up on a pipe or FIFO after this long without a byte, ms. */
  idleTimeoutMs?: number;
}

/** The text of `path`; throws an Error whose message says what is wrong (ENOENT keeps its code). */
export function readInputText(path: string, limits: ReadLimits): string {
  const label = JSON.stringify(path);
  const idleTimeoutMs = limits.idleTimeoutMs ?? PIPE_IDLE_TIMEOUT_MS;
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error(`${label} is a folder, not a file`);
    const tooLarge = (size: string) =>
      new Error(`${label} is ${size}; the limit is ${formatBytes(limits.maxBytes)}`);
    if (stat.isFile() && stat.size > limits.maxBytes) throw tooLarge(formatBytes(stat.size));
    const chunks: Uint8Array[] = [];
    let total = 0;
    let idleSince = Date.now();
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        // EAGAIN: a pipe whose writer has not written yet.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        n = -1;
      }
      if (n > 0) {
        total += n;
        if (total > limits.maxBytes) throw tooLarge(`more than ${formatBytes(limits.maxBytes)}`);
        chunks.push(buffer.slice(0, n));
        idleSince = Date.now();
        continue;
      }
      // The end (a file, a device, or a pipe that delivered something and was closed). A FIFO
      // opened non-blocking also reads as ended before its writer opens it, so an empty FIFO
      // waits like one with nothing written yet.
      if (n === 0 && (!stat.isFIFO() || total > 0)) break;
      if (Date.now() - idleSince > idleTimeoutMs) {
        throw new Error(
          `nothing arrived from ${label} for ${idleTimeoutMs / 1000} s${total === 0 ? ' (a pipe or FIFO with no writer?)' : ''}; gave up waiting`,
        );
      }
      sleep(POLL_MS);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    const text = scenarioTextFromBytes(bytes, label);
    if (!text.ok) throw new Error(text.error);
    return text.text;
  } finally {
    closeSync(fd);
  }
}
