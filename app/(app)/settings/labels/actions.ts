"use server";

import { revalidatePath } from "next/cache";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { createLabel, deleteLabel, updateLabel } from "@/lib/labels/manage-labels";
import { createLabelSchema, updateLabelSchema } from "@/lib/labels/label-schemas";

export const createLabelAction = defineAction([parsedByUseCase(createLabelSchema)], async (ctx, input) => {
  const label = await createLabel.fromUntrusted({ ...ctx, input });
  revalidatePath("/settings/labels");
  return { id: label.id };
});

export const updateLabelAction = defineAction(
  [idArgument("label id"), parsedByUseCase(updateLabelSchema)],
  async (ctx, labelId, input) => {
    await updateLabel.fromUntrusted({ ...ctx, labelId, input });
    revalidatePath("/settings/labels");
    return null;
  },
);

export const deleteLabelAction = defineAction([idArgument("label id")], async (ctx, labelId) => {
  await deleteLabel({ ...ctx, labelId });
  revalidatePath("/settings/labels");
  return null;
});
