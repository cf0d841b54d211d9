/** The scenario schema bound to the project's own nodes and minerals. */
import { MINERALS } from '../data/minerals';
import { NODES } from '../data/nodes';
import { buildScenarioSchema, type Catalog } from './schema.ts';

export const CATALOG: Catalog = {
  nodes: NODES.map((n) => ({ code: n.code, euMember: n.euMember })),
  minerals: MINERALS.map((m) => ({ id: m.id, stages: m.stages.map((s) => ({ id: s.id })) })),
};

export const scenarioSchema = buildScenarioSchema(CATALOG);
