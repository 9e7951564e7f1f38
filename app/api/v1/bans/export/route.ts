// GET /api/v1/bans/export?status=&channel=&q=&sort=&dir= — the filtered blacklist as CSV
import { defineRoute } from "@/lib/http/define-route";
import { exportBansCsv } from "@/lib/blacklist/list-bans";
import { listBansQuerySchema } from "@/lib/blacklist/ban-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/bans/export",
    tag: "Blacklist",
    summary: "The filtered blacklist as CSV (same query as GET /api/v1/bans, all pages).",
    query: listBansQuerySchema.omit({ cursor: true, limit: true }),
    actsAsAgent: true,
    responses: { 200: { description: "text/csv", contentType: "text/csv" } },
  },
  async ({ db, actor, req }) => {
    // Authorized, parsed and its first rows read before the answer starts: a refusal is still a 4xx in the
    // error shape. The rest streams (lib/blacklist/list-bans.ts); Next cancels the stream if the client hangs up.
    const csv = await exportBansCsv.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="blacklist-${new Date().toISOString().slice(0, 10)}.csv"`,
      },
    });
  },
);
