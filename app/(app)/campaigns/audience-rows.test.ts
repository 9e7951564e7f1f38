import { describe, expect, it } from "vitest";
import {
  audienceOf,
  blankRow,
  campaignFormSchema,
  conditionOf,
  rowFromCondition,
  type AudienceRow,
} from "./audience-rows";

const trait = (change: Partial<AudienceRow>): AudienceRow => ({ ...blankRow("trait"), ...change });

describe("campaign form schema (rows, then the server's createCampaignSchema)", () => {
  it("turns rows into the conditions the server stores", () => {
    const parsed = campaignFormSchema.safeParse({
      name: " Spring ",
      kind: "one_time",
      message: "Hello",
      audience: [
        blankRow("channel"),
        trait({ key: "plan", value: "pro" }),
        trait({ key: "vip", type: "boolean", value: "false" }),
        { ...blankRow("authenticated"), authenticated: false },
      ],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      name: "Spring",
      audience: [
        { kind: "channel", op: "eq", value: "whatsapp" },
        { kind: "trait", key: "plan", op: "eq", type: "text", value: "pro" },
        { kind: "trait", key: "vip", op: "eq", type: "boolean", value: false },
        { kind: "authenticated", value: false },
      ],
    });
  });

  it("reports an unfinished row on the row field the server would name", () => {
    const parsed = campaignFormSchema.safeParse({
      name: "x",
      kind: "one_time",
      message: "Hi",
      audience: [blankRow("channel"), trait({ key: "plan" })],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toContain("audience.1.value");
  });

  it("refuses a number trait compared with a word, on its value", () => {
    const parsed = campaignFormSchema.safeParse({
      name: "x",
      kind: "one_time",
      message: "Hi",
      audience: [trait({ key: "age", type: "number", op: "gt", value: "old" })],
    });
    expect(parsed.error!.issues[0]!.path.join(".")).toBe("audience.0.value");
  });

  it("drops the value of exists / not_exists", () => {
    expect(conditionOf(trait({ key: "plan", op: "exists", value: "left over" }))).toEqual({
      kind: "trait",
      key: "plan",
      op: "exists",
    });
  });
});

describe("audienceOf (the live size's input)", () => {
  it("names the first unfinished condition", () => {
    const audience = audienceOf([blankRow("channel"), trait({})]);
    expect(audience).toEqual({
      ok: false,
      message: expect.stringMatching(/^Finish condition 2 to see who matches: the trait name /),
    });
  });

  it("answers the conditions when every row is complete", () => {
    expect(audienceOf([blankRow("channel")])).toEqual({
      ok: true,
      conditions: [{ kind: "channel", op: "eq", value: "whatsapp" }],
    });
  });

  it("reads a stored condition back into the row it came from", () => {
    const row = trait({ key: "since", type: "date", op: "gte", value: "2026-01-01" });
    const stored = audienceOf([row]);
    expect(stored.ok).toBe(true);
    if (stored.ok) expect(rowFromCondition(stored.conditions[0]!)).toEqual(row);
  });
});
