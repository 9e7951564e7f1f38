// Request bodies are capped (issue 13, item 6): 1 MB for the API, 64 KB for the widget. A declared
// Content-Length over the cap is refused before reading; a body without one (chunked) is read only up
// to the cap. Either way a 413 in the API's error shape, and nothing stored. (server.ts refuses an
// oversized Content-Length before Next for every route: tests/e2e/security.spec.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { POST as postWidgetSession } from "@/app/api/widget/session/route";
import { POST as postWidgetMessage } from "@/app/api/widget/messages/route";
import { BODY_LIMITS } from "@/lib/http/body-limits";

type Team = Awaited<ReturnType<typeof createTeam>>;

/** A body of exactly `bytes` bytes: a message whose text pads it out. */
function messageBody(bytes: number, from = "visitor-big"): string {
  const head = JSON.stringify({ channel: "webchat", from, text: "" }).slice(0, -2);
  return `${head}${"x".repeat(bytes - head.length - 2)}"}`;
}

/**
 * A streamed (chunked) body of `chunkBytes` chunks, `chunks` of them (Infinity: never ends); counts what was pulled.
 */
function streamedBody(chunkBytes: number, chunks: number) {
  const pulled = { chunks: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks >= chunks) return controller.close();
      pulled.chunks++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  return { stream, pulled };
}

function streamedRequest(url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new NextRequest(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: stream,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("request body caps", () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam(testDatabase().prisma);
  });

  it("refuses an API body over 1 MB with 413 before reading it, and stores nothing", async () => {
    const db = testDatabase().prisma;
    const tooBig = await callApi(postMessage, { key: team.service.key, rawBody: messageBody(BODY_LIMITS.api + 1) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("1 MB"),
      details: { limitBytes: 1_048_576 },
    });
    expect(await db.message.count({ where: { tenantId: team.tenant.id } })).toBe(0);

    // At the cap the body is read (and this one is refused for its text, not its size).
    const atCap = await callApi(postMessage, { key: team.service.key, rawBody: messageBody(BODY_LIMITS.api) });
    expect(atCap.status).toBe(400);
    expect(atCap.body.error.details.fields[0].field).toBe("text");
  });

  it("stops reading a chunked body at the cap: 413, and the rest is never pulled", async () => {
    const { stream, pulled } = streamedBody(64 * 1024, Number.POSITIVE_INFINITY);
    const res = await postMessage(
      streamedRequest("http://localhost/api/v1/messages", stream, { authorization: `Bearer ${team.service.key}` }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
    expect(pulled.chunks).toBeLessThanOrEqual(BODY_LIMITS.api / (64 * 1024) + 3);

    // A chunked body under the cap is read whole.
    const ok = await postMessage(
      streamedRequest(
        "http://localhost/api/v1/messages",
        new Blob([JSON.stringify({ channel: "webchat", from: "visitor-chunked", text: "hi" })]).stream(),
        {
          authorization: `Bearer ${team.service.key}`,
        },
      ),
      { params: Promise.resolve({}) },
    );
    expect(ok.status).toBe(202);
  });

  it("caps the unauthenticated widget endpoints at 64 KB", async () => {
    const session = await callApi(postWidgetSession, { path: "/api/widget/session", body: { tenant: team.tenant.id } });
    const headers = { "x-widget-session": session.body.token };
    const tooBig = await callApi(postWidgetMessage, {
      path: "/api/widget/messages",
      headers,
      rawBody: JSON.stringify({ text: "x".repeat(BODY_LIMITS.widget) }),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain("64 KB");
    const start = await callApi(postWidgetSession, {
      path: "/api/widget/session",
      rawBody: JSON.stringify({ tenant: team.tenant.id, pad: "x".repeat(BODY_LIMITS.widget) }),
    });
    expect(start.status).toBe(413);

    const { stream } = streamedBody(8 * 1024, Number.POSITIVE_INFINITY);
    const streamed = await postWidgetMessage(streamedRequest("http://localhost/api/widget/messages", stream, headers));
    expect(streamed.status).toBe(413);

    const fits = await callApi(postWidgetMessage, {
      path: "/api/widget/messages",
      headers,
      body: { text: "a normal message" },
    });
    expect(fits.status).toBe(201);
  });
});
