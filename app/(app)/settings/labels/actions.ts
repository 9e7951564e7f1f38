"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { createLabel, deleteLabel, updateLabel } from "@/lib/labels/manage-labels";

export async function createLabelAction(input: unknown) {
  return toActionResult(async () => {
    const label = await createLabel({ db: await getDb(), actor: await requireAgent(), input });
    revalidatePath("/settings/labels");
    return { id: label.id };
  });
}

export async function updateLabelAction(labelId: string, input: unknown) {
  return toActionResult(async () => {
    await updateLabel({ db: await getDb(), actor: await requireAgent(), labelId: String(labelId), input });
    revalidatePath("/settings/labels");
    return null;
  });
}

export async function deleteLabelAction(labelId: string) {
  return toActionResult(async () => {
    await deleteLabel({ db: await getDb(), actor: await requireAgent(), labelId: String(labelId) });
    revalidatePath("/settings/labels");
    return null;
  });
}
