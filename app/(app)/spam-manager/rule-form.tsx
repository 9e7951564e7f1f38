"use client";
// The Rules tab's New rule / Edit dialog: react-hook-form validated by the server's own schema
// (createSpamRuleSchema checks the trigger's params and reports them as params.<field>).
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorNote, Field, Select, TextInput } from "@/components/ui/field";
import { setServerErrors } from "@/components/ui/server-errors";
import { Icon } from "@/components/icons";
import { toast } from "@/components/toaster";
import {
  createSpamRuleSchema,
  DEFAULT_RULE_WINDOW_MINUTES,
  describeTriggerDraft,
  RULE_TRIGGER_LABELS,
  SPAM_RULE_TRIGGERS,
  type SpamRuleDefinition,
  type SpamRuleTriggerName,
} from "@/lib/spam-manager/action-schemas";
import { createSpamRuleAction, updateSpamRuleAction } from "./actions";
import type { ActionOption } from "./run-action-buttons";

export type RuleOption = SpamRuleDefinition & {
  id: string;
  name: string;
  enabled: boolean;
  action: { id: string };
};

type RuleFormValues = z.input<typeof createSpamRuleSchema>;
type RuleFormOutput = z.output<typeof createSpamRuleSchema>;

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

const defaultWindow = (trigger: SpamRuleTriggerName) =>
  trigger === "uncategorized_burst" ? 10 : DEFAULT_RULE_WINDOW_MINUTES;

/** Every trigger's fields, the rule's own params over the defaults. */
function valuesOf(actions: ActionOption[], rule?: RuleOption): RuleFormValues {
  const trigger = rule?.trigger ?? "denied_string";
  return {
    name: rule?.name ?? "",
    trigger,
    params: { threshold: 5, windowMinutes: defaultWindow(trigger), minScore: 0.95, ...rule?.params },
    actionId: rule?.action.id ?? actions[0]?.id ?? "",
  };
}

