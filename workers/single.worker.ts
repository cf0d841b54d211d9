/**
 * Module worker of the temporary single-worker engine client (src/ui/singleWorkerClient.ts):
 * the whole simulation of the calibrated world in this thread. Each month is posted as a
 * MonthSlice with its buffers transferred; between months the loop yields so a pause request
 * is seen at once.
 */
import { calibratedWorld } from '../src/data/world.ts';
import { type MonthSlice, SERIES } from '../src/engine/results.ts';
import { createSimulation, type Simulation } from '../src/engine/simulation.ts';
import type { SingleWorkerReply, SingleWorkerRequest } from '../src/ui/singleWorkerClient.ts';

interface WorkerScope {
  postMessage(message: SingleWorkerReply, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<SingleWorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let simulation: Simulation | null = null;
let paused = false;
/** Bumped by every load, so a loop of a previous load stops. */
let generation = 0;

function buffersOf(slice: MonthSlice): Transferable[] {
  return [
    slice.series.price.buffer,
    slice.stockpileTonnes.buffer,
    slice.flowKeys.buffer,
    slice.flowTonnes.buffer,
  ];
}

/**
 * One month as a slice that owns its buffers (the simulation keeps its own arrays). All series
 * are views into one buffer: one transfer per month instead of twenty, which keeps the page's
 * message handling short while the engine runs flat out.
 */
function stepOnce(sim: Simulation): MonthSlice {
  sim.step();
  const month = sim.month - 1;
  const { goods, nodes } = sim.results.meta;
  const stride = goods.length * nodes.length;
  const all = new Float64Array(SERIES.length * stride);
  const series = {} as MonthSlice['series'];
  SERIES.forEach((name, i) => {
    all.set(sim.results.series[name].subarray(month * stride, (month + 1) * stride), i * stride);
    series[name] = all.subarray(i * stride, (i + 1) * stride);
  });
  const s = sim.results.meta.stockpiles.length;
  return {
    month,
    series,
    stockpileTonnes: sim.results.stockpileTonnes.slice(month * s, (month + 1) * s),
    conservationError: sim.results.conservationError[month],
    flowKeys: sim.results.flowKeys[month].slice(),
    flowTonnes: sim.results.flowTonnes[month].slice(),
  };
}

/** Lets queued messages (pause, load) run before the next month. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

async function run(id: number) {
  const sim = simulation;
  if (!sim) throw new Error('no scenario loaded');
  const mine = generation;
  paused = false;
  const months = sim.results.meta.months;
  while (sim.month < months) {
    if (paused || mine !== generation) {
      scope.postMessage({ kind: 'ran', id, outcome: 'paused' });
      return;
    }
    const slice = stepOnce(sim);
    scope.postMessage({ kind: 'month', slice }, buffersOf(slice));
    await yieldToMessages();
  }
  scope.postMessage({ kind: 'ran', id, outcome: 'done' });
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'pause') {
    paused = true;
    return;
  }
  try {
    if (request.kind === 'load') {
      generation++;
      paused = true;
      const sim = createSimulation(calibratedWorld(), request.scenario);
      simulation = sim;
      scope.postMessage({
        kind: 'loaded',
        id: request.id,
        info: {
          meta: sim.results.meta,
          agentCount: sim.agentCount,
          workers: 1,
          sharedMemory: false,
        },
      });
    } else if (request.kind === 'step') {
      if (!simulation) throw new Error('no scenario loaded');
      const slice = stepOnce(simulation);
      scope.postMessage({ kind: 'stepped', id: request.id, slice }, buffersOf(slice));
    } else if (request.kind === 'run') {
      run(request.id).catch((error: unknown) =>
        scope.postMessage({ kind: 'failed', id: request.id, message: String(error) }),
      );
    }
  } catch (error) {
    scope.postMessage({ kind: 'failed', id: request.id, message: (error as Error).message ?? String(error) });
  }
};
