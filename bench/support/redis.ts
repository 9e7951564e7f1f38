// A Redis of our own for the scale-out test, on a free port, so the test may stop and restart it
// (the machine's shared Redis must never be stopped). Not persisted; the process is ours, by pid.
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./server";

export class OwnRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.resume();
    return redis;
  }

  /** Starts (again) on the same port. */
  async resume(): Promise<void> {
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
      {
        stdio: "ignore",
      },
    );
    this.child = child;
    let spawnError: Error | undefined;
    child.once("error", (error) => (spawnError = error)); // ENOENT: no redis-server on the PATH
    const deadline = Date.now() + 10_000;
    while (!(await this.ping())) {
      if (spawnError) throw new Error(`redis-server could not start: ${spawnError.message}`);
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error("redis-server did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops it abruptly (SIGKILL), as a crash or a network cut looks to its clients. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port: this.port });
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once("error", () => done(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
      socket.setTimeout(500, () => done(false));
    });
  }
}
