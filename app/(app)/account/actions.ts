"use server";

import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { changeOwnPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";

export async function changeOwnPasswordAction(input: unknown) {
  return toActionResult(async () => changeOwnPassword({ db: await getDb(), actor: await requireAgent(), input }));
}

export async function signOutEverywhereAction() {
  return toActionResult(async () => {
    const actor = await requireAgent();
    return signOutEverywhere({ db: await getDb(), actor, input: { agentId: actor.agentId } });
  });
}
