-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "spamMarkedAt" TIMESTAMPTZ(3),
ADD COLUMN     "spamMarkedById" TEXT;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "spamMarkedById" TEXT;

-- CreateIndex
CREATE INDEX "Contact_tenantId_spamMarkedAt_idx" ON "Contact"("tenantId", "spamMarkedAt");

-- CreateIndex
CREATE INDEX "Conversation_tenantId_spamMarkedById_bucket_lastMessageAt_i_idx" ON "Conversation"("tenantId", "spamMarkedById", "bucket", "lastMessageAt" DESC, "id" DESC);
