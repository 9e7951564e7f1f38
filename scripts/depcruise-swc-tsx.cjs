// Preloaded by `npm run lint:deps`: dependency-cruiser parses with swc (TypeScript 7 has no JS API for
// it to use) but asks swc for plain TypeScript syntax, so .tsx files fail to parse. This turns on
// swc's tsx option for .tsx files; the parse is otherwise dependency-cruiser's own.
const swc = require("@swc/core");
const parseFileSync = swc.parseFileSync;
swc.parseFileSync = (file, options) => parseFileSync(file, { ...options, tsx: String(file).endsWith(".tsx") });
