// The one shell of every server action: sign-in, parsing each argument with its schema, the database, and
// the { ok, data } | { ok: false, error } answer (action-result.ts). A "use server" file then holds only
// `export const xAction = defineAction([schemas…], async (ctx, …args) => useCase({ ...ctx, … }))`.
//
// Our own twenty lines rather than next-safe-action: our actions take positional arguments (the inbox and
// pages call them so), answer the ActionResult shape the UI and its error helpers already read
// (components/ui/server-errors.ts), and need no middleware chain — a library would change both shapes.
import "server-only";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { enforceRateLimit, RATE_LIMITS } from "@/lib/rate-limit/rate-limiter";
import type { AgentActor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors";
import { type ActionResult, toActionResult } from "./action-result";

export interface ActionContext {
  db: Db;
  actor: AgentActor;
}

type Schemas = readonly z.ZodType[];
type Inputs<S extends Schemas> = { -readonly [K in keyof S]: S[K] extends z.ZodType ? z.input<S[K]> : never };
type Outputs<S extends Schemas> = { -readonly [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/** An id argument (a 400 naming `what` unless it is a non-empty string of at most 64 characters). */
export function idArgument(what: string) {
  return z.string("must be a string").trim().min(1, "must not be empty").max(64, `is not a ${what}`).describe(what);
}

const PARSED_BY_USE_CASE = new WeakSet<z.ZodType>();

declare const unparsed: unique symbol;
/**
 * An argument no schema has checked yet: opaque, so the action can only hand it to `useCase.fromUntrusted`
 * (whose input is `unknown`), never to the typed call, which trusts its input — an action that did so ran a
 * bulk use case on 140,000 ids past its schema's cap of 500.
 */
export type Unparsed<T> = { readonly [unparsed]: T };

/**
 * An argument handed to `useCase.fromUntrusted` (lib/use-case.ts), which parses it with `schema` after the
 * use case's authorization check (its own error wording, NUL handling and field paths): typed for callers
 * as the schema's input, for the action as Unparsed, and not parsed twice.
 */
export function parsedByUseCase<S extends z.ZodType>(_schema: S): z.ZodType<Unparsed<z.input<S>>, z.input<S>> {
  const marker = z.custom<Unparsed<z.input<S>>>();
  PARSED_BY_USE_CASE.add(marker);
  return marker as unknown as z.ZodType<Unparsed<z.input<S>>, z.input<S>>;
}

/**
 * A server action taking one argument per schema. Each argument is parsed with its schema (a 400 naming
 * the schema's description, e.g. "conversation id", or the fields of an input object) after the agent is
 * known, so a signed-out caller learns only that they must sign in.
 */
export function defineAction<const S extends Schemas, T>(
  schemas: S,
  run: (ctx: ActionContext, ...args: Outputs<S>) => Promise<T>,
): (...args: Inputs<S>) => Promise<ActionResult<T>> {
  return async (...raw) =>
    toActionResult(async () => {
      const actor = await requireAgent();
      await enforceRateLimit(RATE_LIMITS.agentActions, actor.agentId);
      const args = schemas.map((schema, i) =>
        PARSED_BY_USE_CASE.has(schema) ? raw[i] : parseInput(schema, raw[i], schema.description),
      ) as Outputs<S>;
      return run({ db: await getDb(), actor }, ...args);
    });
}
