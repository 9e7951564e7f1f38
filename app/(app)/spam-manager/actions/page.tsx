import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { moderatorOrNull } from "../moderator";
import { listSpamActions } from "@/lib/spam-manager/spam-actions";
import { ACTION_TYPE_LABELS, actionReason, describeAction } from "@/lib/spam-manager/action-schemas";
import { Icon } from "@/components/icons";
import { ActionFormButton } from "../action-form";
import { DeleteButton } from "../definition-controls";
import { actionOption, EmptyState, plural } from "../spam-ui";
import { PageSection } from "@/components/ui/page-section";

export const metadata: Metadata = { title: "Actions" };

export default async function ActionsPage() {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const actions = await listSpamActions({ db: await getDb(), actor });
  return (
    <PageSection
      id="actions"
      title="Actions"
      width="4xl"
      tab
      description={
        <>
          Named actions moderators run on a user from the Users tab, and rules run by themselves. Every run goes to the
          Actions Log.
        </>
      }
      action={actions.length > 0 && <ActionFormButton />}
    >
      {actions.length === 0 ? (
        <EmptyState icon="flag" title="No actions yet">
          <p>Define what moderators and rules can do to a spam user:</p>
          <ul className="mx-auto mt-3 max-w-sm space-y-1 text-left">
            {Object.values(ACTION_TYPE_LABELS).map((type) => (
              <li key={type.label} className="flex gap-2">
                <Icon name="check" className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
                <span>
                  <span className="font-medium text-slate-800">{type.label}</span> — {type.description.toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-5">
            <ActionFormButton />
          </div>
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white"
          data-testid="spam-actions"
        >
          {actions.map((action) => (
            <li
              key={action.id}
              className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between"
              data-testid="spam-action"
            >
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{action.name}</p>
                <p className="text-sm text-slate-600">
                  {describeAction(action)}
                  {actionReason(action) ? ` · “${actionReason(action)}”` : ""}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {action.ruleCount > 0 ? `Run by ${plural(action.ruleCount, "rule")}` : "Not used by any rule"}
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                <ActionFormButton action={actionOption(action)} />
                <DeleteButton kind="action" item={action} ruleCount={action.ruleCount} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </PageSection>
  );
}
