// Every operation of the public REST API, as its route handler declares it (lib/http/define-route.ts):
// the list GET /api/v1/openapi.json is generated from. tests/integration/openapi.test.ts checks that every
// route file under app/api/v1 is listed here, so a new route cannot be left out of the document.
import type { OperationSpec, RouteHandler } from "@/lib/http/define-route";
import { openApiDocument } from "@/lib/http/openapi";
import * as actionLog from "./action-log/route";
import * as agentsIdSignOutEverywhere from "./agents/[id]/sign-out-everywhere/route";
import * as agents from "./agents/route";
import * as auditLog from "./audit-log/route";
import * as bansIdDeactivate from "./bans/[id]/deactivate/route";
import * as bansId from "./bans/[id]/route";
import * as bansExport from "./bans/export/route";
import * as bans from "./bans/route";
import * as campaignsIdActivate from "./campaigns/[id]/activate/route";
import * as campaignsIdAudience from "./campaigns/[id]/audience/route";
import * as campaignsIdPause from "./campaigns/[id]/pause/route";
import * as campaignsId from "./campaigns/[id]/route";
import * as campaignsIdSend from "./campaigns/[id]/send/route";
import * as campaignsAudiencePreview from "./campaigns/audience-preview/route";
import * as campaigns from "./campaigns/route";
import * as contactsId from "./contacts/[id]/route";
import * as contactsIdSpam from "./contacts/[id]/spam/route";
import * as conversationsIdAssignee from "./conversations/[id]/assignee/route";
import * as conversationsIdBan from "./conversations/[id]/ban/route";
import * as conversationsIdContext from "./conversations/[id]/context/route";
import * as conversationsIdDismissSuspicion from "./conversations/[id]/dismiss-suspicion/route";
import * as conversationsIdLabels from "./conversations/[id]/labels/route";
import * as conversationsIdMessages from "./conversations/[id]/messages/route";
import * as conversationsId from "./conversations/[id]/route";
import * as conversationsIdStatus from "./conversations/[id]/status/route";
import * as conversationsCounts from "./conversations/counts/route";
import * as conversations from "./conversations/route";
import * as conversationsTakeNext from "./conversations/take-next/route";
import * as labelsId from "./labels/[id]/route";
import * as labels from "./labels/route";
import * as liveChatBlocksIdUnblock from "./live-chat-blocks/[id]/unblock/route";
import * as liveChatBlocks from "./live-chat-blocks/route";
import * as livechatBlock from "./livechat/block/route";
import * as livechatConnect from "./livechat/connect/route";
import * as messages from "./messages/route";
import * as outboxIdAck from "./outbox/[id]/ack/route";
import * as outbox from "./outbox/route";
import * as sessions from "./sessions/route";
import * as settings from "./settings/route";
import * as spamActionsId from "./spam-actions/[id]/route";
import * as spamActionsIdRun from "./spam-actions/[id]/run/route";
import * as spamActions from "./spam-actions/route";
import * as spamListsList from "./spam-lists/[list]/route";
import * as spamListsEntriesId from "./spam-lists/entries/[id]/route";
import * as spamLists from "./spam-lists/route";
import * as spamMarks from "./spam-marks/route";
import * as spamRulesId from "./spam-rules/[id]/route";
import * as spamRules from "./spam-rules/route";
import * as spamStringsIdBanPosters from "./spam-strings/[id]/ban-posters/route";
import * as spamStringsIdPosts from "./spam-strings/[id]/posts/route";
import * as spamStringsId from "./spam-strings/[id]/route";
import * as spamStrings from "./spam-strings/route";
import * as spamUsersContactIdPosts from "./spam-users/[contactId]/posts/route";
import * as spamUsers from "./spam-users/route";

/** The route modules, each exporting one handler per method. */
export const ROUTE_MODULES: Record<string, Record<string, unknown>> = {
  actionLog,
  agentsIdSignOutEverywhere,
  agents,
  auditLog,
  bansIdDeactivate,
  bansId,
  bansExport,
  bans,
  campaignsIdActivate,
  campaignsIdAudience,
  campaignsIdPause,
  campaignsId,
  campaignsIdSend,
  campaignsAudiencePreview,
  campaigns,
  contactsId,
  contactsIdSpam,
  conversationsIdAssignee,
  conversationsIdBan,
  conversationsIdContext,
  conversationsIdDismissSuspicion,
  conversationsIdLabels,
  conversationsIdMessages,
  conversationsId,
  conversationsIdStatus,
  conversationsCounts,
  conversations,
  conversationsTakeNext,
  labelsId,
  labels,
  liveChatBlocksIdUnblock,
  liveChatBlocks,
  livechatBlock,
  livechatConnect,
  messages,
  outboxIdAck,
  outbox,
  sessions,
  settings,
  spamActionsId,
  spamActionsIdRun,
  spamActions,
  spamListsList,
  spamListsEntriesId,
  spamLists,
  spamMarks,
  spamRulesId,
  spamRules,
  spamStringsIdBanPosters,
  spamStringsIdPosts,
  spamStringsId,
  spamStrings,
  spamUsersContactIdPosts,
  spamUsers,
};

function isRouteHandler(value: unknown): value is RouteHandler {
  return typeof value === "function" && "operation" in value;
}

export const API_OPERATIONS: OperationSpec[] = Object.values(ROUTE_MODULES).flatMap((module) =>
  Object.values(module)
    .filter(isRouteHandler)
    .map((handler) => handler.operation),
);

/** The OpenAPI document of every operation above, built anew (GET /api/v1/openapi.json serves apiDocumentJson). */
export function apiDocument() {
  return openApiDocument(API_OPERATIONS);
}

let documentJson: string | undefined;

/**
 * The document as GET /api/v1/openapi.json serves it: built on the first request and kept for the process's life.
 * It is a function of the route declarations alone, which cannot change while the process runs; building it (every
 * zod schema to JSON Schema, 204 KB) on each request let one client's loop of this public path slow every agent.
 */
export function apiDocumentJson(): string {
  documentJson ??= JSON.stringify(apiDocument());
  return documentJson;
}
