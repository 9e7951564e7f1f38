// One process: the Next.js request handler and Socket.io on the same port.
// Run with `tsx --conditions=react-server` (npm start / npm run dev): lib modules marked
// `import "server-only"` then load here as they do inside Next's server bundle.
import { createServer } from "node:http";
import next from "next";
import { env, InvalidEnvironmentError } from "@/lib/env";
import { UnsafeDataDirError } from "@/lib/db/data-dir";
import { bootstrap } from "@/lib/bootstrap";
import { attachRealtime } from "@/lib/realtime/io-server";
import { startScheduler } from "@/lib/jobs/scheduler";
import { startEventJobs, stopEventJobs } from "@/lib/events/dispatch";
import { spamRetentionJob } from "@/lib/spam-manager/retention";
import { liveChatExpiryJob } from "@/lib/live-chat/expiry";
import { auditLogRetentionJob } from "@/lib/audit-log/retention";
import { embeddedStatisticsJob } from "@/lib/db/embedded-statistics";
import { admissionCacheOf } from "@/lib/admission/admission-cache";
import { flushWriteBehind } from "@/lib/db/write-behind";
import { clientAddressResolver, stampClientAddress } from "@/lib/http/client-address";
import { guardRequest } from "@/lib/http/request-guard";
import { sessionAgentIdOf } from "@/lib/auth/session-cookie";
import { httpServerOptions } from "@/lib/http/server-timeouts";
import { UploadBudget } from "@/lib/http/upload-budget";
import { widgetFrameAncestorsOf } from "@/lib/live-chat/widget-origins";
import { takeWidgetPageTurn } from "@/lib/widget/widget-page-limit";
import { takeAgentPageTurn, takeSignedOutApiTurn, takeSignedOutPageTurn } from "@/lib/http/guard-limits";
import { carriesGoodApiKey } from "@/lib/auth/api-keys";
import { loadNodeServedRoutes } from "@/app/api/node-served-routes";

async function main() {
  const config = env();
  const dev = config.NODE_ENV !== "production";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const { database, authSecret } = await bootstrap();

  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  // POST /api/v1/messages and the widget's message post are answered here, before Next, by their route
  // handlers (app/api/node-served-routes.ts; README, "Paths that bypass Next").
  const { nodeServedHandler, serveFromNode } = await import("@/lib/http/node-route");
  const nodeServed = await loadNodeServedRoutes();

  // Route handlers cannot see the socket: the client's address (the socket's, or what TRUSTED_PROXIES
  // say) travels on a header set here, replacing any value the client sent (lib/http/client-address.ts).
  const resolveClientAddress = clientAddressResolver(config.TRUSTED_PROXIES, config.TRUSTED_PROXY_HEADER);
  // Bad paths, oversized bodies, cross-site server actions, and widget pages, signed-out pages and API requests without
  // credentials past their per-address limits, or an agent's pages past theirs, are answered before Next; every
  // response gets the security headers (lib/http/request-guard.ts).
  // Admission answers from memory from the first request (lib/admission/admission-cache.ts).
  const admission = await admissionCacheOf(database);
  const guard = {
    dev,
    publicUrl: config.NEXTAUTH_URL,
    widgetFrameAncestors: async (tenantId: string) => widgetFrameAncestorsOf(admission, tenantId),
    widgetPageTurn: takeWidgetPageTurn,
    signedOutPageTurn: takeSignedOutPageTurn,
    agentPageTurn: takeAgentPageTurn,
    signedOutApiTurn: takeSignedOutApiTurn,
    carriesGoodApiKey: (authorization: string | undefined) => carriesGoodApiKey(admission, authorization),
    sessionAgentOf: (cookieHeader: string | undefined) => sessionAgentIdOf(cookieHeader, authSecret),
    uploads: new UploadBudget(),
  };
  // The origin node-served requests' URLs are built on (their handlers read only the path and query).
  const origin = `http://${config.HOST}:${config.PORT}`;
  // Slow clients are cut off (lib/http/server-timeouts.ts).
  const httpServer = createServer(httpServerOptions(), (req, res) => {
    stampClientAddress(req, resolveClientAddress);
    guardRequest(req, res, guard).then(
      (pass) => {
        if (!pass) return;
        const served = nodeServedHandler(nodeServed, req);
        return served ? serveFromNode(served, req, res, origin) : handle(req, res);
      },
      (error) => {
        console.error("[http] request guard failed:", error);
        res.statusCode = 500;
        res.end();
      },
    );
  });
  const realtime = await attachRealtime(httpServer, {
    database,
    secret: authSecret,
    redisUrl: config.REDIS_URL,
    resolveClientAddress,
    publicUrl: config.NEXTAUTH_URL,
  });
  // Socket.io answers its own upgrades; hand the rest (Next's dev reload socket) to Next.
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  console.log(`Bouncer is serving on http://localhost:${config.PORT} (${dev ? "development" : "production"})`);
  // Periodic jobs; each run is claimed under an advisory lock, so N instances run it once.
  // The embedded database has no autovacuum to keep the planner's statistics (lib/db/embedded-statistics.ts).
  const stopScheduler = startScheduler(database.prisma, [
    spamRetentionJob,
    liveChatExpiryJob,
    auditLogRetentionJob,
    ...(database.kind === "embedded" ? [embeddedStatisticsJob] : []),
  ]);
  // Listener jobs: on PostgreSQL this instance's worker, which also runs the jobs that a stopped or
  // crashed instance left queued (lib/events/postgres-job-queue.ts); JOB_CONCURRENCY=0 runs none here.
  await startEventJobs(database.prisma);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await stopScheduler().catch(() => {});
    await realtime.close().catch(() => {});
    httpServer.closeAllConnections?.();
    // Listener jobs (spam strings, rules, campaigns): in-process ones finish before the database closes;
    // on PostgreSQL running ones finish and the rest stay queued for any instance. The 10 s force exit
    // above bounds the wait.
    await stopEventJobs().catch(() => {});
    // Ban and block hits, spam strings' last sightings: counted in memory since the last write
    // (lib/db/write-behind.ts).
    await flushWriteBehind();
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof InvalidEnvironmentError || error instanceof UnsafeDataDirError) {
    console.error(error.message);
  } else {
    console.error("Bouncer failed to start:", error);
  }
  process.exit(1);
});
