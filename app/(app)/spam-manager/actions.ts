"use server";
// The Spam Manager pages' changes from the browser: thin shells over lib/spam-manager (which checks
// the policy and parses every input).

import { revalidatePath } from "next/cache";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { addListEntry, deleteListEntry } from "@/lib/spam-manager/spam-lists";
import { banPosters, previewBanPosters } from "@/lib/spam-manager/ban-posters";
import { createSpamAction, deleteSpamAction, runSpamAction, updateSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule, deleteSpamRule, updateSpamRule } from "@/lib/spam-manager/spam-rules";
import { banPostersSchema, listEntryInputSchema } from "@/lib/spam-manager/list-schemas";
import {
  createSpamActionSchema,
  createSpamRuleSchema,
  runSpamActionSchema,
  updateSpamActionSchema,
  updateSpamRuleSchema,
} from "@/lib/spam-manager/action-schemas";
import { SPAM_LISTS } from "@/lib/spam-manager/kinds";
import { z } from "zod";

function changed() {
  revalidatePath("/spam-manager", "layout");
}

// The list is checked by addListEntry (its own wording for another word), so it is typed here, not parsed.
export const addToListAction = defineAction(
  [parsedByUseCase(z.enum(SPAM_LISTS)), parsedByUseCase(listEntryInputSchema)],
  async (ctx, list, input) => {
    const { entry, created, movedFrom } = await addListEntry.fromUntrusted({ ...ctx, list, input });
    changed();
    return { id: entry.id, list: entry.list, kind: entry.kind, value: entry.value, created, movedFrom };
  },
);

export const deleteListEntryAction = defineAction([idArgument("entry id")], async (ctx, entryId) => {
  const entry = await deleteListEntry({ ...ctx, entryId });
  changed();
  return { id: entry.id, value: entry.value };
});

export const previewBanPostersAction = defineAction([idArgument("spam string id")], async (ctx, spamStringId) =>
  previewBanPosters({ ...ctx, spamStringId }),
);

export const banPostersAction = defineAction(
  [idArgument("spam string id"), parsedByUseCase(banPostersSchema)],
  async (ctx, spamStringId, input) => {
    const result = await banPosters.fromUntrusted({ ...ctx, spamStringId, input });
    if (!result.nextCursor) changed(); // once, after the last step
    return {
      banned: result.banned,
      alreadyBanned: result.alreadyBanned,
      failed: result.failed,
      errors: result.outcomes.flatMap((o) => (o.error ? [o.error] : [])).slice(0, 3),
      nextCursor: result.nextCursor,
    };
  },
);

export const createSpamActionAction = defineAction([parsedByUseCase(createSpamActionSchema)], async (ctx, input) => {
  const action = await createSpamAction.fromUntrusted({ ...ctx, input });
  changed();
  return { id: action.id };
});

export const updateSpamActionAction = defineAction(
  [idArgument("action id"), parsedByUseCase(updateSpamActionSchema)],
  async (ctx, actionId, input) => {
    await updateSpamAction.fromUntrusted({ ...ctx, actionId, input });
    changed();
    return null;
  },
);

export const deleteSpamActionAction = defineAction([idArgument("action id")], async (ctx, actionId) => {
  await deleteSpamAction({ ...ctx, actionId });
  changed();
  return null;
});

export const runSpamActionAction = defineAction(
  [idArgument("action id"), parsedByUseCase(runSpamActionSchema)],
  async (ctx, actionId, input) => {
    const { log, outcome } = await runSpamAction.fromUntrusted({ ...ctx, actionId, input });
    changed();
    return { status: log.status, error: log.error, outcome };
  },
);

export const createSpamRuleAction = defineAction([parsedByUseCase(createSpamRuleSchema)], async (ctx, input) => {
  const rule = await createSpamRule.fromUntrusted({ ...ctx, input });
  changed();
  return { id: rule.id };
});

export const updateSpamRuleAction = defineAction(
  [idArgument("rule id"), parsedByUseCase(updateSpamRuleSchema)],
  async (ctx, ruleId, input) => {
    await updateSpamRule.fromUntrusted({ ...ctx, ruleId, input });
    changed();
    return null;
  },
);

export const deleteSpamRuleAction = defineAction([idArgument("rule id")], async (ctx, ruleId) => {
  await deleteSpamRule({ ...ctx, ruleId });
  changed();
  return null;
});
