import { describe, expect, it } from "vitest";
import { initialsOf } from "./initials";

describe("a contact's avatar letters", () => {
  it("takes the first letter of the first two words, and none from a name without letters", () => {
    expect(initialsOf("Sofia Harris")).toBe("SH");
    expect(initialsOf("  rex  ")).toBe("R");
    expect(initialsOf("Mary Ann O'Neil")).toBe("MA");
    expect(initialsOf("Ørjan Åsheim")).toBe("ØÅ");
    expect(initialsOf("(Ann) Lee")).toBe("AL");
    expect(initialsOf("+44 7700 900123")).toBeNull();
    expect(initialsOf("visitor-1796543572815")).toBe("V");
    expect(initialsOf("")).toBeNull();
  });
});
