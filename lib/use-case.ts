// What every use case is called with besides its own input: the database, who is acting, and — for
// those whose outcome depends on the time — the moment to act at (tests pass one; default: now).
// Entry points (route handlers, server actions, jobs) build it; use cases never find it themselves.
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db";
import { parseInput, type ParseInputOptions } from "@/lib/errors";

export interface UseCaseContext {
  db: Db;
  actor: Actor;
  now?: Date;
}

/** A read that may also run inside another use case's transaction. */
export interface ReadContext extends Omit<UseCaseContext, "db"> {
  db: DbOrTx;
}

/**
 * A use case whose input comes from outside (a request body, a form): its authorization check, its input
 * schema and its rule, declared once. `defineUseCase` makes of them
 * - a typed call, `useCase({ ...ctx, input })`, for callers inside the app (rules, seeds, other use cases,
 *   tests): authorize → run, with a value already of the schema's output type — no wire JSON, no parse;
 * - `useCase.fromUntrusted({ ...ctx, input })` for the edges (route handlers, server actions):
 *   authorize → parse → run, so a caller who may not act gets 403 whatever they sent, and only then a 400
 *   naming each bad field ("Invalid <inputName>: …", lib/errors.ts parseInput).
 * `ctx` is the UseCaseContext plus whatever else names the target (a conversation id from the path, the
 * source of a ban): everything but the parsed `input`.
 */
export interface UseCaseDefinition<C extends object, S extends z.ZodType, G, R> {
  /** How a 400 names the input: "ban" → "Invalid ban: reason: …". */
  inputName: string;
  input: S;
  /** How parsing treats NUL characters (default: refuse with a 400). */
  parse?: ParseInputOptions;
  /**
   * Checked before the input is parsed. What it returns (e.g. the settings it had to read) is handed to run.
   * Absent when who may act depends on what the input names (the agent, the conversation): run checks then.
   */
  authorize?: (ctx: C) => G | Promise<G>;
  run: (ctx: C, input: z.output<S>, granted: G) => Promise<R>;
}

export interface UseCase<C extends object, S extends z.ZodType, R> {
  (call: C & { input: z.output<S> }): Promise<R>;
  fromUntrusted(call: C & { input: unknown }): Promise<R>;
  /** The input schema, for the route's declaration (OpenAPI) and the action's argument. */
  readonly input: S;
}

export function defineUseCase<C extends object, S extends z.ZodType, G, R>(
  definition: UseCaseDefinition<C, S, G, R>,
): UseCase<C, S, R> {
  const { inputName, input: schema, parse, run } = definition;
  const authorize = definition.authorize ?? (() => undefined as G);
  const typed = async ({ input, ...ctx }: C & { input: z.output<S> }) =>
    run(ctx as unknown as C, input, await authorize(ctx as unknown as C));
  const fromUntrusted = async ({ input, ...ctx }: C & { input: unknown }) => {
    const granted = await authorize(ctx as unknown as C);
    return run(ctx as unknown as C, parseInput(schema, input, inputName, parse), granted);
  };
  return Object.assign(typed, { fromUntrusted, input: schema });
}
