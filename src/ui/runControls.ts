/**
 * Run controls: run/pause, step one month, reset, speed (months per second, or as fast as the
 * engine goes), a progress bar with months done and time left, same seed or a new seed for
 * each run, the number of workers, and whether edits re-run at once.
 */
import type { RunResults } from '../engine/results.ts';
import { button, el, selectBox, setAttr, setText } from '../present/dom.ts';
import { count, duration, whole } from '../present/format.ts';
import type { RunSession } from './runSession.ts';
import type { AppState, Store } from './store.ts';

export interface RunControls {
  update(state: AppState): void;
}

export const SPEEDS: readonly { value: number; label: string }[] = [
  { value: 1, label: '1 month/s' },
  { value: 3, label: '3 months/s' },
  { value: 6, label: '6 months/s' },
  { value: 12, label: '12 months/s' },
  { value: 24, label: '24 months/s' },
  { value: 60, label: '60 months/s' },
  { value: Number.POSITIVE_INFINITY, label: 'max' },
];

export const WORKER_CHOICES = [1, 2, 4, 8] as const;

/**
 * A short fingerprint of a run's numbers (prices, production, consumption, stocks, flows): two
 * runs with the same digest gave the same results. Position-weighted sums in a fixed order, so
 * equal runs give equal digests and a change anywhere changes it. Tests read it to see that an
 * edit reached the engine.
 */
export function resultsDigest(results: RunResults): string {
  const stride = results.meta.goods.length * results.meta.nodes.length;
  const months = results.monthsDone;
  const sums: number[] = [];
  for (const name of ['price', 'production', 'consumption', 'stocks'] as const) {
    const values = results.series[name];
    let sum = 0;
    let weight = 1;
    for (let i = 0, n = months * stride; i < n; i++) {
      sum += values[i] * weight;
      weight = weight === 997 ? 1 : weight + 1;
    }
    sums.push(sum);
  }
  let flows = 0;
  for (let m = 0; m < months; m++) {
    const t = results.flowTonnes[m];
    const k = results.flowKeys[m];
    if (t) for (let f = 0; f < t.length; f++) flows += t[f] * ((k[f] % 991) + 1);
  }
  sums.push(flows);
  return `${sums.map((x) => x.toPrecision(15)).join('/')}-${months}`;
}

