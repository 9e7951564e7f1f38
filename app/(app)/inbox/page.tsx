import { requireAgentOrRedirect } from "@/lib/auth/session";

export default async function InboxPage() {
  const agent = await requireAgentOrRedirect();
  return (
    <main className="p-8">
      <h1 className="text-xl font-semibold">Inbox</h1>
      <p className="mt-2 text-slate-600">Signed in as {agent.name}.</p>
    </main>
  );
}
