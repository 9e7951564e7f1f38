"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { submitToServer } from "@/components/ui/server-errors";
import { createLabelSchema } from "@/lib/labels/label-schemas";
import { ErrorNote, Field, TextInput } from "@/components/ui/field";
import {
  DEFAULT_LABEL_COLOR,
  LABEL_COLORS,
  LABEL_COLOR_CLASSES,
  isLabelColor,
  labelColorClasses,
  type LabelColor,
} from "@/lib/labels/label-colors";
import { createLabelAction, deleteLabelAction, updateLabelAction } from "./actions";
import { plural } from "@/lib/ui/plural";

const NAME_MAX = 40;

interface LabelRow {
  id: string;
  name: string;
  color: string;
  conversationCount: number;
}

type Result = { ok: true } | { ok: false; error: { message: string } };

export function LabelChipPreview({ name, color }: { name: string; color: string }) {
  return (
    <span
      className={[
        "inline-flex max-w-full items-center truncate rounded-full px-2 py-0.5",
        "text-xs font-medium ring-1 ring-inset",
        labelColorClasses(color).chip,
      ].join(" ")}
    >
      {name || "Label"}
    </span>
  );
}

/** One radio per palette color, drawn as a dot; arrow keys move between them like any radio group. */
function ColorSwatches({
  value,
  onChange,
  name,
}: {
  value: LabelColor;
  onChange(color: LabelColor): void;
  name: string;
}) {
  return (
    <fieldset>
      <legend className="sr-only">Color</legend>
      <div className="flex flex-wrap gap-1.5">
        {LABEL_COLORS.map((color) => (
          <label key={color} className="relative cursor-pointer" title={LABEL_COLOR_CLASSES[color].name}>
            <input
              type="radio"
              name={name}
              value={color}
              checked={value === color}
              onChange={() => onChange(color)}
              aria-label={LABEL_COLOR_CLASSES[color].name}
              className="peer sr-only"
            />
            <span
              className={[
                "block h-6 w-6 rounded-full ring-offset-2 peer-checked:ring-2",
                "peer-checked:ring-slate-900 peer-focus-visible:outline-2",
                "peer-focus-visible:outline-offset-4",
                "peer-focus-visible:outline-brand-500",
                LABEL_COLOR_CLASSES[color].swatch,
              ].join(" ")}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function conversations(count: number) {
  return plural(count, "conversation");
}

export function LabelRowControls({ label }: { label: LabelRow }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState<LabelColor>(isLabelColor(label.color) ? label.color : DEFAULT_LABEL_COLOR);

  function run(action: () => Promise<Result>, onDone: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error.message);
      onDone();
      router.refresh();
    });
  }

  function startEditing() {
    setName(label.name);
    setColor(isLabelColor(label.color) ? label.color : DEFAULT_LABEL_COLOR);
    setError(null);
    setEditing(true);
  }

  function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(
      () => updateLabelAction(label.id, { name, color }),
      () => setEditing(false),
    );
  }

  if (editing) {
    return (
      <tr data-testid={`label-row-${label.name}`} className="bg-slate-50/60">
        <td colSpan={3} className="px-4 py-3">
          <form onSubmit={onSave} className="flex flex-col gap-3 lg:flex-row lg:items-center">
            <div className="w-full lg:w-64">
              <label className="sr-only" htmlFor={`${id}-name`}>
                Name of {label.name}
              </label>
              <TextInput
                id={`${id}-name`}
                value={name}
                onChange={(event) => setName(event.target.value)}
                maxLength={NAME_MAX}
                required
                autoFocus
              />
            </div>
            <ColorSwatches name={`${id}-color`} value={color} onChange={setColor} />
            <div className="flex items-center gap-2 lg:ml-auto">
              <LabelChipPreview name={name.trim()} color={color} />
              <Button size="sm" onClick={() => setEditing(false)} disabled={pending}>
                Cancel
              </Button>
              <Button size="sm" type="submit" variant="primary" disabled={pending || !name.trim()}>
                {pending ? "Saving…" : "Save"}
              </Button>
            </div>
          </form>
          {error && (
            <div className="mt-2">
              <ErrorNote>{error}</ErrorNote>
            </div>
          )}
        </td>
      </tr>
    );
  }

  return (
    <tr data-testid={`label-row-${label.name}`}>
      <td className="px-4 py-3">
        <LabelChipPreview name={label.name} color={label.color} />
        {/* Phones have no room for the count column. */}
        <div className="mt-1 text-xs text-slate-500 sm:hidden">{conversations(label.conversationCount)}</div>
        {error && (
          <div className="mt-1 text-xs text-red-600" role="alert">
            {error}
          </div>
        )}
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 sm:table-cell">
        {conversations(label.conversationCount)}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right">
        <div className="inline-flex gap-2">
          <Button size="sm" onClick={startEditing} aria-label={`Edit ${label.name}`}>
            Edit
          </Button>
          <Button
            size="sm"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
            aria-label={`Delete ${label.name}`}
          >
            Delete
          </Button>
        </div>
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Delete label"
          variant="danger"
          confirmLabel="Delete label"
          pendingLabel="Deleting…"
          onConfirm={async () => {
            const result = await deleteLabelAction(label.id);
            if (!result.ok) return result.error.message;
            setConfirming(false);
            router.refresh();
          }}
        >
          <p>
            Delete <LabelChipPreview name={label.name} color={label.color} />?{" "}
            {label.conversationCount > 0
              ? `It is on ${conversations(label.conversationCount)}; ` +
                `it will be removed from ${label.conversationCount === 1 ? "it" : "them"}.`
              : "No conversation carries it."}{" "}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

const NEW_LABEL: z.input<typeof createLabelSchema> = { name: "", color: DEFAULT_LABEL_COLOR };

export function CreateLabelButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof createLabelSchema>, unknown, z.output<typeof createLabelSchema>>({
    resolver: zodResolver(createLabelSchema),
    defaultValues: NEW_LABEL,
  });
  const { errors, isSubmitting } = form.formState;
  const [name, color] = useWatch({ control: form.control, name: ["name", "color"] });

  function openDialog() {
    form.reset(NEW_LABEL);
    setOpen(true);
  }

  const onSubmit = form.handleSubmit(async (values) => {
    if ((await submitToServer(form, () => createLabelAction(values))) === null) return;
    setOpen(false);
    router.refresh();
  });

  return (
    <>
      <Button variant="primary" onClick={openDialog} className="shrink-0">
        Create label
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Create label" labelledBy="create-label-title">
        <form onSubmit={onSubmit} className="space-y-4">
          <Field
            label="Name"
            htmlFor="label-name"
            hint={`Up to ${NAME_MAX} characters, e.g. billing or bug.`}
            error={errors.name?.message}
          >
            <TextInput id="label-name" maxLength={NAME_MAX} required autoFocus {...form.register("name")} />
          </Field>
          <div className="space-y-1.5">
            <span className="block text-sm font-medium text-slate-700" aria-hidden="true">
              Color
            </span>
            <Controller
              control={form.control}
              name="color"
              render={({ field }) => (
                <ColorSwatches
                  name="label-color"
                  value={(field.value ?? DEFAULT_LABEL_COLOR) as LabelColor}
                  onChange={field.onChange}
                />
              )}
            />
          </div>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            Preview <LabelChipPreview name={name.trim()} color={color ?? DEFAULT_LABEL_COLOR} />
          </div>
          {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
          <DialogActions
            onCancel={() => setOpen(false)}
            actionLabel="Create label"
            pendingLabel="Creating…"
            pending={isSubmitting}
            disabled={!name.trim()}
          />
        </form>
      </Dialog>
    </>
  );
}
