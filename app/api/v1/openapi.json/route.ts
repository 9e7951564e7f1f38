// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (public, no key needed)
import { json } from "@/lib/http/api";
import { openApiDocument } from "@/lib/http/openapi";

export function GET() {
  return json(openApiDocument());
}
