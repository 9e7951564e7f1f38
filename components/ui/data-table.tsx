// The one table shell of the app's lists (settings, Live Chat Blacklist, Spam Manager, campaigns): a
// bordered box, a header row from typed columns, one full-width row for the empty state, and rows — given
// as data with a cell per column, or as row components (<tr>) that render their own cells (rows with
// inline edit controls). On narrow screens the table scrolls sideways inside its box, never the page; a
// column may also step out below a width (`hideBelow`, its cells use `cellVisibility`). The box is a
// focusable region, so keyboard users can scroll it too. A table whose rows carry actions can instead
// turn each row into a card on phones (`phoneCards`): its cells stacked in their order (so the tab order
// stays the row's), each cell with a `data-label` (its column's name) labelled beside its value, cells
// without one (the row's title, its buttons) across the card. Server- and client-safe.
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

/**
 * Phones (below sm), `phoneCards`: the table, its body and rows become blocks, the header row stays for
 * screen readers only, and a labelled cell's label floats in a gutter on its left (a float, so a label of
 * two lines makes its cell taller rather than running into the next one). Descendant selectors, because
 * rows given as components render their own <tr> and <td>. Literal class names, so Tailwind sees them.
 */
const PHONE_CARDS = {
  table: "max-sm:block max-sm:min-w-0",
  head: "max-sm:sr-only",
  body: [
    "max-sm:block",
    "max-sm:[&>tr]:flex max-sm:[&>tr]:flex-col max-sm:[&>tr]:gap-2 max-sm:[&>tr]:px-4 max-sm:[&>tr]:py-3",
    "max-sm:[&>tr>td]:p-0 max-sm:[&>tr>td]:min-w-0 max-sm:[&>tr>td]:max-w-none max-sm:[&>tr>td]:wrap-break-word",
    "max-sm:[&>tr>td[data-label]]:pl-28 max-sm:[&>tr>td[data-label]]:text-left",
    "max-sm:[&>tr>td[data-label]]:before:float-left max-sm:[&>tr>td[data-label]]:before:-ml-28",
    "max-sm:[&>tr>td[data-label]]:before:w-24 max-sm:[&>tr>td[data-label]]:before:content-[attr(data-label)]",
    "max-sm:[&>tr>td[data-label]]:before:text-xs max-sm:[&>tr>td[data-label]]:before:leading-5",
    "max-sm:[&>tr>td[data-label]]:before:font-medium max-sm:[&>tr>td[data-label]]:before:text-slate-500",
    "max-sm:[&>tr>td[data-label]]:before:whitespace-normal",
  ].join(" "),
};

/** A column's label on a phone card: its header when that is plain text read on screen. */
function cardLabel(column: Pick<DataColumn, "header" | "srOnly">): string | undefined {
  return typeof column.header === "string" && !column.srOnly ? column.header : undefined;
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
  /** On phones each row is a card instead of a line of a sideways-scrolling table (see PHONE_CARDS). */
  phoneCards?: boolean;
}

type DataTableProps<Row> = DataTableBase<Row> &
  (
    | { rows: Row[]; rowKey: (row: Row) => string; rowProps?: (row: Row) => Record<string, string | undefined> }
    | { rowCount: number; children: ReactNode }
  );

export function DataTable<Row>(props: DataTableProps<Row>) {
  const {
    label,
    columns,
    empty,
    testId,
    className = "",
    minWidthClass = "",
    dense = false,
    phoneCards = false,
  } = props;
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
      <table
        className={[
          "min-w-full divide-y divide-slate-200 text-sm",
          minWidthClass,
          phoneCards ? PHONE_CARDS.table : "",
        ].join(" ")}
        data-testid={testId}
      >
        <thead
          className={[
            "whitespace-nowrap bg-slate-50 text-left text-xs font-medium uppercase tracking-wide",
            "text-slate-500",
            phoneCards ? PHONE_CARDS.head : "",
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
        <tbody className={`divide-y divide-slate-100 ${phoneCards ? PHONE_CARDS.body : ""}`}>
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
                      data-label={phoneCards ? cardLabel(column) : undefined}
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
