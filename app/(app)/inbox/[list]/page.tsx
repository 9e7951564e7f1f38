import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { countConversations, listConversations, viewerOf } from "@/lib/inbox/list-conversations";
import { availableLists, INBOX_LISTS, LIST_LABELS, type InboxList } from "@/lib/conversations/list-membership";
import { getConversation } from "@/lib/inbox/get-conversation";
import { getContact } from "@/lib/contacts/get-contact";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";
import { AppError } from "@/lib/errors";
import { InboxApp } from "@/app/(app)/inbox/_components/inbox-app";
import { canBanClients } from "@/lib/blacklist/blacklist-settings";

export async function generateMetadata({ params }: { params: Promise<{ list: string }> }): Promise<Metadata> {
  const { list } = await params;
  return { title: LIST_LABELS[list as InboxList] ?? "Inbox" };
}

export default async function InboxListPage({
  params,
  searchParams,
}: {
  params: Promise<{ list: string }>;
  searchParams: Promise<{ c?: string }>;
}) {
  const actor = await requireAgentOrRedirect();
  const { list } = await params;
  const { c: selectedId } = await searchParams;
  if (!(INBOX_LISTS as readonly string[]).includes(list)) notFound();
  const viewer = viewerOf(actor);
  if (!availableLists(viewer).includes(list as InboxList)) redirect("/inbox/mine");

  const db = await getDb();
  const [page, counts, agents, labels, selected, canBan] = await Promise.all([
    listConversations.fromUntrusted({ db, actor, input: { list } }),
    countConversations({ db, actor }),
    listAssignableAgents({ db, actor }),
    db.label.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, color: true },
    }),
    selectedId ? loadSelected(db, actor, selectedId) : null,
    canBanClients(db, actor),
  ]);

  return (
    <InboxApp
      // A fresh client state for each render of this page, i.e. each navigation to an inbox address
      // (the nav's Inbox link, a typed URL). Switching lists inside the inbox renders no page: InboxApp
      // loads the list itself and keeps its socket and the open conversation.
      key={crypto.randomUUID()}
      viewer={viewer}
      me={{ id: actor.agentId, name: actor.name }}
      list={list as InboxList}
      lists={availableLists(viewer)}
      initialPage={page}
      initialCounts={counts}
      initialSelected={selected}
      agents={agents.map((a) => ({ id: a.id, name: a.name }))}
      labels={labels}
      canBan={canBan}
    />
  );
}

/** The conversation named in ?c=, with its contact; null if it is not visible (the page then says so). */
async function loadSelected(
  db: Awaited<ReturnType<typeof getDb>>,
  actor: Awaited<ReturnType<typeof requireAgentOrRedirect>>,
  id: string,
) {
  try {
    const detail = await getConversation({ db, actor, conversationId: id, input: {} });
    const contact = await getContact({ db, actor, contactId: detail.conversation.contact.id });
    return { detail, contact };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return { missing: id };
    throw error;
  }
}
