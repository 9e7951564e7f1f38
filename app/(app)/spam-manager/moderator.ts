import "server-only";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import type { AgentActor } from "@/lib/auth/actor";

/**
 * The signed-in agent when they may use the Spam Manager, else null. Next renders a page alongside its
 * layout, so each page checks too instead of relying on the layout's refusal.
 */
export async function moderatorOrNull(): Promise<AgentActor | null> {
  const agent = await requireAgentOrRedirect();
  return can(agent, "spamManager.moderate", { tenantId: agent.tenantId }) ? agent : null;
}
