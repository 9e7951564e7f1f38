-- AlterTable
ALTER TABLE "Tenant" ALTER COLUMN "widgetSecret" SET DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
