// GET /api/v1/openapi.json is generated from the routes' own declarations (lib/http/define-route.ts):
// every route file is in the registry, and the document keeps every operation it has ever documented.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { apiDocument, ROUTE_MODULES } from "@/app/api/v1/operations";
import * as openapi from "@/lib/http/openapi";
import { POST as deactivateBan } from "@/app/api/v1/bans/[id]/deactivate/route";
import { checkResponse } from "@/lib/http/define-route";
import { callApi } from "../helpers/api";
import contract from "./openapi-contract.json";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const root = path.resolve("app");
/**
 * Route files that are no documented endpoint: the document itself, and the catch-all that answers 404 for paths
 * without a route.
 */
const NOT_OPERATIONS = new Set(["/api/v1/openapi.json", "/api/v1/[...path]"]);

describe("GET /api/v1/openapi.json", () => {
  it("documents every public route and method, from the handler's own declaration", async () => {
    const document = (await callApi(GET)).body;
    const declared = new Set(Object.values(ROUTE_MODULES).flatMap((module) => Object.values(module)));
    for (const file of routeFiles(path.join(root, "api/v1"))) {
      const filePath = `/${path.relative(root, path.dirname(file))}`;
      if (NOT_OPERATIONS.has(filePath)) continue;
      const routePath = filePath.replace(/\[(\w+)\]/g, "{$1}");
      const module = (await import(file)) as Record<string, unknown>;
      const methods = [
        ...readFileSync(file, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ),
      ].map((m) => m[1]!);
      expect(methods.length, `${filePath} exports no method`).toBeGreaterThan(0);
      for (const method of methods) {
        const handler = module[method] as { operation?: { method: string; path: string } };
        expect(handler.operation, `${method} ${routePath} is not made with defineRoute`).toBeDefined();
        expect(declared.has(handler), `${filePath} is missing from app/api/v1/operations.ts`).toBe(true);
        // The declaration names the route's own method and path, so the document says where the handler answers.
        expect(`${handler.operation!.method} ${handler.operation!.path.replace(/:(\w+)/g, "{$1}")}`).toBe(
          `${method} ${routePath}`,
        );
        expect(document.paths[routePath]?.[method.toLowerCase()], `${method} ${routePath}`).toBeDefined();
      }
    }
  });

  it("keeps every path, method and answer it documented before (contracts: add, never rename)", async () => {
    const document = (await callApi(GET)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const now = new Set(
      Object.entries(document.paths).flatMap(([apiPath, methods]) =>
        Object.entries(methods).flatMap(([method, op]) =>
          Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${apiPath} ${status}`),
        ),
      ),
    );
    expect(contract.filter((operation) => !now.has(operation))).toEqual([]);
  });

  it("describes request bodies from the zod schemas", async () => {
    const document = (await callApi(GET)).body;
    const body = document.paths["/api/v1/messages"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["channel", "from", "text"]));
    expect(body.properties.channel.enum).toContain("whatsapp");
  });

  it("is built once per process and served as the same bytes: a loop of this public path builds nothing", async () => {
    const build = vi.spyOn(openapi, "openApiDocument");
    const fetchDocument = async () => {
      const response = await GET(new NextRequest("http://localhost/api/v1/openapi.json"), {
        params: Promise.resolve({}),
      });
      return { status: response.status, headers: [...response.headers], text: await response.text() };
    };
    try {
      const first = await fetchDocument();
      // Built by this request or an earlier test's: at most once, and never again.
      const builds = build.mock.calls.length;
      expect(builds).toBeLessThanOrEqual(1);
      const second = await fetchDocument();
      const third = await fetchDocument();
      expect(build.mock.calls.length).toBe(builds);
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      // What the route answered before it kept the document: JSON.stringify of a fresh build, as application/json.
      expect(first.status).toBe(200);
      expect(first.headers).toEqual([["content-type", "application/json"]]);
      expect(first.text).toBe(JSON.stringify(apiDocument()));
    } finally {
      build.mockRestore();
    }
  });

  it("refuses, in the tests' checker, an answer its operation does not declare", () => {
    const { operation } = deactivateBan;
    expect(checkResponse(operation, 201, {})).toContain("not a declared answer");
    expect(checkResponse(operation, 200, { id: "b1" })).toContain("does not match the declared schema");
    expect(checkResponse(operation, 404, { error: { code: "not_found", message: "Ban not found." } })).toBeNull();
    expect(checkResponse(operation, 404, { message: "not the error shape" })).toContain("does not match");
  });
});
