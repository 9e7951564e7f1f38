"use client";
// The campaign editor (new campaign, and a draft's page): react-hook-form with the server's schema
// (audience-rows.ts), the audience as a field array of conditions (condition-row.tsx), the live size
// beside it (audience-preview.tsx), and Save draft / Send / Activate / Delete.
// Over ~300 lines on purpose: what remains is the one form and its four submit paths, which share its
// state and the server-error mapping; the audience rows and the preview are already their own files.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import type { TraitType } from "@/lib/contacts/traits";
import {
  deliveryChannelOf,
  MAX_AUDIENCE_CONDITIONS,
  type AudienceCondition,
} from "@/lib/campaigns/audience-conditions";
import { MAX_MESSAGE_LENGTH } from "@/lib/campaigns/campaign-schemas";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorNote, Field, TextArea, TextInput } from "@/components/ui/field";
import { setServerErrors, SOME_FIELDS_NEED_ATTENTION } from "@/components/ui/server-errors";
import { Icon } from "@/components/icons";
import { toast } from "@/components/toaster";
import {
  createCampaignAction,
  deleteCampaignAction,
  sendCampaignAction,
  setCampaignActiveAction,
  updateCampaignAction,
} from "./actions";
import { audienceOf, blankRow, campaignFormSchema, rowFromCondition, type CampaignFormValues } from "./audience-rows";
import { AudiencePanel, AudienceSummaryLine, useAudiencePreview } from "./audience-preview";
import { ConditionRow } from "./condition-row";
import { formatCount, plural, type CampaignKind } from "./campaign-ui";

export interface EditableCampaign {
  id: string;
  name: string;
  kind: CampaignKind;
  audience: AudienceCondition[];
  message: string;
}

type SubmitMode = "draft" | "send" | "activate";

