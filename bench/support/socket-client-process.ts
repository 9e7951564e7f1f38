// A child process holding many agent sockets, so decoding what 200 agents receive does not share the
// event loop (or the core) with the server being measured. The parent arms an expectation, triggers the
// event, and gets back when the last socket had it, as process.hrtime.bigint() — CLOCK_MONOTONIC, the
// same clock in every process on the machine, so parent and child stamps compare directly.
//   Started by bench/support/socket-clients.ts (node --import tsx, with an IPC channel).
import { connectMany, type AgentSocket } from "./agent-sockets";
import { fullPayload } from "./lazy-parser";

type Match = Record<string, string | number | boolean>;

export type ToChild =
  | { type: "connect"; url: string; cookies: string[] }
  | { type: "expect"; round: number; event: string; match: Match; timeoutMs: number }
  | { type: "capture"; event: string }
  | { type: "close" };

export type FromChild =
  | { type: "connected"; sockets: number }
  | { type: "armed"; round: number }
  | { type: "done"; round: number; firstAt: string; lastAt: string; received: number; duplicates: number }
  | { type: "timeout"; round: number; received: number }
  | { type: "captured"; payload: unknown }
  | { type: "error"; message: string };

const send = (message: FromChild) => process.send!(message);

let sockets: AgentSocket[] = [];
let armed:
  | {
      round: number;
      event: string;
      match: Match;
      seen: Set<number>;
      duplicates: number;
      firstAt?: bigint;
      timer: NodeJS.Timeout;
    }
  | undefined;
let capture: string | undefined;

function matches(payload: unknown, match: Match): boolean {
  if (!payload || typeof payload !== "object") return false;
  return Object.entries(match).every(([key, value]) => (payload as Record<string, unknown>)[key] === value);
}

function onEvent(index: number, event: string, payload: unknown): void {
  const at = process.hrtime.bigint();
  if (capture === event) {
    capture = undefined;
    send({ type: "captured", payload: fullPayload(payload) });
  }
  if (!armed || armed.event !== event || !matches(payload, armed.match)) return;
  if (armed.seen.has(index)) {
    armed.duplicates++;
    return;
  }
  armed.seen.add(index);
  armed.firstAt ??= at;
  if (armed.seen.size === sockets.length) {
    clearTimeout(armed.timer);
    const done = armed;
    armed = undefined;
    send({
      type: "done",
      round: done.round,
      firstAt: String(done.firstAt),
      lastAt: String(at),
      received: done.seen.size,
      duplicates: done.duplicates,
    });
  }
}

process.on("message", (message: ToChild) => {
  void (async () => {
    try {
      switch (message.type) {
        case "connect": {
          sockets = await connectMany(() => message.url, message.cookies, { lazyDecoding: true });
          sockets.forEach((socket, index) =>
            socket.onAny((event: string, payload: unknown) => onEvent(index, event, payload)),
          );
          send({ type: "connected", sockets: sockets.length });
          break;
        }
        case "expect": {
          const timer = setTimeout(() => {
            const received = armed?.seen.size ?? 0;
            armed = undefined;
            send({ type: "timeout", round: message.round, received });
          }, message.timeoutMs);
          armed = {
            round: message.round,
            event: message.event,
            match: message.match,
            seen: new Set(),
            duplicates: 0,
            timer,
          };
          send({ type: "armed", round: message.round });
          break;
        }
        case "capture":
          capture = message.event;
          break;
        case "close":
          for (const socket of sockets) socket.disconnect();
          process.exit(0);
      }
    } catch (error) {
      send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

process.on("disconnect", () => process.exit(0));
