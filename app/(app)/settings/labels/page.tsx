import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { listLabels } from "@/lib/labels/manage-labels";
import { CreateLabelButton, LabelRowControls } from "./label-controls";

export const metadata: Metadata = { title: "Labels" };

export default async function LabelsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const labels = await listLabels({ db: await getDb(), actor });
  return (
    <section aria-labelledby="labels-heading" className="max-w-5xl">
      <div className="mb-4 flex items-center justify-between gap-4">
        <div>
          <h2 id="labels-heading" className="text-lg font-semibold">
            Labels
          </h2>
          <p className="text-sm text-slate-600">Tags agents put on conversations, such as “billing” or “bug”.</p>
        </div>
        <CreateLabelButton />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="min-w-40 px-4 py-2">
                Label
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                Conversations
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.length === 0 && (
              <tr>
                <td colSpan={3} className="px-4 py-10 text-center text-slate-500">
                  No labels yet. Create one and agents can tag conversations with it.
                </td>
              </tr>
            )}
            {labels.map((label) => (
              <LabelRowControls
                key={label.id}
                label={{
                  id: label.id,
                  name: label.name,
                  color: label.color,
                  conversationCount: label.conversationCount,
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
