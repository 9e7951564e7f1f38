// Every listener of a domain event, in one place. What happens after a change commits is read here:
//
//   message.received      → realtime: the message to the agents who may see it (and out of lists for a
//                           banned sender's conversation) · notifications: new-message notification ·
//                           job: run the tenant's spam rules on the message's spam strings (recorded with
//                           the message; the job records them when that failed)
//   message.sent          → realtime: the reply to the agents and the visitor's widget ·
//                           job: the messages it answers teach the spam classifier "not spam"
//   conversation.changed  → realtime: the row to the lists it enters, leaves or stays in
//   contact.created       → job: ongoing campaigns whose audience the new contact matches (queued only when
//                           the tenant has an active one)
//   contact.updated       → realtime: contact cards follow (an edit's card, a live-chat change's state, to
//                           who may see it) · job: ongoing campaigns it newly matches
//   contact.spam_changed  → realtime: every viewer's lists and counts · job: (un-marked) campaigns
//   spam_manager.changed  → realtime: the Spam Manager's pages of the tenant's supervisors and admins refresh
//                           (message.received with recorded strings and contact.spam_changed tell them too)
//   blacklist.changed     → realtime: the Blacklist pages of who may manage bans refresh
//   campaigns.changed     → realtime: the Campaigns pages of who may manage campaigns refresh
//
// "after-commit" listeners run at once (they only emit); "job" listeners run queued with retries.
import "server-only";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { deliverOngoingCampaigns } from "@/lib/campaigns/ongoing-campaigns";
import { listFactsOf } from "@/lib/conversations/conversation-summary";
import { notifyNewMessage } from "@/lib/notifications/new-message-notification";
import {
  leaveConversationRooms,
  publishContactSpamChanged,
  publishContactUpdated,
  publishConversationChanged,
  publishMessageCreated,
  publishSpamManagerChanged,
  publishBlacklistChanged,
  publishCampaignsChanged,
} from "@/lib/realtime/publish";
import { postedStrings } from "@/lib/realtime/spam-manager-change";
import { processIncomingSpamStrings } from "@/lib/spam-manager/ingest";
import { teachFromReply } from "@/lib/spam-detection/learn-from-team";
import { listener, type Listener } from "./listener";

