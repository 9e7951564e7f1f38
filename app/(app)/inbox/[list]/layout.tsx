// Decides whether the list in the address exists for this agent before anything streams: outside the
// page's loading boundary (loading.tsx), notFound() and redirect() still answer 404 and 307.
import { notFound, redirect } from "next/navigation";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { viewerOf } from "@/lib/inbox/list-conversations";
import { availableLists, INBOX_LISTS, type InboxList } from "@/lib/conversations/list-membership";

export default async function InboxListLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ list: string }>;
}) {
  const actor = await requireAgentOrRedirect();
  const { list } = await params;
  if (!(INBOX_LISTS as readonly string[]).includes(list)) notFound();
  if (!availableLists(viewerOf(actor)).includes(list as InboxList)) redirect("/inbox/mine");
  return children;
}
