"use client";
// "Keep the audit log for N days": admins only (the server checks; lib/audit-log/retention.ts). Lowering it
// says first what goes: entries past the new window are deleted within the hour, for good.
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Field, TextInput } from "@/components/ui/field";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { submitToServer } from "@/components/ui/server-errors";
import {
  AUDIT_RETENTION_MAX_DAYS,
  AUDIT_RETENTION_MIN_DAYS,
  auditLogRetentionFormSchema,
} from "@/lib/audit-log/retention-schema";
import { updateAuditLogRetentionAction } from "./actions";

interface Retention {
  auditLogRetentionDays: number;
}

export function RetentionForm({ initial }: { initial: Retention }) {
  // The server's rules (lib/audit-log/retention-schema.ts): their words beside the field before anything is sent.
  const form = useForm<Retention>({ resolver: zodResolver(auditLogRetentionFormSchema), defaultValues: initial });
  const { saved: isSaved, markSaved } = useSaved(form);
  const days = form.watch("auditLogRetentionDays");
  const shorter = Number.isFinite(days) && days >= AUDIT_RETENTION_MIN_DAYS && days < initial.auditLogRetentionDays;

  const onSubmit = form.handleSubmit(async (values) => {
    const saved = await submitToServer(form, () => updateAuditLogRetentionAction(values));
    if (saved) {
      form.reset({ auditLogRetentionDays: saved.auditLogRetentionDays });
      markSaved();
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <Field
        label="Keep the audit log for (days)"
        htmlFor="audit-retention-days"
        hint={
          `${AUDIT_RETENTION_MIN_DAYS} to ${AUDIT_RETENTION_MAX_DAYS.toLocaleString("en-US")} days. Older entries ` +
          "are deleted every hour. The change is itself recorded here."
        }
        error={form.formState.errors.auditLogRetentionDays?.message}
      >
        <TextInput
          id="audit-retention-days"
          type="number"
          min={AUDIT_RETENTION_MIN_DAYS}
          max={AUDIT_RETENTION_MAX_DAYS}
          required
          className="sm:max-w-40"
          {...form.register("auditLogRetentionDays", { valueAsNumber: true })}
        />
      </Field>
      {shorter && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="retention-warning">
          Entries older than {days} days will be deleted within the hour and cannot be brought back.
        </p>
      )}
      <SaveFooter control={form.control} saved={isSaved} />
    </form>
  );
}
