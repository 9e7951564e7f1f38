import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineUseCase } from "@/lib/use-case";
import { defineAction, parsedByUseCase, type Unparsed } from "./define-action";

describe("server actions' arguments", () => {
  it("hands an argument the use case parses only to fromUntrusted: the typed call would skip its schema", () => {
    const ids = z.array(z.string()).max(500);
    const countIds = defineUseCase({
      inputName: "ids",
      input: z.object({ ids }),
      run: async (_ctx, input) => input.ids.length,
    });
    const action = defineAction([parsedByUseCase(ids)], async (ctx, unparsed) => {
      expectTypeOf(unparsed).toEqualTypeOf<Unparsed<string[]>>();
      // Never called: what the type checker says of it is the test (what the client sent is not string[] yet).
      const skippingTheSchema = () =>
        // @ts-expect-error — the typed call trusts its input; an unparsed argument cannot reach it
        countIds({ ...ctx, input: { ids: unparsed } });
      void skippingTheSchema;
      return countIds.fromUntrusted({ ...ctx, input: { ids: unparsed } });
    });
    // Callers (the pages) pass the schema's input type.
    expectTypeOf(action).parameter(0).toEqualTypeOf<string[]>();
    expect(action).toBeTypeOf("function");
  });
});
