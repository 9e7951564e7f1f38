// Bad text and shapes at the API boundary answer 4xx, never 500 (issue 13, items 7 and 8): NUL in any
// path parameter, query parameter or body field of every documented operation; forged cursors on every
// list; JSON nested thousands deep. Incoming messages with NUL are stored without it (never lost), lone
// surrogates become U+FFFD, bidi controls are kept as sent (lib/text-input.ts).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import { apiDocument } from "@/app/api/v1/operations";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { POST as postLabel, GET as getLabels } from "@/app/api/v1/labels/route";
import { PATCH as patchContext } from "@/app/api/v1/conversations/[id]/context/route";
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { POST as postWidgetSession } from "@/app/api/widget/session/route";
import { POST as postWidgetMessage } from "@/app/api/widget/messages/route";
import { encodeKeyset } from "@/lib/spam-manager/paging";

type Team = Awaited<ReturnType<typeof createTeam>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI JSON
type Json = any;

const NUL_TEXT = "a\u0000b";
const UNKNOWN_ID = "0190f0f0-0000-7000-8000-000000000000";

/** The route module of a documented path: /api/v1/bans/{id} → app/api/v1/bans/[id]/route.ts. */
async function routeModule(apiPath: string): Promise<Record<string, Json>> {
  const dir = apiPath.replace(/\{(\w+)\}/g, "[$1]");
  return import(/* @vite-ignore */ path.resolve(`app${dir}/route.ts`));
}

/** A body the schema would accept where it can: the first enum value, minimal strings, one item per array. */
function sample(schema: Json, doc: Json): Json {
  if (!schema) return "x";
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split("/").pop()], doc);
  if (schema.anyOf) return sample(schema.anyOf[0], doc);
  if (schema.oneOf) return sample(schema.oneOf[0], doc);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  switch (schema.type) {
    case "string":
      return schema.format === "date-time"
        ? new Date(Date.now() + 86_400_000).toISOString()
        : "x".repeat(Math.max(schema.minLength ?? 1, 1));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return [sample(schema.items, doc)];
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value, doc)]),
      );
    default:
      return "x";
  }
}

function stringPaths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...at, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...at, key]));
  return [];
}

function withValueAt(value: Json, at: Array<string | number>, replacement: unknown): Json {
  const copy = structuredClone(value);
  let target = copy;
  for (const key of at.slice(0, -1)) target = target[key];
  target[at[at.length - 1]!] = replacement;
  return copy;
}

