import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "pg",
    "@node-rs/argon2",
    "socket.io",
    "redis",
    "@socket.io/redis-adapter",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
