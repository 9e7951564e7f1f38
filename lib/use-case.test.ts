import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Forbidden, InvalidInput } from "@/lib/errors";
import { defineUseCase } from "./use-case";

interface Ctx {
  role: "admin" | "agent";
  calls: string[];
}

const rename = defineUseCase({
  inputName: "label",
  input: z.object({ name: z.string().trim().min(1, "is required") }),
  authorize: ({ role, calls }: Ctx) => {
    calls.push("authorize");
    if (role !== "admin") throw new Forbidden();
    return { grantedTo: role };
  },
  run: async ({ calls }, { name }, granted) => {
    calls.push("run");
    return { name, granted };
  },
});

const echoText = {
  inputName: "message",
  input: z.object({ text: z.string() }),
  run: async (_ctx: object, { text }: { text: string }) => text,
};

describe("defineUseCase", () => {
  it("at the edge: 403 before reading input, then 400 naming the field, then runs on the parsed value", async () => {
    const calls: string[] = [];
    await expect(rename.fromUntrusted({ role: "agent", calls, input: { name: 42 } })).rejects.toBeInstanceOf(Forbidden);
    expect(calls).toEqual(["authorize"]);

    const bad = await rename.fromUntrusted({ role: "admin", calls, input: { name: "  " } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidInput);
    expect((bad as InvalidInput).message).toBe("Invalid label: name: is required");
    expect((bad as InvalidInput).details).toEqual({ fields: [{ field: "name", message: "is required" }] });

    await expect(rename.fromUntrusted({ role: "admin", calls, input: { name: "  Billing " } })).resolves.toEqual({
      name: "Billing",
      granted: { grantedTo: "admin" },
    });
  });

  it("called with a typed value authorizes and runs without parsing it again", async () => {
    const calls: string[] = [];
    await expect(rename({ role: "agent", calls, input: { name: "x" } })).rejects.toBeInstanceOf(Forbidden);
    // Already the schema's output: taken as is (a parse would have trimmed it).
    await expect(rename({ role: "admin", calls, input: { name: " as is " } })).resolves.toEqual({
      name: " as is ",
      granted: { grantedTo: "admin" },
    });
    expect(calls).toEqual(["authorize", "authorize", "run"]);
    expect(rename.input.shape.name).toBeDefined();
  });

  it("refuses NUL characters by default and strips them when the use case says so", async () => {
    const strict = defineUseCase(echoText);
    const lenient = defineUseCase({ ...echoText, parse: { nul: "strip" } });
    await expect(strict.fromUntrusted({ input: { text: "a\u0000b" } })).rejects.toBeInstanceOf(InvalidInput);
    await expect(lenient.fromUntrusted({ input: { text: "a\u0000b" } })).resolves.toBe("ab");
  });
});