describe("NUL in any input of any documented operation", () => {
  let team: Team;
  let doc: Json;
  beforeAll(async () => {
    team = await createTeam(testDatabase().prisma);
    doc = apiDocument() as Json;
  });

  it("never answers 500, and a 400 for a NUL names the field", async () => {
    const failures: string[] = [];
    let cases = 0;
    let namedRefusals = 0;
    for (const [apiPath, operations] of Object.entries<Json>(doc.paths)) {
      const route = await routeModule(apiPath);
      for (const [method, operation] of Object.entries<Json>(operations)) {
        if (!operation?.responses) continue;
        const handler = route[method.toUpperCase()];
        expect(handler, `${method.toUpperCase()} ${apiPath}`).toBeTypeOf("function");
        const parameters: Json[] = operation.parameters ?? [];
        const pathNames = parameters.filter((p) => p.in === "path").map((p) => p.name as string);
        const queryNames = parameters.filter((p) => p.in === "query").map((p) => p.name as string);
        const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
        const body = bodySchema ? sample(bodySchema, doc) : undefined;
        const params = (nul?: string) =>
          Object.fromEntries(
            pathNames.map((name) => [name, name === nul ? NUL_TEXT : name === "list" ? "allow" : UNKNOWN_ID]),
          );
        const variants: Array<{
          what: string;
          field: string;
          params: Record<string, string>;
          query?: string;
          body?: Json;
        }> = [
          ...pathNames.map((name) => ({ what: `path ${name}`, field: name, params: params(name), body })),
          ...queryNames.map((name) => ({
            what: `query ${name}`,
            field: name,
            params: params(),
            query: `${name}=${encodeURIComponent(NUL_TEXT)}`,
            body,
          })),
          ...(body === undefined
            ? []
            : stringPaths(body).map((at) => ({
                what: `body ${at.join(".")}`,
                field: at.join("."),
                params: params(),
                body: withValueAt(body, at, NUL_TEXT),
              }))),
        ];
        for (const variant of variants) {
          cases++;
          const res = await callApi(handler, {
            method: method.toUpperCase(),
            key: team.service.key,
            path: `${apiPath}${variant.query ? `?${variant.query}` : ""}`,
            params: variant.params,
            body: variant.body,
          });
          const answer = JSON.stringify(res.body?.error ?? res.body).slice(0, 160);
          const label = `${method.toUpperCase()} ${apiPath} (${variant.what}) → ${res.status} ${answer}`;
          if (res.status >= 500) failures.push(label);
          const nulRefusal = res.status === 400 && /NUL/.test(res.body?.error?.message ?? "");
          if (nulRefusal) {
            namedRefusals++;
            if (!res.body.error.details.fields.some((f: { field: string }) => f.field === variant.field))
              failures.push(`${label}: does not name ${variant.field}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(150);
    expect(namedRefusals).toBeGreaterThan(60);
  });

  it("stores an incoming message with NUL removed from every field and answers 202", async () => {
    const db = testDatabase().prisma;
    const res = await callApi(postMessage, {
      key: team.service.key,
      body: {
        channel: "webchat",
        from: "visitor\u0000-nul",
        text: "hello\u0000 world\u0000",
        contact: { name: "Nu\u0000l" },
      },
    });
    expect(res.status).toBe(202);
    const message = await db.message.findUniqueOrThrow({
      where: { id: res.body.messageId },
      include: { conversation: { include: { contact: { include: { identities: true } } } } },
    });
    expect(message.body).toBe("hello world");
    expect(message.conversation.contact.name).toBe("Nul");
    expect(message.conversation.contact.identities[0]!.identifier).toBe("visitor-nul");
  });

  it("stores a widget visitor's message with NUL removed", async () => {
    const db = testDatabase().prisma;
    const session = await callApi(postWidgetSession, { path: "/api/widget/session", body: { tenant: team.tenant.id } });
    expect(session.status).toBe(200);
    const sent = await callApi(postWidgetMessage, {
      path: "/api/widget/messages",
      headers: { "x-widget-session": session.body.token },
      body: { text: "hi\u0000 there" },
    });
    expect(sent.status).toBe(201);
    expect((await db.message.findUniqueOrThrow({ where: { id: sent.body.message.id } })).body).toBe("hi there");
    // Other widget fields are refused, naming the field.
    const named = await callApi(postWidgetSession, {
      path: "/api/widget/session",
      body: { tenant: team.tenant.id, name: "Eve\u0000" },
    });
    expect(named.status).toBe(400);
    expect(named.body.error.details.fields).toEqual([{ field: "name", message: expect.stringContaining("NUL") }]);
  });

  it("refuses NUL in other fields with a 400 naming the field, and stores nothing", async () => {
    const db = testDatabase().prisma;
    const label = await callApi(postLabel, { key: team.service.key, body: { name: "bil\u0000ling", color: "teal" } });
    expect(label.status).toBe(400);
    expect(label.body.error).toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "name", message: expect.stringContaining("NUL") }] },
    });
    expect(await db.label.count({ where: { tenantId: team.tenant.id } })).toBe(0);

    const conversation = await receiveMessage(db, team.service);
    const context = await callApi(patchContext, {
      method: "PATCH",
      key: team.service.key,
      params: { id: conversation.conversationId },
      body: { note: { deep: ["ok", "n\u0000"] } },
    });
    expect(context.status).toBe(400);
    expect(context.body.error.details.fields[0].field).toBe("note.deep.1");
    const key = await callApi(patchContext, {
      method: "PATCH",
      key: team.service.key,
      params: { id: conversation.conversationId },
      body: { "k\u0000": 1 },
    });
    expect(key.status).toBe(400);

    const byPath = await callApi(getConversation, {
      key: team.service.key,
      params: { id: `${conversation.conversationId}\u0000` },
    });
    expect(byPath.status).toBe(400);
    expect(byPath.body.error.details.fields[0].field).toBe("id");
    const byQuery = await callApi(getLabels, { key: team.service.key, path: "/api/v1/labels?q=%00" });
    expect(byQuery.status).toBe(400);
    expect(byQuery.body.error.details.fields[0].field).toBe("q");
  });

  it("stores lone surrogates as U+FFFD and bidi controls as sent", async () => {
    const db = testDatabase().prisma;
    const lone = await callApi(postMessage, {
      key: team.service.key,
      body: { channel: "webchat", from: "visitor-lone", text: "half \ud83d of a pair" },
    });
    expect(lone.status).toBe(202);
    expect((await db.message.findUniqueOrThrow({ where: { id: lone.body.messageId } })).body).toBe(
      "half \ufffd of a pair",
    );
    const pair = await callApi(postMessage, {
      key: team.service.key,
      body: { channel: "webchat", from: "visitor-lone", text: "a whole pair \ud83d\ude00" },
    });
    expect((await db.message.findUniqueOrThrow({ where: { id: pair.body.messageId } })).body).toBe("a whole pair 😀");

    const label = await callApi(postLabel, { key: team.service.key, body: { name: "tag \udc00", color: "teal" } });
    expect(label.status).toBe(201);
    expect(label.body.name).toBe("tag \ufffd");
    expect((await db.label.findUniqueOrThrow({ where: { id: label.body.id } })).name).toBe("tag \ufffd");

    const bidi = "pay \u202Egnp.exe\u202C now \u2067\u05e9\u05dc\u05d5\u05dd\u2069";
    const sent = await callApi(postMessage, {
      key: team.service.key,
      body: { channel: "webchat", from: "visitor-bidi", text: bidi, contact: { name: "\u202Enimda" } },
    });
    expect(sent.status).toBe(202);
    const stored = await db.message.findUniqueOrThrow({
      where: { id: sent.body.messageId },
      include: { conversation: { include: { contact: true } } },
    });
    expect(stored.body).toBe(bidi);
    expect(stored.conversation.contact.name).toBe("\u202Enimda");
  });
});

describe("forged cursors on every list", () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam(testDatabase().prisma);
  });

  const pairCursors = [
    encodeKeyset([1e20, "x"]),
    encodeKeyset([-1e20, "x"]),
    encodeKeyset([1.5, "x"]),
    encodeKeyset([Date.now(), "a\u0000"]),
    encodeKeyset([8.64e15, "x"]),
  ];
  const lists: Array<{ route: string; param?: string; query?: string; cursors?: string[] }> = [
    { route: "/api/v1/conversations" },
    { route: "/api/v1/conversations/{id}", param: "before" },
    { route: "/api/v1/outbox" },
    { route: "/api/v1/campaigns" },
    { route: "/api/v1/sessions" },
    { route: "/api/v1/spam-lists" },
    { route: "/api/v1/spam-users" },
    { route: "/api/v1/spam-users/{contactId}/posts" },
    { route: "/api/v1/spam-strings/{id}/posts" },
    { route: "/api/v1/action-log" },
    { route: "/api/v1/live-chat-blocks" },
    {
      route: "/api/v1/spam-strings",
      query: "kind=domain&",
      cursors: [
        encodeKeyset([1e20, Date.now(), "x"]),
        encodeKeyset([3e9, Date.now(), "x"]),
        encodeKeyset([1, 1e20, "x"]),
        encodeKeyset([1, Date.now(), "a\u0000"]),
      ],
    },
    {
      route: "/api/v1/bans",
      cursors: [
        Buffer.from("1e20").toString("base64url"),
        Buffer.from("-1").toString("base64url"),
        Buffer.from("99999999999999").toString("base64url"),
      ],
    },
  ];

  it("answers 400 naming the cursor, never 500", async () => {
    const db = testDatabase().prisma;
    const { conversationId, contactId } = await receiveMessage(db, team.service, {
      text: "win at https://prize-offers.com/claim now",
    });
    const spamString = await db.spamString.findFirstOrThrow({ where: { tenantId: team.tenant.id } });
    const ids: Record<string, string> = { id: conversationId, contactId };
    const failures: string[] = [];
    for (const list of lists) {
      const handler = (await routeModule(list.route)).GET;
      const params = Object.fromEntries(
        [...list.route.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
          name!,
          list.route.startsWith("/api/v1/spam-strings") ? spamString.id : ids[name!]!,
        ]),
      );
      for (const cursor of list.cursors ?? pairCursors) {
        const res = await callApi(handler, {
          key: team.service.key,
          path: `${list.route}?${list.query ?? ""}${list.param ?? "cursor"}=${cursor}`,
          params,
        });
        const field = res.body?.error?.details?.fields?.[0]?.field;
        if (res.status !== 400 || field !== "cursor") {
          failures.push(
            `${list.route} ${Buffer.from(cursor, "base64url").toString()} → ${res.status} ` +
              JSON.stringify(res.body).slice(0, 140),
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("deeply nested JSON", () => {
  it("answers 400 for a 5,000-level conversation context, and for any body deeper than 64", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { conversationId } = await receiveMessage(db, team.service);
    const deep = `{"flow":${"[".repeat(5_000)}${"]".repeat(5_000)}}`;
    const res = await callApi(patchContext, {
      method: "PATCH",
      key: team.service.key,
      params: { id: conversationId },
      rawBody: deep,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("nested more than 64 levels");

    let shallow: unknown = "leaf";
    for (let i = 0; i < 60; i++) shallow = { n: shallow };
    const ok = await callApi(patchContext, {
      method: "PATCH",
      key: team.service.key,
      params: { id: conversationId },
      body: { flow: shallow },
    });
    expect(ok.status).toBe(200);

    const label = await callApi(postLabel, {
      key: team.service.key,
      rawBody: `{"name":"x","color":"teal","extra":${"[".repeat(100)}${"]".repeat(100)}}`,
    });
    expect(label.status).toBe(400);
  });

  it("refuses a body's depth before parsing it: brackets up to the cap are a 400 naming the depth", async () => {
    // JSON.parse of 1 MB of "[" kept the main thread busy ~0.8 s (a 1 MB string: ~10 ms): a script without
    // a key, or a widget visitor, must not get that for one request. Answered by depth, not as bad JSON (which
    // it also is), because the parse is never tried.
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const brackets = (n: number) => "[".repeat(n);
    const message = await callApi(postMessage, { key: team.service.key, rawBody: brackets(1_000_000) });
    expect(message.status).toBe(400);
    expect(message.body.error.message).toContain("nested more than 64 levels");
    const session = await callApi(postWidgetSession, { path: "/api/widget/session", rawBody: brackets(60_000) });
    expect(session.status).toBe(400);
    expect(session.body.error.message).toContain("nested more than 64 levels");
    // Brackets inside strings are text.
    const text = `${"[".repeat(200)}{`;
    const stored = await callApi(postMessage, {
      key: team.service.key,
      body: { channel: "whatsapp", from: "+447700900555", text },
    });
    expect(stored.status).toBe(202);
  });
});
