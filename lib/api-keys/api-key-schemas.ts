// Input of API key management (server actions and tests).
import { z } from "zod";

/** A select's "None" option arrives as ""; null clears the default agent. */
const defaultAgentId = z.preprocess(
  (value) => (value === "" ? null : value),
  z.string("must be an agent id").max(64).nullable(),
);

const keyName = z
  .string("must be a string")
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters");

export const createApiKeySchema = z.object({
  name: keyName,
  defaultAgentId: defaultAgentId.optional(),
});

export const updateApiKeySchema = z
  .object({
    apiKeyId: z.string().min(1).max(64),
    name: keyName.optional(),
    defaultAgentId: defaultAgentId.optional(),
  })
  .refine((input) => input.name !== undefined || input.defaultAgentId !== undefined, {
    message: "pass name or defaultAgentId",
    path: ["name"],
  });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
