// Named Spam Manager actions (mark as spam, block for live chat, ban on a channel, flag for review):
// defined once, run on a user by a moderator from the Users tab or by a rule. Each run goes to the
// Actions Log, completed or failed with the error. The actions reuse the capabilities that own them
// (spam marking, live-chat blocks, the blacklist) with the acting moderator, or a rule's system actor.
import "server-only";
import type { Db, DbOrTx } from "@/lib/db";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { AppError, Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { blockFromLiveChat } from "@/lib/live-chat/block-user";
import { banClientIdentifiers } from "@/lib/blacklist/manage-bans";
import {
  createSpamActionSchema,
  parseSpamAction,
  runSpamActionSchema,
  safeParseSpamAction,
  updateSpamActionSchema,
  type SpamActionDefinition,
  type SpamActionTypeName,
} from "./action-schemas";
import { toActionLogViews, type ActionLogView } from "./action-log";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";
import { assertRoomFor } from "./configuration-caps";
import { announceSpamManagerChange } from "./announce-change";

/** `type` and its `params`, parsed from the stored row (SpamActionDefinition), and the rest of the row. */
export type SpamActionView = SpamActionDefinition & {
  id: string;
  name: string;
  createdAt: Date;
  /** Rules that run it. */
  ruleCount: number;
};

const actionSelect = {
  id: true,
  name: true,
  type: true,
  params: true,
  createdAt: true,
  _count: { select: { rules: true } },
} as const;

function toView(row: {
  id: string;
  name: string;
  type: SpamActionTypeName;
  params: unknown;
  createdAt: Date;
  _count: { rules: number };
}): SpamActionView {
  return {
    id: row.id,
    name: row.name,
    ...parseSpamAction(row.type, row.params),
    createdAt: row.createdAt,
    ruleCount: row._count.rules,
  };
}

function actionExists(name: string) {
  return new Conflict("action_exists", `An action named “${name}” already exists.`, { name });
}

export async function listSpamActions({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<SpamActionView[]> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const rows = await db.spamAction.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ name: "asc" }],
    select: actionSelect,
  });
  return rows.map(toView);
}

export async function getSpamAction({
  db,
  actor,
  actionId,
}: ReadContext & {
  actionId: string;
}): Promise<SpamActionView> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const row = await db.spamAction.findFirst({
    where: { id: String(actionId), tenantId: actor.tenantId },
    select: actionSelect,
  });
  if (!row) throw new NotFound("action");
  return toView(row);
}

