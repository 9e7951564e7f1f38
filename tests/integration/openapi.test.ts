// Every route under app/api/v1 is described in the OpenAPI document, with the methods it exports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

describe("GET /api/v1/openapi.json", () => {
  it("documents every public route and method", async () => {
    const document = await (await GET()).json();
    const root = path.resolve("app");
    for (const file of routeFiles(path.join(root, "api/v1"))) {
      const routePath = `/${path.relative(root, path.dirname(file))}`.replace(/\[(\w+)\]/g, "{$1}");
      if (routePath === "/api/v1/openapi.json") continue;
      // The catch-all only answers 404 for paths without a route: it is no endpoint to document.
      if (routePath === "/api/v1/[...path]") continue;
      const methods = [...readFileSync(file, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) =>
        m[1]!.toLowerCase(),
      );
      expect(document.paths[routePath], `${routePath} is missing from openapi.json`).toBeDefined();
      for (const method of methods) expect(document.paths[routePath][method], `${method.toUpperCase()} ${routePath}`).toBeDefined();
    }
  });

  it("describes request bodies from the zod schemas", async () => {
    const document = await (await GET()).json();
    const body = document.paths["/api/v1/messages"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["channel", "from", "text"]));
    expect(body.properties.channel.enum).toContain("whatsapp");
  });
});
