// GET /api/v1/bans/export?status=&channel=&q=&sort=&dir= — the filtered blacklist as CSV
import { withApiKey } from "@/lib/http/api";
import { exportBansCsv } from "@/lib/blacklist/list-bans";

export const GET = withApiKey(async ({ db, actor, req }) => {
  const csv = await exportBansCsv({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="blacklist-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