export const createSpamAction = defineUseCase({
  inputName: "action",
  input: createSpamActionSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "spamManager.configure", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data): Promise<SpamActionView> => {
    try {
      return await db.$transaction(async (tx) => {
        await assertRoomFor(tx, actor.tenantId, "actions");
        const row = await tx.spamAction.create({
          data: { tenantId: actor.tenantId, name: data.name, type: data.type, params: data.params },
          select: actionSelect,
        });
        await recordAudit(tx, actor, {
          action: "spam_action.created",
          targetType: "spam_action",
          targetId: row.id,
          data: { name: data.name, type: data.type, params: data.params },
        });
        return toView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw actionExists(data.name);
      throw error;
    }
  },
});

export const updateSpamAction = defineUseCase({
  inputName: "action",
  input: updateSpamActionSchema,
  authorize: ({ actor }: UseCaseContext & { actionId: string }) =>
    authorize(actor, "spamManager.configure", { tenantId: actor.tenantId }),
  run: async ({ db, actor, actionId }, patch): Promise<SpamActionView> => {
    const current = await db.spamAction.findFirst({ where: { id: String(actionId), tenantId: actor.tenantId } });
    if (!current) throw new NotFound("action");
    const type = patch.type ?? current.type;
    // The params are checked against the resulting type: the patch's, else those of the stored action (none when
    // the type changes).
    let params: SpamActionDefinition["params"] | undefined;
    if (patch.type !== undefined || patch.params !== undefined) {
      const result = safeParseSpamAction(
        type,
        patch.params ?? (patch.type && patch.type !== current.type ? {} : current.params),
      );
      if (!result.success) throw InvalidInput.fromZod(result.error, "action");
      params = result.data.params;
    }
    try {
      return await db.$transaction(async (tx) => {
        const row = await tx.spamAction.update({
          where: { id: current.id, tenantId: actor.tenantId },
          data: {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            type,
            ...(params ? { params } : {}),
          },
          select: actionSelect,
        });
        await recordAudit(tx, actor, {
          action: "spam_action.updated",
          targetType: "spam_action",
          targetId: row.id,
          data: { name: row.name, type, ...(params ? { params } : {}) },
        });
        return toView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error) && patch.name) throw actionExists(patch.name);
      throw error;
    }
  },
});

/** Deletes an action and the rules that run it; the Actions Log keeps its runs (by name). */
export async function deleteSpamAction({
  db,
  actor,
  actionId,
}: UseCaseContext & {
  actionId: string;
}): Promise<SpamActionView> {
  authorize(actor, "spamManager.configure", { tenantId: actor.tenantId });
  return db.$transaction(async (tx) => {
    const row = await tx.spamAction.findFirst({
      where: { id: String(actionId), tenantId: actor.tenantId },
      select: actionSelect,
    });
    if (!row) throw new NotFound("action");
    await tx.spamAction.delete({ where: { id: row.id, tenantId: actor.tenantId } });
    await recordAudit(tx, actor, {
      action: "spam_action.deleted",
      targetType: "spam_action",
      targetId: row.id,
      data: { name: row.name, rulesDeleted: row._count.rules },
    });
    return toView(row);
  });
}

export interface RunSpamActionResult {
  log: ActionLogView;
  /** What happened, for people ("Banned on WhatsApp", "Already marked as spam"). */
  outcome: string | null;
}

/** A moderator (or an API key) runs an action on a user; the run is logged whatever happens. */
export const runSpamAction = defineUseCase({
  inputName: "run",
  input: runSpamActionSchema,
  authorize: ({ actor }: UseCaseContext & { actionId: string }) =>
    authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId }),
  run: async ({ db, actor, actionId, now = new Date() }, { contactId }): Promise<RunSpamActionResult> => {
    const row = await db.spamAction.findFirst({ where: { id: String(actionId), tenantId: actor.tenantId } });
    if (!row) throw new NotFound("action");
    const action = { id: row.id, name: row.name, ...parseSpamAction(row.type, row.params) };
    const contact = await db.contact.findFirst({
      where: { id: contactId, tenantId: actor.tenantId },
      select: { id: true },
    });
    if (!contact) throw new NotFound("contact");

    let outcome: string | null = null;
    let error: string | null = null;
    try {
      outcome = await executeSpamAction({ db, actor, action, contactId: contact.id, source: "spam_manager", now });
    } catch (caught) {
      error = runError(caught);
    }
    const log = await db.actionLog.create({
      data: {
        tenantId: actor.tenantId,
        actionId: action.id,
        actionName: action.name,
        contactId: contact.id,
        status: error === null ? "completed" : "failed",
        error,
        manual: true,
        actorId: auditActor(actor).actorId,
        createdAt: now,
      },
    });
    await announceSpamManagerChange(db, actor.tenantId, { runs: 1, users: true });
    const [view] = await toActionLogViews(db, actor.tenantId, [log]);
    return { log: view!, outcome };
  },
});

