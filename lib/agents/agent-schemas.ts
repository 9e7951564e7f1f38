import { z } from "zod";

export const ROLES = ["AGENT", "SUPERVISOR", "ADMIN"] as const;

export const createAgentSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")),
  name: z.string().trim().min(1, "must not be empty").max(120),
  password: z.string().min(10, "must be at least 10 characters").max(200),
  role: z.enum(ROLES).default("AGENT"),
  canSeeAllChats: z.boolean().default(true),
});

export const updateAgentSchema = z.object({
  agentId: z.string().min(1),
  name: z.string().trim().min(1, "must not be empty").max(120).optional(),
  role: z.enum(ROLES).optional(),
  canSeeAllChats: z.boolean().optional(),
});

export type CreateAgentInput = z.infer<typeof createAgentSchema>;
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "is required").max(1024),
    newPassword: z.string().min(10, "must be at least 10 characters").max(200),
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "must differ from the current password",
  });

export const setAgentPasswordSchema = z.object({
  agentId: z.string().min(1).max(64),
  password: z.string().min(10, "must be at least 10 characters").max(200),
});

export const agentIdSchema = z.object({ agentId: z.string().min(1).max(64) });
