import { redirect } from "next/navigation";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { seesAllChats } from "@/lib/policy";

export default async function InboxIndex() {
  const agent = await requireAgentOrRedirect();
  redirect(seesAllChats(agent) ? "/inbox/all" : "/inbox/mine");
}
