"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { createBanSchema } from "@/lib/blacklist/ban-schemas";
import { setOperatorBansEnabled } from "@/lib/blacklist/blacklist-settings";

export const addBanAction = defineAction([parsedByUseCase(createBanSchema)], async (ctx, input) => {
  const { ban } = await createBan.fromUntrusted({ ...ctx, source: "admin_add", input });
  revalidatePath("/settings/blacklist");
  return ban;
});

export const deactivateBanAction = defineAction([idArgument("ban id")], async (ctx, banId) => {
  const ban = await deactivateBan({ ...ctx, banId });
  revalidatePath("/settings/blacklist");
  return ban;
});

export const setOperatorBansAction = defineAction(
  [z.boolean().describe("operator bans setting")],
  async (ctx, enabled) => {
    const result = await setOperatorBansEnabled({ ...ctx, enabled });
    revalidatePath("/settings/blacklist");
    return result;
  },
);
