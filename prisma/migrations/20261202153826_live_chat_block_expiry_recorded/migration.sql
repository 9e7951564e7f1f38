-- AlterTable
ALTER TABLE "LiveChatBlock" ADD COLUMN     "expiryRecordedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "LiveChatBlock_expiryRecordedAt_unblockedAt_blockedUntil_idx" ON "LiveChatBlock"("expiryRecordedAt", "unblockedAt", "blockedUntil");

-- Blocks whose expiry was already recorded (by a connect request) keep that record: mark them.
UPDATE "LiveChatBlock" b SET "expiryRecordedAt" = a."createdAt"
FROM "AuditLog" a
WHERE a."tenantId" = b."tenantId" AND a."targetType" = 'live_chat_block' AND a."targetId" = b."id" AND a."action" = 'live_chat.block_expired';
