import { h } from '../core/dom.ts';

/** Rows of plain values as a table with column headers; objects shown as JSON, absent as —. */
export const dataTable = (rows: Record<string, unknown>[], columns: string[]): HTMLElement =>
  h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', { scope: 'col' }, column)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h('tr', {}, ...columns.map((column) => h('td', {}, formatCell(row[column])))),
      ),
    ),
  );

const formatCell = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
