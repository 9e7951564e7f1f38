"use server";
// The inbox's changes from the browser: thin shells over lib/inbox and lib/contacts.

import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import { setConversationLabel } from "@/lib/inbox/conversation-labels";
import { sendReply } from "@/lib/inbox/send-reply";
import { takeNextConversation } from "@/lib/inbox/take-next-conversation";
import { updateContact } from "@/lib/contacts/update-contact";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { bulkSetSpamMarks } from "@/lib/spam-marking/bulk-set-spam-marks";
import { bulkDismissSpamSuspicions, dismissSpamSuspicion } from "@/lib/spam-detection/dismiss-spam-suspicion";

export async function assignConversationAction(conversationId: string, assigneeId: string | null) {
  return toActionResult(async () =>
    assignConversation({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input: { assigneeId } }),
  );
}

export async function takeNextConversationAction() {
  return toActionResult(async () => takeNextConversation({ db: await getDb(), actor: await requireAgent() }));
}

export async function setConversationStatusAction(conversationId: string, status: "open" | "resolved") {
  return toActionResult(async () =>
    setConversationStatus({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input: { status } }),
  );
}

export async function setConversationLabelAction(conversationId: string, labelId: string, present: boolean) {
  return toActionResult(async () =>
    setConversationLabel({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input: { labelId }, present: Boolean(present) }),
  );
}

export async function sendReplyAction(conversationId: string, body: string) {
  return toActionResult(async () => sendReply({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input: { body } }));
}

export async function updateContactAction(contactId: string, input: unknown) {
  return toActionResult(async () => updateContact({ db: await getDb(), actor: await requireAgent(), contactId: String(contactId), input }));
}

export async function setContactSpamMarkAction(contactId: string, spam: boolean) {
  return toActionResult(async () => {
    const options = { db: await getDb(), actor: await requireAgent(), contactId: String(contactId) };
    return spam === true ? markContactAsSpam(options) : unmarkContactAsSpam(options);
  });
}

export async function bulkSetSpamMarksAction(conversationIds: string[], spam: boolean) {
  return toActionResult(async () => bulkSetSpamMarks({ db: await getDb(), actor: await requireAgent(), input: { conversationIds, spam } }));
}

export async function dismissSpamSuspicionAction(conversationId: string) {
  return toActionResult(async () => dismissSpamSuspicion({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId) }));
}

export async function bulkDismissSpamSuspicionsAction(conversationIds: string[]) {
  return toActionResult(async () => bulkDismissSpamSuspicions({ db: await getDb(), actor: await requireAgent(), input: { conversationIds } }));
}
