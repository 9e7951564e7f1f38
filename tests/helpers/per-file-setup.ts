// Every integration test file runs against its own migrated database, and the session secret that
// server.ts would load at start is set to a fixed test value.
import { afterAll, beforeAll } from "vitest";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { closeFileDatabase, openFileDatabase } from "./test-database";
import { defaultModel } from "@/lib/classifier/default-model";

export const TEST_AUTH_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
process.env.BOUNCER_GENERATED_AUTH_SECRET = TEST_AUTH_SECRET;

beforeAll(async () => {
  await openFileDatabase();
  // Ingest scores every message with the spam classifier: its default model is built once per process
  // here (as server start-up does, lib/bootstrap.ts), not inside the first test that ingests.
  defaultModel();
});

afterAll(async () => {
  await whenEventsIdle(); // no queued listener may outlive the file's database
  await closeFileDatabase();
});
