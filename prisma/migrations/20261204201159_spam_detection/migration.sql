-- CreateEnum
CREATE TYPE "SpamDetectionMode" AS ENUM ('off', 'scores', 'suspect');

-- AlterEnum
ALTER TYPE "InboxBucket" ADD VALUE 'suspected';

-- AlterEnum
ALTER TYPE "SpamRuleTrigger" ADD VALUE 'spam_score';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "spamReasons" JSONB,
ADD COLUMN     "spamScore" DOUBLE PRECISION,
ADD COLUMN     "spamSuspicionDismissedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "spamReasons" JSONB,
ADD COLUMN     "spamScore" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "spamDetectionMode" "SpamDetectionMode" NOT NULL DEFAULT 'scores',
ADD COLUMN     "spamSuspectThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.9;
