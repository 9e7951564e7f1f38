// A process that stores a burst of incoming messages until it is killed (tests/integration/ingest-kill.test.ts
// kills it with SIGKILL). Forty callers at once, twenty senders, each message's text unique; a line on stdout
// for each message whose store step answered — the point after which ingest answers 202.
//   BURST_DATABASE_URL (PostgreSQL) or BURST_DATA_DIR (an embedded database's folder); BURST_TENANT_ID.
import { openDatabase } from "@/lib/db";
import { storeIncomingMessage } from "@/lib/messages/store-incoming-message";

const CALLERS = 40;
const SENDERS = 20;

const url = process.env.BURST_DATABASE_URL;
const handle = await openDatabase(
  url ? { kind: "postgres", url, poolSize: 5 } : { kind: "embedded", dataDir: process.env.BURST_DATA_DIR! },
);
const tenantId = process.env.BURST_TENANT_ID!;

async function caller(index: number): Promise<void> {
  for (let n = 0; ; n++) {
    const from = `burst${index % SENDERS}@example.com`;
    const text = `burst ${index}-${n}`;
    await storeIncomingMessage(handle.prisma, {
      tenantId,
      input: { channel: "email", from, text },
      identifier: from,
      decision: { admitted: true },
      scores: null,
      spamStrings: [],
      now: new Date(),
    });
    process.stdout.write(`${text}\n`);
  }
}

process.stdout.write("ready\n");
await Promise.all(Array.from({ length: CALLERS }, (_, i) => caller(i)));
