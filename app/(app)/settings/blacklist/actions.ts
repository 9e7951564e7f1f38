"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { createBan, deactivateBan } from "@/lib/blacklist/manage-bans";
import { setOperatorBansEnabled } from "@/lib/blacklist/blacklist-settings";

export async function addBanAction(input: unknown) {
  return toActionResult(async () => {
    const { ban } = await createBan({ db: await getDb(), actor: await requireAgent(), input, source: "admin_add" });
    revalidatePath("/settings/blacklist");
    return ban;
  });
}

export async function deactivateBanAction(banId: string) {
  return toActionResult(async () => {
    const ban = await deactivateBan({ db: await getDb(), actor: await requireAgent(), banId: String(banId) });
    revalidatePath("/settings/blacklist");
    return ban;
  });
}

export async function setOperatorBansAction(enabled: boolean) {
  return toActionResult(async () => {
    const result = await setOperatorBansEnabled({ db: await getDb(), actor: await requireAgent(), enabled: enabled === true });
    revalidatePath("/settings/blacklist");
    return result;
  });
}