export function createRunControls(container: HTMLElement, store: Store, session: RunSession): RunControls {
  container.classList.add('run-controls');
  container.setAttribute('role', 'toolbar');
  container.setAttribute('aria-label', 'Run controls');

  const runButton = button(
    '▶ Run',
    () => {
      if (store.state.run.status === 'running') session.pause();
      else void session.start();
    },
    'primary run-toggle',
  );
  runButton.id = 'run-toggle';
  const stepButton = button('Step 1 month', () => void session.step());
  stepButton.id = 'run-step';
  const resetButton = button('Reset', () => session.reset());
  resetButton.id = 'run-reset';

  const speed = selectBox(
    SPEEDS.map((s) => ({ value: String(s.value), label: s.label })),
    String(store.state.run.speed),
    { id: 'run-speed' },
  );
  speed.addEventListener('change', () => {
    const value = Number(speed.value);
    store.update((s) => {
      s.run.speed = value;
    });
  });

  const progress = el('progress', { attrs: { id: 'run-progress', max: '1', value: '0' } });
  const progressText = el('span', { className: 'run-progress-text', attrs: { id: 'run-progress-text' } });

  const seedMode = selectBox(
    [
      { value: 'same', label: 'same' },
      { value: 'new', label: 'new each run' },
    ],
    store.state.run.seedMode,
    { id: 'run-seed-mode' },
  );
  seedMode.addEventListener('change', () =>
    store.update((s) => {
      s.run.seedMode = seedMode.value === 'new' ? 'new' : 'same';
    }),
  );
  const seedValue = el('span', { className: 'run-seed', attrs: { id: 'run-seed' } });

  const workers = selectBox(
    WORKER_CHOICES.map((n) => ({ value: String(n), label: String(n) })),
    String(store.state.run.workers),
    { id: 'run-workers' },
  );
  workers.addEventListener('change', () =>
    store.update((s) => {
      s.run.workers = Number(workers.value);
    }),
  );
  const workersUsed = el('span', { className: 'hint', attrs: { id: 'run-workers-used' } });

  const autoRun = el('input', { attrs: { type: 'checkbox', id: 'run-auto' } });
  autoRun.checked = store.state.run.autoRun;
  autoRun.addEventListener('change', () =>
    store.update((s) => {
      s.run.autoRun = autoRun.checked;
    }),
  );

  const status = el('span', { className: 'run-status', attrs: { id: 'run-status', 'aria-live': 'polite' } });

  const group = (label: string, forId: string, ...controls: HTMLElement[]) =>
    el('span', { className: 'run-group' }, [
      el('label', { text: label, attrs: { for: forId } }),
      ...controls,
    ]);

  container.append(
    el('span', { className: 'run-group run-buttons' }, [runButton, stepButton, resetButton]),
    group('Speed', 'run-speed', speed),
    el('span', { className: 'run-group run-progress' }, [
      el('label', { text: 'Progress', attrs: { for: 'run-progress' }, className: 'visually-hidden' }),
      progress,
      progressText,
    ]),
    group('Seed', 'run-seed-mode', seedMode, seedValue),
    group('Workers', 'run-workers', workers, workersUsed),
    el('span', { className: 'run-group' }, [
      autoRun,
      el('label', { text: 'Re-run on edit', attrs: { for: 'run-auto' } }),
    ]),
    status,
  );

  let digestOf: RunResults | null = null;
  let digestMonths = -1;
  return {
    update(state) {
      const run = state.run;
      const running = run.status === 'running' || run.status === 'loading';
      // Written only when they change: a form control rewritten in every frame of a run also
      // sets the browser's form handling (autofill) to work each time.
      setText(
        runButton,
        run.status === 'running'
          ? '❚❚ Pause'
          : run.status === 'paused' && run.monthsDone > 0 && !state.resultsStale
            ? '▶ Resume'
            : '▶ Run',
      );
      setAttr(runButton, 'aria-pressed', String(run.status === 'running'));
      const stepOff = running || run.status === 'done';
      if (stepButton.disabled !== stepOff) stepButton.disabled = stepOff;
      if (progress.max !== Math.max(1, run.months)) progress.max = Math.max(1, run.months);
      if (progress.value !== run.monthsDone) progress.value = run.monthsDone;
      const rate = run.runningMs > 0 ? run.monthsDone / (run.runningMs / 1000) : 0;
      const effective = Math.min(rate || run.speed, run.speed);
      const left = run.months - run.monthsDone;
      const timeLeft =
        run.status === 'running' && effective > 0 && Number.isFinite(effective) && left > 0
          ? ` · about ${duration(left / effective)} left`
          : '';
      setText(progressText, `${run.monthsDone} / ${count(run.months, 'month')}${timeLeft}`);
      setText(seedValue, String(state.scenario.seed));
      setText(
        workersUsed,
        run.workersUsed === null
          ? ''
          : `(${run.workersUsed} in use${run.sharedMemory ? ', shared memory' : ''})`,
      );
      const agents = run.agentCount ? ` · ${whole(run.agentCount)} agents` : '';
      setText(status, `${run.message}${run.status === 'idle' ? '' : agents}`);
      setAttr(status, 'data-status', run.status);
      setAttr(status, 'data-run', String(run.runId));
      setAttr(status, 'data-address', run.addressRead ? 'read' : 'reading');
      if (run.status === 'done' && state.results) {
        const results = state.results;
        if (digestOf !== results || digestMonths !== results.monthsDone) {
          digestOf = results;
          digestMonths = results.monthsDone;
          // Out of the frame: the digest reads every number of the run.
          setTimeout(() => {
            if (digestOf === results && store.state.run.status === 'done')
              status.dataset.digest = resultsDigest(results);
          }, 0);
        }
      } else {
        digestOf = null;
        delete status.dataset.digest;
      }
    },
  };
}
