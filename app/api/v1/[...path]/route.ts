// * /api/v1/<anything without a route> — a JSON 404 in the API's error shape, for every method, instead
// of Next's HTML page. Next prefers every static and dynamic route over this catch-all, so it only
// answers paths no other route handles.
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/http/api";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

function notFound(req: NextRequest): Response {
  return errorResponse(
    new AppError(
      404,
      "not_found",
      `No API route ${req.method} ${req.nextUrl.pathname}. The routes are listed at /api/v1/openapi.json.`,
    ),
  );
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
