// How long a tenant keeps its audit log: the bounds and the setting's schema. Client-safe (the page's
// form validates with it too).
import { z } from "zod";

export const AUDIT_RETENTION_DEFAULT_DAYS = 365;
/** A month at least: an admin (or whoever holds their session) cannot empty the log of last week's actions. */
export const AUDIT_RETENTION_MIN_DAYS = 30;
/** Ten years at most. */
export const AUDIT_RETENTION_MAX_DAYS = 3650;

export const auditLogRetentionSchema = z.object({
  auditLogRetentionDays: z.coerce
    .number("must be a number of days")
    .int("must be a whole number of days")
    .min(AUDIT_RETENTION_MIN_DAYS, `must be at least ${AUDIT_RETENTION_MIN_DAYS} days`)
    .max(AUDIT_RETENTION_MAX_DAYS, `must be at most ${AUDIT_RETENTION_MAX_DAYS.toLocaleString("en-US")} days`),
});

export type AuditLogRetention = z.output<typeof auditLogRetentionSchema>;
