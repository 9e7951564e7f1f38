// Every integration test file runs against its own migrated database, and the session secret that
// server.ts would load at start is set to a fixed test value.
import { afterAll, beforeAll } from "vitest";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { closeFileDatabase, openFileDatabase } from "./test-database";

export const TEST_AUTH_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
process.env.BOUNCER_GENERATED_AUTH_SECRET = TEST_AUTH_SECRET;

beforeAll(async () => {
  await openFileDatabase();
});

afterAll(async () => {
  await whenEventsIdle(); // no queued listener may outlive the file's database
  await closeFileDatabase();
});
