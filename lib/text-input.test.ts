import { describe, expect, it } from "vitest";
import { exceedsDepth, fieldName, findNul, jsonNestsDeeperThan, wellFormed, withoutNul } from "./text-input";

describe("text input rules", () => {
  it("measures nesting without recursion, at any depth", () => {
    const deep = JSON.parse(`${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    expect(exceedsDepth(deep)).toBe(true);
    expect(exceedsDepth({ a: [{ b: [1] }] }, 4)).toBe(false);
    expect(exceedsDepth({ a: [{ b: [{}] }] }, 4)).toBe(true);
    expect(exceedsDepth("text")).toBe(false);
  });

  it("reads JSON text's depth before parsing it, as exceedsDepth measures the parsed value", () => {
    const texts = [
      '{"a":[{"b":[1]}]}',
      '{"a":[{"b":[{}]}]}',
      JSON.stringify(["[[[[[[", { "k{{{{": "]]]]" }]),
      JSON.stringify(["\\", [[[[[]]]]]]),
      JSON.stringify(['\\"[[[[[[[', []]),
      JSON.stringify("[[[[[[[["),
      "[[],[],[],[],[],[]]",
    ];
    for (const text of texts) expect(jsonNestsDeeperThan(text, 4), text).toBe(exceedsDepth(JSON.parse(text), 4));
    // At the limit of the API's bodies: 64 levels pass, 65 do not; text that will never parse is refused by depth
    // before the parse is tried.
    expect(jsonNestsDeeperThan(`${"[".repeat(64)}${"]".repeat(64)}`)).toBe(false);
    expect(jsonNestsDeeperThan(`${"[".repeat(65)}${"]".repeat(65)}`)).toBe(true);
    expect(jsonNestsDeeperThan("[".repeat(1_000_000))).toBe(true);
  });

  it("finds the first NUL by path, in values and keys", () => {
    expect(findNul({ a: "ok", b: ["x", "y\u0000"] })).toEqual(["b", 1]);
    expect(findNul({ "k\u0000": 1 })).toEqual(["k\u0000"]);
    expect(findNul({ a: "ok", n: 1, d: new Date(0) })).toBeNull();
    expect(fieldName(["contact", "name"])).toBe("contact.name");
    expect(fieldName([])).toBe("(body)");
  });

  it("removes NUL and replaces lone surrogates, copying only what changed", () => {
    const untouched = { a: "plain", b: ["x"] };
    expect(withoutNul(untouched)).toBe(untouched);
    expect(withoutNul({ text: "a\u0000b\u0000", list: ["\u0000"], keep: 1 })).toEqual({
      text: "ab",
      list: [""],
      keep: 1,
    });
    expect(wellFormed({ t: "\ud800x\udc00", pair: "\ud83d\ude00" })).toEqual({
      t: "\ufffdx\ufffd",
      pair: "\ud83d\ude00",
    });
    expect(wellFormed(untouched)).toBe(untouched);
  });
});
