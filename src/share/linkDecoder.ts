/**
 * Decoding scenario links off the page's thread. A link can be hostile (1.4 kB that unpack
 * to hundreds of thousands of values) or simply large; the codec's limits bound the work, and
 * running it in a worker (workers/link.worker.ts) keeps the page responsive however long it
 * takes. One worker per link: a newer link terminates the worker of the older one (the last
 * link wins, and a stale decode stops using a core), and a worker that runs past
 * LINK_DECODE_TIMEOUT_MS is terminated with a message.
 *
 * Where workers cannot start (no Worker, or its script fails to load, e.g. offline before the
 * service worker cached it) the link is decoded on the page's thread, still within the
 * codec's limits.
 */
import { decodeScenario } from '../scenario/codec.ts';
import { LINK_DECODE_TIMEOUT_MS } from '../scenario/limits.ts';
import type { Validation } from '../scenario/validate.ts';

export interface LinkDecoder {
  /**
   * The validation of a link payload; null when a newer `decode` call superseded this one
   * before it finished (its worker was terminated).
   */
  decode(payload: string): Promise<Validation | null>;
  dispose(): void;
}

export interface LinkDecoderOptions {
  /** Starts a link worker (default: workers/link.worker.ts as a module worker). */
  spawn?: () => Worker;
  /** Longest a decode may take, ms (default LINK_DECODE_TIMEOUT_MS). */
  timeoutMs?: number;
}

function spawnLinkWorker(): Worker {
  return new Worker(new URL('../../workers/link.worker.ts', import.meta.url), {
    type: 'module',
    name: 'link',
  });
}

/** Decodes links in workers when the platform has them, else on the calling thread. */
export function createLinkDecoder(options: LinkDecoderOptions = {}): LinkDecoder {
  const timeoutMs = options.timeoutMs ?? LINK_DECODE_TIMEOUT_MS;
  const canSpawn = options.spawn !== undefined || typeof Worker === 'function';
  const spawn = options.spawn ?? spawnLinkWorker;
  let cancelCurrent: (() => void) | null = null;

  const inWorker = (payload: string) =>
    new Promise<Validation | null>((resolve) => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch {
        resolve(decodeScenario(payload));
        return;
      }
      let settled = false;
      const finish = (result: Validation | null | Promise<Validation>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        if (cancelCurrent === cancel) cancelCurrent = null;
        resolve(result);
      };
      const cancel = () => finish(null);
      const timer = setTimeout(
        () =>
          finish({
            ok: false,
            errors: [
              `reading the link took more than ${timeoutMs / 1000} s and was stopped; a scenario link is read in a few milliseconds, so this link is not a scenario`,
            ],
          }),
        timeoutMs,
      );
      worker.addEventListener('message', (event: MessageEvent<Validation>) => finish(event.data));
      worker.addEventListener('error', (event) => {
        // The worker could not run (its script did not load): read the link here instead.
        event.preventDefault();
        finish(decodeScenario(payload));
      });
      worker.addEventListener('messageerror', () => finish(decodeScenario(payload)));
      cancelCurrent = cancel;
      worker.postMessage(payload);
    });

  return {
    decode(payload) {
      cancelCurrent?.();
      return canSpawn ? inWorker(payload) : decodeScenario(payload);
    },
    dispose() {
      cancelCurrent?.();
    },
  };
}
