"use server";

import { revalidatePath } from "next/cache";
import { defineAction, parsedByUseCase } from "@/lib/http/define-action";
import { updateAuditLogRetention } from "@/lib/audit-log/retention";
import { auditLogRetentionSchema } from "@/lib/audit-log/retention-schema";

export const updateAuditLogRetentionAction = defineAction(
  [parsedByUseCase(auditLogRetentionSchema)],
  async (ctx, input) => {
    const retention = await updateAuditLogRetention.fromUntrusted({ ...ctx, input });
    revalidatePath("/settings/audit-log");
    return retention;
  },
);
