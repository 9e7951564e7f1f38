// PostgreSQL LISTEN/NOTIFY on both databases. On a PostgreSQL server a listener holds one connection of
// its own (outside the pool: LISTEN belongs to a session) and reconnects when it drops; every
// notification sent while it is away is lost, so it tells its owner when it is lost (stop trusting
// what was built from notifications) and when it is listening again (start over). PGlite is one
// process: its listen() calls back in the same process, synchronously when the writing statement commits.
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import { postgresConfigFromUrl } from "./postgres-adapter";

/** What a listener's owner hears besides notifications: while lost, notifications are being missed. */
export interface ListenerConnection {
  /** The connection dropped: from now until `restored`, notifications are missed. */
  lost(): void;
  /** Listening again; whatever happened while lost was not heard. */
  restored(): void;
}

export interface NotificationListener {
  /** Resolves once listening (rejects if the first connection fails); reports drops and reconnects. */
  listen(
    channel: string,
    onNotification: (payload: string) => void,
    connection: ListenerConnection,
  ): Promise<() => Promise<void>>;
  /** Sends a notification on `channel` (delivered after commit, in commit order, to every listener). */
  notify(channel: string, payload: string): Promise<void>;
}

const RECONNECT_DELAY_MS = 250;

export function postgresNotifications(
  url: string,
  notifyQuery: (sql: string, params: unknown[]) => Promise<unknown>,
): NotificationListener {
  return {
    notify: async (channel, payload) => {
      await notifyQuery("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    async listen(channel, onNotification, connection) {
      let client: pg.Client | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ ...postgresConfigFromUrl(url), application_name: "bouncer-listener" });
        next.on("notification", (message) => {
          if (message.channel === channel) onNotification(message.payload ?? "");
        });
        const reconnect = () => {
          if (stopped || client !== next) return;
          client = null;
          next.end().catch(() => {});
          connection.lost();
          retry = setTimeout(() => void connect().catch(scheduleRetry), RECONNECT_DELAY_MS);
          retry.unref?.();
        };
        next.on("error", (error) => {
          console.error("[db] notification listener:", error.message);
          reconnect();
        });
        next.on("end", reconnect);
        await next.connect();
        await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
        if (stopped) {
          await next.end().catch(() => {});
          return;
        }
        const wasDown = client === null && retry !== undefined;
        client = next;
        // Notifications sent while we were away are gone: whatever was built from them is suspect.
        if (wasDown) connection.restored();
      };
      const scheduleRetry = (error: unknown) => {
        if (stopped) return;
        console.error("[db] notification listener cannot connect:", error instanceof Error ? error.message : error);
        retry = setTimeout(() => void connect().catch(scheduleRetry), RECONNECT_DELAY_MS * 4);
        retry.unref?.();
      };
      await connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const current = client;
        client = null;
        await current?.end().catch(() => {});
      };
    },
  };
}

export function pgliteNotifications(pglite: PGlite): NotificationListener {
  return {
    notify: async (channel, payload) => {
      await pglite.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    async listen(channel, onNotification) {
      const unsubscribe = await pglite.listen(channel, onNotification);
      return async () => {
        if (!pglite.closed) await unsubscribe();
      };
    },
  };
}
