// A socket.io-client parser that does not JSON.parse big event frames: it reads the event name and the
// payload's leading scalar fields (e.g. contactId, spam) and keeps the rest as text. Timing "every
// agent received the event" in one test process would otherwise measure 200 JSON.parse calls one after
// another (each browser decodes its own copy, in parallel, on its own machine); with it, a socket's
// receive time is when its frame arrived. Small frames (handshakes, session.ready) decode as usual.
import { Decoder, Encoder, PacketType, protocol } from "socket.io-parser";

const LAZY_FROM_BYTES = 2048;

/** The payload of a lazily decoded event: leading scalar fields, and the text for a full parse. */
export interface LazyPayload {
  [field: string]: unknown;
  __raw: string;
}

/** `{"a":"x","b":true,"c":{…` → { a: "x", b: true } — stops at the first object or array value. */
function leadingScalars(json: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  let i = 1;
  while (i < json.length && json[i] === '"') {
    const keyEnd = json.indexOf('"', i + 1);
    const key = json.slice(i + 1, keyEnd);
    i = keyEnd + 2; // past `":`
    const c = json[i];
    if (c === "{" || c === "[") break;
    let end: number;
    if (c === '"') {
      end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      end++;
    } else {
      end = i;
      while (json[end] !== "," && json[end] !== "}") end++;
    }
    fields[key] = JSON.parse(json.slice(i, end));
    i = end + 1;
  }
  return fields;
}

class LazyDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === "string" && obj.length >= LAZY_FROM_BYTES && obj.startsWith('2["')) {
      const nameEnd = obj.indexOf('"', 3);
      const event = obj.slice(3, nameEnd);
      const json = obj.slice(nameEnd + 2, obj.length - 1);
      const payload: LazyPayload = { ...leadingScalars(json), __raw: json };
      this.emitReserved("decoded", { type: PacketType.EVENT, nsp: "/", data: [event, payload] });
      return;
    }
    super.add(obj);
  }
}

export const lazyParser = { protocol, Encoder, Decoder: LazyDecoder };

/** The whole payload of an event, whether decoded lazily or not. */
export function fullPayload(payload: unknown): unknown {
  return payload && typeof payload === "object" && "__raw" in payload
    ? JSON.parse((payload as LazyPayload).__raw)
    : payload;
}
