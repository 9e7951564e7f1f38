// An audit log entry in API answers (GET /api/v1/audit-log).
import { z } from "zod";

export const auditEntryViewSchema = z.object({
  id: z.string(),
  createdAt: z.string().describe("ISO-8601 UTC"),
  action: z.string().describe("stable machine name, e.g. `ban.deactivated`; its group is what precedes the dot"),
  description: z
    .string()
    .describe('what happened, for people ("Lifted a ban on WhatsApp"); the raw action for one without a sentence'),
  actor: z.object({
    kind: z.string().describe("`agent`, `api_key`, `system` (Bouncer itself) or `rule` (a Spam Manager rule)"),
    id: z.string().nullable().describe("the agent's, API key's or rule's id; null for `system`"),
    name: z.string().describe('"Ann Agent", "API key Zapier", "Spam rule Likely spam", "System"'),
  }),
  target: z
    .object({
      type: z.string().describe("`ban`, `contact`, `conversation`, `live_chat_block`, `agent`, `tenant`, …"),
      id: z.string().nullable(),
      name: z
        .string()
        .nullable()
        .describe("the target's name now (a ban's identifier, a chat's user); null when it no longer exists"),
    })
    .nullable(),
  details: z.record(z.string(), z.unknown()).describe("what the action recorded (changed fields, previous values…)"),
});

export type AuditEntryApiView = z.infer<typeof auditEntryViewSchema>;
