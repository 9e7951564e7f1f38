"use server";
// The inbox's changes from the browser: thin shells over lib/inbox and lib/contacts.

import { z } from "zod";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { setConversationLabel } from "@/lib/inbox/conversation-labels";
import { sendReply } from "@/lib/inbox/send-reply";
import { takeNextConversation } from "@/lib/inbox/take-next-conversation";
import { updateContact } from "@/lib/contacts/update-contact";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { bulkSetSpamMarks } from "@/lib/spam-marking/bulk-set-spam-marks";
import { bulkDismissSpamSuspicions, dismissSpamSuspicion } from "@/lib/spam-detection/dismiss-spam-suspicion";

import { conversationStatusSchema } from "@/lib/inbox/set-conversation-status";
import { bulkSpamMarkSchema } from "@/lib/spam-marking/bulk-set-spam-marks";
import { bulkDismissSchema } from "@/lib/spam-detection/dismiss-spam-suspicion";

const conversationId = idArgument("conversation id");
const contactId = idArgument("contact id");

export const assignConversationAction = defineAction(
  [conversationId, z.string().nullable().describe("assignee")],
  async (ctx, conversationId, assigneeId) =>
    assignConversation.fromUntrusted({ ...ctx, conversationId, input: { assigneeId } }),
);

export const takeNextConversationAction = defineAction([], async (ctx) => takeNextConversation(ctx));

export const setConversationStatusAction = defineAction(
  [conversationId, conversationStatusSchema.shape.status.describe("status")],
  async (ctx, conversationId, status) =>
    setConversationStatus.fromUntrusted({ ...ctx, conversationId, input: { status } }),
);

export const setConversationLabelAction = defineAction(
  [conversationId, idArgument("label id"), z.boolean().describe("present")],
  async (ctx, conversationId, labelId, present) =>
    setConversationLabel.fromUntrusted({ ...ctx, conversationId, input: { labelId }, present }),
);

export const sendReplyAction = defineAction(
  [conversationId, z.string().describe("reply")],
  async (ctx, conversationId, body) => sendReply.fromUntrusted({ ...ctx, conversationId, input: { body } }),
);

// Typed loosely for now: the contact card builds a trait's type and value apart, which contactUpdateSchema's
// union per type does not accept as a TypeScript type; updateContact parses it with that schema.
export const updateContactAction = defineAction(
  [contactId, parsedByUseCase(z.record(z.string(), z.unknown()))],
  async (ctx, contactId, input) => updateContact.fromUntrusted({ ...ctx, contactId, input }),
);

export const setContactSpamMarkAction = defineAction(
  [contactId, z.boolean().describe("spam")],
  async (ctx, contactId, spam) =>
    spam ? markContactAsSpam({ ...ctx, contactId }) : unmarkContactAsSpam({ ...ctx, contactId }),
);

export const bulkSetSpamMarksAction = defineAction(
  [parsedByUseCase(bulkSpamMarkSchema.shape.conversationIds), parsedByUseCase(bulkSpamMarkSchema.shape.spam)],
  async (ctx, conversationIds, spam) => bulkSetSpamMarks.fromUntrusted({ ...ctx, input: { conversationIds, spam } }),
);

export const dismissSpamSuspicionAction = defineAction([conversationId], async (ctx, conversationId) =>
  dismissSpamSuspicion({ ...ctx, conversationId }),
);

export const bulkDismissSpamSuspicionsAction = defineAction(
  [parsedByUseCase(bulkDismissSchema.shape.conversationIds)],
  async (ctx, conversationIds) => bulkDismissSpamSuspicions.fromUntrusted({ ...ctx, input: { conversationIds } }),
);
