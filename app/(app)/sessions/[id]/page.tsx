import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { getConversation } from "@/lib/inbox/get-conversation";
import { getContact } from "@/lib/contacts/get-contact";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";
import { canBanClients } from "@/lib/blacklist/blacklist-settings";
import { findActiveBan } from "@/lib/blacklist/find-active-ban";
import { AppError } from "@/lib/errors";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { LocalTime } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { Timeline } from "@/components/conversation/timeline";
import { BanClientButton } from "@/components/blacklist/ban-client-button";
import { banConversationClientAction } from "../actions";
import { BanEvasionBadge } from "@/components/blacklist/ban-evasion-badge";

export const metadata: Metadata = { title: "Session" };

export default async function SessionDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAgentOrRedirect();
  const { id } = await params;
  const db = await getDb();
  const detail = await getConversation({ db, actor, conversationId: id, input: {} }).catch((error) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const conversation = detail.conversation;
  const [contact, agents, mayBan] = await Promise.all([
    getContact({ db, actor, contactId: conversation.contact.id }),
    listAssignableAgents({ db, actor }),
    canBanClients(db, actor),
  ]);
  const identifiers = contact.identities.filter((i) => i.channel === conversation.channel).map((i) => i.identifier);
  const activeBan = await findActiveBan(
    db,
    { tenantId: actor.tenantId, channel: conversation.channel, identifiers },
    new Date(),
  );

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-3 md:px-6">
        <Link
          href="/sessions"
          className="rounded-md p-1 text-slate-600 hover:bg-slate-100"
          aria-label="Back to sessions"
        >
          <Icon name="back" />
        </Link>
        <div className="min-w-0 flex-1">
          <h1 className="flex items-center gap-2 font-semibold">
            <ChannelIcon channel={conversation.channel} />
            <span className="truncate">{contact.name}</span>
          </h1>
          <p className="text-xs text-slate-500">
            {CHANNEL_INFO[conversation.channel].label} ·{" "}
            <span className="font-mono">{identifiers.join(", ") || "no identifier"}</span> · {conversation.status} ·
            started <LocalTime iso={conversation.createdAt} />
            {conversation.assignee ? ` · ${conversation.assignee.name}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {conversation.bucket !== "banned" && (
            <Link
              href={`/inbox/all?c=${conversation.id}`}
              className={[
                "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-xs",
                "font-medium hover:bg-slate-50",
              ].join(" ")}
            >
              Open in inbox
            </Link>
          )}
          {activeBan ? (
            <Link
              href={`/settings/blacklist?q=${encodeURIComponent(identifiers[0] ?? "")}`}
              className="rounded-full bg-red-50 px-3 py-1 text-xs font-medium text-red-700"
              data-testid="client-banned"
            >
              Banned on {CHANNEL_INFO[conversation.channel].label}
            </Link>
          ) : (
            mayBan && (
              <BanClientButton
                conversationId={conversation.id}
                channel={conversation.channel}
                identifier={identifiers[0] ?? null}
                contactName={contact.name}
                source="session_detail"
                ban={banConversationClientAction}
              />
            )
          )}
        </div>
        {detail.banHints.length > 0 && (
          <div className="w-full">
            <BanEvasionBadge hints={detail.banHints} />
          </div>
        )}
      </header>
      <Timeline messages={detail.messages} events={detail.events} agents={agents} />
    </div>
  );
}
