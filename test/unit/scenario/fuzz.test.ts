/**
 * The fuzz suite (issue 12): hostile and careless inputs at every door — links, scenario
 * files and the command line — with a fixed seed, so a failure repeats. Every case must end
 * in a scenario or in messages (strings), never in an exception, a hang or a changed
 * Object.prototype. CI runs 3,000 links, 1,500 files and 300 command lines (FUZZ_RUNS=3000);
 * FUZZ_RUNS=100000 runs more, and another FUZZ_SEED explores other cases. Each test prints
 * the counts it tried.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputText } from '../../../src/cli/inputFile.ts';
import { runSimCli, type SimIo } from '../../../src/cli/sim.ts';
import {
  checkedPayload,
  decodeScenario,
  deflateRaw,
  encodeScenario,
  toBase64Url,
} from '../../../src/scenario/codec.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../../../src/scenario/limits.ts';
import { type Validation, validateScenario } from '../../../src/scenario/validate.ts';
import { readScenarioFile } from '../../../src/share/files.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../../timeouts.ts';
import { scenarioDocument } from './codecArbitraries.ts';

/** Cases per door in CI; FUZZ_RUNS sets more. */
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 3000);
const SEED = Number(process.env.FUZZ_SEED) || 20_261_130;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

interface Tally {
  tried: number;
  opened: number;
  refused: number;
}

/** A validation is either a valid scenario (that validates to itself) or non-empty messages. */
function judge(result: Validation, tally: Tally): void {
  tally.tried++;
  if (result.ok) {
    tally.opened++;
    expect(validateScenario(result.scenario)).toMatchObject({ ok: true, scenario: result.scenario });
  } else {
    tally.refused++;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) expect(typeof e === 'string' && e.length > 0).toBe(true);
  }
}

const deflate = async (text: string) => toBase64Url(await deflateRaw(new TextEncoder().encode(text)));

/** JSON-ish text an attacker might pack into a link: deep, wide, odd keys, huge numbers. */
const hostileJson = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.nat(40).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.oneof(fc.nat(2_000), fc.constant(400_000)).map((n) => `{"seed":1,"zones":[${'0,'.repeat(n)}0]}`),
  fc.constantFrom(
    '{"seed":1e400}',
    '{"months":99999999999999999999}',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"seed":1,"name":"\\ud800"}',
    '{"seed":-0}',
    '',
    'null',
  ),
  scenarioDocument.map(({ version: _, ...rest }) => JSON.stringify(rest)),
);

