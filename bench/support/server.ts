// The real production server (server.ts after `next build`), started as `npm start` starts it, on its
// own port and database, for the figures that go through HTTP (ingest, page load, scale-out).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A fixed session secret, so the bench can mint agent cookies the server accepts. */
export const BENCH_AUTH_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

/** `node scripts/ensure-build.mjs`: builds when there is no build or the sources changed. */
export function ensureBuild(log: (line: string) => void): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["scripts/ensure-build.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(
      "The production build failed (node scripts/ensure-build.mjs):\n" +
        (result.stdout + result.stderr).split("\n").slice(-40).join("\n"),
    );
  }
  const seconds = (Date.now() - started) / 1000;
  log(seconds > 3 ? `production build ready (${seconds.toFixed(0)} s)` : "production build up to date");
}

async function waitForPortFree(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  port: number;
  url: string;
  child: ChildProcess;
  /** The last lines the server printed (for error messages). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartServerOptions {
  /** DATABASE_URL or DATA_DIR (from BenchDatabase.serverEnv()). */
  env: Record<string, string>;
  port?: number;
  redisUrl?: string;
  /** Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (default: BENCH_SERVER_NODE_ARGS). */
  nodeArgs?: string;
  timeoutMs?: number;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const lines: string[] = [];
  const nodeArgs = (options.nodeArgs ?? process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  // As `npm start` runs it (tsx's CLI); with node flags such as --cpu-prof (not allowed in NODE_OPTIONS),
  // node itself with tsx's loader, so the flags apply to the server process and not to a wrapper.
  const args = nodeArgs.length
    ? [...nodeArgs, "--conditions=react-server", "--import", "tsx", "server.ts"]
    : ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "server.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // Its own process group: tsx's CLI runs the server in a child process, and a kill must reach both.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      SEED_DEMO: "never",
      NEXTAUTH_SECRET: BENCH_AUTH_SECRET,
      NEXTAUTH_URL: "",
      REDIS_URL: options.redisUrl ?? "",
      ...options.env,
    },
  });
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", remember);
  child.stderr!.on("data", remember);
  const output = () => lines.join("\n");
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  // If the bench itself exits early, take the server down with it.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.off("exit", onExit);
      resolve(code);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${options.timeoutMs ?? 60_000} ms:\n${output()}`)),
      options.timeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("Bouncer is serving on")) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} while starting:\n${output()}`));
    });
  });

  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    stop: (signal = "SIGTERM") => {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) killGroup(signal);
        const timer = setTimeout(() => killGroup("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
        // The server process itself (tsx's child) may outlive the CLI for a moment.
        await waitForPortFree(port);
      })();
      return stopped;
    },
  };
}
