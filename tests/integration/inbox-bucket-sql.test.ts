// One rule, two forms: the inbox bucket is decided by inboxBucket (lib/conversations/bucket.ts) and, in
// ingest's database function, by "bouncer_inbox_bucket" (migration 20261204231500). They must agree.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { inboxBucket } from "@/lib/conversations/bucket";
import type { ConversationStatus } from "@/lib/generated/prisma/enums";

const STATUSES = ["waiting", "open", "resolved"] as const satisfies readonly ConversationStatus[];
const BOTH = [false, true] as const;

describe("the inbox bucket rule in SQL", () => {
  it("agrees with inboxBucket for every status and combination of spam mark, ban hold, suspicion", async () => {
    const db = testDatabase().prisma;
    const cases = STATUSES.flatMap((status) =>
      BOTH.flatMap((contactMarkedAsSpam) =>
        BOTH.flatMap((heldByBan) => BOTH.map((suspected) => ({ status, contactMarkedAsSpam, heldByBan, suspected }))),
      ),
    );
    const rows = await db.$queryRaw<Array<{ i: number; bucket: string }>>`
      SELECT c.i,
             "bouncer_inbox_bucket"(c.status::"ConversationStatus", c.marked, c.banned, c.suspected)::text AS bucket
        FROM unnest(${cases.map((c) => c.status)}::text[], ${cases.map((c) => c.contactMarkedAsSpam)}::boolean[],
                    ${cases.map((c) => c.heldByBan)}::boolean[], ${cases.map((c) => c.suspected)}::boolean[])
             WITH ORDINALITY AS c(status, marked, banned, suspected, i)
       ORDER BY c.i`;
    expect(rows).toHaveLength(24);
    expect(rows.map((row) => row.bucket)).toEqual(cases.map(({ status, ...facts }) => inboxBucket(status, facts)));
  });
});
