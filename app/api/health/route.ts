// GET /api/health — liveness and database reachability for load balancers and monitors
import { json } from "@/lib/http/api";
import { checkHealth, publicHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return json(publicHealth(health), health.status === "ok" ? 200 : 503);
}
