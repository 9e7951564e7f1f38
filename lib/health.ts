import "server-only";
import { database } from "@/lib/db";
import { eventsHealth, type EventsHealth } from "@/lib/events/dispatch";

/** events: this process's listener queue — pending jobs, retries and failures since it started. */
export type Health = ({ status: "ok"; db: "ok" } | { status: "error"; db: "ok" | "error"; error: string }) & {
  events: EventsHealth;
};

export async function checkHealth(): Promise<Health> {
  try {
    const handle = await database();
    await handle.rawQuery("SELECT 1");
    return { status: "ok", db: "ok", events: eventsHealth() };
  } catch (error) {
    console.error("[health] database check failed:", error);
    return { status: "error", db: "error", error: "database unreachable", events: eventsHealth() };
  }
}
