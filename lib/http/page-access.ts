// Pages whose layout tells an agent they may not use a section (Campaigns, Spam Manager, Settings):
// Next renders the page beside its layout even when the layout leaves it out, so a page that called a
// lib function the policy refuses would throw Forbidden — logged by Next as an error with a stack
// trace, for what is an expected 403. Such a page asks first, and renders nothing.
import "server-only";
import type { AgentActor } from "@/lib/auth/actor";
import { can, type PolicyAction, type PolicyResources } from "@/lib/policy";

export function mayRenderPage<A extends PolicyAction>(
  agent: AgentActor,
  action: A,
  resource: PolicyResources[A],
  page: string,
): boolean {
  if (can(agent, action, resource)) return true;
  console.warn(`[page] 403 ${page}: agent ${agent.agentId} (${agent.role}) may not ${action}; the layout says so`);
  return false;
}
