"use server";

import { revalidatePath } from "next/cache";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { createTenantApiKey, revokeApiKey, updateApiKey } from "@/lib/api-keys/manage-api-keys";
import { createApiKeySchema, updateApiKeySchema } from "@/lib/api-keys/api-key-schemas";

/** Answers the clear key: the browser shows it once and it is never retrievable again. */
export const createApiKeyAction = defineAction([parsedByUseCase(createApiKeySchema)], async (ctx, input) => {
  const { key, apiKey } = await createTenantApiKey.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/api-keys");
  return { key, id: apiKey.id, name: apiKey.name };
});

export const updateApiKeyAction = defineAction([parsedByUseCase(updateApiKeySchema)], async (ctx, input) => {
  await updateApiKey.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/api-keys");
  return null;
});

export const revokeApiKeyAction = defineAction([idArgument("API key id")], async (ctx, apiKeyId) => {
  await revokeApiKey({ ...ctx, apiKeyId });
  revalidatePath("/settings/api-keys");
  return null;
});