/** A good link with random damage: characters replaced, deleted, inserted, or cut. */
const damagedLink = fc
  .tuple(
    scenarioDocument,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('replace', 'delete', 'insert', 'cut'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  )
  .map(([doc, edits]) => ({ doc, edits }));

describe('fuzz: links', () => {
  it(
    'every hostile, random or damaged link gives a scenario or messages',
    async () => {
      const tally: Tally = { tried: 0, opened: 0, refused: 0 };
      let damagedSilently = 0;
      const link = fc.oneof(
        fc.string({ maxLength: 120 }).map((text) => ({ kind: 'text' as const, text })),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
        hostileJson.map((json) => ({ kind: 'json' as const, json })),
        damagedLink.map((damage) => ({ kind: 'damaged' as const, ...damage })),
      );
      await fc.assert(
        fc.asyncProperty(link, fc.boolean(), async (input, checked) => {
          let payload: string;
          let original: string | null = null;
          if (input.kind === 'text') payload = input.text;
          else if (input.kind === 'bytes') {
            const data = toBase64Url(input.bytes);
            payload = checked ? checkedPayload(1, data) : `1.${data}`;
          } else if (input.kind === 'json') {
            const data = await deflate(input.json);
            payload = checked ? checkedPayload(1, data) : `1.${data}`;
          } else {
            const valid = validateScenario(input.doc);
            if (!valid.ok) throw new Error('the generator made an invalid scenario');
            const encoded = await encodeScenario(valid.scenario);
            if (!encoded.ok) return; // too large for a link: nothing to damage
            original = JSON.stringify(valid.scenario);
            payload = encoded.payload;
            for (const [at, how, c] of input.edits) {
              const i = at % (payload.length + 1);
              payload =
                how === 'replace'
                  ? payload.slice(0, i) + c + payload.slice(i + 1)
                  : how === 'delete'
                    ? payload.slice(0, i) + payload.slice(i + 1)
                    : how === 'insert'
                      ? payload.slice(0, i) + c + payload.slice(i)
                      : payload.slice(0, i);
            }
          }
          const result = await decodeScenario(payload);
          judge(result, tally);
          // A damaged checked link never opens as another scenario without a word.
          if (
            original !== null &&
            result.ok &&
            JSON.stringify(result.scenario) !== original &&
            !result.notes?.length
          )
            damagedSilently++;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(
        `fuzz links (seed ${SEED}): ${tally.tried} tried, ${tally.opened} opened, ${tally.refused} refused with a message; damaged links opened as another scenario silently: ${damagedSilently}`,
      );
      expect(tally.tried).toBe(RUNS);
      expect(damagedSilently).toBe(0);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    },
    scaled(600_000),
  );
});

describe('fuzz: scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), HOOK_TIMEOUT_MS);

  it(
    'every file (any bytes, any encoding, hostile JSON) gives a scenario or messages, in the app and on the command line',
    async () => {
      const tally: Tally = { tried: 0, opened: 0, refused: 0 };
      let cliTexts = 0;
      let cliErrors = 0;
      const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        hostileJson.map((t) => new TextEncoder().encode(t)),
        scenarioDocument.map((d) => new TextEncoder().encode(JSON.stringify(d))),
      );
      await fc.assert(
        fc.asyncProperty(bom, body, async (mark, bytes) => {
          const all = new Uint8Array([...mark, ...bytes]);
          judge(await readScenarioFile(new File([all], 'fuzz.json')), tally);
          // The command line's reader: text, or an Error with a message; never another throw.
          const path = join(dir, 'f.json');
          writeFileSync(path, all);
          try {
            expect(typeof readInputText(path, { maxBytes: MAX_SCENARIO_FILE_BYTES })).toBe('string');
            cliTexts++;
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message.length).toBeGreaterThan(0);
            cliErrors++;
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(
        `fuzz files (seed ${SEED}): ${tally.tried} tried in the app's loader (${tally.opened} opened, ${tally.refused} refused); command-line reader: ${cliTexts} read, ${cliErrors} refused`,
      );
      expect(tally.tried).toBe(RUNS);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    },
    scaled(600_000),
  );
});

describe('fuzz: the command line', () => {
  it(
    'every argument list ends with a status and a message, never an exception',
    async () => {
      const files: Record<string, string> = {
        'good.json': JSON.stringify({ version: 1, months: 1, resolution: 1000 }),
        'bad.json': '{"version":1,"months":-1}',
        'junk.json': '\u0000\uffff{{{',
      };
      const value = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          '0',
          '-1',
          '1',
          '1.5',
          '1e3',
          'NaN',
          '99999999999999999999',
          '',
          ' ',
          '10000',
          '2/0',
          '0/0',
        ),
      );
      const option = fc.oneof(
        fc.tuple(
          fc.constantFrom(
            '--months',
            '-m',
            '--seed',
            '--resolution',
            '-r',
            '--workers',
            '-w',
            '--format',
            '-f',
            '--runs',
            '--shard',
            '--reduce',
            '--out',
            '--range',
            '--sweep',
          ),
          value,
        ),
        fc.tuple(
          fc.constantFrom('--scenario', '-s'),
          fc.constantFrom('good.json', 'bad.json', 'junk.json', 'missing.json', 'status-quo', 'club', ''),
        ),
        fc.tuple(
          fc.constantFrom('--flows', '--no-baseline', '--help', '--merge', '--bogus', '-x', 'positional'),
        ),
      );
      const statuses = new Map<number, number>();
      // Each case that parses may run the engine (1 month, 1,000 agents: tens of ms), so the
      // command line gets a tenth of the cases.
      const runs = Math.max(50, Math.round(RUNS / 10));
      await fc.assert(
        fc.asyncProperty(fc.array(option, { maxLength: 5 }), async (options) => {
          const args = options.flat();
          // Keep any run small and the output in memory.
          const bounded = [...args, '--months', '1', '--resolution', '1000', '--no-baseline'];
          let stdout = '';
          let stderr = '';
          const io: SimIo = {
            stdout: (t) => {
              stdout += t;
            },
            stderr: (t) => {
              stderr += t;
            },
            readFile: (path) => {
              if (!Object.hasOwn(files, path)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
              return files[path];
            },
            writeFile: () => undefined,
          };
          const status = await runSimCli(bounded, io, { maxWorkers: 2 });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect([0, 1, 2]).toContain(status);
          if (status !== 0) expect(stderr).toMatch(/^(error|note): /);
          else expect(stdout.length).toBeGreaterThan(0);
        }),
        { seed: SEED, numRuns: runs },
      );
      console.log(
        `fuzz command line (seed ${SEED}): ${runs} argument lists tried; exit status 0: ${statuses.get(0) ?? 0}, 1: ${statuses.get(1) ?? 0}, 2: ${statuses.get(2) ?? 0}`,
      );
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(runs);
    },
    scaled(600_000),
  );
});
