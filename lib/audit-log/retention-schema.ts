// How long a tenant keeps its audit log: the bounds and the setting's schema. Client-safe (the page's
// form validates with it too).
import { z } from "zod";

export const AUDIT_RETENTION_DEFAULT_DAYS = 365;
/** A month at least: an admin (or whoever holds their session) cannot empty the log of last week's actions. */
export const AUDIT_RETENTION_MIN_DAYS = 30;
/** Ten years at most. */
export const AUDIT_RETENTION_MAX_DAYS = 3650;

const days = (base: z.ZodNumber) =>
  base
    .int("must be a whole number of days")
    .min(AUDIT_RETENTION_MIN_DAYS, `must be at least ${AUDIT_RETENTION_MIN_DAYS} days`)
    .max(AUDIT_RETENTION_MAX_DAYS, `must be at most ${AUDIT_RETENTION_MAX_DAYS.toLocaleString("en-US")} days`);

/** The server's: a number or a numeric string (a form field, a query). */
export const auditLogRetentionSchema = z.object({
  auditLogRetentionDays: days(z.coerce.number("must be a number of days")),
});

/** The page's form: the same rules on the number its field holds. */
export const auditLogRetentionFormSchema = z.object({
  auditLogRetentionDays: days(z.number("must be a number of days")),
});

export type AuditLogRetention = z.output<typeof auditLogRetentionSchema>;
