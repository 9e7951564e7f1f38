-- CreateEnum
CREATE TYPE "SpamStringKind" AS ENUM ('domain', 'url', 'phone', 'email');

-- CreateEnum
CREATE TYPE "SpamListKind" AS ENUM ('allow', 'deny');

-- CreateEnum
CREATE TYPE "SpamActionType" AS ENUM ('mark_spam', 'block_live_chat', 'ban_channel', 'flag_review');

-- CreateEnum
CREATE TYPE "SpamRuleTrigger" AS ENUM ('denied_string', 'uncategorized_burst');

-- CreateEnum
CREATE TYPE "ActionLogStatus" AS ENUM ('completed', 'failed');

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "flaggedForReviewAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Tenant" ALTER COLUMN "widgetSecret" SET DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

-- CreateTable
CREATE TABLE "SpamString" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "SpamStringKind" NOT NULL,
    "value" TEXT NOT NULL,
    "domain" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpamString_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpamStringOccurrence" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "spamStringId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpamStringOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpamListEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "list" "SpamListKind" NOT NULL,
    "kind" "SpamStringKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpamListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpamAction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "SpamActionType" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpamAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpamRule" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "trigger" "SpamRuleTrigger" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "actionId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpamRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionLog" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "actionId" TEXT,
    "actionName" TEXT NOT NULL,
    "ruleId" TEXT,
    "contactId" TEXT NOT NULL,
    "status" "ActionLogStatus" NOT NULL,
    "error" TEXT,
    "manual" BOOLEAN NOT NULL,
    "actorId" TEXT,
    "windowKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpamString_tenantId_kind_lastSeenAt_idx" ON "SpamString"("tenantId", "kind", "lastSeenAt" DESC);

-- CreateIndex
CREATE INDEX "SpamString_tenantId_domain_idx" ON "SpamString"("tenantId", "domain");

-- CreateIndex
CREATE UNIQUE INDEX "SpamString_tenantId_kind_value_key" ON "SpamString"("tenantId", "kind", "value");

-- CreateIndex
CREATE INDEX "SpamStringOccurrence_tenantId_spamStringId_createdAt_idx" ON "SpamStringOccurrence"("tenantId", "spamStringId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "SpamStringOccurrence_tenantId_contactId_createdAt_idx" ON "SpamStringOccurrence"("tenantId", "contactId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "SpamStringOccurrence_tenantId_createdAt_idx" ON "SpamStringOccurrence"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SpamStringOccurrence_spamStringId_messageId_key" ON "SpamStringOccurrence"("spamStringId", "messageId");

-- CreateIndex
CREATE INDEX "SpamListEntry_tenantId_list_createdAt_idx" ON "SpamListEntry"("tenantId", "list", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "SpamListEntry_tenantId_kind_value_key" ON "SpamListEntry"("tenantId", "kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "SpamAction_tenantId_name_key" ON "SpamAction"("tenantId", "name");

-- CreateIndex
CREATE INDEX "SpamRule_tenantId_enabled_idx" ON "SpamRule"("tenantId", "enabled");

-- CreateIndex
CREATE INDEX "ActionLog_tenantId_createdAt_idx" ON "ActionLog"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ActionLog_tenantId_contactId_createdAt_idx" ON "ActionLog"("tenantId", "contactId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ActionLog_ruleId_contactId_windowKey_key" ON "ActionLog"("ruleId", "contactId", "windowKey");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "SpamStringOccurrence" ADD CONSTRAINT "SpamStringOccurrence_spamStringId_fkey" FOREIGN KEY ("spamStringId") REFERENCES "SpamString"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpamRule" ADD CONSTRAINT "SpamRule_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "SpamAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
