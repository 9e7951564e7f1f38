// The signed-in agent for pages, layouts and server actions. Every one of them calls this: the
// proxy's redirect is a convenience, not the check (CVE-2025-29927).
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { Unauthenticated } from "@/lib/errors";
import type { AgentActor } from "./actor";
import { loadSessionActor } from "./agents";
import { authOptions } from "./options";

export async function currentAgent(): Promise<AgentActor | null> {
  const session = await getServerSession(authOptions());
  if (!session?.agentId) return null;
  return loadSessionActor(await getDb(), session);
}

/** For pages and layouts: the agent, or a redirect to /login. */
export async function requireAgentOrRedirect(): Promise<AgentActor> {
  const agent = await currentAgent();
  if (!agent) redirect("/login");
  return agent;
}

/** For server actions: the agent, or a 401-style error the action result reports. */
export async function requireAgent(): Promise<AgentActor> {
  const agent = await currentAgent();
  if (!agent) throw new Unauthenticated("Your session has ended; sign in again.");
  return agent;
}
