"use client";
// API keys' rows (the default agent, revoking with a confirmation) and "Create API key" with the
// one-time display of the new key.
// Over ~300 lines on purpose: the row and the create dialog share the default-agent options and the time
// helpers of this page; apart they would be two files of one small form each, importing each other.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { submitToServer } from "@/components/ui/server-errors";
import { createApiKeySchema } from "@/lib/api-keys/api-key-schemas";
import { ErrorNote, Field, Select, TextInput, inputClass } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { fullTime } from "@/lib/ui/format-time";
import { useNow, useTimeFormatter } from "@/components/local-time";
import { createApiKeyAction, revokeApiKeyAction, updateApiKeyAction } from "./actions";

interface AgentOption {
  id: string;
  name: string;
}

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  defaultAgent: { id: string; name: string; active: boolean } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Result = { ok: true } | { ok: false; error: { message: string } };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function relativeTime(iso: string, now: number): string {
  const age = now - new Date(iso).getTime();
  if (age < MINUTE) return "Just now";
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 24 * HOUR) return `${Math.floor(age / HOUR)} h ago`;
  return calendarDate(iso);
}

function calendarDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** Server and browser may disagree on time zone and "now": rendered in the browser only (components/local-time.tsx). */
function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={now === null ? undefined : fullTime(iso)}>
      {now === null ? "" : relative ? relativeTime(iso, now) : calendarDate(iso)}
    </time>
  );
}

function DefaultAgentOptions({ agents, current }: { agents: AgentOption[]; current: ApiKeyRow["defaultAgent"] }) {
  return (
    <>
      <option value="">None</option>
      {current && !current.active && (
        <option value={current.id} disabled>
          {current.name} (deactivated)
        </option>
      )}
      {agents.map((agent) => (
        <option key={agent.id} value={agent.id}>
          {agent.name}
        </option>
      ))}
    </>
  );
}

