"use client";
// Running a defined action on a user (User History), and defining actions and rules (Actions, Rules tabs).

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { CHANNEL_INFO, CHANNELS, type ChannelName } from "@/lib/channels/channels";
import {
  ACTION_TYPE_LABELS,
  DEFAULT_RULE_WINDOW_MINUTES,
  describeAction,
  describeTrigger,
  SPAM_ACTION_TYPES,
  type SpamActionTypeName,
  type SpamRuleTriggerName,
} from "@/lib/spam-manager/action-schemas";
import {
  createSpamActionAction,
  createSpamRuleAction,
  deleteSpamActionAction,
  deleteSpamRuleAction,
  runSpamActionAction,
  updateSpamActionAction,
  updateSpamRuleAction,
} from "./actions";
import { toast } from "@/components/toaster";

type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { message: string } };

export interface ActionOption {
  id: string;
  name: string;
  type: SpamActionTypeName;
  params: Record<string, unknown>;
}

const ACTION_ICONS: Record<SpamActionTypeName, "flag" | "clock" | "ban" | "alert"> = {
  mark_spam: "alert",
  block_live_chat: "clock",
  ban_channel: "ban",
  flag_review: "flag",
};

/** One button per defined action; each asks before running it on the user. */
export function RunActionButtons({ actions, contact }: { actions: ActionOption[]; contact: { id: string; name: string } }) {
  const router = useRouter();
  const id = useId();
  const [chosen, setChosen] = useState<ActionOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (actions.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No actions defined yet.{" "}
        <Link href="/spam-manager/actions" className="font-medium text-brand-600 hover:underline">
          Define one
        </Link>{" "}
        (mark as spam, block for live chat, ban, flag) to act on users from here.
      </p>
    );
  }
  function confirm() {
    if (!chosen) return;
    setError(null);
    startTransition(async () => {
      const result = await runSpamActionAction(chosen.id, { contactId: contact.id });
      if (!result.ok) return setError(result.error.message);
      if (result.data.status === "failed") toast.error(`${chosen.name} failed: ${result.data.error ?? "unknown error"}`);
      else toast.success(`${chosen.name}: ${result.data.outcome ?? "done"}`);
      setChosen(null);
      router.refresh();
    });
  }
  return (
    <>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Actions">
        {actions.map((action) => (
          <Button key={action.id} size="sm" onClick={() => { setError(null); setChosen(action); }} className={action.type === "ban_channel" || action.type === "mark_spam" ? "text-red-700" : ""}>
            <Icon name={ACTION_ICONS[action.type]} className="h-3.5 w-3.5" /> {action.name}
          </Button>
        ))}
      </div>
      <Dialog open={chosen !== null} onClose={() => setChosen(null)} title={chosen ? `${chosen.name}?` : ""} labelledBy={`${id}-title`}>
        {chosen && (
          <div className="space-y-4 text-sm text-slate-700">
            <p>
              <span className="font-medium text-slate-900">{describeAction(chosen.type, chosen.params)}</span> — on <span className="font-medium text-slate-900">{contact.name}</span>. The run is written to the Actions Log.
            </p>
            {error && <ErrorNote>{error}</ErrorNote>}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setChosen(null)}>Cancel</Button>
              <Button variant="primary" onClick={confirm} disabled={pending}>
                {pending ? "Running…" : `Run “${chosen.name}”`}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}

// ─── actions ─────────────────────────────────────────────────────────────────────────────────────

interface ActionDraft {
  name: string;
  type: SpamActionTypeName;
  minutes: string;
  reason: string;
  saveToActivityData: boolean;
  channel: ChannelName | "";
  expiresInDays: string;
}

function draftOf(action?: ActionOption): ActionDraft {
  const p = action?.params ?? {};
  return {
    name: action?.name ?? "",
    type: action?.type ?? "mark_spam",
    minutes: String(p.minutes ?? 1440),
    reason: String(p.reason ?? ""),
    saveToActivityData: Boolean(p.saveToActivityData),
    channel: (p.channel as ChannelName | undefined) ?? "",
    expiresInDays: p.expiresInDays ? String(p.expiresInDays) : "",
  };
}

function paramsOf(draft: ActionDraft): Record<string, unknown> {
  switch (draft.type) {
    case "block_live_chat":
      return { minutes: Number(draft.minutes), reason: draft.reason, saveToActivityData: draft.saveToActivityData };
    case "ban_channel":
      return { channel: draft.channel || null, reason: draft.reason, expiresInDays: draft.expiresInDays ? Number(draft.expiresInDays) : null };
    default:
      return {};
  }
}

const PERIODS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 10_080, label: "7 days" },
  { minutes: 43_200, label: "30 days" },
];

