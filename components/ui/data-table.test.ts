import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataColumn } from "./data-table";

interface Ban {
  id: string;
  identifier: string;
}

const columns: Array<DataColumn<Ban>> = [
  { header: "Identifier", cell: (ban) => ban.identifier },
  { header: createElement("a", { href: "?sort=hits" }, "Hits"), cell: () => "3" },
  { header: "Actions", srOnly: true, cell: () => createElement("button", { type: "button" }, "Deactivate") },
];

function render(phoneCards: boolean) {
  return renderToStaticMarkup(
    createElement(DataTable<Ban>, {
      label: "Bans",
      columns,
      empty: "None",
      rows: [{ id: "1", identifier: "+447700900003" }],
      rowKey: (ban) => ban.id,
      phoneCards,
    }),
  );
}

describe("DataTable phone cards", () => {
  it("labels a cell on a card with its column's header when that is plain text on screen", () => {
    const html = render(true);
    expect(html).toContain('data-label="Identifier"');
    // A header that is an element (a sort link) or read to screen readers only gives no label: the
    // cell spans the card (the row's title, its buttons).
    expect(html.match(/data-label=/g)).toHaveLength(1);
  });

  it("turns the rows into cards below sm only, and only when asked", () => {
    expect(render(true)).toContain("max-sm:block");
    const table = render(false);
    expect(table).not.toContain("max-sm:");
    expect(table).not.toContain("data-label");
  });
});
