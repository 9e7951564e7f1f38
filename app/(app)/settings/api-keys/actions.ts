"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { createTenantApiKey, revokeApiKey, updateApiKey } from "@/lib/api-keys/manage-api-keys";

/** Answers the clear key: the browser shows it once and it is never retrievable again. */
export async function createApiKeyAction(input: unknown) {
  return toActionResult(async () => {
    const { key, apiKey } = await createTenantApiKey({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/api-keys");
    return { key, id: apiKey.id, name: apiKey.name };
  });
}

export async function updateApiKeyAction(input: unknown) {
  return toActionResult(async () => {
    await updateApiKey({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/api-keys");
    return null;
  });
}

export async function revokeApiKeyAction(apiKeyId: string) {
  return toActionResult(async () => {
    await revokeApiKey({ db: await getDb(), actor: await requireAgent(), apiKeyId: String(apiKeyId) });
    revalidatePath("/settings/api-keys");
    return null;
  });
}
