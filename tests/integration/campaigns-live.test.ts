// The Campaigns pages' live updates (campaigns.changed): who hears them — the tenant's admins (policy
// "campaigns.manage"), not its supervisors or agents, not another tenant — what they carry (counts and ids, never
// a name, a message or a recipient), and that a send in batches and an ongoing campaign reaching a flood of new
// contacts are coalesced, every recipient counted.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { settle, teamListeners, untilHeard, useRealtimeServer, type EventRecorder } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { createCampaignFor, createContact } from "../factories/campaigns";
import { activateCampaign, deleteCampaign, pauseCampaign, updateCampaign } from "@/lib/campaigns/manage-campaigns";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { campaignListNews, campaignPageNews, type CampaignsChangedEvent } from "@/lib/realtime/campaigns-change";

type Team = Awaited<ReturnType<typeof createTeam>>;

const db = () => testDatabase().prisma;

/** Everything a socket heard of campaigns, summed (events are coalesced, so one may carry several changes). */
function heardSoFar(events: EventRecorder) {
  const heard = events.named("campaigns.changed") as CampaignsChangedEvent[];
  const of = (id: string) => ({
    recipients: heard.reduce((n, e) => n + (e.campaigns[id]?.recipients ?? 0), 0),
    status: heard.some((e) => e.campaigns[id]?.status),
    events: heard.filter((e) => e.campaigns[id]).length,
  });
  return { events: heard.length, created: heard.reduce((n, e) => n + e.created, 0), of, heard };
}

const until = (events: EventRecorder, check: (sum: ReturnType<typeof heardSoFar>) => boolean, timeoutMs?: number) =>
  untilHeard(events, heardSoFar, check, timeoutMs);

const silent = (events: EventRecorder) => expect(events.named("campaigns.changed")).toEqual([]);

describe("campaigns.changed", () => {
  const server = useRealtimeServer();

  const listeners = (team: Team, other: Team) => teamListeners(server.url, team, other);

  it("a one-time campaign created and sent in batches: admins hear it and every recipient; nobody else", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    for (let i = 0; i < 7; i++) await createContact(db(), team.tenant.id);
    const heard = await listeners(team, other);

    const draft = await createCampaignFor(db(), team.admin.actor, {
      name: "Spring sale secret",
      message: "20% off with code SPRING",
    });
    await until(heard.admin, (s) => s.created === 1);
    await sendCampaign({ db: db(), actor: team.admin.actor, campaignId: draft.id, batchSize: 2 });
    const sum = await until(heard.admin, (s) => s.of(draft.id).recipients === 7);
    expect(sum.of(draft.id).status).toBe(true);
    // Four batches, one event a second at most: the first at once, the rest together.
    expect(sum.events).toBeLessThanOrEqual(3);
    // What the pages make of it: the list hears a new campaign, its page new recipients.
    expect(sum.heard.map(campaignListNews).reduce((n: number, c) => n + (c ?? 0), 0)).toBe(1);
    expect(sum.heard.map(campaignPageNews(draft.id)).reduce((n: number, c) => n + (c ?? 0), 0)).toBe(7);
    expect(sum.heard.map(campaignPageNews("another-campaign")).every((c) => c === null)).toBe(true);
    // Counts and ids only: nothing of its name, message or recipients.
    const text = JSON.stringify(heard.admin.named("campaigns.changed"));
    expect(text).not.toContain("Spring");
    expect(text).not.toContain("SPRING");

    await settle(1_200);
    for (const who of [heard.supervisor, heard.agent, heard.limited, heard.otherAdmin, heard.otherSupervisor])
      silent(who);
    heard.close();
  });

  it("a draft edited and deleted, an ongoing campaign activated and paused: each a change of that one", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    const admin = team.admin.actor;

    const draft = await createCampaignFor(db(), admin, { name: "Draft" });
    await updateCampaign({ db: db(), actor: admin, campaignId: draft.id, input: { name: "Draft, renamed" } });
    await until(heard.admin, (s) => s.of(draft.id).status);
    await deleteCampaign({ db: db(), actor: admin, campaignId: draft.id });
    await until(heard.admin, (s) => s.of(draft.id).events === 2);

    const ongoing = await createCampaignFor(db(), admin, { kind: "ongoing" });
    await activateCampaign({ db: db(), actor: admin, campaignId: ongoing.id });
    await until(heard.admin, (s) => s.created === 2 && s.of(ongoing.id).status);
    // Activating an active campaign changes nothing, and says nothing.
    await settle(1_100);
    const before = heardSoFar(heard.admin).events;
    await activateCampaign({ db: db(), actor: admin, campaignId: ongoing.id });
    await settle(1_200);
    expect(heardSoFar(heard.admin).events).toBe(before);
    await pauseCampaign({ db: db(), actor: admin, campaignId: ongoing.id });
    await until(heard.admin, (s) => s.of(ongoing.id).events === 2);

    for (const who of [heard.supervisor, heard.agent, heard.limited, heard.otherAdmin]) silent(who);
    heard.close();
  });

  it("an ongoing campaign reaching a flood of new contacts: an event a second, every recipient counted", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const ongoing = await createCampaignFor(db(), team.admin.actor, { kind: "ongoing", activate: true });
    await settle(1_100); // past the window of its own creation
    const heard = await listeners(team, other);

    const started = Date.now();
    const newContacts = 30;
    await Promise.all(
      Array.from({ length: newContacts }, (_, i) =>
        receiveMessage(db(), team.service, { from: `+1555018${String(1000 + i)}`, text: `hi ${i}` }),
      ),
    );
    const elapsed = Date.now() - started;
    const sum = await until(heard.admin, (s) => s.of(ongoing.id).recipients === newContacts);
    expect(await db().campaignRecipient.count({ where: { campaignId: ongoing.id } })).toBe(newContacts);
    expect(sum.events).toBeLessThanOrEqual(Math.ceil(elapsed / 1_000) + 2);
    expect(sum.events).toBeLessThan(newContacts / 3);
    expect(sum.of(ongoing.id).status).toBe(false);
    await settle(300);
    for (const who of [heard.supervisor, heard.agent, heard.otherAdmin]) silent(who);
    heard.close();
  });
});
