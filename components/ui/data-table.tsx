// The one table shell of the app's lists (settings, Live Chat Blacklist, Spam Manager, campaigns): a
// bordered box, a header row from typed columns, one full-width row for the empty state, and rows — given
// as data with a cell per column, or as row components (<tr>) that render their own cells (rows with
// inline edit controls). On narrow screens the table scrolls sideways inside its box, never the page; a
// column may also step out below a width (`hideBelow`, its cells use `cellVisibility`). The box is a
// focusable region, so keyboard users can scroll it too. Server- and client-safe.
import type { ReactNode } from "react";

export type HideBelow = "sm" | "md" | "lg" | "xl";

// Literal class names, so Tailwind sees them.
const VISIBILITY: Record<HideBelow, string> = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
  xl: "hidden xl:table-cell",
};

/** A column's own horizontal padding (px-, pl-, pr- in its classes) replaces the table's. */
const ownPadding = (classes: string | undefined) => /(^|\s)(px|pl|pr)-/.test(classes ?? "");

/** A header or body cell's classes: the table's padding unless the column brings its own, then its own. */
function cellClasses(own: string | undefined, padX: string, padY: string, hideBelow: HideBelow | undefined): string {
  return `${ownPadding(own) ? "" : padX} ${padY} ${cellVisibility(hideBelow)} ${own ?? ""}`;
}

/** The classes that hide a cell below a width, as its column does (for rows that render their own cells). */
export function cellVisibility(hideBelow: HideBelow | undefined): string {
  return hideBelow ? VISIBILITY[hideBelow] : "";
}

export interface DataColumn<Row = never> {
  /** The header; for a column of buttons, a name read to screen readers only (`srOnly`). */
  header: ReactNode;
  srOnly?: boolean;
  hideBelow?: HideBelow;
  /** Extra classes on the header cell (a minimum width, alignment). */
  className?: string;
  /** With `rows`: the column's cell for one row, and its classes. */
  cell?: (row: Row) => ReactNode;
  cellClassName?: string;
}

interface DataTableBase<Row> {
  /** What the table lists, for screen readers (the scroll region's name). */
  label: string;
  columns: Array<DataColumn<Row>>;
  /** Shown in one full-width row when there are no rows; null shows nothing. */
  empty: ReactNode;
  testId?: string;
  /** Classes of the box (e.g. "hidden md:block" where phones get another view). */
  className?: string;
  /** A table wider than a phone on purpose (many columns): e.g. "min-w-[1100px]"; it scrolls in its box. */
  minWidthClass?: string;
  /** Tighter cells, for tables of many columns. */
  dense?: boolean;
}

type DataTableProps<Row> = DataTableBase<Row> &
  (
    | { rows: Row[]; rowKey: (row: Row) => string; rowProps?: (row: Row) => Record<string, string | undefined> }
    | { rowCount: number; children: ReactNode }
  );

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { label, columns, empty, testId, className = "", minWidthClass = "", dense = false } = props;
  const count = "rows" in props ? props.rows.length : props.rowCount;
  const padX = dense ? "px-3" : "px-4";
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard
      tabIndex={0}
      className={[
        "relative overflow-x-auto rounded-lg border border-slate-200 bg-white",
        "focus-visible:outline-2 focus-visible:outline-brand-600",
        className,
      ].join(" ")}
    >
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${minWidthClass}`} data-testid={testId}>
        <thead
          className={[
            "whitespace-nowrap bg-slate-50 text-left text-xs font-medium uppercase tracking-wide",
            "text-slate-500",
          ].join(" ")}
        >
          <tr>
            {columns.map((column, index) => (
              <th
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                key={index}
                scope="col"
                className={cellClasses(column.className, padX, "py-2", column.hideBelow)}
              >
                {column.srOnly ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {count === 0 && empty !== null && (
            <tr>
              <td colSpan={columns.length} className={`${padX} py-10 text-center text-slate-500`}>
                {empty}
              </td>
            </tr>
          )}
          {"rows" in props
            ? props.rows.map((row) => (
                <tr key={props.rowKey(row)} className="align-top" {...props.rowProps?.(row)}>
                  {columns.map((column, index) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                      key={index}
                      className={cellClasses(column.cellClassName, padX, "py-3", column.hideBelow)}
                    >
                      {column.cell?.(row)}
                    </td>
                  ))}
                </tr>
              ))
            : props.children}
        </tbody>
      </table>
    </section>
  );
}