export function ActionFormButton({ action }: { action?: ActionOption }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ActionDraft>(draftOf(action));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const input = { name: draft.name, type: draft.type, params: paramsOf(draft) };
    startTransition(async () => {
      const result: Result = action ? await updateSpamActionAction(action.id, input) : await createSpamActionAction(input);
      if (!result.ok) return setError(result.error.message);
      toast.success(action ? `Saved “${draft.name.trim()}”` : `Created “${draft.name.trim()}”`);
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <>
      {action ? (
        <Button size="sm" onClick={() => { setDraft(draftOf(action)); setError(null); setOpen(true); }} aria-label={`Edit ${action.name}`}>
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={() => { setDraft(draftOf()); setError(null); setOpen(true); }} className="shrink-0">
          <Icon name="plus" className="h-4 w-4" /> New action
        </Button>
      )}
      <div className="whitespace-normal text-left">
        <Dialog open={open} onClose={() => setOpen(false)} title={action ? "Edit action" : "New action"} labelledBy={`${id}-title`}>
          <form onSubmit={onSubmit} className="space-y-4">
            <Field label="Name" htmlFor={`${id}-name`} hint="Shown on the button in the User History, e.g. “Block a day”.">
              <TextInput id={`${id}-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={80} required autoFocus />
            </Field>
            <fieldset>
              <legend className="mb-1.5 block text-sm font-medium text-slate-700">What it does</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {SPAM_ACTION_TYPES.map((type) => (
                  <label key={type} className="flex cursor-pointer gap-2 rounded-lg border border-slate-200 p-2.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50">
                    <input type="radio" name={`${id}-type`} value={type} checked={draft.type === type} onChange={() => set("type", type)} className="mt-0.5 accent-brand-600" />
                    <span>
                      <span className="block font-medium text-slate-900">{ACTION_TYPE_LABELS[type].label}</span>
                      <span className="block text-xs text-slate-500">{ACTION_TYPE_LABELS[type].description}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {draft.type === "block_live_chat" && (
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label="Block for" htmlFor={`${id}-minutes`}>
                  <Select id={`${id}-minutes`} value={draft.minutes} onChange={(e) => set("minutes", e.target.value)}>
                    {PERIODS.map((p) => (
                      <option key={p.minutes} value={p.minutes}>
                        {p.label}
                      </option>
                    ))}
                    {!PERIODS.some((p) => String(p.minutes) === draft.minutes) && <option value={draft.minutes}>{draft.minutes} minutes</option>}
                  </Select>
                </Field>
                <Field label="Reason" htmlFor={`${id}-reason`}>
                  <TextInput id={`${id}-reason`} value={draft.reason} onChange={(e) => set("reason", e.target.value)} maxLength={500} required />
                </Field>
                <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
                  <input type="checkbox" checked={draft.saveToActivityData} onChange={(e) => set("saveToActivityData", e.target.checked)} className="accent-brand-600" />
                  Save the block to the user’s chat activity data (signed-in users)
                </label>
              </div>
            )}
            {draft.type === "ban_channel" && (
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label="Channel" htmlFor={`${id}-channel`}>
                  <Select id={`${id}-channel`} value={draft.channel} onChange={(e) => set("channel", e.target.value as ChannelName | "")}>
                    <option value="">Every channel they posted from</option>
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {CHANNEL_INFO[c].label}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Expires after (days)" htmlFor={`${id}-days`} hint="Empty: never.">
                  <TextInput id={`${id}-days`} type="number" min={1} max={3650} value={draft.expiresInDays} onChange={(e) => set("expiresInDays", e.target.value)} />
                </Field>
                <div className="sm:col-span-2">
                  <Field label="Reason" htmlFor={`${id}-ban-reason`}>
                    <TextInput id={`${id}-ban-reason`} value={draft.reason} onChange={(e) => set("reason", e.target.value)} maxLength={500} required />
                  </Field>
                </div>
              </div>
            )}
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{describeAction(draft.type, paramsOf(draft))}</p>
            {error && <ErrorNote>{error}</ErrorNote>}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={pending || !draft.name.trim()}>
                {pending ? "Saving…" : action ? "Save" : "Create action"}
              </Button>
            </div>
          </form>
        </Dialog>
      </div>
    </>
  );
}

export function DeleteButton({ kind, item, ruleCount = 0 }: { kind: "action" | "rule"; item: { id: string; name: string }; ruleCount?: number }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function confirm() {
    setError(null);
    startTransition(async () => {
      const result: Result = kind === "action" ? await deleteSpamActionAction(item.id) : await deleteSpamRuleAction(item.id);
      if (!result.ok) return setError(result.error.message);
      toast.success(`Deleted “${item.name}”`);
      setOpen(false);
      router.refresh();
    });
  }
  return (
    <>
      <Button size="sm" onClick={() => { setError(null); setOpen(true); }} aria-label={`Delete ${item.name}`}>
        Delete
      </Button>
      <div className="whitespace-normal text-left">
        <Dialog open={open} onClose={() => setOpen(false)} title={`Delete ${kind}`} labelledBy={`${id}-title`}>
          <div className="space-y-4 text-sm text-slate-700">
            <p>
              Delete <span className="font-medium text-slate-900">“{item.name}”</span>?
              {kind === "action" && ruleCount > 0 ? ` ${ruleCount === 1 ? "The rule that runs it is" : `The ${ruleCount} rules that run it are`} deleted too.` : ""} The Actions Log keeps its past runs.
            </p>
            {error && <ErrorNote>{error}</ErrorNote>}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button variant="danger" onClick={confirm} disabled={pending}>
                {pending ? "Deleting…" : `Delete ${kind}`}
              </Button>
            </div>
          </div>
        </Dialog>
      </div>
    </>
  );
}

// ─── rules ───────────────────────────────────────────────────────────────────────────────────────

export interface RuleOption {
  id: string;
  name: string;
  enabled: boolean;
  trigger: SpamRuleTriggerName;
  params: Record<string, unknown>;
  action: { id: string };
}

interface RuleDraft {
  name: string;
  trigger: SpamRuleTriggerName;
  threshold: string;
  windowMinutes: string;
  actionId: string;
  /** disguised_string: which kinds count (a key of DISGUISED_KINDS). */
  kinds: DisguisedKindsChoice;
  /** spam_score: the score, in per cent, at or above which the rule runs. */
  minScorePercent: string;
}

// The kinds a disguised-string rule can watch, as the form offers them.
const DISGUISED_KINDS = {
  any: { label: "Any string", kinds: null },
  links: { label: "Links (domains and URLs)", kinds: ["domain", "url"] },
  phone: { label: "Phone numbers", kinds: ["phone"] },
  email: { label: "Emails", kinds: ["email"] },
} as const;
type DisguisedKindsChoice = keyof typeof DISGUISED_KINDS;

function disguisedKindsChoiceOf(kinds: unknown): DisguisedKindsChoice {
  if (!Array.isArray(kinds)) return "any";
  const key = [...kinds].sort().join(",");
  if (key === "domain,url" || key === "domain" || key === "url") return "links";
  if (key === "phone") return "phone";
  if (key === "email") return "email";
  return "any";
}

function ruleDraftOf(actions: ActionOption[], rule?: RuleOption): RuleDraft {
  return {
    name: rule?.name ?? "",
    trigger: rule?.trigger ?? "denied_string",
    threshold: String(rule?.params.threshold ?? 5),
    windowMinutes: String(rule?.params.windowMinutes ?? (rule?.trigger === "uncategorized_burst" ? 10 : DEFAULT_RULE_WINDOW_MINUTES)),
    actionId: rule?.action.id ?? actions[0]?.id ?? "",
    kinds: disguisedKindsChoiceOf(rule?.params.kinds),
    minScorePercent: String(rule?.params.minScore !== undefined ? Math.round(Number(rule.params.minScore) * 100) : 95),
  };
}

function ruleParamsOf(draft: RuleDraft): Record<string, unknown> {
  if (draft.trigger === "disguised_string") {
    const kinds = DISGUISED_KINDS[draft.kinds].kinds;
    return { windowMinutes: Number(draft.windowMinutes), ...(kinds ? { kinds: [...kinds] } : {}) };
  }
  if (draft.trigger === "spam_score") return { minScore: Number(draft.minScorePercent) / 100, windowMinutes: Number(draft.windowMinutes) };
  return draft.trigger === "denied_string" ? { windowMinutes: Number(draft.windowMinutes) } : { threshold: Number(draft.threshold), windowMinutes: Number(draft.windowMinutes) };
}

export function RuleFormButton({ actions, rule }: { actions: ActionOption[]; rule?: RuleOption }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<RuleDraft>(ruleDraftOf(actions, rule));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const chosenAction = actions.find((a) => a.id === draft.actionId);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const input = { name: draft.name, trigger: draft.trigger, params: ruleParamsOf(draft), actionId: draft.actionId };
    startTransition(async () => {
      const result: Result = rule ? await updateSpamRuleAction(rule.id, input) : await createSpamRuleAction(input);
      if (!result.ok) return setError(result.error.message);
      toast.success(rule ? `Saved “${draft.name.trim()}”` : `Created “${draft.name.trim()}”`);
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <>
      {rule ? (
        <Button size="sm" onClick={() => { setDraft(ruleDraftOf(actions, rule)); setError(null); setOpen(true); }} aria-label={`Edit ${rule.name}`}>
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={() => { setDraft(ruleDraftOf(actions)); setError(null); setOpen(true); }} disabled={actions.length === 0} className="shrink-0">
          <Icon name="plus" className="h-4 w-4" /> New rule
        </Button>
      )}
      <div className="whitespace-normal text-left">
        <Dialog open={open} onClose={() => setOpen(false)} title={rule ? "Edit rule" : "New rule"} labelledBy={`${id}-title`}>
          <form onSubmit={onSubmit} className="space-y-4">
            <Field label="Name" htmlFor={`${id}-name`}>
              <TextInput id={`${id}-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={80} required autoFocus placeholder="e.g. Denied link → mark as spam" />
            </Field>
            <Field label="When" htmlFor={`${id}-trigger`}>
              <Select
                id={`${id}-trigger`}
                value={draft.trigger}
                onChange={(e) => {
                  const trigger = e.target.value as SpamRuleTriggerName;
                  setDraft((d) => ({ ...d, trigger, windowMinutes: trigger === "uncategorized_burst" ? "10" : String(DEFAULT_RULE_WINDOW_MINUTES) }));
                }}
              >
                <option value="denied_string">A message contains a denied string</option>
                <option value="uncategorized_burst">A user posts many messages with uncategorized strings</option>
                <option value="disguised_string">A message contains a disguised string</option>
                <option value="spam_score">A message’s spam score is at least…</option>
              </Select>
            </Field>
            {draft.trigger === "spam_score" && (
              <Field
                label="Spam score at least (%)"
                htmlFor={`${id}-min-score`}
                hint="The classifier's score of each incoming message (Settings → Spam detection must not be Off). Settings → Spam detection shows how precise each score is on your team's verdicts."
              >
                <TextInput id={`${id}-min-score`} type="number" min={1} max={100} value={draft.minScorePercent} onChange={(e) => set("minScorePercent", e.target.value)} required className="sm:max-w-32" />
              </Field>
            )}
            {draft.trigger === "disguised_string" && (
              <Field label="Disguised" htmlFor={`${id}-kinds`} hint="Written to slip past filters: evil[.]com, hxxp://, name (at) mail (dot) com, hidden characters. Allowed strings never count.">
                <Select id={`${id}-kinds`} value={draft.kinds} onChange={(e) => set("kinds", e.target.value as DisguisedKindsChoice)}>
                  {(Object.keys(DISGUISED_KINDS) as DisguisedKindsChoice[]).map((key) => (
                    <option key={key} value={key}>
                      {DISGUISED_KINDS[key].label}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {draft.trigger === "uncategorized_burst" ? (
              <div className="grid grid-cols-2 gap-3">
                <Field label="At least (messages)" htmlFor={`${id}-threshold`}>
                  <TextInput id={`${id}-threshold`} type="number" min={1} max={1000} value={draft.threshold} onChange={(e) => set("threshold", e.target.value)} required />
                </Field>
                <Field label="Within (minutes)" htmlFor={`${id}-window`}>
                  <TextInput id={`${id}-window`} type="number" min={1} max={43200} value={draft.windowMinutes} onChange={(e) => set("windowMinutes", e.target.value)} required />
                </Field>
              </div>
            ) : (
              <Field label="At most once per user every (minutes)" htmlFor={`${id}-window`} hint="1440 = once per user per day (UTC).">
                <TextInput id={`${id}-window`} type="number" min={1} max={43200} value={draft.windowMinutes} onChange={(e) => set("windowMinutes", e.target.value)} required />
              </Field>
            )}
            <Field label="Run action" htmlFor={`${id}-action`}>
              <Select id={`${id}-action`} value={draft.actionId} onChange={(e) => set("actionId", e.target.value)} required>
                {actions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            </Field>
            <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
              {describeTrigger(draft.trigger, ruleParamsOf(draft))} → <span className="font-medium text-slate-900">{chosenAction?.name ?? "…"}</span>
            </p>
            {error && <ErrorNote>{error}</ErrorNote>}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={pending || !draft.name.trim() || !draft.actionId}>
                {pending ? "Saving…" : rule ? "Save" : "Create rule"}
              </Button>
            </div>
          </form>
        </Dialog>
      </div>
    </>
  );
}

export function RuleToggle({ rule }: { rule: { id: string; name: string; enabled: boolean } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={rule.enabled}
        aria-label={`${rule.name} enabled`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await updateSpamRuleAction(rule.id, { enabled: !rule.enabled });
            if (!result.ok) return setError(result.error.message);
            router.refresh();
          })
        }
        className="relative inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-slate-300 transition-colors aria-checked:bg-brand-600 disabled:opacity-50"
      >
        <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${rule.enabled ? "translate-x-4.5" : "translate-x-0.5"}`} />
      </button>
      {error && <span className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
