import "server-only";
import { database } from "@/lib/db";

export type Health = { status: "ok"; db: "ok" } | { status: "error"; db: "ok" | "error"; error: string };

export async function checkHealth(): Promise<Health> {
  try {
    const handle = await database();
    await handle.rawQuery("SELECT 1");
    return { status: "ok", db: "ok" };
  } catch (error) {
    console.error("[health] database check failed:", error);
    return { status: "error", db: "error", error: "database unreachable" };
  }
}