export function ApiKeyRowControls({ apiKey, agents }: { apiKey: ApiKeyRow; agents: AgentOption[] }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const revoked = Boolean(apiKey.revokedAt);
  const formatTime = useTimeFormatter();

  function run(action: () => Promise<Result>, onDone: () => void = () => {}) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error.message);
      else onDone();
      router.refresh();
    });
  }

  return (
    <tr className={revoked ? "bg-slate-50 text-slate-500" : ""} data-testid={`api-key-row-${apiKey.name}`}>
      <td className="min-w-40 px-4 py-3">
        <div className={`font-medium ${revoked ? "text-slate-500" : "text-slate-900"}`}>{apiKey.name}</div>
        {/* Phones have no room for the key column. */}
        <code className="mt-1 inline-block font-mono text-xs text-slate-500 sm:hidden">{apiKey.prefix}…</code>
        {error && (
          <div className="mt-1 text-xs text-red-600" role="alert">
            {error}
          </div>
        )}
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 sm:table-cell">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{apiKey.prefix}…</code>
      </td>
      {/* data-label: the column's name on a phone card (components/ui/data-table.tsx). */}
      <td className="px-4 py-3" data-label="Default agent">
        {revoked ? (
          <span className="whitespace-nowrap">{apiKey.defaultAgent?.name ?? "None"}</span>
        ) : (
          <>
            <label className="sr-only" htmlFor={`${id}-agent`}>
              Default agent of {apiKey.name}
            </label>
            <Select
              id={`${id}-agent`}
              value={apiKey.defaultAgent?.id ?? ""}
              disabled={pending}
              onChange={(event) =>
                run(() => updateApiKeyAction({ apiKeyId: apiKey.id, defaultAgentId: event.target.value }))
              }
              className="w-44 min-w-40"
            >
              <DefaultAgentOptions agents={agents} current={apiKey.defaultAgent} />
            </Select>
          </>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-600" data-label="Created">
        <LocalTime iso={apiKey.createdAt} />
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-600" data-label="Last used">
        {apiKey.lastUsedAt ? (
          <LocalTime iso={apiKey.lastUsedAt} relative />
        ) : (
          <span className="text-slate-500">Never</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3" data-label="Status">
        {revoked ? (
          <span
            className="inline-flex rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-600"
            title={`Revoked ${formatTime(apiKey.revokedAt!)}`}
          >
            Revoked
          </span>
        ) : (
          <span className="inline-flex rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
            Active
          </span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right">
        {!revoked && (
          <>
            <Button
              size="sm"
              disabled={pending}
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
              aria-label={`Revoke ${apiKey.name}`}
            >
              Revoke
            </Button>
            <ConfirmDialog
              open={confirming}
              onClose={() => setConfirming(false)}
              title="Revoke API key"
              variant="danger"
              confirmLabel="Revoke key"
              pendingLabel="Revoking…"
              onConfirm={async () => {
                const result = await revokeApiKeyAction(apiKey.id);
                if (!result.ok) return result.error.message;
                setConfirming(false);
                router.refresh();
              }}
            >
              <p>
                Revoke <strong className="font-semibold text-slate-900">{apiKey.name}</strong> (
                <code className="font-mono text-xs">{apiKey.prefix}…</code>)? Anything still using it stops working at
                once. This cannot be undone.
              </p>
            </ConfirmDialog>
          </>
        )}
      </td>
    </tr>
  );
}

const NEW_API_KEY: z.input<typeof createApiKeySchema> = { name: "", defaultAgentId: "" };

export function CreateApiKeyButton({ agents }: { agents: AgentOption[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const form = useForm<z.input<typeof createApiKeySchema>, unknown, z.output<typeof createApiKeySchema>>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: NEW_API_KEY,
  });
  const { errors, isSubmitting } = form.formState;

  function openDialog() {
    form.reset(NEW_API_KEY);
    setCreated(null);
    setCopied(null);
    setOpen(true);
  }

  function close() {
    setOpen(false);
    // Forget the clear key as soon as the dialog is gone.
    setCreated(null);
    router.refresh();
  }

  const onSubmit = form.handleSubmit(async (values) => {
    const key = await submitToServer(form, () => createApiKeyAction(values));
    if (key) setCreated({ key: key.key, name: key.name });
  });

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // No clipboard permission (e.g. plain http on another host): select it for Ctrl+C instead.
      keyInput.current?.select();
      setCopied("failed");
    }
  }

  return (
    <>
      <Button variant="primary" onClick={openDialog} className="shrink-0">
        Create API key
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={created ? "Copy your new API key" : "Create API key"}
        labelledBy="create-api-key-title"
      >
        {created ? (
          <div className="space-y-4">
            <div
              role="status"
              className={[
                "flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm",
                "text-amber-900 ring-1 ring-inset ring-amber-200",
              ].join(" ")}
            >
              <Icon name="alert" className="mt-0.5 h-4 w-4 shrink-0" />
              <p>
                This is the only time the key for <strong>{created.name}</strong> is shown. Store it somewhere safe now;
                if it is lost, revoke it and create a new one.
              </p>
            </div>
            <Field label="API key" htmlFor="new-api-key">
              <div className="flex gap-2">
                <input
                  ref={keyInput}
                  id="new-api-key"
                  readOnly
                  value={created.key}
                  onFocus={(event) => event.currentTarget.select()}
                  className={`${inputClass} font-mono text-xs`}
                  spellCheck={false}
                />
                <Button onClick={copy} className="shrink-0">
                  {copied === "yes" && <Icon name="check" className="h-4 w-4" />}
                  {copied === "yes" ? "Copied" : "Copy"}
                </Button>
              </div>
            </Field>
            {copied === "failed" && (
              <p className="text-xs text-slate-600">Copying is blocked here; the key is selected, press Ctrl+C (⌘C).</p>
            )}
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
            <Field
              label="Name"
              htmlFor="api-key-name"
              hint="What uses it, e.g. WhatsApp webhook or Support bot."
              error={errors.name?.message}
            >
              <TextInput id="api-key-name" required maxLength={80} autoFocus {...form.register("name")} />
            </Field>
            <Field
              label="Default agent"
              htmlFor="api-key-default-agent"
              hint="Authors replies sent with this key when the request names no agent with X-Agent-Id."
              error={errors.defaultAgentId?.message}
            >
              <Select id="api-key-default-agent" {...form.register("defaultAgentId")}>
                <DefaultAgentOptions agents={agents} current={null} />
              </Select>
            </Field>
            {errors.root?.server && <ErrorNote>{errors.root.server.message}</ErrorNote>}
            <DialogActions
              onCancel={close}
              actionLabel="Create API key"
              pendingLabel="Creating…"
              pending={isSubmitting}
            />
          </form>
        )}
      </Dialog>
    </>
  );
}
