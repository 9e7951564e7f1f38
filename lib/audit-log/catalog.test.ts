import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_GROUPS, auditActionOptions, describeAuditEntry, groupOf } from "./catalog";
import { isDay, isTime, queryRangeOf, rangeOf, startOfDay } from "./date-range";

describe("describeAuditEntry", () => {
  it("says what happened in a sentence, from the entry's data where it says more", () => {
    expect(describeAuditEntry("ban.deactivated", { channel: "whatsapp", identifier: "+4477" })).toBe(
      "Lifted a ban on WhatsApp",
    );
    expect(describeAuditEntry("live_chat.connect_refused", { state: "IsBanned" })).toBe(
      "Refused a live-chat request: the client is banned",
    );
    expect(describeAuditEntry("live_chat.blocked", { minutes: 2880 })).toBe("Blocked a user from live chat for 2 days");
    expect(describeAuditEntry("spam_list.entry_added", { list: "deny", value: "evil.com" })).toBe(
      "Added evil.com to the Deny list",
    );
    expect(describeAuditEntry("tenant.audit_log_retention_updated", { auditLogRetentionDays: 90, previous: 365 })).toBe(
      "Set the audit log to keep 90 days (was 365 days)",
    );
  });

  it("falls back to the raw action for one it does not know, and survives data of another shape", () => {
    expect(describeAuditEntry("robot.uprising", {})).toBe("robot.uprising");
    expect(describeAuditEntry("ban.created", null)).toBe("Banned a client");
    expect(describeAuditEntry("campaign.sent", ["odd"])).toBe("Sent a campaign");
  });

  it("has a sentence for every action the app records (a new one fails here until it has one)", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
        return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
      });
    const recorded = new Set(["outbox.sent", "outbox.failed"]); // `outbox.${ack.status}`
    for (const file of sources(path.resolve("lib"))) {
      const text = readFileSync(file, "utf8");
      // `action: "ban.created"`, `action: spam ? "a.b" : "a.c"`, `audit(refusal, "a.b")`, `X_ACTION = "a.b"`.
      const places = [
        ...text.matchAll(/action:[^,;]*/g),
        ...text.matchAll(/(?:audit|record)\([^\n]*?, "[a-z_]+\.[a-z_]+"\)/g),
        ...text.matchAll(/_ACTION = "[a-z_]+\.[a-z_]+"/g),
      ];
      for (const [place] of places)
        for (const [, action] of place.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) recorded.add(action!);
    }
    expect(recorded.size).toBeGreaterThan(40);
    expect([...recorded].filter((action) => !AUDIT_ACTIONS[action]).sort()).toEqual([]);
  });

  it("puts every known action in a known group", () => {
    for (const action of Object.keys(AUDIT_ACTIONS)) expect(Object.keys(AUDIT_GROUPS)).toContain(groupOf(action));
    expect(auditActionOptions().flatMap((group) => group.actions)).toHaveLength(Object.keys(AUDIT_ACTIONS).length);
  });
});

describe("the reader's date range", () => {
  it("takes days and times with an offset, nothing else", () => {
    expect(isDay("2026-12-06")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("0000-01-01")).toBe(false);
    expect(isDay("0001-01-01")).toBe(true);
    expect(isDay("0099-12-31")).toBe(true);
    expect(isTime("2026-12-06T10:00:00Z")).toBe(true);
    expect(isTime("2026-12-06T10:00:00+01:00")).toBe(true);
    expect(isTime("2026-12-06T10:00:00")).toBe(false);
  });

  it("reads a day in the reader's zone, across daylight-saving changes, and `to` as the whole day", () => {
    expect(startOfDay("2026-12-06", "UTC").toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(startOfDay("2026-12-06", "Europe/Berlin").toISOString()).toBe("2026-12-05T23:00:00.000Z");
    expect(startOfDay("2026-07-06", "Europe/Berlin").toISOString()).toBe("2026-07-05T22:00:00.000Z");
    // The day clocks go forward (29 March 2026 in Berlin) starts at the winter offset.
    expect(startOfDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay("2026-12-06", "America/New_York").toISOString()).toBe("2026-12-06T05:00:00.000Z");
    expect(rangeOf({ from: "2026-12-06", to: "2026-12-06" }, "UTC")).toEqual({
      gte: new Date("2026-12-06T00:00:00Z"),
      lt: new Date("2026-12-07T00:00:00Z"),
    });
    expect(rangeOf({ to: "2026-12-06T10:00:00Z" })).toEqual({ lt: new Date("2026-12-06T10:00:00Z") });
    // An unknown zone (refused by the query's schema, which still checks the range) reads days in UTC.
    expect(rangeOf({ from: "2026-12-06" }, "Mars/Olympus")).toEqual({ gte: new Date("2026-12-06T00:00:00Z") });
  });

  it("keeps the database's bounds within the times an entry can have", () => {
    expect(startOfDay("0001-01-01", "Asia/Tokyo").getUTCFullYear()).toBe(0);
    expect(queryRangeOf({ from: "0001-01-01", to: "9999-12-31" }, "Asia/Tokyo")).toEqual({
      gte: new Date("1970-01-01T00:00:00Z"),
      lt: new Date("9999-12-31T00:00:00Z"),
    });
  });
});
