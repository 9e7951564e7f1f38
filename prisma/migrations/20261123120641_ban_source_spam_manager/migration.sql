-- AlterEnum
ALTER TYPE "BanSource" ADD VALUE 'spam_manager';
