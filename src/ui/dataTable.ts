/**
 * A sortable table of numbers (the table behind a picture): a header button per column sorts
 * by it (again: the other way), and `aria-sort` says how it is sorted, for screen readers.
 * Cells hold text; numbers sort by the value given beside their text.
 */
import { el } from '../present/dom.ts';

export interface TableColumn {
  label: string;
  /** Numbers align right and sort by value. */
  numeric?: boolean;
}

/** A cell: its text, and for numeric columns the value it sorts by. */
export type TableCell = string | { text: string; value: number };

export interface SortableTable {
  readonly element: HTMLTableElement;
  update(rows: readonly TableCell[][]): void;
}

const textOf = (c: TableCell) => (typeof c === 'string' ? c : c.text);
const sortValue = (c: TableCell) => (typeof c === 'string' ? Number.NaN : c.value);

export function createSortableTable(
  columns: readonly TableColumn[],
  options: { caption: string; id?: string; sortBy?: number; descending?: boolean },
): SortableTable {
  const table = el('table', { className: 'data-table', attrs: options.id ? { id: options.id } : {} });
  const caption = el('caption', { className: 'visually-hidden', text: options.caption });
  const head = el('tr');
  const body = el('tbody');
  table.append(caption, el('thead', {}, [head]), body);
  let sortBy = options.sortBy ?? -1;
  let descending = options.descending ?? true;
  let rows: readonly TableCell[][] = [];
  const headers = columns.map((column, i) => {
    const sort = el('button', { text: column.label, attrs: { type: 'button' } });
    sort.addEventListener('click', () => {
      descending = sortBy === i ? !descending : !!column.numeric;
      sortBy = i;
      draw();
    });
    const th = el('th', { attrs: { scope: 'col' } }, [sort]);
    head.append(th);
    return th;
  });

  function draw() {
    headers.forEach((th, i) => {
      if (i === sortBy) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    const sorted =
      sortBy < 0 ? rows : [...rows].sort((a, b) => compare(a[sortBy], b[sortBy]) * (descending ? -1 : 1));
    body.replaceChildren(
      ...sorted.map((row) =>
        el(
          'tr',
          {},
          row.map((cell, i) =>
            i === 0
              ? el('th', { text: textOf(cell), attrs: { scope: 'row' } })
              : el('td', { text: textOf(cell) }),
          ),
        ),
      ),
    );
  }

  function compare(a: TableCell, b: TableCell): number {
    const x = sortValue(a);
    const y = sortValue(b);
    if (Number.isFinite(x) || Number.isFinite(y)) {
      if (!Number.isFinite(x)) return -1;
      if (!Number.isFinite(y)) return 1;
      return x - y;
    }
    return textOf(a).localeCompare(textOf(b));
  }

  return {
    element: table,
    update(next) {
      rows = next;
      draw();
    },
  };
}
