import { describe, expect, it } from "vitest";
import { formatCount, plural, pluralWord } from "./plural";

describe("plural", () => {
  it("says singular for one only, with the count formatted once for server and browser alike", () => {
    expect(plural(0, "active ban")).toBe("0 active bans");
    expect(plural(1, "active ban")).toBe("1 active ban");
    expect(plural(2, "string")).toBe("2 strings");
    expect(plural(1500, "identity", "identities")).toBe("1,500 identities");
    expect(plural(1, "identity", "identities")).toBe("1 identity");
    expect(pluralWord(1, "contact matches", "contacts match")).toBe("contact matches");
    expect(pluralWord(7, "contact matches", "contacts match")).toBe("contacts match");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
