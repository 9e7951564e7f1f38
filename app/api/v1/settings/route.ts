// GET /api/v1/settings — the tenant's general settings; PATCH /api/v1/settings — change them
import { json, readJson, withApiKey } from "@/lib/http/api";
import { getGeneralSettings, updateGeneralSettings } from "@/lib/tenant-settings/general-settings";

export const GET = withApiKey(async ({ db, actor }) => json(await getGeneralSettings({ db, actor })));

export const PATCH = withApiKey(async ({ db, actor, req }) => json(await updateGeneralSettings({ db, actor, input: await readJson(req) })));
