// The Spam Manager's live updates (spam_manager.changed): who hears them — the tenant's supervisors and
// admins, not its agents, not another tenant — what they carry, and that a flood is coalesced.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import {
  connectAgent,
  recordEvents,
  settle,
  teamListeners,
  untilHeard,
  useRealtimeServer,
  type EventRecorder,
} from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { addListEntry, deleteListEntry } from "@/lib/spam-manager/spam-lists";
import { createSpamAction, runSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule } from "@/lib/spam-manager/spam-rules";
import { createBan } from "@/lib/blacklist/manage-bans";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { updateAgent } from "@/lib/agents/manage-agents";
import type { SpamManagerChangedEvent } from "@/lib/realtime/spam-manager-change";

type Team = Awaited<ReturnType<typeof createTeam>>;
type Recorder = EventRecorder;

const db = () => testDatabase().prisma;

/** Everything a socket heard of the Spam Manager, summed (events are coalesced, so one may carry several changes). */
function heardSoFar(events: Recorder) {
  const heard = events.named("spam_manager.changed") as SpamManagerChangedEvent[];
  return {
    events: heard.length,
    posts: heard.reduce((n, e) => n + e.posts, 0),
    domains: heard.reduce((n, e) => n + (e.postsByKind.domain ?? 0), 0),
    phones: heard.reduce((n, e) => n + (e.postsByKind.phone ?? 0), 0),
    runs: heard.reduce((n, e) => n + e.runs, 0),
    lists: heard.some((e) => e.lists),
    users: heard.some((e) => e.users),
  };
}

const until = (events: Recorder, check: (sum: ReturnType<typeof heardSoFar>) => boolean, timeoutMs?: number) =>
  untilHeard(events, heardSoFar, check, timeoutMs);

describe("spam_manager.changed", () => {
  const server = useRealtimeServer();

  const listeners = (team: Team, other: Team) => teamListeners(server.url, team, other);

  const silent = (events: Recorder) => expect(events.named("spam_manager.changed")).toEqual([]);

  it("a message with spam strings: supervisors and admins hear counts; agents and another tenant do not", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    await receiveMessage(db(), team.service, {
      text: "WIN at https://prize-live.xyz/claim or call +44 7700 900123",
    });
    for (const who of [heard.supervisor, heard.admin]) {
      const sum = await until(who, (s) => s.posts === 1);
      expect(sum).toMatchObject({ posts: 1, domains: 1, phones: 1, runs: 0, lists: false });
    }
    // Carries counts only: nothing of what was posted, or by whom.
    const [event] = heard.supervisor.named("spam_manager.changed");
    expect(JSON.stringify(event)).not.toContain("prize-live");
    await settle(300);
    for (const who of [heard.agent, heard.limited, heard.otherAdmin, heard.otherSupervisor]) silent(who);
    heard.close();
  });

  it("a message without spam strings is not news to the Spam Manager", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    await receiveMessage(db(), team.service, { text: "Where is my parcel?" });
    await settle(300);
    silent(heard.supervisor);
    heard.close();
  });

  it("deny, remove, a moderator's and a rule's run, a mark in the inbox: each heard, by moderators only", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    const sam = team.supervisor.actor;

    const { entry } = await addListEntry({
      db: db(),
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "live-deny.com" },
    });
    await until(heard.supervisor, (s) => s.lists);
    await deleteListEntry({ db: db(), actor: sam, entryId: entry.id });

    const flag = await createSpamAction({
      db: db(),
      actor: sam,
      input: { name: "Flag", type: "flag_review", params: {} },
    });
    const poster = await receiveMessage(db(), team.service, { text: "see live-run.com" });
    await runSpamAction({ db: db(), actor: sam, actionId: flag.id, input: { contactId: poster.contactId } });
    await until(heard.supervisor, (s) => s.runs === 1 && s.users);

    // A rule: a denied domain flags its poster (a job after the message).
    await createSpamRule({
      db: db(),
      actor: sam,
      input: {
        name: "Denied → flag",
        trigger: "denied_string",
        actionId: flag.id,
        enabled: true,
        params: { windowMinutes: 60 },
      },
    });
    await addListEntry({ db: db(), actor: sam, list: "deny", input: { kind: "domain", value: "live-rule.com" } });
    await receiveMessage(db(), team.service, { text: "go to live-rule.com now" });
    await until(heard.admin, (s) => s.runs === 2);

    // Marked as spam from the inbox: the Users tab's badge.
    const marked = await receiveMessage(db(), team.service, { text: "hello" });
    const before = heardSoFar(heard.supervisor).events;
    await markContactAsSpam({ db: db(), actor: team.agent.actor, contactId: marked.contactId });
    await until(heard.supervisor, (s) => s.events > before && s.users);

    await settle(300);
    for (const who of [heard.agent, heard.limited, heard.otherAdmin, heard.otherSupervisor]) silent(who);
    heard.close();
  });

  it("a flood is coalesced: about an event a second per tenant, every post counted (cheap lane too)", async () => {
    const team = await createTeam(db());
    const other = await createTeam(db());
    const heard = await listeners(team, other);
    // A banned sender's messages after their first go through the cheap lane (no chat event, still counted).
    const banned = "+447700900777";
    await createBan({
      db: db(),
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: banned, reason: "spam" },
      source: "admin_add",
    });
    const started = Date.now();
    const posts = 40;
    await Promise.all(
      Array.from({ length: posts }, (_, i) =>
        receiveMessage(db(), team.service, {
          from: i % 5 === 0 ? banned : `+1555012${String(3000 + i)}`,
          text: `flood ${i}: https://flood-${i % 5}.com/x and +44 7700 9001${String(i).padStart(2, "0")}`,
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const sum = await until(heard.supervisor, (s) => s.posts === posts);
    expect(sum.domains).toBe(posts);
    // The first at once, then at most one a second.
    expect(sum.events).toBeLessThanOrEqual(Math.ceil(elapsed / 1_000) + 2);
    expect(sum.events).toBeLessThan(posts / 4);
    await settle(1_200);
    expect(heardSoFar(heard.supervisor).posts).toBe(posts);
    // The banned sender's chat exists and is held: their next message is stored by the cheap lane alone.
    await receiveMessage(db(), team.service, { from: banned, text: "again: flood-9.com" });
    await until(heard.supervisor, (s) => s.posts === posts + 1);
    silent(heard.agent);
    silent(heard.otherSupervisor);
    heard.close();
  });

  it("a supervisor made an agent stops hearing it once their socket joins again", async () => {
    const team = await createTeam(db());
    const socket = await connectAgent(server.url, team.supervisor.actor);
    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    await updateAgent({
      db: db(),
      actor: team.admin.actor,
      input: { agentId: team.supervisor.agent.id, role: "AGENT", canSeeAllChats: false },
    });
    await gone;
    const again = await connectAgent(server.url, { ...team.supervisor.actor, role: "AGENT", canSeeAllChats: false });
    const events = recordEvents(again);
    await receiveMessage(db(), team.service, { text: "see demoted.com" });
    await settle(300);
    silent(events);
    again.disconnect();
  });
});
