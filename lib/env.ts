// Every environment variable Bouncer reads, parsed once with zod. A bad value stops the process at
// start with a message naming the variable; nothing else in the code reads process.env directly
// (except the session secret, which server.ts may fill in at start — see authSecret()).
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgres:// or postgresql:// URL")
  .refine((value) => URL.canParse(value), "is not a valid URL");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface the HTTP server listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Where the embedded database, demo credentials and generated secrets live. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** A real PostgreSQL server; without it Bouncer runs on the embedded database in DATA_DIR. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Listener jobs this instance runs at once from the PostgreSQL job queue (DATABASE_URL); 0: it only
   * queues them and other instances run them. The embedded database always runs its own jobs.
   */
  JOB_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  /** Turns on the Socket.io Redis adapter so several instances share realtime events. */
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
  ),
  /** Signs session cookies. Generated and stored in the database when unset. */
  NEXTAUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  /** Public base URL. When unset, the request's Host header is trusted (set it behind untrusted proxies). */
  NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /**
   * Proxies whose forwarding header names the client: a comma-separated list of addresses and CIDRs
   * (or loopback, linklocal, uniquelocal), or a hop count. Unset: the socket's address is the client's.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** The header the trusted proxies write: X-Forwarded-For (nginx, HAProxy, cloud balancers) or RFC 7239 Forwarded. */
  TRUSTED_PROXY_HEADER: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["x-forwarded-for", "forwarded"]).default("x-forwarded-for"),
  ),
  /** Seed the demo tenant on first start: auto = only on the embedded database. */
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
});

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The parsed configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The session secret: NEXTAUTH_SECRET, or the generated one that server.ts loaded at start. */
export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET ?? process.env.BOUNCER_GENERATED_AUTH_SECRET;
  if (!secret) throw new Error("The session secret is not loaded yet (server.ts loads it before serving).");
  return secret;
}
