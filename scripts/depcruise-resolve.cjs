// How dependency-cruiser resolves the "@/…" imports (tsconfig's paths): TypeScript 7 has no JS API
// for dependency-cruiser to read tsconfig.json with, so the one alias is given here as webpack's.
const path = require("node:path");
module.exports = {
  resolve: { alias: { "@": path.resolve(__dirname, "..") }, extensions: [".ts", ".tsx", ".mjs", ".js"] },
};
