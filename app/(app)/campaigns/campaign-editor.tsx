"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { CHANNELS, CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { TRAIT_TYPES, type TraitType } from "@/lib/contacts/traits";
import {
  MAX_AUDIENCE_CONDITIONS,
  TRAIT_OPS_BY_TYPE,
  type AudienceCondition,
  type AudienceConditionInput,
  type TraitOp,
} from "@/lib/campaigns/audience-conditions";
import { MAX_MESSAGE_LENGTH } from "@/lib/campaigns/campaign-schemas";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote, Field, Select, TextArea, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { createCampaignAction, deleteCampaignAction, previewAudienceAction, sendCampaignAction, setCampaignActiveAction, updateCampaignAction } from "./actions";
import { CHANNEL_ICONS, formatCount, plural, type CampaignKind } from "./campaign-ui";
import { pluralWord } from "@/lib/ui/plural";

type RowKind = "channel" | "trait" | "authenticated";

/** One line of the audience builder, with every field any kind needs (switching kinds keeps what was typed). */
interface Row {
  uid: number;
  kind: RowKind;
  channelOp: "eq" | "neq";
  channel: ChannelName;
  key: string;
  type: TraitType;
  op: TraitOp;
  value: string;
  authenticated: boolean;
}

const KIND_OPTIONS: Record<RowKind, string> = { channel: "Channel", trait: "Trait", authenticated: "Sign-in" };
const TYPE_LABELS: Record<TraitType, string> = { text: "Text", number: "Number", date: "Date", boolean: "Yes / no" };
const OP_LABELS: Record<TraitType, Partial<Record<TraitOp, string>>> = {
  text: { eq: "is", neq: "is not", contains: "contains", exists: "is set", not_exists: "is not set" },
  number: { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤", exists: "is set", not_exists: "is not set" },
  date: { eq: "is on", neq: "is not on", gt: "is after", gte: "is on or after", lt: "is before", lte: "is on or before", exists: "is set", not_exists: "is not set" },
  boolean: { eq: "is", neq: "is not", exists: "is set", not_exists: "is not set" },
};
const needsValue = (op: TraitOp) => op !== "exists" && op !== "not_exists";

let nextUid = 1;
function blankRow(kind: RowKind = "channel"): Row {
  return { uid: nextUid++, kind, channelOp: "eq", channel: "whatsapp", key: "", type: "text", op: "eq", value: "", authenticated: true };
}

function rowFromCondition(condition: AudienceCondition): Row {
  const row = blankRow(condition.kind);
  switch (condition.kind) {
    case "channel":
      return { ...row, channelOp: condition.op, channel: condition.value };
    case "authenticated":
      return { ...row, authenticated: condition.value };
    case "trait":
      if (!("type" in condition)) return { ...row, key: condition.key, op: condition.op };
      return { ...row, key: condition.key, op: condition.op, type: condition.type, value: String(condition.value) };
  }
}

/** The condition a row stands for, or why it is not complete yet. */
function rowToCondition(row: Row): { condition: AudienceConditionInput } | { incomplete: string } {
  switch (row.kind) {
    case "channel":
      return { condition: { kind: "channel", op: row.channelOp, value: row.channel } };
    case "authenticated":
      return { condition: { kind: "authenticated", value: row.authenticated } };
    case "trait": {
      const key = row.key.trim();
      if (!key) return { incomplete: "name the trait" };
      if (!needsValue(row.op)) return { condition: { kind: "trait", key, op: row.op } };
      if (!row.value.trim()) return { incomplete: "enter a value" };
      return { condition: { kind: "trait", key, op: row.op, type: row.type, value: row.type === "boolean" ? row.value === "true" : row.value } };
    }
  }
}

type Preview =
  | { state: "loading"; last: { count: number; sample: Array<{ id: string; name: string }> } | null }
  | { state: "ready"; count: number; sample: Array<{ id: string; name: string }> }
  | { state: "incomplete"; message: string }
  | { state: "error"; message: string };

type FieldErrors = Record<string, string>;

function fieldErrorsOf(details: unknown): FieldErrors {
  const fields = (details as { fields?: Array<{ field: string; message: string }> } | undefined)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}

export interface EditableCampaign {
  id: string;
  name: string;
  kind: CampaignKind;
  audience: AudienceCondition[];
  message: string;
}

export function CampaignEditor({ campaign, traitKeys }: { campaign?: EditableCampaign; traitKeys: Array<{ key: string; type: TraitType }> }) {
  const router = useRouter();
  const formId = useId();
  const [name, setName] = useState(campaign?.name ?? "");
  const [kind, setKind] = useState<CampaignKind>(campaign?.kind ?? "one_time");
  const [rows, setRows] = useState<Row[]>(() => (campaign ? campaign.audience.map(rowFromCondition) : [blankRow("channel")]));
  const [message, setMessage] = useState(campaign?.message ?? "");
  const [preview, setPreview] = useState<Preview>({ state: "loading", last: null });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<null | "draft" | "send" | "activate" | "delete">(null);
  const [confirm, setConfirm] = useState<null | "send" | "delete">(null);

  const built = useMemo(() => rows.map(rowToCondition), [rows]);
  const incompleteIndex = built.findIndex((b) => "incomplete" in b);
  const incomplete = incompleteIndex >= 0 ? `condition ${incompleteIndex + 1} (${(built[incompleteIndex] as { incomplete: string }).incomplete})` : null;
  const conditions = useMemo(() => built.flatMap((b) => ("condition" in b ? [b.condition] : [])), [built]);
  const conditionsKey = JSON.stringify(conditions);
  const deliveryChannel = conditions.find((c) => c.kind === "channel" && (c.op ?? "eq") === "eq")?.value as ChannelName | undefined;

  // The live audience size: debounced, and only the newest answer counts.
  const request = useRef(0);
  useEffect(() => {
    if (incomplete) {
      setPreview({ state: "incomplete", message: `Finish ${incomplete} to see who matches.` });
      return;
    }
    const id = ++request.current;
    setPreview((current) => ({ state: "loading", last: current.state === "ready" ? current : current.state === "loading" ? current.last : null }));
    const timer = setTimeout(async () => {
      const result = await previewAudienceAction({ audience: JSON.parse(conditionsKey) }).catch(() => null);
      if (id !== request.current) return;
      if (!result) return setPreview({ state: "error", message: "Could not count the audience. Check your connection." });
      if (!result.ok) {
        setErrors((current) => ({ ...withoutAudienceErrors(current), ...fieldErrorsOf(result.error.details) }));
        return setPreview({ state: "error", message: result.error.message.replace(/^Invalid audience: /, "") });
      }
      setErrors(withoutAudienceErrors);
      setPreview({ state: "ready", ...result.data });
    }, 350);
    return () => clearTimeout(timer);
  }, [conditionsKey, incomplete]);

  function updateRow(uid: number, change: Partial<Row>) {
    setRows((current) =>
      current.map((row) => {
        if (row.uid !== uid) return row;
        const next = { ...row, ...change };
        // A known trait name brings its type along.
        if (change.key !== undefined) {
          const known = traitKeys.find((t) => t.key === next.key.trim());
          if (known) next.type = known.type;
        }
        if (!TRAIT_OPS_BY_TYPE[next.type].includes(next.op)) next.op = "eq";
        if (next.type !== row.type) next.value = next.type === "boolean" ? "true" : "";
        return next;
      }),
    );
  }

  async function submit(mode: "draft" | "send" | "activate") {
    setFormError(null);
    setNotice(null);
    if (incompleteIndex >= 0) {
      setFormError(`Finish or remove condition ${incompleteIndex + 1}: ${(built[incompleteIndex] as { incomplete: string }).incomplete}.`);
      return;
    }
    setPending(mode);
    const fields = { name, audience: conditions, message };
    try {
      let id = campaign?.id;
      if (!id) {
        const created = await createCampaignAction({ ...fields, kind, sendNow: mode === "send", activate: mode === "activate" });
        if (!created.ok) return fail(created.error);
        id = created.data.id;
      } else {
        const updated = await updateCampaignAction(id, fields);
        if (!updated.ok) return fail(updated.error);
        const next = mode === "send" ? await sendCampaignAction(id) : mode === "activate" ? await setCampaignActiveAction(id, true) : null;
        if (next && !next.ok) return fail(next.error);
      }
      setConfirm(null);
      if (campaign && mode === "draft") {
        setErrors({});
        setNotice("Draft saved.");
        router.refresh();
      } else {
        router.push(`/campaigns/${id}`);
        router.refresh();
      }
    } catch {
      setFormError("Something went wrong on our side. Try again.");
    } finally {
      setPending(null);
    }
  }

  function fail(error: { message: string; details?: unknown }) {
    setConfirm(null);
    const fields = fieldErrorsOf(error.details);
    setErrors(fields);
    setFormError(Object.keys(fields).length ? "Some fields need your attention." : error.message);
  }

  async function remove() {
    if (!campaign) return;
    setPending("delete");
    const result = await deleteCampaignAction(campaign.id).catch(() => null);
    setPending(null);
    if (!result?.ok) {
      setConfirm(null);
      return setFormError(result?.error.message ?? "Could not delete the draft.");
    }
    router.push("/campaigns");
    router.refresh();
  }

  const count = preview.state === "ready" ? preview.count : null;
  const messageLength = message.length;

  return (
    <form
      id={formId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit("draft");
      }}
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
      noValidate
    >
      <div className="min-w-0 space-y-6">
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 md:p-5">
          <Field label="Name" htmlFor="campaign-name" hint="Only your team sees this." error={errors.name}>
            <TextInput id="campaign-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder="e.g. Pro plan on WhatsApp — spring offer" required autoFocus={!campaign} />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Type</legend>
            <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
              <KindOption
                value="one_time"
                checked={kind === "one_time"}
                disabled={Boolean(campaign)}
                onChange={setKind}
                icon="send"
                title="One-time"
                text="Sent once, now, to everyone who matches."
              />
              <KindOption
                value="ongoing"
                checked={kind === "ongoing"}
                disabled={Boolean(campaign)}
                onChange={setKind}
                icon="clock"
                title="Ongoing"
                text="Sent automatically to each contact when they start matching — once per contact."
              />
            </div>
          </fieldset>
        </section>

        <section aria-labelledby="audience-heading" className="rounded-lg border border-slate-200 bg-white p-4 md:p-5">
          <h2 id="audience-heading" className="text-sm font-semibold text-slate-900">
            Audience
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">Contacts who meet every condition. No conditions means everyone.</p>
          <ol className="mt-3 space-y-2">
            {rows.map((row, index) => (
              <li key={row.uid}>
                {index > 0 && (
                  <span className="mb-2 ml-3 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500" aria-hidden="true">
                    and
                  </span>
                )}
                <ConditionRow
                  row={row}
                  index={index}
                  traitKeys={traitKeys}
                  error={audienceErrorOf(errors, index)}
                  onChange={(change) => updateRow(row.uid, change)}
                  onRemove={() => setRows((current) => current.filter((r) => r.uid !== row.uid))}
                />
              </li>
            ))}
          </ol>
          {rows.length < MAX_AUDIENCE_CONDITIONS && (
            <Button size="sm" variant="ghost" className="mt-3 text-brand-700" onClick={() => setRows((current) => [...current, blankRow(current.length ? "trait" : "channel")])}>
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
          <Field label="Message" htmlFor="campaign-message" error={errors.message} hint="Sent as is on each recipient's channel.">
            <TextArea
              id="campaign-message"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              rows={6}
              maxLength={MAX_MESSAGE_LENGTH}
              placeholder="Hi! Pro customers can now…"
              aria-describedby="campaign-message-count"
              required
            />
          </Field>
          <p id="campaign-message-count" className={`mt-1 text-right text-xs tabular-nums ${messageLength > MAX_MESSAGE_LENGTH * 0.9 ? "text-amber-700" : "text-slate-400"}`}>
            {formatCount(messageLength)} / {formatCount(MAX_MESSAGE_LENGTH)}
          </p>
        </section>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-6 lg:self-start">
        <AudiencePanel preview={preview} deliveryChannel={deliveryChannel} />
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          {formError && <ErrorNote>{formError}</ErrorNote>}
          {notice && (
            <p role="status" className="flex items-center gap-1.5 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
              <Icon name="check" className="h-4 w-4" /> {notice}
            </p>
          )}
          {kind === "one_time" ? (
            <>
              <Button variant="primary" className="w-full" disabled={pending !== null || count === null || count === 0} onClick={() => setConfirm("send")}>
                <Icon name="send" className="h-4 w-4" />
                Send now…
              </Button>
              {count === 0 && <p className="text-xs text-slate-500">No contacts match yet, so there is no one to send to.</p>}
            </>
          ) : (
            <>
              <Button variant="primary" className="w-full" disabled={pending !== null} onClick={() => void submit("activate")}>
                <Icon name="clock" className="h-4 w-4" />
                {pending === "activate" ? "Activating…" : "Activate"}
              </Button>
              <p className="text-xs text-slate-500">From now on, each contact who starts matching gets this message once. Contacts who match already don’t.</p>
            </>
          )}
          <Button type="submit" className="w-full" disabled={pending !== null}>
            {pending === "draft" ? "Saving…" : campaign ? "Save draft" : "Save as draft"}
          </Button>
          {campaign && (
            <Button variant="ghost" size="sm" className="w-full text-red-700! hover:bg-red-50" disabled={pending !== null} onClick={() => setConfirm("delete")}>
              Delete draft
            </Button>
          )}
        </div>
      </aside>

      <Dialog open={confirm === "send"} onClose={() => pending === null && setConfirm(null)} title="Send this campaign now?" labelledBy="send-campaign-title">
        <p className="text-sm text-slate-700">
          <strong className="font-semibold text-slate-900">{count === null ? "The matching contacts" : plural(count, "contact")}</strong> match now and will each get this message
          {deliveryChannel ? ` on ${CHANNEL_INFO[deliveryChannel].label}` : " on the channel they used most recently"}.
        </p>
        <p className="mt-2 text-sm text-slate-600">A campaign is sent once; this cannot be undone.</p>
        <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={() => setConfirm(null)} disabled={pending !== null}>
            Cancel
          </Button>
          <Button variant="primary" onClick={() => void submit("send")} disabled={pending !== null} autoFocus>
            {pending === "send" ? "Sending…" : `Send to ${count === null ? "them" : plural(count, "contact")}`}
          </Button>
        </div>
      </Dialog>

      <Dialog open={confirm === "delete"} onClose={() => pending === null && setConfirm(null)} title="Delete this draft?" labelledBy="delete-campaign-title">
        <p className="text-sm text-slate-700">“{campaign?.name}” has not been sent; deleting it cannot be undone.</p>
        <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={() => setConfirm(null)} disabled={pending !== null}>
            Keep it
          </Button>
          <Button variant="danger" onClick={() => void remove()} disabled={pending !== null}>
            {pending === "delete" ? "Deleting…" : "Delete draft"}
          </Button>
        </div>
      </Dialog>
    </form>
  );
}

function withoutAudienceErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !field.startsWith("audience")));
}

