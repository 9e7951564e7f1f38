"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { createAgent, setAgentActive, updateAgent } from "@/lib/agents/manage-agents";
import { setAgentPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";

export async function createAgentAction(input: unknown) {
  return toActionResult(async () => {
    const agent = await createAgent({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/agents");
    return { id: agent.id };
  });
}

export async function updateAgentAction(input: unknown) {
  return toActionResult(async () => {
    await updateAgent({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/agents");
    return null;
  });
}

export async function setAgentActiveAction(agentId: string, active: boolean) {
  return toActionResult(async () => {
    await setAgentActive({ db: await getDb(), actor: await requireAgent(), agentId: String(agentId), active: Boolean(active) });
    revalidatePath("/settings/agents");
    return null;
  });
}

export async function setAgentPasswordAction(input: unknown) {
  return toActionResult(async () => {
    return setAgentPassword({ db: await getDb(), actor: await requireAgent(), input });
  });
}

export async function signOutAgentEverywhereAction(agentId: string) {
  return toActionResult(async () => {
    return signOutEverywhere({ db: await getDb(), actor: await requireAgent(), input: { agentId } });
  });
}
