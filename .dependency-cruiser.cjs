// dependency-cruiser: the shape of the code, checked by `npm run lint` (scripts/lint.mjs).
//
//   app/, server.ts, scripts/  entry points: may use anything below them
//   app/**/_components/        UI of one route, beside it (app/(app)/inbox/_components/)
//   components/                UI shared by several routes: never imports app/, not even an action
//   lib/<capability>/          one folder per capability: depends only on the core and infrastructure
//   lib/ core + infrastructure db, events, conversations, channels, auth, policy, errors, env, …
//
// Where today's code breaks a rule, the known violations are listed below (folder pairs, not files)
// so that every new one fails. Remove a pair once its imports are gone.

/** Capability folders under lib/: they may not import each other. */
const capabilities = [
  "admission",
  "agents",
  "api-keys",
  "blacklist",
  "campaigns",
  "classifier",
  "contacts",
  "inbox",
  "labels",
  "live-chat",
  "messages",
  "notifications",
  "outbox",
  "sessions",
  "spam-detection",
  "spam-manager",
  "spam-marking",
  "spam-strings",
  "tenant-settings",
  "widget",
];

/**
 * Known imports from one capability into another (from → [to…]), as found when the rule came in.
 * The direction the code is heading: shared rules move down into lib/conversations (the core) and
 * reactions move into listeners of domain events (lib/events/listeners.ts).
 */
const knownCapabilityImports = {
  // The tenant settings the admission cache holds include the spam-detection mode.
  admission: ["blacklist", "live-chat", "spam-detection"],
  // The admission cache (lib/admission/admission-cache.ts) is told at once of a change on this instance;
  // other instances hear it through NOTIFY.
  "api-keys": ["admission"],
  blacklist: ["admission", "sessions", "spam-detection"],
  // Whether a tenant has an active ongoing campaign is held by the admission cache (ingest reads it).
  campaigns: ["admission", "contacts"],
  classifier: ["spam-manager"],
  // The team's verdicts teach the classifier at once (lib/spam-detection/learn-from-team.ts); a listener of
  // contact.spam_changed would be the event-shaped home once teaching may lag the verdict.
  // Its list-status and classifier caches follow the admission cache's LISTEN (one per instance):
  // lib/spam-detection/detection-caches.ts subscribes to it.
  "spam-detection": ["admission", "classifier", "spam-manager"],
  contacts: ["campaigns", "live-chat"],
  inbox: ["blacklist", "contacts", "messages", "outbox", "spam-marking"],
  "live-chat": ["admission", "inbox", "spam-marking"],
  messages: ["admission", "spam-detection", "spam-manager"], // the cheap lane records spam strings inline
  "spam-manager": ["blacklist", "live-chat", "spam-detection", "spam-marking", "spam-strings"],
  "spam-marking": ["contacts", "spam-detection"],
  "tenant-settings": ["admission", "live-chat", "spam-detection"],
  widget: ["live-chat", "messages"],
};

/** Core and infrastructure folders that still import a capability (they should only look down). */
const knownCoreImports = {
  // spam_manager.changed counts posts by the Spam Manager's string kinds (lib/spam-manager/kinds.ts, shared with the
  // browser).
  realtime: ["live-chat", "spam-manager", "widget"],
  auth: ["admission"], // API keys are authenticated from the admission cache
};

const oneOf = (names) => `(${names.map((n) => n.replace(/[.-]/g, "\\$&")).join("|")})`;

const capabilityRules = capabilities.map((from) => ({
  name: `capability-${from}`,
  comment: `lib/${from} depends only on the core and infrastructure (and its known imports listed in this file)`,
  severity: "error",
  from: { path: `^lib/${from}/` },
  to: {
    path: `^lib/${oneOf(capabilities)}/`,
    pathNot: `^lib/${oneOf([from, ...(knownCapabilityImports[from] ?? [])])}/`,
  },
}));

const coreFolders = [
  "auth",
  "channels",
  "conversations",
  "db",
  "events",
  "http",
  "jobs",
  "rate-limit",
  "realtime",
  "ui",
];
const coreRules = coreFolders.map((from) => ({
  name: `core-${from}`,
  comment: `lib/${from} is core or infrastructure: it never imports a capability`,
  severity: "error",
  // lib/events/listeners.ts is the one place that wires capabilities to events: it is above them.
  from: { path: `^lib/${from}/`, pathNot: "^lib/events/listeners\\.ts$" },
  to: {
    path: `^lib/${oneOf(capabilities)}/`,
    ...(knownCoreImports[from] ? { pathNot: `^lib/${oneOf(knownCoreImports[from])}/` } : {}),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycles. Known: each api-docs.ts ↔ lib/http/openapi.ts (issue 15 item 3 removes api-docs.ts).",
      severity: "error",
      from: { pathNot: `^lib/${oneOf(capabilities)}/api-docs\\.ts$|^lib/http/openapi\\.ts$` },
      // The dispatcher loads lib/events/listeners.ts with a dynamic import, on purpose: the listeners import
      // the capabilities that dispatch events. Cycles through that one edge are the design, not a tangle.
      // A type-only import is no runtime cycle (a form and its field group share the form's types).
      to: { circular: true, viaOnly: { dependencyTypesNot: ["dynamic-import", "type-only"] } },
    },
    {
      name: "no-lib-to-app",
      comment: "lib/ holds the rules; app/ calls it, never the reverse",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^app/" },
    },
    {
      name: "no-components-to-app",
      comment:
        "components/ is UI shared by several routes: it never imports app/ — not a page, not a route's own UI, " +
        "not a server action (a shared piece that runs one takes it as a prop, e.g. BanClientDialog's `ban`). " +
        "UI of one route lives beside it in app/**/_components/",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "no-lib-to-components",
      comment: "lib/ is UI-free (its React hooks live in lib/realtime/use-realtime.ts)",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^components/" },
    },
    {
      name: "realtime-through-events",
      comment:
        "Use cases return domain events; realtime delivery is a listener (lib/events/listeners.ts, and the " +
        "notification it calls). Allowed besides: dropping an agent's sockets when their access changes " +
        "(lib/agents/manage-agents.ts, lib/auth/agent-sessions.ts) — a session matter, not a domain event",
      severity: "error",
      from: {
        path: "^lib/",
        pathNot:
          "^lib/(events/listeners|notifications/new-message-notification|agents/manage-agents|auth/agent-sessions)" +
          "\\.ts$|^lib/realtime/",
      },
      to: { path: "^lib/realtime/publish\\.ts$" },
    },
    ...capabilityRules,
    ...coreRules,
  ],
  options: {
    // TypeScript 7 has no JS API for dependency-cruiser: it parses with swc (scripts/depcruise-swc-tsx.cjs
    // turns on tsx for .tsx files) and resolves tsconfig's "@/…" alias through scripts/depcruise-resolve.cjs.
    parser: "swc",
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|data|test-results|lib/generated)/" },
    webpackConfig: { fileName: "scripts/depcruise-resolve.cjs" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".mjs", ".js", ".json"] },
    tsPreCompilationDeps: true,
  },
};