export const LISTENERS: readonly Listener[] = [
  listener({
    name: "realtime.message-received",
    event: "message.received",
    runs: "after-commit",
    handle: ({ tenantId, admitted, conversation, previous, message, timeline }) => {
      if (admitted) publishMessageCreated(tenantId, conversation, previous, message, timeline);
      // Held by a ban: it was in someone's list until now, so take it out there too. Who may still see the
      // chat gets the message (it is stored and shown there) and no line to read: an open view needs no read.
      else if (previous && previous.bucket !== "banned")
        publishConversationChanged(tenantId, conversation, previous, { timeline: timeline ?? [], message });
    },
  }),
  listener({
    // The Spam Manager's counts moved, when the statement that stored the message recorded its strings (else
    // the job below records them and says so). Admitted or not: a banned sender's posts count too.
    name: "realtime.spam-manager-posts",
    event: "message.received",
    runs: "after-commit",
    handle: ({ tenantId, spamStrings, spamStringsRecorded }) => {
      if (spamStringsRecorded && spamStrings?.length) publishSpamManagerChanged(tenantId, postedStrings(spamStrings));
    },
  }),
  listener({
    name: "notifications.new-message",
    event: "message.received",
    runs: "after-commit",
    handle: ({ tenantId, admitted, conversation, message }) => {
      if (!admitted) return;
      notifyNewMessage(
        tenantId,
        {
          ...listFactsOf(conversation),
          id: conversation.id,
          contactName: conversation.contact.name,
          channelLabel: CHANNEL_INFO[conversation.channel].label,
        },
        { id: message.id, preview: conversation.lastMessagePreview, createdAt: message.createdAt },
      );
    },
  }),
  listener({
    // Banned senders' messages too: the Spam Manager counts what they post, and rules may act on it.
    name: "spam-manager.record-strings-and-run-rules",
    event: "message.received",
    runs: "job",
    // Nothing to record or judge (most messages): the statement that stored the message recorded its
    // strings, or it has none, the tenant has no rule to run on them, and no "score ≥ X" rule can fire.
    queueIf: ({ spamStrings, spamStringsRecorded, spamScore }) =>
      spamScore !== undefined ||
      spamStrings === undefined ||
      (spamStrings.length > 0 && (!spamStringsRecorded || spamStringsRecorded.tenantHasRules)),
    handle: (event, { db }) =>
      processIncomingSpamStrings(db, {
        tenantId: event.tenantId,
        messageId: event.message.id,
        contactId: event.contactId,
        conversationId: event.conversation.id,
        channel: event.channel,
        text: event.message.body,
        createdAt: new Date(event.message.createdAt),
        region: event.region,
        spamScore: event.spamScore,
        strings: event.spamStrings,
        recorded: event.spamStringsRecorded,
      }),
  }),
  listener({
    name: "realtime.message-sent",
    event: "message.sent",
    runs: "after-commit",
    handle: ({ tenantId, conversation, previous, message }) =>
      publishMessageCreated(tenantId, conversation, previous, message),
  }),
  listener({
    name: "spam-detection.learn-from-reply",
    event: "message.sent",
    runs: "job",
    handle: ({ tenantId, conversation, message }, { db }) =>
      teachFromReply({
        db,
        tenantId,
        source: "agent_reply",
        conversationId: conversation.id,
        replyId: message.id,
      }).then(() => {}),
  }),
  listener({
    name: "realtime.conversation-changed",
    event: "conversation.changed",
    runs: "after-commit",
    handle: ({ tenantId, conversation, previous, timeline, context }) =>
      publishConversationChanged(tenantId, conversation, previous, { timeline, context }),
  }),
  listener({
    name: "campaigns.ongoing-for-new-contact",
    event: "contact.created",
    runs: "job",
    // A tenant without an active ongoing campaign has nothing to send (a flood of new senders: no job each).
    queueIf: ({ ongoingCampaigns }) => ongoingCampaigns !== false,
    handle: ({ tenantId, contactId }, { db }) =>
      deliverOngoingCampaigns(db, tenantId, contactId, new Set()).then(() => {}),
  }),
  listener({
    name: "realtime.contact-updated",
    event: "contact.updated",
    runs: "after-commit",
    handle: ({ tenantId, contactId, card, liveChat }) => publishContactUpdated(tenantId, contactId, { card, liveChat }),
  }),
  listener({
    name: "campaigns.ongoing-for-updated-contact",
    event: "contact.updated",
    runs: "job",
    handle: ({ tenantId, contactId, matchedCampaignsBefore }, { db }) =>
      matchedCampaignsBefore === null
        ? undefined
        : deliverOngoingCampaigns(db, tenantId, contactId, new Set(matchedCampaignsBefore)).then(() => {}),
  }),
  listener({
    name: "realtime.contact-spam-changed",
    event: "contact.spam_changed",
    runs: "after-commit",
    handle: ({ tenantId, change, visibility }) => {
      leaveConversationRooms(tenantId, visibility);
      publishContactSpamChanged(tenantId, change);
    },
  }),
  listener({
    // The Users tab shows who is marked.
    name: "realtime.spam-manager-users",
    event: "contact.spam_changed",
    runs: "after-commit",
    handle: ({ tenantId }) => publishSpamManagerChanged(tenantId, { users: true }),
  }),
  listener({
    // Back in every audience: ongoing campaigns they match and never received reach them now.
    name: "campaigns.ongoing-for-unmarked-contact",
    event: "contact.spam_changed",
    runs: "job",
    handle: ({ tenantId, change }, { db }) =>
      change.spam ? undefined : deliverOngoingCampaigns(db, tenantId, change.contactId, new Set()).then(() => {}),
  }),
  listener({
    name: "realtime.spam-manager-changed",
    event: "spam_manager.changed",
    runs: "after-commit",
    handle: ({ tenantId, change }) => publishSpamManagerChanged(tenantId, change),
  }),
  listener({
    name: "realtime.blacklist-changed",
    event: "blacklist.changed",
    runs: "after-commit",
    handle: ({ tenantId, change }) => publishBlacklistChanged(tenantId, change),
  }),
  listener({
    name: "realtime.campaigns-changed",
    event: "campaigns.changed",
    runs: "after-commit",
    handle: ({ tenantId, change }) => publishCampaignsChanged(tenantId, change),
  }),
];
