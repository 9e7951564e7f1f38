"use client";

import { ChannelOptions } from "@/components/channel-options";
import { useState, useTransition } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { submitToServer } from "@/components/ui/server-errors";
import { createBanSchema } from "@/lib/blacklist/ban-schemas";
import { ErrorNote, Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { ExpirySelect } from "@/components/blacklist/expiry-select";
import { toast } from "@/components/toaster";
import { plural } from "@/lib/ui/plural";
import { addBanAction, deactivateBanAction, setOperatorBansAction } from "./actions";

const NEW_BAN: z.input<typeof createBanSchema> = { channel: "whatsapp", identifier: "", reason: "", expiresAt: null };

export function AddBanButton({ defaultRegion }: { defaultRegion: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof createBanSchema>, unknown, z.output<typeof createBanSchema>>({
    resolver: zodResolver(createBanSchema),
    defaultValues: NEW_BAN,
  });
  const { errors, isSubmitting } = form.formState;
  const info = CHANNEL_INFO[useWatch({ control: form.control, name: "channel" })];

  function openDialog() {
    form.reset(NEW_BAN);
    setOpen(true);
  }

  const onSubmit = form.handleSubmit(async (values) => {
    const ban = await submitToServer(form, () => addBanAction(values));
    if (!ban) return;
    setOpen(false);
    toast.success(`Banned ${ban.identifier} on ${CHANNEL_INFO[ban.channel].label}`);
    router.refresh();
  });

  return (
    <>
      <Button variant="primary" onClick={openDialog}>
        <Icon name="plus" className="h-4 w-4" /> Add
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Ban a client">
        <form onSubmit={onSubmit} className="space-y-4">
          <Field label="Channel" htmlFor="add-ban-channel" error={errors.channel?.message}>
            <Select id="add-ban-channel" {...form.register("channel")}>
              <ChannelOptions />
            </Select>
          </Field>
          <Field
            label={info.identifierLabel}
            htmlFor="add-ban-identifier"
            hint={
              info.identifierKind === "phone"
                ? `Any format; numbers without a country code are read as ${defaultRegion}.`
                : info.identifierKind === "email"
                  ? "Case does not matter."
                  : "Exactly as the channel sends it."
            }
            error={errors.identifier?.message}
          >
            <TextInput id="add-ban-identifier" required autoComplete="off" {...form.register("identifier")} />
          </Field>
          <Field label="Reason" htmlFor="add-ban-reason" error={errors.reason?.message}>
            <TextArea id="add-ban-reason" required maxLength={500} rows={3} {...form.register("reason")} />
          </Field>
          <Field label="Expires" htmlFor="add-ban-expiry" error={errors.expiresAt?.message}>
            <Controller
              control={form.control}
              name="expiresAt"
              render={({ field }) => <ExpirySelect id="add-ban-expiry" onChange={field.onChange} />}
            />
          </Field>
          {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
          <DialogActions
            onCancel={() => setOpen(false)}
            actionLabel="Ban"
            pendingLabel="Banning…"
            pending={isSubmitting}
            variant="danger"
          />
        </form>
      </Dialog>
    </>
  );
}

export function DeactivateBanButton({ banId, identifier }: { banId: string; identifier: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setConfirming(true)}>
        Deactivate
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Deactivate the ban on ${identifier}?`}
        confirmLabel="Deactivate"
        pendingLabel="Deactivating…"
        onConfirm={async () => {
          const result = await deactivateBanAction(banId);
          if (!result.ok) return result.error.message;
          setConfirming(false);
          toast.success(`Ban on ${identifier} deactivated: their next message reaches the agents`);
          router.refresh();
        }}
      >
        <p>Their next message reaches the agents again. The ban stays in the history (Inactive filter).</p>
      </ConfirmDialog>
    </>
  );
}

/** The filter (icon) with Active and Inactive checkboxes and an Apply button. */
export function BanStatusFilter({ active, inactive }: { active: boolean; inactive: boolean }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState({ active, inactive });
  function apply() {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("page");
    params.delete("cursor");
    if (next.active) params.delete("active");
    else params.set("active", "0");
    if (next.inactive) params.set("inactive", "1");
    else params.delete("inactive");
    setOpen(false);
    router.push(`/settings/blacklist?${params.toString()}`);
  }
  const label = active && inactive ? "Active and inactive" : inactive ? "Inactive" : "Active";
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label="Filter by status"
        className={[
          "inline-flex items-center gap-1.5 rounded-md border border-slate-300",
          "bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50",
        ].join(" ")}
      >
        <Icon name="filter" className="h-4 w-4" /> {label}
      </button>
      {open && (
        <div
          role="group"
          aria-label="Status"
          className="absolute right-0 z-20 mt-1 w-52 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
        >
          <label className="flex items-center gap-2 py-1 text-sm">
            <input
              type="checkbox"
              checked={next.active}
              onChange={(e) => setNext({ ...next, active: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300"
            />
            Active
          </label>
          <label className="flex items-center gap-2 py-1 text-sm">
            <input
              type="checkbox"
              checked={next.inactive}
              onChange={(e) => setNext({ ...next, inactive: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300"
            />
            Inactive
          </label>
          <Button
            size="sm"
            variant="primary"
            className="mt-2 w-full"
            disabled={!next.active && !next.inactive}
            onClick={apply}
          >
            Apply
          </Button>
        </div>
      )}
    </div>
  );
}

export function OperatorBansToggle({ enabled: saved }: { enabled: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // Shows the admin's choice at once; a refused change falls back to the saved value.
  const [enabled, setEnabled] = useState(saved);
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          checked={enabled}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            setEnabled(next);
            setError(null);
            startTransition(async () => {
              const result = await setOperatorBansAction(next);
              if (!result.ok) {
                setEnabled(saved);
                setError(result.error.message);
              } else {
                toast.success(next ? "Operators may ban clients again" : "Only admins can ban clients now");
              }
              router.refresh();
            });
          }}
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
        />
        <span>
          <span className="block text-sm font-medium">Operators may ban clients</span>
          <span className="block text-xs text-slate-500">
            When off, agents and supervisors get no “Ban client” action and the server refuses their bans; admins can
            still ban here.
          </span>
        </span>
      </label>
      {error && <p className="mt-2 text-xs text-red-600">{error}</p>}
    </div>
  );
}

/**
 * "Export CSV": downloads the filtered blacklist (GET /api/v1/bans/export) and says how many bans it
 * holds — or why it failed, instead of leaving the page for an error answer.
 */
export function ExportBansButton({ query }: { query: string }) {
  const [pending, startTransition] = useTransition();
  function exportCsv() {
    startTransition(async () => {
      try {
        const response = await fetch(`/api/v1/bans/export?${query}`, { headers: { accept: "text/csv" } });
        if (!response.ok) {
          const body = await response.json().catch(() => null);
          return toast.error(`Export failed: ${body?.error?.message ?? `the server answered ${response.status}`}`);
        }
        // The CSV streams in batches: a failure after the first byte cuts the download and rejects here.
        const csv = await response.text().catch(() => null);
        if (csv === null) return toast.error("Export failed: the download was cut off. Try again.");
        const fileName =
          /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "blacklist.csv";
        const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
        const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
        document.body.append(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
        const bans = csvDataRows(csv);
        toast.success(`Exported ${plural(bans, "ban")} to ${fileName}`);
      } catch {
        toast.error("Export failed: the server could not be reached. Try again.");
      }
    });
  }
  return (
    <Button onClick={exportCsv} disabled={pending} className="py-2">
      <Icon name="download" className="h-4 w-4" /> {pending ? "Exporting…" : "Export CSV"}
    </Button>
  );
}

/** Records after the header row (a reason may hold line breaks inside its quotes). */
function csvDataRows(csv: string): number {
  let breaks = 0;
  let quoted = false;
  const text = csv.trimEnd();
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === "\n" && !quoted) breaks++;
  }
  return text ? breaks : 0;
}
