"use server";

import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { changeOwnPassword, signOutEverywhere } from "@/lib/agents/agent-credentials";
import { changeOwnPasswordSchema } from "@/lib/agents/agent-schemas";

export const changeOwnPasswordAction = defineAction([parsedByUseCase(changeOwnPasswordSchema)], async (ctx, input) =>
  changeOwnPassword({ ...ctx, input }),
);

export const signOutEverywhereAction = defineAction([], async (ctx) =>
  signOutEverywhere({ ...ctx, input: { agentId: ctx.actor.agentId } }),
);
