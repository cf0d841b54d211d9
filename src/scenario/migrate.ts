/**
 * Scenario schema versions and the migrations between them.
 *
 * Every scenario document names the schema version it was written for (`version`; a link
 * carries it in its prefix). A document of an older version is upgraded one step at a time
 * (v1 → v2 → ...) by the migrations below before it is validated, so links, files and the
 * command line all read old scenarios the same way. A newer version than this build knows is
 * refused with a message that says so: guessing at a future format could run the wrong
 * scenario, which is worse than not running it.
 *
 * Policy (docs/links.md): any change to the schema that changes what an existing document
 * means — a renamed or removed field, a new meaning, or a changed DEFAULT (links leave defaults
 * out, so a new default would silently change old links) — bumps SCENARIO_VERSION and adds a
 * migration from the previous version here. A migration works on the document as written (its
 * defaults may be left out), must not modify its input, and fills in explicitly any old default
 * that the new version changes. It may refuse a document it cannot express in the new version:
 * it then returns a reason, which the user sees.
 */
import { SCENARIO_VERSION } from './schema.ts';

export type ScenarioDocument = Record<string, unknown>;

export type MigrationStep = { ok: true; doc: ScenarioDocument } | { ok: false; reason: string };

export interface Migration {
  /** Migrates a document of version `from` to version `from + 1`. */
  from: number;
  /** What changed, for the note shown when an old scenario is opened. */
  summary: string;
  migrate(doc: ScenarioDocument): MigrationStep;
}

/**
 * The migrations of the published schema versions. Version 1 is the first published schema,
 * so there is nothing to migrate yet; the test suite exercises the machinery with a v0 → v1
 * migration of its own.
 */
export const MIGRATIONS: readonly Migration[] = [];

export type Migrated = { ok: true; doc: ScenarioDocument; notes: string[] } | { ok: false; errors: string[] };

export interface MigrationOptions {
  migrations?: readonly Migration[];
  /** The version this build reads and writes. */
  current?: number;
}

/** The oldest version that can be migrated to `current` with `migrations`. */
export function oldestReadableVersion(
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): number {
  let oldest = current;
  while (migrations.some((m) => m.from === oldest - 1)) oldest--;
  return oldest;
}

function describeVersion(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 20 ? `${value.slice(0, 17)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * Checks a document's `version` and upgrades it to the current version. Never throws: a
 * missing or strange version, a version from the future, a version too old to read and a
 * migration that fails all come back as messages naming the field, the value and what is
 * allowed.
 */
export function migrateScenario(doc: ScenarioDocument, options: MigrationOptions = {}): Migrated {
  const migrations = options.migrations ?? MIGRATIONS;
  const current = options.current ?? SCENARIO_VERSION;
  const oldest = oldestReadableVersion(migrations, current);
  const readable = oldest === current ? `${current}` : `${oldest} to ${current}`;
  const version = Object.hasOwn(doc, 'version') ? doc.version : undefined;
  if (version === undefined) {
    return {
      ok: false,
      errors: [
        `version: missing; every scenario names the schema version it was written for, and this simulator reads version ${readable} (got nothing)`,
      ],
    };
  }
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return {
      ok: false,
      errors: [
        `version: must be a whole number, the schema version; this simulator reads version ${readable} (got ${describeVersion(version)})`,
      ],
    };
  }
  if (version > current) {
    return {
      ok: false,
      errors: [
        `version: this scenario was made by a newer version of the simulator (schema version ${version}); this version reads schema version ${readable}. Open it with the newer simulator, or ask for a file saved with schema version ${current} (got ${version})`,
      ],
    };
  }
  if (version < oldest) {
    return {
      ok: false,
      errors: [
        `version: this scenario uses schema version ${version}, from an older simulator; this version reads schema version ${readable} and has no upgrade from version ${version} (got ${version})`,
      ],
    };
  }
  let here = doc;
  const notes: string[] = [];
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v)!;
    let result: MigrationStep;
    try {
      result = step.migrate(here);
    } catch (error) {
      result = { ok: false, reason: `the upgrade failed (${(error as Error)?.message ?? String(error)})` };
    }
    if (!result.ok) {
      return {
        ok: false,
        errors: [
          `version: this scenario uses schema version ${version} and cannot be upgraded to version ${v + 1}: ${result.reason}`,
        ],
      };
    }
    here = { ...result.doc, version: v + 1 };
    notes.push(`Upgraded from schema version ${v} to ${v + 1}: ${step.summary}`);
  }
  return { ok: true, doc: here, notes };
}
