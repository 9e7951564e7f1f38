import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { AppError } from "@/lib/errors";
import { type AuditEntryView, listAuditLog } from "@/lib/audit-log/list-audit-log";
import { getAuditLogRetention } from "@/lib/audit-log/retention";
import { listAuditActorOptions } from "@/lib/audit-log/actor-options";
import { auditActionOptions } from "@/lib/audit-log/catalog";
import { DataTable } from "@/components/ui/data-table";
import { PageSection } from "@/components/ui/page-section";
import { ErrorNote } from "@/components/ui/field";
import { LocalTime } from "@/components/local-time";
import { Icon } from "@/components/icons";
import { plural } from "@/lib/ui/plural";
import { AuditTarget } from "./audit-target";
import { RetentionForm } from "./retention-form";
import { TimeZoneField } from "./time-zone-field";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/settings/audit-log";

type Search = {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  timeZone?: string;
  /** One target's history ("Its history" beside an entry's target). */
  targetType?: string;
  targetId?: string;
  cursor?: string;
};

/** The page's "Who" value ("agent:<id>", "api_key", "system") as the reader's actorKind and actorId. */
function actorQuery(actor: string | undefined): { actorKind?: string; actorId?: string } {
  if (!actor) return {};
  const [kind = "", id] = actor.split(":", 2);
  return { actorKind: kind, ...(id ? { actorId: id } : {}) };
}

const INTRO =
  "Who did what in this workspace — agents, API keys, Spam Manager rules and Bouncer itself — newest first.";
const TARGET_NOUNS: Record<string, string> = {
  ban: "ban",
  contact: "user",
  conversation: "chat",
  live_chat_block: "live-chat block",
  agent: "agent",
  api_key: "API key",
  label: "label",
  campaign: "campaign",
  spam_rule: "rule",
  spam_action: "action",
  spam_list_entry: "list entry",
};

