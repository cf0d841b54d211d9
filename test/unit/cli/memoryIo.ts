/** The CLIs' I/O in memory, for their tests: files by path, what was printed to stdout and stderr. */
import type { SimIo } from '../../../src/cli/sim.ts';

/** `files` holds the inputs and receives what the CLI writes; a missing file fails as ENOENT. */
export function memoryIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: SimIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return files[p];
    },
    writeFile: (p, t) => {
      files[p] = t;
    },
  };
  return { io, out, err, files };
}