/** The message stored in the Actions Log for a failed run. */
export function runError(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error("[spam-manager] action failed:", error);
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs one action on one user and says what happened; throws (with a message for the log) when it
 * could not. Used by manual runs and by rules.
 */
export async function executeSpamAction({
  db,
  actor,
  action,
  contactId,
  source,
  now,
}: {
  db: Db;
  actor: Actor;
  action: SpamActionDefinition;
  contactId: string;
  source: "spam_manager" | "rule";
  now: Date;
}): Promise<string> {
  switch (action.type) {
    case "mark_spam": {
      const result = await markContactAsSpam({ db, actor, contactId, now });
      return result.changed ? "Marked as spam" : "Already marked as spam";
    }
    case "flag_review": {
      // The first flag stands: flagging again keeps the time the user was first flagged.
      const flagged = await db.$transaction(async (tx) => {
        const { count } = await tx.contact.updateMany({
          where: { id: contactId, tenantId: actor.tenantId, flaggedForReviewAt: null },
          data: { flaggedForReviewAt: now },
        });
        if (count > 0)
          await recordAudit(tx, actor, {
            action: "contact.flagged_for_review",
            targetType: "contact",
            targetId: contactId,
            data: {},
          });
        return count > 0;
      });
      return flagged ? "Flagged for review" : "Already flagged for review";
    }
    case "block_live_chat": {
      const { params } = action;
      const conversation = await db.conversation.findFirst({
        where: { tenantId: actor.tenantId, contactId, channel: "webchat" },
        orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
        select: { id: true },
      });
      if (!conversation)
        throw new Conflict(
          "no_webchat_conversation",
          "The user has no web-chat conversation, so there is no live chat to block them from.",
        );
      const { block } = await blockFromLiveChat({
        db,
        actor,
        conversationId: conversation.id,
        block: { minutes: params.minutes, reason: params.reason, saveToActivityData: params.saveToActivityData },
        now,
      });
      return `Blocked for live chat until ${new Date(block.blockedUntil).toISOString()}`;
    }
    case "ban_channel": {
      const { params } = action;
      const identities = await db.contactIdentity.findMany({
        where: { tenantId: actor.tenantId, contactId, ...(params.channel ? { channel: params.channel } : {}) },
        orderBy: { createdAt: "asc" },
        select: { channel: true, identifier: true },
      });
      if (identities.length === 0) {
        throw new Conflict(
          "no_identity_on_channel",
          params.channel
            ? `The user has never written on ${CHANNEL_INFO[params.channel].label}, so there is nothing to ban there.`
            : "The user has no channel identity to ban.",
        );
      }
      const expiresAt = params.expiresInDays
        ? new Date(now.getTime() + params.expiresInDays * 86_400_000).toISOString()
        : null;
      const results = await banIdentities(db, actor, identities, { reason: params.reason, expiresAt, source, now });
      const failed = results.filter((r) => r.status === "failed");
      if (failed.length > 0) {
        throw new Conflict(
          "ban_failed",
          failed.map((r) => `${CHANNEL_INFO[r.channel].label} ${r.identifier}: ${r.error}`).join("; "),
        );
      }
      return results
        .map((r) => `${r.status === "banned" ? "Banned" : "Already banned"} on ${CHANNEL_INFO[r.channel].label}`)
        .join(", ");
    }
  }
}

export interface BanOutcome {
  channel: ChannelName;
  identifier: string;
  status: "banned" | "already_banned" | "failed";
  banId: string | null;
  error: string | null;
}

/** Bans each identity through the blacklist; an identity already banned counts as done. */
export async function banIdentities(
  db: Db,
  actor: Actor,
  identities: Array<{ channel: ChannelName; identifier: string }>,
  options: { reason: string; expiresAt: string | null; source: "spam_manager" | "rule"; now: Date },
): Promise<BanOutcome[]> {
  const results = await banClientIdentifiers({
    db,
    actor,
    bans: identities.map(({ channel, identifier }) => ({
      channel,
      identifier,
      reason: options.reason,
      expiresAt: options.expiresAt,
    })),
    source: options.source,
    now: options.now,
  });
  return results.map((result, at): BanOutcome => {
    const { channel, identifier } = identities[at]!;
    if (result.ok) return { channel, identifier, status: "banned", banId: result.ban.id, error: null };
    const { error } = result;
    if (error instanceof AppError && error.code === "ban_exists") {
      const details = error.details as { banId?: string | null } | undefined;
      return { channel, identifier, status: "already_banned", banId: details?.banId ?? null, error: null };
    }
    return { channel, identifier, status: "failed", banId: null, error: runError(error) };
  });
}
