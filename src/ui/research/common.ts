/**
 * Shared pieces of the research tabs: tables from rows of text, and the run / cancel / progress
 * controls of a job that runs in workers.
 */

import { button, el, setText } from '../../present/dom.ts';
import { isCancelled } from '../../research/taskPool.ts';

export type Cell =
  | string
  | { text: string; className?: string; header?: boolean; attrs?: Record<string, string> };

/** A table with one or more header rows and a body; every text goes in as textContent. */
export function dataTable(
  head: readonly (readonly Cell[])[],
  body: readonly (readonly Cell[])[],
  options: { className?: string; id?: string; caption?: string; foot?: readonly (readonly Cell[])[] } = {},
): HTMLTableElement {
  const table = el('table', { className: `data-table ${options.className ?? ''}`.trim() });
  if (options.id) table.id = options.id;
  if (options.caption) table.append(el('caption', { text: options.caption }));
  const row = (cells: readonly Cell[], tag: 'td' | 'th') => {
    const tr = el('tr');
    cells.forEach((cell, i) => {
      const c = typeof cell === 'string' ? { text: cell } : cell;
      const cellTag = c.header || tag === 'th' || i === 0 ? 'th' : 'td';
      const td = el(cellTag, { text: c.text, className: c.className, attrs: c.attrs });
      if (cellTag === 'th') td.setAttribute('scope', tag === 'th' ? 'col' : 'row');
      tr.append(td);
    });
    return tr;
  };
  const thead = el('thead');
  for (const cells of head) thead.append(row(cells, 'th'));
  const tbody = el('tbody');
  for (const cells of body) tbody.append(row(cells, 'td'));
  table.append(thead, tbody);
  if (options.foot?.length) {
    const tfoot = el('tfoot');
    for (const cells of options.foot) tfoot.append(row(cells, 'td'));
    table.append(tfoot);
  }
  return table;
}

export interface JobControls {
  readonly element: HTMLElement;
  readonly run: HTMLButtonElement;
  readonly cancel: HTMLButtonElement;
  readonly message: HTMLElement;
  /** A job started: Run off, Cancel on, the bar at 0 of `total`. */
  started(total: number, unit: string): void;
  progress(done: number, total: number, unit: string): void;
  /** The job ended (done, cancelled or failed): Run on, Cancel off, a line of status. */
  ended(status: string): void;
  showError(title: string, detail?: string): void;
  clearMessage(): void;
}

/** Run and Cancel buttons, a progress bar with "k of N runs done", and a message area. */
export function jobControls(
  prefix: string,
  runLabel: string,
  onRun: () => void,
  onCancel: () => void,
): JobControls {
  const run = button(runLabel, onRun, 'primary');
  run.id = `${prefix}-run`;
  const cancel = button('Cancel', onCancel);
  cancel.id = `${prefix}-cancel`;
  cancel.disabled = true;
  const bar = el('progress', { attrs: { id: `${prefix}-progress`, max: '1', value: '0' } });
  const text = el('span', {
    className: 'job-progress-text',
    attrs: { id: `${prefix}-progress-text`, role: 'status', 'aria-live': 'polite' },
  });
  const label = el('label', { text: 'Progress', className: 'visually-hidden', attrs: { for: bar.id } });
  const message = el('div', { className: 'job-message', attrs: { id: `${prefix}-message` } });
  message.hidden = true;
  const element = el('div', { className: 'job-controls' }, [
    el('div', { className: 'job-row' }, [run, cancel, label, bar, text]),
    message,
  ]);
  const clearMessage = () => {
    message.hidden = true;
    message.replaceChildren();
    message.removeAttribute('role');
  };
  return {
    element,
    run,
    cancel,
    message,
    started(total, unit) {
      run.disabled = true;
      cancel.disabled = false;
      bar.max = Math.max(1, total);
      bar.value = 0;
      setText(text, `0 of ${total} ${unit} done`);
      clearMessage();
    },
    progress(done, total, unit) {
      bar.value = done;
      setText(text, `${done} of ${total} ${unit} done`);
    },
    ended(status) {
      run.disabled = false;
      cancel.disabled = true;
      setText(text, status);
    },
    showError(title, detail) {
      message.replaceChildren(
        el('p', { className: 'job-message-title', text: title }),
        ...(detail ? [el('p', { text: detail })] : []),
      );
      message.setAttribute('role', 'alert');
      message.hidden = false;
    },
    clearMessage,
  };
}

/** The state every pooled research job (an ensemble, a sweep) keeps. */
export interface PooledJob {
  done: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  pool: { cancel(): void; dispose(): void };
}

/**
 * Runs a job's work on its pool and reports the ending on `controls`: done, cancelled (the
 * Cancel button terminated the pool) or failed (an error, shown with its message). The pool is
 * disposed at the end. `what` names the job in messages ("ensemble", "sweep"); `unit` its items.
 */
export async function runPooledJob(
  job: PooledJob,
  controls: JobControls,
  what: string,
  total: number,
  unit: string,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
    job.state = 'done';
    controls.ended(`${total} ${unit} done`);
  } catch (error) {
    if (isCancelled(error)) {
      job.state = 'cancelled';
      controls.ended(`Cancelled after ${job.done} of ${total} ${unit}`);
    } else {
      job.state = 'failed';
      job.pool.cancel();
      controls.ended(`Stopped after ${job.done} of ${total} ${unit}`);
      controls.showError(`The ${what} stopped.`, (error as Error).message);
    }
  } finally {
    job.pool.dispose();
  }
}