export function RuleFormButton({ actions, rule }: { actions: ActionOption[]; rule?: RuleOption }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const form = useForm<RuleFormValues, unknown, RuleFormOutput>({
    resolver: zodResolver(createSpamRuleSchema),
    defaultValues: valuesOf(actions, rule),
  });
  const { register, control, formState } = form;
  const [trigger, params, name, actionId] = useWatch({ control, name: ["trigger", "params", "name", "actionId"] });
  const paramError = (key: string) =>
    (formState.errors.params as Record<string, { message?: string } | undefined> | undefined)?.[key]?.message;
  const chosenAction = actions.find((a) => a.id === actionId);

  function openForm() {
    form.reset(valuesOf(actions, rule));
    setOpen(true);
  }

  const onSubmit = form.handleSubmit(async (values) => {
    // Not `enabled`: editing a rule leaves its switch as it is.
    const input = { name: values.name, trigger: values.trigger, params: values.params, actionId: values.actionId };
    const result = rule ? await updateSpamRuleAction(rule.id, input) : await createSpamRuleAction(input);
    if (!result.ok) return setServerErrors(form, result.error);
    toast.success(rule ? `Saved “${values.name}”` : `Created “${values.name}”`);
    setOpen(false);
    router.refresh();
  });

  const windowField = register("params.windowMinutes", { valueAsNumber: true });
  return (
    <>
      {rule ? (
        <Button size="sm" onClick={openForm} aria-label={`Edit ${rule.name}`}>
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={openForm} disabled={actions.length === 0} className="shrink-0">
          <Icon name="plus" className="h-4 w-4" /> New rule
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={rule ? "Edit rule" : "New rule"}
        labelledBy={`${id}-title`}
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field label="Name" htmlFor={`${id}-name`} error={formState.errors.name?.message}>
            <TextInput
              id={`${id}-name`}
              maxLength={80}
              required
              autoFocus
              placeholder="e.g. Denied link → mark as spam"
              {...register("name")}
            />
          </Field>
          <Field label="When" htmlFor={`${id}-trigger`} error={formState.errors.trigger?.message}>
            <Select
              id={`${id}-trigger`}
              {...register("trigger", {
                onChange: (event) =>
                  form.setValue("params.windowMinutes", defaultWindow(event.target.value as SpamRuleTriggerName)),
              })}
            >
              {SPAM_RULE_TRIGGERS.map((option) => (
                <option key={option} value={option}>
                  {RULE_TRIGGER_LABELS[option]}
                </option>
              ))}
            </Select>
          </Field>
          {trigger === "spam_score" && (
            <Controller
              control={control}
              name="params.minScore"
              render={({ field }) => (
                <Field
                  label="Spam score at least (%)"
                  htmlFor={`${id}-min-score`}
                  hint={
                    "The classifier's score of each incoming message (Settings → Spam detection must not be Off). " +
                    "Settings → Spam detection shows how precise each score is on your team's verdicts."
                  }
                  error={paramError("minScore")}
                >
                  {/* Per cent on screen, a fraction (0–1) in the rule, as the API takes it. */}
                  <TextInput
                    id={`${id}-min-score`}
                    type="number"
                    min={1}
                    max={100}
                    required
                    className="sm:max-w-32"
                    name={field.name}
                    onBlur={field.onBlur}
                    value={
                      typeof field.value === "number" && Number.isFinite(field.value)
                        ? String(Math.round(field.value * 100))
                        : ""
                    }
                    onChange={(event) =>
                      field.onChange(event.target.value === "" ? Number.NaN : Number(event.target.value) / 100)
                    }
                  />
                </Field>
              )}
            />
          )}
          {trigger === "disguised_string" && (
            <Controller
              control={control}
              name="params.kinds"
              render={({ field }) => (
                <Field
                  label="Disguised"
                  htmlFor={`${id}-kinds`}
                  hint={
                    "Written to slip past filters: evil[.]com, hxxp://, name (at) mail (dot) com, hidden " +
                    "characters. Allowed strings never count."
                  }
                  error={paramError("kinds")}
                >
                  <Select
                    id={`${id}-kinds`}
                    name={field.name}
                    onBlur={field.onBlur}
                    value={disguisedKindsChoiceOf(field.value)}
                    onChange={(event) => {
                      const kinds = DISGUISED_KINDS[event.target.value as DisguisedKindsChoice].kinds;
                      field.onChange(kinds ? [...kinds] : undefined);
                    }}
                  >
                    {(Object.keys(DISGUISED_KINDS) as DisguisedKindsChoice[]).map((key) => (
                      <option key={key} value={key}>
                        {DISGUISED_KINDS[key].label}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            />
          )}
          {trigger === "uncategorized_burst" ? (
            <div className="grid grid-cols-2 gap-3">
              <Field label="At least (messages)" htmlFor={`${id}-threshold`} error={paramError("threshold")}>
                <TextInput
                  id={`${id}-threshold`}
                  type="number"
                  min={1}
                  max={1000}
                  required
                  {...register("params.threshold", { valueAsNumber: true })}
                />
              </Field>
              <Field label="Within (minutes)" htmlFor={`${id}-window`} error={paramError("windowMinutes")}>
                <TextInput id={`${id}-window`} type="number" min={1} max={43200} required {...windowField} />
              </Field>
            </div>
          ) : (
            <Field
              label="At most once per user every (minutes)"
              htmlFor={`${id}-window`}
              hint="1440 = once per user per day (UTC)."
              error={paramError("windowMinutes")}
            >
              <TextInput id={`${id}-window`} type="number" min={1} max={43200} required {...windowField} />
            </Field>
          )}
          <Field label="Run action" htmlFor={`${id}-action`} error={formState.errors.actionId?.message}>
            <Select id={`${id}-action`} required {...register("actionId")}>
              {actions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
            {describeTriggerDraft(trigger, params)} →{" "}
            <span className="font-medium text-slate-900">{chosenAction?.name ?? "…"}</span>
          </p>
          {formState.errors.root?.server && <ErrorNote>{formState.errors.root.server.message}</ErrorNote>}
          <DialogActions
            onCancel={() => setOpen(false)}
            actionLabel={rule ? "Save" : "Create rule"}
            pendingLabel="Saving…"
            pending={formState.isSubmitting}
            disabled={!name.trim() || !actionId}
          />
        </form>
      </Dialog>
    </>
  );
}
