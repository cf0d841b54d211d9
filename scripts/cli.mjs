// `npm run sim` and `npm run pe`: run the command line from a prebuilt bundle (build/cli/, made by
// esbuild), so a command starts in a fraction of a second instead of compiling TypeScript with
// tsx on every start (`npx tsx src/cli/sim.ts` stays for development).
//
// Never stale: build/cli/inputs.json records the SHA-1 of every file the bundle was made from
// (esbuild's metafile: our sources and the node_modules files they import) and of this script
// (it holds the build options), with each file's size and modification time. Every start looks
// at those files again and rebuilds when any differs or is gone: a file whose size and time are
// as recorded is unchanged (writing a file sets its time, to the nanosecond here), and any other
// is hashed, so a file only touched does not rebuild. Hashing them all took 30–40 ms of a cold
// start; reading their sizes and times takes about 6. `postinstall` builds once after `npm ci`;
// `node scripts/cli.mjs --build` builds without running anything.
//
// Usage: node scripts/cli.mjs <sim|pe|--build> [arguments of the command...]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Two levels under the repository, as src/cli/ is: the CLI finds the repository at ../.. */
const outDir = join(root, 'build', 'cli');
const record = join(outDir, 'inputs.json');

/** The commands, and the Node block worker's entry (the bundled engine starts it as ./sim.node-worker.mjs). */
const ENTRIES = {
  sim: 'src/cli/sim.ts',
  pe: 'src/cli/pe.ts',
  'sim.node-worker': 'workers/sim.node-worker.ts',
};

const sha1 = (path) => {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return null; // a file that is gone: the bundle is stale
  }
};

/** A file's size and modification time, "size:ms" (null when it is gone). */
const stamp = (path) => {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return null;
  }
};

/** True when `path` holds what `hash` was made of: its stamp as recorded, or else the same hash. */
const unchanged = (path, hash, recorded) => {
  const now = stamp(path);
  return now !== null && (now === recorded || sha1(path) === hash);
};

/** True when build/cli/ was made from exactly the files as they are now. */
function fresh() {
  let saved;
  try {
    saved = JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    return false;
  }
  if (saved.builder !== sha1(fileURLToPath(import.meta.url))) return false;
  const stamps = saved.stamps ?? {};
  for (const [file, hash] of Object.entries(saved.inputs ?? {})) {
    if (!unchanged(join(root, file), hash, stamps[file])) return false;
  }
  return Object.keys(ENTRIES).every((name) =>
    unchanged(join(outDir, `${name}.mjs`), saved.outputs?.[name], stamps[`${name}.mjs`]),
  );
}

async function buildBundles() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    outdir: outDir,
    write: false,
    metafile: true,
    sourcemap: true, // beside the bundle (node --enable-source-maps reads it)
    logLevel: 'warning',
    // Bundled CommonJS packages (seedrandom) may require Node's own modules.
    banner: {
      js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);",
    },
  });
  mkdirSync(outDir, { recursive: true });
  const outputs = {};
  /** Each file's stamp as hashed: inputs by their paths, outputs by their names in build/cli/. */
  const stamps = {};
  // Each file is written under a temporary name and renamed: a command starting meanwhile (a
  // cluster's array tasks start together) reads a whole file, old or new, never half of one.
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.map')) {
      writeFileSync(file.path, file.contents);
      continue;
    }
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    const name = relative(outDir, file.path).replace(/\.mjs$/, '');
    outputs[name] = createHash('sha1').update(file.contents).digest('hex');
    stamps[`${name}.mjs`] = stamp(file.path);
  }
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    // The stamp before the hash: a file written between the two is hashed again next start.
    stamps[file] = stamp(join(root, file));
    inputs[file] = sha1(join(root, file));
  }
  const saved = { builder: sha1(fileURLToPath(import.meta.url)), inputs, outputs, stamps };
  const temporary = `${record}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(saved, null, 1)}\n`);
  renameSync(temporary, record);
}

const [command, ...args] = process.argv.slice(2);
if (command === '--build') {
  await buildBundles();
} else if (command in ENTRIES && command !== 'sim.node-worker') {
  if (!fresh()) await buildBundles();
  const bundle = join(outDir, `${command}.mjs`);
  // The command checks that it is the script Node was started with before it runs.
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
} else {
  process.stderr.write(`usage: node scripts/cli.mjs <sim|pe|--build> [arguments]\n`);
  process.exitCode = 2;
}
