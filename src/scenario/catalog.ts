/** The scenario schema bound to the project's own nodes and minerals. */
import { MINERALS } from '../data/minerals';
import { NODES } from '../data/nodes';
import { buildScenarioSchema, type Catalog } from './schema.ts';

export const CATALOG: Catalog = {
  nodes: NODES.map((n) => ({ code: n.code, euMember: n.euMember })),
  minerals: MINERALS.map((m) => ({ id: m.id, stages: m.stages.map((s) => ({ id: s.id })) })),
};

let schema: ReturnType<typeof buildScenarioSchema> | null = null;

/**
 * The scenario schema, built at its first use: building it takes a cold page about 40 ms, and a
 * page that opens on the status quo (src/data/generated/statusQuoScenario.ts, validated at build
 * time) needs it only once something is edited or read.
 */
export function scenarioSchema(): ReturnType<typeof buildScenarioSchema> {
  schema ??= buildScenarioSchema(CATALOG);
  return schema;
}
