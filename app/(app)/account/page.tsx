import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { countAgentSessions } from "@/lib/auth/agent-sessions";
import { ChangePasswordForm, SignOutButton, SignOutEverywhereButton } from "./account-controls";

export const metadata: Metadata = { title: "Your account" };

const ROLE_LABELS = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" } as const;

export default async function AccountPage() {
  const agent = await requireAgentOrRedirect();
  const sessions = await countAgentSessions(await getDb(), agent.agentId);
  return (
    <div className="h-full overflow-y-auto">
      <header className="border-b border-slate-200 bg-white px-4 py-4 md:px-8">
        <h1 className="text-xl font-semibold">Your account</h1>
        <p className="text-sm text-slate-600">
          {agent.name} · {agent.email} · {ROLE_LABELS[agent.role]}
        </p>
      </header>
      <main className="max-w-xl space-y-8 px-4 py-6 md:px-8">
        <section aria-labelledby="password-heading" className="space-y-3">
          <div>
            <h2 id="password-heading" className="text-lg font-semibold">
              Change password
            </h2>
            <p className="text-sm text-slate-600">
              You stay signed in here; every other browser where you are signed in is signed out.
            </p>
          </div>
          <ChangePasswordForm />
        </section>
        <section aria-labelledby="sessions-heading" className="space-y-3">
          <div>
            <h2 id="sessions-heading" className="text-lg font-semibold">
              Sessions
            </h2>
            <p className="text-sm text-slate-600" data-testid="session-count">
              {sessions === 1
                ? "You have 1 active session: this browser."
                : `You have ${sessions} active sessions, this browser's included.`}{" "}
              Lost a device, or signed in somewhere you should not have? Sign out everywhere, this browser included.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <SignOutButton />
            <SignOutEverywhereButton />
          </div>
        </section>
      </main>
    </div>
  );
}