export function CampaignEditor({
  campaign,
  traitKeys,
}: {
  campaign?: EditableCampaign;
  traitKeys: Array<{ key: string; type: TraitType }>;
}) {
  const router = useRouter();
  const form = useForm<CampaignFormValues, unknown, CampaignFormOutput>({
    resolver: zodResolver(campaignFormSchema),
    defaultValues: {
      name: campaign?.name ?? "",
      kind: campaign?.kind ?? "one_time",
      message: campaign?.message ?? "",
      audience: campaign ? campaign.audience.map(rowFromCondition) : [blankRow("channel")],
    },
  });
  const { control, register, formState } = form;
  const { errors, isSubmitting } = formState;
  const conditions = useFieldArray({ control, name: "audience" });
  const [kind, message, rows] = useWatch({ control, name: ["kind", "message", "audience"] });
  const [confirm, setConfirm] = useState<null | "send" | "delete">(null);
  const [mode, setMode] = useState<SubmitMode | null>(null);

  const audience = audienceOf(rows);
  const preview = useAudiencePreview(audience);
  const count = preview.state === "ready" ? preview.count : null;
  const deliveryChannel = (audience.ok && deliveryChannelOf(audience.conditions)) || undefined;

  async function save(submitMode: SubmitMode, values: CampaignFormOutput) {
    const fields = { name: values.name, audience: values.audience, message: values.message };
    let id = campaign?.id;
    const failed = (error: { message: string; details?: unknown }) => {
      setConfirm(null);
      setServerErrors(form, error);
    };
    if (!id) {
      const created = await createCampaignAction({
        ...fields,
        kind: values.kind,
        sendNow: submitMode === "send",
        activate: submitMode === "activate",
      });
      if (!created.ok) return failed(created.error);
      id = created.data.id;
    } else {
      const updated = await updateCampaignAction(id, fields);
      if (!updated.ok) return failed(updated.error);
      const next =
        submitMode === "send"
          ? await sendCampaignAction(id)
          : submitMode === "activate"
            ? await setCampaignActiveAction(id, true)
            : null;
      if (next && !next.ok) return failed(next.error);
    }
    setConfirm(null);
    if (campaign && submitMode === "draft") {
      form.reset(form.getValues());
      toast.success("Draft saved");
      router.refresh();
    } else {
      router.push(`/campaigns/${id}`);
      router.refresh();
    }
  }

  function submit(submitMode: SubmitMode) {
    setMode(submitMode);
    return form.handleSubmit(
      (values) =>
        save(submitMode, values).catch(() =>
          form.setError("root.server", { message: "Something went wrong on our side. Try again." }),
        ),
      () => {
        setConfirm(null);
        form.setError("root.server", { message: SOME_FIELDS_NEED_ATTENTION });
      },
    )();
  }

  async function remove() {
    if (!campaign) return;
    const result = await deleteCampaignAction(campaign.id).catch(() => null);
    if (!result?.ok) return result?.error.message ?? "Could not delete the draft.";
    router.push("/campaigns");
    router.refresh();
  }

  const busy = isSubmitting;
  return (
    <FormProvider {...form}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit("draft");
        }}
        className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
        noValidate
      >
        <div className="min-w-0 space-y-6">
          <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 md:p-5">
            <Field label="Name" htmlFor="campaign-name" hint="Only your team sees this." error={errors.name?.message}>
              <TextInput
                id="campaign-name"
                maxLength={120}
                placeholder="e.g. Pro plan on WhatsApp — spring offer"
                required
                autoFocus={!campaign}
                {...register("name")}
              />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Type</legend>
              {/* A draft's type is fixed: only the other choice is disabled
                  (a form reads no value from a disabled radio). */}
              <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
                {KIND_CHOICES.map((choice) => (
                  <KindOption
                    key={choice.value}
                    {...choice}
                    checked={kind === choice.value}
                    disabled={Boolean(campaign) && kind !== choice.value}
                    field={register("kind")}
                  />
                ))}
              </div>
            </fieldset>
          </section>

          <section
            aria-labelledby="audience-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 md:p-5"
          >
            <h2 id="audience-heading" className="text-sm font-semibold text-slate-900">
              Audience
            </h2>
            <p className="mt-0.5 text-xs text-slate-500">
              Contacts who meet every condition. No conditions means everyone.
            </p>
            <ol className="mt-3 space-y-2">
              {conditions.fields.map((row, index) => (
                <li key={row.id}>
                  {index > 0 && (
                    <span
                      className={[
                        "mb-2 ml-3 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-[11px]",
                        "font-semibold uppercase tracking-wide text-slate-500",
                      ].join(" ")}
                      aria-hidden="true"
                    >
                      and
                    </span>
                  )}
                  <ConditionRow
                    index={index}
                    rowId={row.id}
                    traitKeys={traitKeys}
                    onRemove={() => conditions.remove(index)}
                  />
                </li>
              ))}
            </ol>
            {conditions.fields.length < MAX_AUDIENCE_CONDITIONS && (
              <Button
                size="sm"
                variant="ghost"
                className="mt-3 text-brand-700"
                onClick={() => conditions.append(blankRow(conditions.fields.length ? "trait" : "channel"))}
              >
                <Icon name="plus" className="h-4 w-4" />
                Add condition
              </Button>
            )}
            <AudienceSummaryLine preview={preview} />
            {traitKeys.length > 0 && (
              <datalist id="campaign-trait-keys">
                {traitKeys.map((t) => (
                  <option key={`${t.key}:${t.type}`} value={t.key} />
                ))}
              </datalist>
            )}
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-4 md:p-5">
            <Field
              label="Message"
              htmlFor="campaign-message"
              error={errors.message?.message}
              hint="Sent as is on each recipient's channel."
            >
              <TextArea
                id="campaign-message"
                rows={6}
                maxLength={MAX_MESSAGE_LENGTH}
                placeholder="Hi! Pro customers can now…"
                aria-describedby="campaign-message-count"
                required
                {...register("message")}
              />
            </Field>
            <p
              id="campaign-message-count"
              className={[
                "mt-1 text-right text-xs tabular-nums",
                message.length > MAX_MESSAGE_LENGTH * 0.9 ? "text-amber-700" : "text-slate-400",
              ].join(" ")}
            >
              {formatCount(message.length)} / {formatCount(MAX_MESSAGE_LENGTH)}
            </p>
          </section>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-6 lg:self-start">
          <AudiencePanel preview={preview} deliveryChannel={deliveryChannel} />
          <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
            {kind === "one_time" ? (
              <>
                <Button
                  variant="primary"
                  className="w-full"
                  disabled={busy || count === null || count === 0}
                  onClick={() => setConfirm("send")}
                >
                  <Icon name="send" className="h-4 w-4" />
                  Send now…
                </Button>
                {count === 0 && (
                  <p className="text-xs text-slate-500">No contacts match yet, so there is no one to send to.</p>
                )}
              </>
            ) : (
              <>
                <Button variant="primary" className="w-full" disabled={busy} onClick={() => void submit("activate")}>
                  <Icon name="clock" className="h-4 w-4" />
                  {busy && mode === "activate" ? "Activating…" : "Activate"}
                </Button>
                <p className="text-xs text-slate-500">
                  From now on, each contact who starts matching gets this message once. Contacts who match already
                  don’t.
                </p>
              </>
            )}
            <Button type="submit" className="w-full" disabled={busy}>
              {busy && mode === "draft" ? "Saving…" : campaign ? "Save draft" : "Save as draft"}
            </Button>
            {campaign && (
              <Button
                variant="ghost"
                size="sm"
                className="w-full text-red-700! hover:bg-red-50"
                disabled={busy}
                onClick={() => setConfirm("delete")}
              >
                Delete draft
              </Button>
            )}
          </div>
        </aside>

        <ConfirmDialog
          open={confirm === "send"}
          onClose={() => setConfirm(null)}
          title="Send this campaign now?"
          confirmLabel={`Send to ${count === null ? "them" : plural(count, "contact")}`}
          pendingLabel="Sending…"
          onConfirm={() => submit("send")}
        >
          <p>
            <strong className="font-semibold text-slate-900">
              {count === null ? "The matching contacts" : plural(count, "contact")}
            </strong>{" "}
            match now and will each get this message
            {deliveryChannel ? ` on ${CHANNEL_INFO[deliveryChannel].label}` : " on the channel they used most recently"}
            .
          </p>
          <p className="text-slate-600">A campaign is sent once; this cannot be undone.</p>
        </ConfirmDialog>

        <ConfirmDialog
          open={confirm === "delete"}
          onClose={() => setConfirm(null)}
          title="Delete this draft?"
          variant="danger"
          cancelLabel="Keep it"
          confirmLabel="Delete draft"
          pendingLabel="Deleting…"
          onConfirm={remove}
        >
          <p>“{campaign?.name}” has not been sent; deleting it cannot be undone.</p>
        </ConfirmDialog>
      </form>
    </FormProvider>
  );
}