const labelClass = "text-xs font-medium text-slate-600";
const controlClass = "w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal text-slate-900";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins this section is not theirs.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const db = await getDb();
  const search = await searchParams;
  const filters: Search = Object.fromEntries(
    Object.entries(search).filter(([key, value]) => typeof value === "string" && value && key !== "cursor"),
  );
  const query = {
    ...(filters.action ? { action: filters.action } : {}),
    ...actorQuery(filters.actor),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.timeZone ? { timeZone: filters.timeZone } : {}),
    ...(filters.targetType ? { targetType: filters.targetType } : {}),
    ...(filters.targetId ? { targetId: filters.targetId } : {}),
    ...(typeof search.cursor === "string" && search.cursor ? { cursor: search.cursor } : {}),
  };
  const [page, retention, actors] = await Promise.all([
    listAuditLog.fromUntrusted({ db, actor, input: query }).catch((error: unknown) => {
      // A hand-edited address: say what is wrong instead of a page of something else.
      if (error instanceof AppError && error.status === 400)
        return { items: [], nextCursor: null, error: error.message };
      throw error;
    }),
    getAuditLogRetention({ db, actor }),
    listAuditActorOptions({ db, actor }),
  ]);
  const problem = "error" in page ? page.error : null;
  const oneTarget = Boolean(filters.targetType && filters.targetId);
  const filtered = Boolean(filters.action || filters.actor || filters.from || filters.to || oneTarget);
  const href = (changes: Partial<Record<keyof Search, string | null>>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...changes })) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `${PATH}?${text}` : PATH;
  };
  const mayConfigure = can(actor, "auditLog.configure", { tenantId: actor.tenantId });
  const days = retention.auditLogRetentionDays;

  return (
    <div className="space-y-8">
      <PageSection
        id="audit-log"
        title="Audit log"
        width="7xl"
        description={
          <>
            {INTRO} <span data-testid="audit-retention">Entries are kept for {plural(days, "day")}, then deleted.</span>
          </>
        }
      >
        <form
          action={PATH}
          className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 lg:flex"
          aria-label="Filter the audit log"
        >
          <TimeZoneField />
          <div className="col-span-2 flex min-w-0 flex-col gap-1 lg:w-64">
            <label htmlFor="audit-action" className={labelClass}>
              What
            </label>
            <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={controlClass}>
              <option value="">Every action</option>
              {auditActionOptions().map((group) => (
                <optgroup key={group.group} label={group.label}>
                  <option value={group.group}>{group.label} (all)</option>
                  {group.actions.map(([action, label]) => (
                    <option key={action} value={action}>
                      {label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="col-span-2 flex min-w-0 flex-col gap-1 lg:w-56">
            <label htmlFor="audit-actor" className={labelClass}>
              Who
            </label>
            <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={controlClass}>
              <option value="">Anyone</option>
              <option value="agent">Any agent</option>
              <option value="api_key">Any API key</option>
              <option value="rule">Any Spam Manager rule</option>
              <option value="system">System (Bouncer itself)</option>
              {actors.agents.length > 0 && (
                <optgroup label="Agents">
                  {actors.agents.map((agent) => (
                    <option key={agent.id} value={`agent:${agent.id}`}>
                      {agent.name}
                      {agent.active ? "" : " (deactivated)"}
                    </option>
                  ))}
                </optgroup>
              )}
              {actors.apiKeys.length > 0 && (
                <optgroup label="API keys">
                  {actors.apiKeys.map((key) => (
                    <option key={key.id} value={`api_key:${key.id}`}>
                      {key.name}
                      {key.active ? "" : " (revoked)"}
                    </option>
                  ))}
                </optgroup>
              )}
              {actors.rules.length > 0 && (
                <optgroup label="Spam Manager rules">
                  {actors.rules.map((rule) => (
                    <option key={rule.id} value={`rule:${rule.id}`}>
                      {rule.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          <div className="flex min-w-0 flex-col gap-1 lg:w-40">
            <label htmlFor="audit-from" className={labelClass}>
              From
            </label>
            <input id="audit-from" type="date" name="from" defaultValue={filters.from ?? ""} className={controlClass} />
          </div>
          <div className="flex min-w-0 flex-col gap-1 lg:w-40">
            <label htmlFor="audit-to" className={labelClass}>
              To
            </label>
            <input id="audit-to" type="date" name="to" defaultValue={filters.to ?? ""} className={controlClass} />
          </div>
          <div className="col-span-2 flex items-center gap-3">
            <button
              type="submit"
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Filter
            </button>
            {filtered && (
              <Link href={PATH} className="text-sm font-medium text-brand-600 hover:underline">
                Clear filters
              </Link>
            )}
          </div>
        </form>

        {oneTarget && (
          <p className="mb-3 text-sm text-slate-600" data-testid="audit-one-target">
            The history of one {TARGET_NOUNS[filters.targetType ?? ""] ?? "item"}.{" "}
            <Link
              href={href({ targetType: null, targetId: null, cursor: null })}
              className="font-medium text-brand-600 hover:underline"
            >
              Show every entry
            </Link>
          </p>
        )}
        {problem && (
          <div className="mb-4">
            <ErrorNote>{problem}</ErrorNote>
          </div>
        )}

        <DataTable<AuditEntryView>
          label="Audit log entries"
          phoneCards
          testId="audit-log-table"
          columns={[
            {
              header: "When",
              cellClassName: "whitespace-nowrap text-slate-600",
              cell: (entry) => <LocalTime iso={entry.createdAt.toISOString()} />,
            },
            { header: "Who", cellClassName: "wrap-anywhere", cell: (entry) => <AuditActor entry={entry} /> },
            { header: "What", cellClassName: "min-w-56", cell: (entry) => <AuditWhat entry={entry} /> },
            {
              header: "On",
              cellClassName: "min-w-40",
              cell: (entry) => (
                <AuditTarget
                  entry={entry}
                  historyHref={
                    oneTarget || !entry.target?.id
                      ? null
                      : `${PATH}?${new URLSearchParams({ targetType: entry.target.type, targetId: entry.target.id })}`
                  }
                />
              ),
            },
          ]}
          rows={page.items}
          rowKey={(entry) => entry.id}
          rowProps={(entry) => ({ "data-testid": "audit-row", "data-action": entry.action })}
          empty={
            problem
              ? "Fix the filter above to see entries."
              : filtered || query.cursor
                ? "No entries match these filters."
                : "Nothing has been recorded yet."
          }
        />
        {(query.cursor || page.nextCursor) && (
          <nav aria-label="Audit log pages" className="mt-3 flex items-center justify-between text-sm">
            {query.cursor ? (
              <Link
                href={href({})}
                className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline"
              >
                <Icon name="back" className="h-4 w-4" /> Newest
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link href={href({ cursor: page.nextCursor })} className="font-medium text-brand-600 hover:underline">
                Older entries →
              </Link>
            )}
          </nav>
        )}
      </PageSection>

      {mayConfigure && (
        <PageSection
          id="audit-retention"
          title="Retention"
          width="4xl"
          description="How long the audit log keeps its entries."
        >
          <RetentionForm initial={retention} />
        </PageSection>
      )}
    </div>
  );
}

function AuditActor({ entry }: { entry: AuditEntryView }) {
  const { kind, name } = entry.actor;
  if (kind === "agent") return <span className="font-medium text-slate-900">{name}</span>;
  return (
    <span className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
      {name}
    </span>
  );
}

function AuditWhat({ entry }: { entry: AuditEntryView }) {
  const details = Object.entries(entry.details);
  return (
    <div>
      <p className="text-slate-900">{entry.description}</p>
      {details.length > 0 && (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer select-none text-slate-500 hover:text-slate-700">Details</summary>
          <dl className="mt-1 grid gap-x-3 gap-y-0.5 sm:grid-cols-[auto_1fr]">
            {details.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-medium text-slate-500">{key}</dt>
                <dd className="mb-1 font-mono wrap-anywhere sm:mb-0">
                  {typeof value === "string" ? value : JSON.stringify(value)}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-1 font-mono text-slate-400">{entry.action}</p>
        </details>
      )}
    </div>
  );
}
