// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public, no key needed)
import { z } from "zod";
import { jsonText } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { apiDocumentJson } from "../operations";

// Declared like every route (its answer is checked in tests), but not listed in the document it serves:
// listing it would make the registry import this module, which imports the registry.
export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This document: every operation of the API, generated from the declarations of the route handlers.",
    auth: "public",
    responses: {
      200: {
        description: "OpenAPI 3.1",
        schema: z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
      },
    },
  },
  async () => jsonText(apiDocumentJson()),
);
