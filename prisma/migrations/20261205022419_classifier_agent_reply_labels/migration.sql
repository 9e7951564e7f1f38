-- AlterEnum
ALTER TYPE "ClassifierLabelSource" ADD VALUE 'agent_reply';

-- CreateIndex
CREATE INDEX "ClassifierLabel_tenantId_messageId_idx" ON "ClassifierLabel"("tenantId", "messageId");
