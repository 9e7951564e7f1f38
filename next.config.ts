import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "pg",
    "graphile-worker",
    "@node-rs/argon2",
    "socket.io",
    "redis",
    "@socket.io/redis-adapter",
  ],
  poweredByHeader: false,
  experimental: {
    // Server actions' bodies: Next reads at most this much, streamed or not (lib/http/body-limits.ts
    // BODY_LIMITS.other; README "Request limits"). Cross-site actions are refused before Next, with a 403.
    serverActions: { bodySizeLimit: "1mb" },
    // Turbopack's build cache speeds up the next rebuild (npm start after a pull) but writing it costs a
    // fresh clone's build ~12 s; CI builds once from a clean clone and never reads it.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  reactStrictMode: true,
  // `npm test` checks the types (tsc --noEmit, the whole project) before it builds; the build's own check
  // of the same files would cost another ~18 s (scripts/test.mjs sets this only after its check passed).
  typescript: { ignoreBuildErrors: process.env.BOUNCER_TYPES_CHECKED === "1" },
  // Browsers ask for /favicon.ico on pages that name no icon (a 404 page can render before its head):
  // answer with the SVG icon rather than a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/favicon.svg" }];
  },
};

export default nextConfig;
