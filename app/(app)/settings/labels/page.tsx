import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { listLabels } from "@/lib/labels/manage-labels";
import { DataTable } from "@/components/ui/data-table";
import { CreateLabelButton, LabelRowControls } from "./label-controls";
import { PageSection } from "@/components/ui/page-section";

export const metadata: Metadata = { title: "Labels" };

export default async function LabelsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const labels = await listLabels({ db: await getDb(), actor });
  return (
    <PageSection
      id="labels"
      title="Labels"
      description={<>Tags agents put on conversations, such as “billing” or “bug”.</>}
      action={<CreateLabelButton />}
    >
      <DataTable
        label="Labels"
        columns={[
          { header: "Label", className: "min-w-40" },
          { header: "Conversations", hideBelow: "sm" },
          { header: "Actions", srOnly: true },
        ]}
        rowCount={labels.length}
        empty="No labels yet. Create one and agents can tag conversations with it."
      >
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
      </DataTable>
    </PageSection>
  );
}
