import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { moderatorOrNull } from "../moderator";
import { AppError } from "@/lib/errors";
import { listActionLog } from "@/lib/spam-manager/action-log";
import { LocalTime } from "../local-time";
import { EmptyState, Pager, StatusPill, withParams } from "../spam-ui";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Actions Log" };

const PATH = "/spam-manager/log";

interface Search {
  status?: string;
  contactId?: string;
  cursor?: string;
}

export default async function ActionLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const db = await getDb();
  const search = await searchParams;
  const status = search.status === "completed" || search.status === "failed" ? search.status : undefined;
  const query = { ...(status ? { status } : {}), ...(search.contactId ? { contactId: search.contactId } : {}) };
  const page = await listActionLog
    .fromUntrusted({
      db,
      actor,
      input: { ...query, ...(search.cursor ? { cursor: search.cursor } : {}) },
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && error.status === 400)
        return listActionLog.fromUntrusted({ db, actor, input: {} });
      throw error;
    });
  const current = { status, contactId: search.contactId, cursor: search.cursor };
  return (
    <section aria-labelledby="log-heading" className="max-w-6xl">
      <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="log-heading" className="text-base font-semibold text-slate-900">
            Actions Log
          </h2>
          <p className="text-xs text-slate-500">Every run of an action, by a moderator or a rule · newest first</p>
        </div>
        <nav aria-label="Filter runs" className="flex gap-1.5 text-sm">
          {([undefined, "completed", "failed"] as const).map((option) => (
            <Link
              key={option ?? "all"}
              href={withParams(PATH, current, { status: option ?? null, cursor: null })}
              aria-current={status === option ? "page" : undefined}
              className={[
                "rounded-full px-3 py-1 font-medium text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-white",
                "aria-[current=page]:bg-slate-900 aria-[current=page]:text-white aria-[current=page]:ring-slate-900",
              ].join(" ")}
            >
              {option === "completed" ? "Completed" : option === "failed" ? "Failed" : "All"}
            </Link>
          ))}
        </nav>
      </div>
      {search.contactId && (
        <p className="mb-3 text-sm text-slate-600">
          Runs on one user.{" "}
          <Link
            href={withParams(PATH, current, { contactId: null, cursor: null })}
            className="font-medium text-brand-600 hover:underline"
          >
            Show every user
          </Link>
        </p>
      )}
      {page.items.length === 0 ? (
        <EmptyState icon="list" title={status || search.contactId ? "No runs match" : "No actions have run yet"}>
          Runs appear here when a moderator runs an action from the Users tab, or a rule runs one on an incoming
          message.
        </EmptyState>
      ) : (
        <DataTable
          label="Action runs"
          columns={[
            { header: "Time", hideBelow: "sm" },
            { header: "Action" },
            { header: "User", hideBelow: "md" },
            { header: "By", hideBelow: "lg" },
            { header: "Result" },
          ]}
          testId="action-log-table"
          rowCount={page.items.length}
          empty={null}
        >
          {page.items.map((entry) => {
            const by = entry.manual ? (entry.actor?.name ?? "Unknown") : `Rule “${entry.rule?.name ?? "deleted rule"}”`;
            return (
              <tr key={entry.id} className="align-top" data-testid="action-log-row">
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 sm:table-cell">
                  <LocalTime iso={entry.createdAt.toISOString()} />
                </td>
                <td className="px-4 py-3">
                  <p className="font-medium text-slate-900">{entry.action.name}</p>
                  <p className="text-xs text-slate-500 md:hidden">
                    <Link
                      href={`/spam-manager/users?u=${encodeURIComponent(entry.contact.id)}`}
                      className="hover:underline"
                    >
                      {entry.contact.name}
                    </Link>{" "}
                    · {by}
                  </p>
                  <p className="text-xs text-slate-500 sm:hidden">
                    <LocalTime iso={entry.createdAt.toISOString()} compact />
                  </p>
                </td>
                <td className="hidden px-4 py-3 md:table-cell">
                  <Link
                    href={`/spam-manager/users?u=${encodeURIComponent(entry.contact.id)}`}
                    className="text-slate-800 hover:text-brand-700 hover:underline"
                  >
                    {entry.contact.name}
                  </Link>
                </td>
                <td className="hidden px-4 py-3 text-slate-600 lg:table-cell">
                  {entry.manual ? (
                    <span>{by}</span>
                  ) : (
                    <span
                      className={[
                        "inline-flex items-center gap-1 rounded bg-brand-50 px-1.5",
                        "py-0.5 text-xs font-medium text-brand-700",
                      ].join(" ")}
                    >
                      {by}
                    </span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <StatusPill status={entry.status} />
                  {entry.error && <p className="mt-1 max-w-sm text-xs text-red-700">{entry.error}</p>}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager
        label="More runs"
        first={search.cursor ? withParams(PATH, current, { cursor: null }) : null}
        next={page.nextCursor ? withParams(PATH, current, { cursor: page.nextCursor }) : null}
      />
    </section>
  );
}
