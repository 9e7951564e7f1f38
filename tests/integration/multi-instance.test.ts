// Two app instances sharing one database and one Redis: an ingest handled by instance A reaches an
// agent whose socket is connected to instance B. Uses REDIS_URL when set (CI's PostgreSQL + Redis
// pass), else a redis-server of its own on a free port (Debian's redis-server package).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { connectAgent, recordEvents, startRealtime } from "../helpers/realtime";
import { createTeam, receiveMessage } from "../factories";
import { setRealtimeServer } from "@/lib/realtime/publish";
import { OwnRedis } from "@/bench/support/redis";

describe("two instances behind one address (Redis adapter)", () => {
  const servers: Array<Awaited<ReturnType<typeof startRealtime>>> = [];
  let ownRedis: OwnRedis | undefined;
  let redisUrl: string;
  beforeAll(async () => {
    if (process.env.REDIS_URL) {
      redisUrl = process.env.REDIS_URL;
      return;
    }
    try {
      ownRedis = await OwnRedis.start();
    } catch (error) {
      throw new Error(`This test needs Redis: set REDIS_URL, or install redis-server (apt-get install redis-server). ${error instanceof Error ? error.message : error}`);
    }
    redisUrl = ownRedis.url;
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await ownRedis?.stop();
  });

  it("delivers an ingest on instance A to a client connected to instance B", async () => {
    const db = testDatabase().prisma;
    const instanceB = await startRealtime(testDatabase(), { redisUrl });
    const instanceA = await startRealtime(testDatabase(), { redisUrl });
    servers.push(instanceA, instanceB);
    // This process now publishes through instance A, as instance A's request handlers would.
    setRealtimeServer(instanceA.io);

    const team = await createTeam(db);
    const socketOnB = await connectAgent(instanceB.url, team.agent.actor);
    const events = recordEvents(socketOnB);
    const result = await receiveMessage(db, team.service, { text: "via A" });
    const event = await events.waitFor("message.created", (e) => e.message.id === result.messageId);
    expect(event.message.body).toBe("via A");
    expect(events.named("message.created")).toHaveLength(1);
    socketOnB.disconnect();
  });
});
