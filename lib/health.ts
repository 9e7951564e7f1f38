import "server-only";
import { database } from "@/lib/db";
import { eventsHealth, type EventsHealth } from "@/lib/events/dispatch";

/**
 * events: the listener job queue of this process's database — pending jobs, retries and failures (the
 * in-process queue: since this process started; the PostgreSQL queue: its table, all instances).
 */
export type Health = ({ status: "ok"; db: "ok" } | { status: "error"; db: "ok" | "error"; error: string }) & {
  events: EventsHealth;
};

export async function checkHealth(): Promise<Health> {
  let handle: Awaited<ReturnType<typeof database>> | undefined;
  try {
    handle = await database();
    await handle.rawQuery("SELECT 1");
    return { status: "ok", db: "ok", events: await eventsHealth(handle.prisma) };
  } catch (error) {
    console.error("[health] database check failed:", error);
    return { status: "error", db: "error", error: "database unreachable", events: await eventsHealth(handle?.prisma) };
  }
}
