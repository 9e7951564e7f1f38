"use client";
// The Actions tab's New action / Edit dialog: react-hook-form validated by the server's own schema
// (createSpamActionSchema checks the params of the chosen type and reports them as params.<field>,
// which are these fields' names). Params of the other types stay in the form while switching and are
// dropped by the schema.
import { ChannelOptions } from "@/components/channel-options";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import { setServerErrors } from "@/components/ui/server-errors";
import { Icon } from "@/components/icons";
import { toast } from "@/components/toaster";
import {
  ACTION_TYPE_LABELS,
  createSpamActionSchema,
  describeActionDraft,
  SPAM_ACTION_TYPES,
} from "@/lib/spam-manager/action-schemas";
import { createSpamActionAction, updateSpamActionAction } from "./actions";
import type { ActionOption } from "./run-action-buttons";

type ActionFormValues = z.input<typeof createSpamActionSchema>;
type ActionFormOutput = z.output<typeof createSpamActionSchema>;

const PERIODS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 10_080, label: "7 days" },
  { minutes: 43_200, label: "30 days" },
];

/** Every type's fields, the action's own params over the defaults. */
function valuesOf(action?: ActionOption): ActionFormValues {
  return {
    name: action?.name ?? "",
    type: action?.type ?? "mark_spam",
    params: {
      minutes: 1440,
      reason: "",
      saveToActivityData: false,
      channel: null,
      expiresInDays: null,
      ...action?.params,
    },
  };
}

const emptyAsNull = (value: unknown) => (value === "" || value === null || value === undefined ? null : value);

export function ActionFormButton({ action }: { action?: ActionOption }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const form = useForm<ActionFormValues, unknown, ActionFormOutput>({
    resolver: zodResolver(createSpamActionSchema),
    defaultValues: valuesOf(action),
  });
  const { register, control, formState } = form;
  const [type, params, name] = useWatch({ control, name: ["type", "params", "name"] });
  const paramError = (key: string) =>
    (formState.errors.params as Record<string, { message?: string } | undefined> | undefined)?.[key]?.message;
  const minutes = String(params?.minutes ?? "");

  function openForm() {
    form.reset(valuesOf(action));
    setOpen(true);
  }

  const onSubmit = form.handleSubmit(async (values) => {
    const input = { name: values.name, type: values.type, params: values.params };
    const result = action ? await updateSpamActionAction(action.id, input) : await createSpamActionAction(input);
    if (!result.ok) return setServerErrors(form, result.error);
    toast.success(action ? `Saved “${values.name}”` : `Created “${values.name}”`);
    setOpen(false);
    router.refresh();
  });

  return (
    <>
      {action ? (
        <Button size="sm" onClick={openForm} aria-label={`Edit ${action.name}`}>
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={openForm} className="shrink-0">
          <Icon name="plus" className="h-4 w-4" /> New action
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={action ? "Edit action" : "New action"}
        labelledBy={`${id}-title`}
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field
            label="Name"
            htmlFor={`${id}-name`}
            hint="Shown on the button in the User History, e.g. “Block a day”."
            error={formState.errors.name?.message}
          >
            <TextInput id={`${id}-name`} maxLength={80} required autoFocus {...register("name")} />
          </Field>
          <fieldset>
            <legend className="mb-1.5 block text-sm font-medium text-slate-700">What it does</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {SPAM_ACTION_TYPES.map((option) => (
                <label
                  key={option}
                  className={[
                    "flex cursor-pointer gap-2 rounded-lg border border-slate-200 p-2.5",
                    "text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50",
                  ].join(" ")}
                >
                  <input type="radio" value={option} className="mt-0.5 accent-brand-600" {...register("type")} />
                  <span>
                    <span className="block font-medium text-slate-900">{ACTION_TYPE_LABELS[option].label}</span>
                    <span className="block text-xs text-slate-500">{ACTION_TYPE_LABELS[option].description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {type === "block_live_chat" && (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Block for" htmlFor={`${id}-minutes`} error={paramError("minutes")}>
                <Select id={`${id}-minutes`} {...register("params.minutes", { valueAsNumber: true })}>
                  {PERIODS.map((p) => (
                    <option key={p.minutes} value={p.minutes}>
                      {p.label}
                    </option>
                  ))}
                  {!PERIODS.some((p) => String(p.minutes) === minutes) && (
                    <option value={minutes}>{minutes} minutes</option>
                  )}
                </Select>
              </Field>
              <Field label="Reason" htmlFor={`${id}-reason`} error={paramError("reason")}>
                <TextInput id={`${id}-reason`} maxLength={500} required {...register("params.reason")} />
              </Field>
              <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
                <input type="checkbox" className="accent-brand-600" {...register("params.saveToActivityData")} />
                Save the block to the user’s chat activity data (signed-in users)
              </label>
            </div>
          )}
          {type === "ban_channel" && (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Channel" htmlFor={`${id}-channel`} error={paramError("channel")}>
                <Select id={`${id}-channel`} {...register("params.channel", { setValueAs: emptyAsNull })}>
                  <option value="">Every channel they posted from</option>
                  <ChannelOptions />
                </Select>
              </Field>
              <Field
                label="Expires after (days)"
                htmlFor={`${id}-days`}
                hint="Empty: never."
                error={paramError("expiresInDays")}
              >
                <TextInput
                  id={`${id}-days`}
                  type="number"
                  min={1}
                  max={3650}
                  {...register("params.expiresInDays", {
                    setValueAs: (value) => (emptyAsNull(value) === null ? null : Number(value)),
                  })}
                />
              </Field>
              <div className="sm:col-span-2">
                <Field label="Reason" htmlFor={`${id}-ban-reason`} error={paramError("reason")}>
                  <TextInput id={`${id}-ban-reason`} maxLength={500} required {...register("params.reason")} />
                </Field>
              </div>
            </div>
          )}
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{describeActionDraft(type, params)}</p>
          {formState.errors.root?.server && <ErrorNote>{formState.errors.root.server.message}</ErrorNote>}
          <DialogActions
            onCancel={() => setOpen(false)}
            actionLabel={action ? "Save" : "Create action"}
            pendingLabel="Saving…"
            pending={formState.isSubmitting}
            disabled={!name.trim()}
          />
        </form>
      </Dialog>
    </>
  );
}
