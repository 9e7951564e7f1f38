"use server";

import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { changeOwnPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";
import { changeOwnPasswordSchema } from "@/lib/agents/agent-schemas";

export const changeOwnPasswordAction = defineAction([parsedByUseCase(changeOwnPasswordSchema)], async (ctx, input) =>
  changeOwnPassword.fromUntrusted({ ...ctx, input }),
);

export const signOutEverywhereAction = defineAction([], async (ctx) =>
  signOutEverywhere.fromUntrusted({ ...ctx, input: { agentId: ctx.actor.agentId } }),
);
