-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "auditLogRetentionDays" INTEGER NOT NULL DEFAULT 365;

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_action_createdAt_idx" ON "AuditLog"("tenantId", "action", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_actorId_createdAt_idx" ON "AuditLog"("tenantId", "actorId", "createdAt" DESC);
