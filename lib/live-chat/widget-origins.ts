// Where a tenant's web-chat widget may be embedded: the sites allowed to frame /widget (its CSP
// frame-ancestors) and to open the widget's socket from their own pages. Empty = any site (the
// default, so pasting the snippet just works); every other page of the app may be framed by no one.
import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import type { AdmissionCache } from "@/lib/admission/admission-cache";

export const MAX_WIDGET_ORIGINS = 20;

// scheme://host[:port], the host optionally starting with "*." (any subdomain), as CSP source expressions go.
const ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

export const widgetOriginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/\/+$/, ""))
  .refine((value) => {
    const match = ORIGIN.exec(value);
    return match !== null && (match[4] === undefined || Number(match[4]) <= 65535);
  }, "must be an origin such as https://shop.example.com, https://*.example.com or http://localhost:8080 (no path)");

export const widgetOriginsSchema = z
  .array(widgetOriginSchema)
  .max(MAX_WIDGET_ORIGINS, `at most ${MAX_WIDGET_ORIGINS} origins`)
  .transform((origins) => [...new Set(origins)]);

/** Whether `tenantId` could name a tenant at all (the database cannot compare text with NUL). */
const couldBeTenantId = (tenantId: string) => tenantId !== "" && tenantId.length <= 64 && !tenantId.includes("\u0000");

/** The tenant's embedding origins; null when any site may embed the widget (or the tenant is unknown). */
export async function widgetEmbeddingOrigins(db: DbOrTx, tenantId: string): Promise<string[] | null> {
  if (!couldBeTenantId(tenantId)) return null;
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { widgetAllowedOrigins: true } });
  return tenant && tenant.widgetAllowedOrigins.length > 0 ? tenant.widgetAllowedOrigins : null;
}

/**
 * The same, from this instance's memory (AdmissionCache.widgetTenant): for the widget page's frame-ancestors, asked on
 * every load. A changed list applies when its change is heard — at its commit on the embedded database, within
 * milliseconds on PostgreSQL (the admission channel; tests/integration/widget-page-limits.test.ts).
 */
export async function widgetFrameAncestorsOf(cache: AdmissionCache, tenantId: string): Promise<string[] | null> {
  if (!couldBeTenantId(tenantId)) return null;
  return (await cache.widgetTenant(tenantId))?.allowedOrigins ?? null;
}

/** Whether a page of `origin` (its Origin header) may use the widget of a tenant with these allowed origins. */
export function originAllowedToEmbed(origin: string, allowed: string[] | null): boolean {
  if (allowed === null) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname.toLowerCase();
  const defaultPort = scheme === "https" ? "443" : "80";
  const port = url.port || defaultPort;
  return allowed.some((entry) => {
    const match = ORIGIN.exec(entry);
    if (!match || match[1] !== scheme || (match[4] ?? defaultPort) !== port) return false;
    return match[2] ? host.endsWith(`.${match[3]}`) : host === match[3];
  });
}
