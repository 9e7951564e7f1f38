import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { moderatorOrNull } from "../moderator";
import { listSpamActions } from "@/lib/spam-manager/spam-actions";
import { listSpamRules } from "@/lib/spam-manager/spam-rules";
import { describeTrigger } from "@/lib/spam-manager/action-schemas";
import { Icon } from "@/components/icons";
import { DeleteButton, RuleToggle } from "../definition-controls";
import { RuleFormButton } from "../rule-form";
import { actionOption, EmptyState, ruleOption } from "../spam-ui";
import { PageSection } from "@/components/ui/page-section";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const db = await getDb();
  const [rules, actions] = await Promise.all([listSpamRules({ db, actor }), listSpamActions({ db, actor })]);
  const actionOptions = actions.map(actionOption);
  return (
    <PageSection
      id="rules"
      title="Rules"
      width="4xl"
      tab
      description={
        <>
          Rules run on every incoming message, at most once per user per rule per window. A rule that fails is logged;
          the message is delivered anyway.
        </>
      }
      action={rules.length > 0 && <RuleFormButton actions={actionOptions} />}
    >
      {rules.length === 0 ? (
        <EmptyState icon="filter" title="No rules yet">
          <p>Let the Spam Manager act by itself, for example:</p>
          <ul className="mx-auto mt-3 max-w-md space-y-1 text-left">
            <li className="flex gap-2">
              <Icon name="check" className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
              When a message contains a denied string → mark the user as spam
            </li>
            <li className="flex gap-2">
              <Icon name="check" className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
              When a user posts 5 messages with uncategorized links within 10 minutes → flag for review
            </li>
            <li className="flex gap-2">
              <Icon name="check" className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
              When a message’s spam score is 98% or more → mark the user as spam
            </li>
          </ul>
          <div className="mt-5">
            {actions.length === 0 ? (
              <p>
                Rules run actions:{" "}
                <Link href="/spam-manager/actions" className="font-medium text-brand-600 hover:underline">
                  define an action first
                </Link>
                .
              </p>
            ) : (
              <RuleFormButton actions={actionOptions} />
            )}
          </div>
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white"
          data-testid="spam-rules"
        >
          {rules.map((rule) => (
            <li
              key={rule.id}
              className={[
                "flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center",
                rule.enabled ? "" : "bg-slate-50/70",
              ].join(" ")}
              data-testid="spam-rule"
            >
              <RuleToggle rule={rule} />
              <div className="min-w-0 flex-1">
                <p className={`font-medium ${rule.enabled ? "text-slate-900" : "text-slate-500"}`}>
                  {rule.name}
                  {!rule.enabled && <span className="ml-2 text-xs font-normal text-slate-500">Off</span>}
                </p>
                <p className="text-sm text-slate-600">
                  {describeTrigger(rule)} → <span className="font-medium text-slate-800">{rule.action.name}</span>
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                <RuleFormButton actions={actionOptions} rule={ruleOption(rule)} />
                <DeleteButton kind="rule" item={rule} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </PageSection>
  );
}
