// The parent's side of bench/support/socket-client-process.ts: N agent sockets in a child process,
// and "when did the last of them receive this event?".
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { FromChild, ToChild } from "./socket-client-process";

export interface DeliveryResult {
  /** hrtime stamps (ns) of the first and last socket receiving the event. */
  firstAt: bigint;
  lastAt: bigint;
  received: number;
  duplicates: number;
}

export class SocketClients {
  private round = 0;
  private readonly waiting = new Map<string, (message: FromChild) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: FromChild) => {
      const key =
        "round" in message ? `${message.type === "timeout" ? "done" : message.type}:${message.round}` : message.type;
      const resolve = this.waiting.get(key);
      if (resolve) {
        this.waiting.delete(key);
        resolve(message);
      } else if (message.type === "error") {
        console.error("socket clients:", message.message);
      }
    });
  }

  static async start(url: string, cookies: string[]): Promise<SocketClients> {
    const child = fork(path.join(import.meta.dirname, "socket-client-process.ts"), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const clients = new SocketClients(child);
    const connected = clients.next("connected", 60_000);
    clients.send({ type: "connect", url, cookies });
    await connected;
    return clients;
  }

  private send(message: ToChild): void {
    this.child.send(message);
  }

  private next(key: string, timeoutMs: number): Promise<FromChild> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`socket clients: no "${key}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, (message) => {
        clearTimeout(timer);
        if (message.type === "error") reject(new Error(message.message));
        else resolve(message);
      });
    });
  }

  /** Arms the expectation, runs `trigger`, and resolves when every socket got a matching event. */
  async deliver(
    event: string,
    match: Record<string, string | number | boolean>,
    trigger: () => Promise<void>,
    timeoutMs = 10_000,
  ): Promise<DeliveryResult> {
    const round = this.round++;
    const armed = this.next(`armed:${round}`, 5_000);
    const done = this.next(`done:${round}`, timeoutMs + 5_000);
    this.send({ type: "expect", round, event, match, timeoutMs });
    await armed;
    await trigger();
    const message = await done;
    if (message.type === "timeout")
      throw new Error(`only ${message.received} sockets received ${event} within ${timeoutMs} ms`);
    if (message.type !== "done") throw new Error(`unexpected ${message.type}`);
    return {
      firstAt: BigInt(message.firstAt),
      lastAt: BigInt(message.lastAt),
      received: message.received,
      duplicates: message.duplicates,
    };
  }

  /** The payload of the next `event` any socket receives. */
  async capture(event: string, trigger: () => Promise<void>): Promise<unknown> {
    const captured = this.next("captured", 10_000);
    this.send({ type: "capture", event });
    await trigger();
    return ((await captured) as { payload: unknown }).payload;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.send({ type: "close" });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}
