-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "widgetAllowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];
