import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { getLiveChatSettings } from "@/lib/live-chat/settings";
import { getFloodLimits } from "@/lib/live-chat/flood-limits";
import { FloodLimitsForm } from "./flood-limits-form";
import { getGeneralSettings } from "@/lib/tenant-settings/general-settings";
import { userSignature } from "@/lib/widget/widget-token";
import { LiveChatSettingsForm } from "./live-chat-settings-form";
import { WidgetEmbed } from "./widget-embed";

export const metadata: Metadata = { title: "Live chat" };

const EXAMPLE_USER_ID = "user-42";

/** Where visitors' browsers reach this server: NEXTAUTH_URL when set, else the request's host. */
async function publicOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000"}`;
}

export default async function LiveChatSettingsPage() {
  const actor = await requireAgentOrRedirect();
  // The settings layout tells non-admins they cannot change settings.
  if (!can(actor, "settings.view", { tenantId: actor.tenantId })) return null;
  const db = await getDb();
  const settings = await getLiveChatSettings({ db, actor });
  const floodLimits = await getFloodLimits({ db, actor });
  const { widgetAllowedOrigins } = await getGeneralSettings({ db, actor });
  const timeZones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="max-w-4xl space-y-8">
      <section aria-labelledby="live-chat-heading">
        <h2 id="live-chat-heading" className="text-lg font-semibold">
          Live chat
        </h2>
        <p className="text-sm text-slate-600">
          When visitors may join the agent queue, and how long a live-chat block lasts by default. Outside working
          hours, “Talk to an agent” answers that the team is offline; messages are always received.
        </p>
        <div className="mt-4">
          <LiveChatSettingsForm
            initial={{
              timeZone: settings.timeZone,
              workingHours: settings.workingHours,
              liveChatBlockDefaultMinutes: settings.liveChatBlockDefaultMinutes,
            }}
            timeZones={timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones]}
          />
        </div>
      </section>
      <section aria-labelledby="flood-limits-heading">
        <h2 id="flood-limits-heading" className="text-lg font-semibold">
          Flood limits
        </h2>
        <p className="text-sm text-slate-600">
          How many new visitors and queue entries the chat accepts, so that one person with a script, or a crowd of
          bots, cannot fill the queue. A visitor over a limit is told the chat is busy and when to try again; their
          messages are still received. Addresses are counted as the server sees them (see TRUSTED_PROXIES when Bouncer
          runs behind a proxy).
        </p>
        <div className="mt-4">
          <FloodLimitsForm initial={floodLimits} />
        </div>
      </section>
      <WidgetEmbed
        origin={await publicOrigin()}
        tenantId={actor.tenantId}
        secret={settings.widgetSecret}
        example={{ userId: EXAMPLE_USER_ID, signature: userSignature(settings.widgetSecret, EXAMPLE_USER_ID) }}
        allowedOrigins={widgetAllowedOrigins}
      />
    </div>
  );
}