type CampaignFormOutput = z.output<typeof campaignFormSchema>;

const KIND_CHOICES = [
  { value: "one_time", icon: "send", title: "One-time", text: "Sent once, now, to everyone who matches." },
  {
    value: "ongoing",
    icon: "clock",
    title: "Ongoing",
    text: "Sent automatically to each contact when they start matching — once per contact.",
  },
] as const;

function KindOption({
  value,
  checked,
  disabled,
  field,
  icon,
  title,
  text,
}: {
  value: CampaignKind;
  checked: boolean;
  disabled: boolean;
  field: ReturnType<ReturnType<typeof useForm<CampaignFormValues>>["register"]>;
  icon: "send" | "clock";
  title: string;
  text: string;
}) {
  return (
    <label
      className={[
        "flex cursor-pointer gap-3 rounded-lg border p-3 text-sm",
        "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
        checked ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:border-slate-300",
        disabled && !checked ? "cursor-not-allowed opacity-50" : "",
      ].join(" ")}
    >
      <input type="radio" value={value} disabled={disabled} className="sr-only" {...field} />
      <span
        className={[
          "mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full",
          checked ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600",
        ].join(" ")}
      >
        <Icon name={icon} className="h-4 w-4" />
      </span>
      <span>
        <span className="block font-medium text-slate-900">{title}</span>
        <span className="block text-xs text-slate-600">{text}</span>
      </span>
    </label>
  );
}
