"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { createAgent, setAgentActive, updateAgent } from "@/lib/agents/manage-agents";
import { setAgentPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";
import { createAgentSchema, setAgentPasswordSchema, updateAgentSchema } from "@/lib/agents/agent-schemas";

export const createAgentAction = defineAction([parsedByUseCase(createAgentSchema)], async (ctx, input) => {
  const agent = await createAgent.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/agents");
  return { id: agent.id };
});

export const updateAgentAction = defineAction([parsedByUseCase(updateAgentSchema)], async (ctx, input) => {
  await updateAgent.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/agents");
  return null;
});

export const setAgentActiveAction = defineAction(
  [idArgument("agent id"), z.boolean().describe("active")],
  async (ctx, agentId, active) => {
    await setAgentActive({ ...ctx, agentId, active });
    revalidatePath("/settings/agents");
    return null;
  },
);

export const setAgentPasswordAction = defineAction([parsedByUseCase(setAgentPasswordSchema)], async (ctx, input) =>
  setAgentPassword.fromUntrusted({ ...ctx, input }),
);

export const signOutAgentEverywhereAction = defineAction([idArgument("agent id")], async (ctx, agentId) =>
  signOutEverywhere.fromUntrusted({ ...ctx, input: { agentId } }),
);
