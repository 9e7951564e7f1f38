-- AlterEnum
ALTER TYPE "SpamRuleTrigger" ADD VALUE 'disguised_string';

-- AlterTable
ALTER TABLE "SpamStringOccurrence" ADD COLUMN     "obfuscated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "raw" TEXT;
