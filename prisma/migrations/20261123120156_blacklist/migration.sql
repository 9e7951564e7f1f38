-- CreateEnum
CREATE TYPE "BanSource" AS ENUM ('session_detail', 'live_session', 'admin_add', 'rule', 'api');

-- AlterEnum
ALTER TYPE "InboxBucket" ADD VALUE 'banned';

-- AlterTable
ALTER TABLE "Tenant" ALTER COLUMN "widgetSecret" SET DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

-- CreateTable
CREATE TABLE "Ban" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "identifier" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" "BanSource" NOT NULL,
    "contactId" TEXT,
    "conversationId" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "deactivatedAt" TIMESTAMPTZ(3),
    "deactivatedById" TEXT,
    "deactivatedByName" TEXT,
    "activeSlot" TEXT DEFAULT 'active',
    "hitCount" INTEGER NOT NULL DEFAULT 0,
    "lastHitAt" TIMESTAMPTZ(3),

    CONSTRAINT "Ban_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Ban_tenantId_identifier_idx" ON "Ban"("tenantId", "identifier");

-- CreateIndex
CREATE INDEX "Ban_tenantId_createdAt_idx" ON "Ban"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Ban_tenantId_channel_identifier_activeSlot_key" ON "Ban"("tenantId", "channel", "identifier", "activeSlot");
