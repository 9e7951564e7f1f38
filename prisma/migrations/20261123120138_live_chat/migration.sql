-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "activityData" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "queuedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "widgetSecret" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
ADD COLUMN     "workingHours" JSONB;

-- CreateTable
CREATE TABLE "LiveChatBlock" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "conversationId" TEXT,
    "authenticated" BOOLEAN NOT NULL,
    "blockedAt" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "blockedById" TEXT,
    "blockedByName" TEXT NOT NULL,
    "savedToActivityData" BOOLEAN NOT NULL DEFAULT false,
    "unblockedAt" TIMESTAMPTZ(3),
    "unblockedById" TEXT,
    "unblockedVia" TEXT,
    "hitCount" INTEGER NOT NULL DEFAULT 0,
    "lastHitAt" TIMESTAMPTZ(3),

    CONSTRAINT "LiveChatBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LiveChatBlock_tenantId_contactId_blockedUntil_idx" ON "LiveChatBlock"("tenantId", "contactId", "blockedUntil");

-- CreateIndex
CREATE INDEX "LiveChatBlock_tenantId_conversationId_blockedUntil_idx" ON "LiveChatBlock"("tenantId", "conversationId", "blockedUntil");

-- CreateIndex
CREATE INDEX "LiveChatBlock_tenantId_blockedAt_idx" ON "LiveChatBlock"("tenantId", "blockedAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_tenantId_status_queuedAt_idx" ON "Conversation"("tenantId", "status", "queuedAt");
