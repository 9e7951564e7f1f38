-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "liveChatNewVisitorsPerAddress" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "liveChatNewVisitorsPerTenant" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "liveChatQueueEntriesPerAddress" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "liveChatQueueEntriesPerTenant" INTEGER NOT NULL DEFAULT 60;