function audienceErrorOf(errors: FieldErrors, index: number): string | undefined {
  const entry = Object.entries(errors).find(([field]) => field === `audience.${index}` || field.startsWith(`audience.${index}.`));
  return entry?.[1];
}

function KindOption({
  value,
  checked,
  disabled,
  onChange,
  icon,
  title,
  text,
}: {
  value: CampaignKind;
  checked: boolean;
  disabled: boolean;
  onChange(kind: CampaignKind): void;
  icon: "send" | "clock";
  title: string;
  text: string;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${
        checked ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:border-slate-300"
      } ${disabled && !checked ? "cursor-not-allowed opacity-50" : ""}`}
    >
      <input type="radio" name="kind" value={value} checked={checked} disabled={disabled} onChange={() => onChange(value)} className="sr-only" />
      <span className={`mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full ${checked ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600"}`}>
        <Icon name={icon} className="h-4 w-4" />
      </span>
      <span>
        <span className="block font-medium text-slate-900">{title}</span>
        <span className="block text-xs text-slate-600">{text}</span>
      </span>
    </label>
  );
}

function ConditionRow({
  row,
  index,
  traitKeys,
  error,
  onChange,
  onRemove,
}: {
  row: Row;
  index: number;
  traitKeys: Array<{ key: string; type: TraitType }>;
  error?: string;
  onChange(change: Partial<Row>): void;
  onRemove(): void;
}) {
  const n = index + 1;
  const id = (part: string) => `condition-${row.uid}-${part}`;
  return (
    <div className={`rounded-lg border bg-slate-50 p-2 ${error ? "border-red-300" : "border-slate-200"}`} data-testid={`condition-${n}`}>
      <div className="flex items-start gap-2">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
        <label htmlFor={id("kind")} className="sr-only">
          Condition {n}: what to check
        </label>
        <Select id={id("kind")} value={row.kind} onChange={(e) => onChange({ kind: e.target.value as RowKind })} className="w-auto! min-w-28 flex-none">
          {(Object.keys(KIND_OPTIONS) as RowKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_OPTIONS[kind]}
            </option>
          ))}
        </Select>

        {row.kind === "channel" && (
          <>
            <label htmlFor={id("channel-op")} className="sr-only">
              Condition {n}: comparison
            </label>
            <Select id={id("channel-op")} value={row.channelOp} onChange={(e) => onChange({ channelOp: e.target.value as "eq" | "neq" })} className="w-auto! flex-none">
              <option value="eq">is</option>
              <option value="neq">is not</option>
            </Select>
            <label htmlFor={id("channel")} className="sr-only">
              Condition {n}: channel
            </label>
            <span className="flex min-w-40 flex-1 items-center gap-2">
              <Icon name={CHANNEL_ICONS[row.channel]} className="h-5 w-5 shrink-0 text-slate-500" />
              <Select id={id("channel")} value={row.channel} onChange={(e) => onChange({ channel: e.target.value as ChannelName })}>
                {CHANNELS.map((channel) => (
                  <option key={channel} value={channel}>
                    {CHANNEL_INFO[channel].label}
                  </option>
                ))}
              </Select>
            </span>
          </>
        )}

        {row.kind === "authenticated" && (
          <>
            <label htmlFor={id("authenticated")} className="sr-only">
              Condition {n}: sign-in status
            </label>
            <Select
              id={id("authenticated")}
              value={row.authenticated ? "true" : "false"}
              onChange={(e) => onChange({ authenticated: e.target.value === "true" })}
              className="min-w-48 flex-1"
            >
              <option value="true">is a signed-in user</option>
              <option value="false">is anonymous</option>
            </Select>
          </>
        )}

        {row.kind === "trait" && (
          <>
            <label htmlFor={id("key")} className="sr-only">
              Condition {n}: trait name
            </label>
            <TextInput
              id={id("key")}
              value={row.key}
              onChange={(e) => onChange({ key: e.target.value })}
              list={traitKeys.length ? "campaign-trait-keys" : undefined}
              placeholder="Trait, e.g. plan"
              maxLength={64}
              className="min-w-28 flex-1 basis-28"
            />
            <label htmlFor={id("type")} className="sr-only">
              Condition {n}: compare as
            </label>
            <Select id={id("type")} value={row.type} onChange={(e) => onChange({ type: e.target.value as TraitType })} className="w-auto! flex-none">
              {TRAIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
            <label htmlFor={id("op")} className="sr-only">
              Condition {n}: comparison
            </label>
            <Select id={id("op")} value={row.op} onChange={(e) => onChange({ op: e.target.value as TraitOp })} className="w-auto! flex-none">
              {TRAIT_OPS_BY_TYPE[row.type].map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[row.type][op]}
                </option>
              ))}
            </Select>
            {needsValue(row.op) && <ValueInput row={row} n={n} id={id("value")} onChange={(value) => onChange({ value })} />}
          </>
        )}

      </div>
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove condition ${n}`}
          title="Remove condition"
          className="shrink-0 rounded-md p-2.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
        >
          <Icon name="close" className="h-4 w-4" />
        </button>
      </div>
      {error && (
        <p className="mt-1.5 px-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ValueInput({ row, n, id, onChange }: { row: Row; n: number; id: string; onChange(value: string): void }) {
  const label = (
    <label htmlFor={id} className="sr-only">
      Condition {n}: value
    </label>
  );
  if (row.type === "boolean") {
    return (
      <>
        {label}
        <Select id={id} value={row.value || "true"} onChange={(e) => onChange(e.target.value)} className="w-auto! flex-none">
          <option value="true">Yes</option>
          <option value="false">No</option>
        </Select>
      </>
    );
  }
  return (
    <>
      {label}
      <TextInput
        id={id}
        type={row.type === "number" ? "number" : row.type === "date" ? "date" : "text"}
        inputMode={row.type === "number" ? "decimal" : undefined}
        step={row.type === "number" ? "any" : undefined}
        value={row.value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={row.type === "text" ? "Value, e.g. pro" : undefined}
        className="min-w-24 flex-1 basis-24"
      />
    </>
  );
}

/** Phones: the size right under the builder, since the panel comes after the message there. */
function AudienceSummaryLine({ preview }: { preview: Preview }) {
  const shown = preview.state === "ready" ? preview : preview.state === "loading" ? preview.last : null;
  if (!shown) return null;
  return (
    <p className="mt-3 flex items-center gap-1.5 border-t border-slate-100 pt-3 text-sm text-slate-700 lg:hidden" aria-hidden="true">
      <Icon name="users" className="h-4 w-4 text-slate-500" />
      <span className={preview.state === "loading" ? "opacity-60" : ""}>
        <strong className="font-semibold tabular-nums">{formatCount(shown.count)}</strong> {pluralWord(shown.count, "contact matches", "contacts match")}
      </span>
    </p>
  );
}

function AudiencePanel({ preview, deliveryChannel }: { preview: Preview; deliveryChannel: ChannelName | undefined }) {
  const shown = preview.state === "ready" ? preview : preview.state === "loading" ? preview.last : null;
  return (
    <section aria-labelledby="audience-size-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="audience-size-heading" className="flex items-center gap-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">
        <Icon name="users" className="h-4 w-4" />
        Audience size
      </h2>
      <div aria-live="polite" aria-busy={preview.state === "loading"} className="mt-2">
        {preview.state === "incomplete" || preview.state === "error" ? (
          <p className={`text-sm ${preview.state === "error" ? "text-red-700" : "text-slate-600"}`}>{preview.message}</p>
        ) : shown ? (
          <div className={preview.state === "loading" ? "opacity-60 transition-opacity" : ""}>
            <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="audience-count">
              {formatCount(shown.count)} <span className="text-base font-medium text-slate-600">{pluralWord(shown.count, "contact matches", "contacts match")}</span>
            </p>
            {shown.sample.length > 0 && (
              <p className="mt-1 text-sm text-slate-600">
                {shown.sample.map((c) => c.name).join(", ")}
                {shown.count > shown.sample.length && ` and ${formatCount(shown.count - shown.sample.length)} more`}
              </p>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-500">Counting…</p>
        )}
      </div>
      <p className="mt-3 flex items-center gap-1.5 border-t border-slate-100 pt-3 text-xs text-slate-500">
        {deliveryChannel ? (
          <>
            <Icon name={CHANNEL_ICONS[deliveryChannel]} className="h-4 w-4" /> Delivered on {CHANNEL_INFO[deliveryChannel].label}
          </>
        ) : (
          <>Delivered on each contact’s most recent channel</>
        )}
      </p>
    </section>
  );
}
