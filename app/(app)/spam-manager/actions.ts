"use server";
// The Spam Manager pages' changes from the browser: thin shells over lib/spam-manager (which checks
// the policy and parses every input).

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { parseInput } from "@/lib/errors";
import { toActionResult } from "@/lib/http/action-result";
import { addListEntry, deleteListEntry } from "@/lib/spam-manager/spam-lists";
import { banPosters, previewBanPosters } from "@/lib/spam-manager/ban-posters";
import { createSpamAction, deleteSpamAction, runSpamAction, updateSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule, deleteSpamRule, updateSpamRule } from "@/lib/spam-manager/spam-rules";

const idSchema = z.string().trim().min(1).max(64);
const id = (value: unknown, what: string) => parseInput(idSchema, value, what);

function changed() {
  revalidatePath("/spam-manager", "layout");
}

export async function addToListAction(list: unknown, input: unknown) {
  return toActionResult(async () => {
    const { entry, created, movedFrom } = await addListEntry({ db: await getDb(), actor: await requireAgent(), list, input });
    changed();
    return { id: entry.id, list: entry.list, kind: entry.kind, value: entry.value, created, movedFrom };
  });
}

export async function deleteListEntryAction(entryId: unknown) {
  return toActionResult(async () => {
    const entry = await deleteListEntry({ db: await getDb(), actor: await requireAgent(), entryId: id(entryId, "entry id") });
    changed();
    return { id: entry.id, value: entry.value };
  });
}

export async function previewBanPostersAction(spamStringId: unknown) {
  return toActionResult(async () => previewBanPosters({ db: await getDb(), actor: await requireAgent(), spamStringId: id(spamStringId, "spam string id") }));
}

export async function banPostersAction(spamStringId: unknown, input: unknown) {
  return toActionResult(async () => {
    const result = await banPosters({ db: await getDb(), actor: await requireAgent(), spamStringId: id(spamStringId, "spam string id"), input });
    changed();
    return { banned: result.banned, alreadyBanned: result.alreadyBanned, failed: result.failed, errors: result.outcomes.flatMap((o) => (o.error ? [o.error] : [])).slice(0, 3) };
  });
}

export async function createSpamActionAction(input: unknown) {
  return toActionResult(async () => {
    const action = await createSpamAction({ db: await getDb(), actor: await requireAgent(), input });
    changed();
    return { id: action.id };
  });
}

export async function updateSpamActionAction(actionId: unknown, input: unknown) {
  return toActionResult(async () => {
    await updateSpamAction({ db: await getDb(), actor: await requireAgent(), actionId: id(actionId, "action id"), input });
    changed();
    return null;
  });
}

export async function deleteSpamActionAction(actionId: unknown) {
  return toActionResult(async () => {
    await deleteSpamAction({ db: await getDb(), actor: await requireAgent(), actionId: id(actionId, "action id") });
    changed();
    return null;
  });
}

export async function runSpamActionAction(actionId: unknown, input: unknown) {
  return toActionResult(async () => {
    const { log, outcome } = await runSpamAction({ db: await getDb(), actor: await requireAgent(), actionId: id(actionId, "action id"), input });
    changed();
    return { status: log.status, error: log.error, outcome };
  });
}

export async function createSpamRuleAction(input: unknown) {
  return toActionResult(async () => {
    const rule = await createSpamRule({ db: await getDb(), actor: await requireAgent(), input });
    changed();
    return { id: rule.id };
  });
}

export async function updateSpamRuleAction(ruleId: unknown, input: unknown) {
  return toActionResult(async () => {
    await updateSpamRule({ db: await getDb(), actor: await requireAgent(), ruleId: id(ruleId, "rule id"), input });
    changed();
    return null;
  });
}

export async function deleteSpamRuleAction(ruleId: unknown) {
  return toActionResult(async () => {
    await deleteSpamRule({ db: await getDb(), actor: await requireAgent(), ruleId: id(ruleId, "rule id") });
    changed();
    return null;
  });
}
