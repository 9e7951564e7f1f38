-- CreateEnum
CREATE TYPE "ClassifierLabelSource" AS ENUM ('mark_spam', 'unmark_spam', 'dismiss_suspicion', 'deny_string', 'ban_sender', 'manual');

-- CreateTable
CREATE TABLE "ClassifierModel" (
    "tenantId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "snapshotSeq" INTEGER NOT NULL DEFAULT 0,
    "featureVersion" INTEGER NOT NULL,
    "snapshot" BYTEA,
    "spamLabels" INTEGER NOT NULL DEFAULT 0,
    "hamLabels" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassifierModel_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "ClassifierLabel" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "spam" BOOLEAN NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "source" "ClassifierLabelSource" NOT NULL,
    "messageId" TEXT,
    "scoreBefore" DOUBLE PRECISION NOT NULL,
    "featureVersion" INTEGER NOT NULL,
    "features" BYTEA,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassifierLabel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClassifierLabel_tenantId_createdAt_idx" ON "ClassifierLabel"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ClassifierLabel_tenantId_seq_key" ON "ClassifierLabel"("tenantId", "seq");

-- AddForeignKey
ALTER TABLE "ClassifierModel" ADD CONSTRAINT "ClassifierModel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassifierLabel" ADD CONSTRAINT "ClassifierLabel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
