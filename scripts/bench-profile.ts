// Summarizes a V8 .cpuprofile (node --cpu-prof) for finding where a benchmark's time goes: self time
// by function and by package/file, and inclusive time of chosen functions.
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- --only ingest
//   node_modules/.bin/tsx scripts/bench-profile.ts /tmp/prof/<file>.cpuprofile [--top 40] [--focus name,name]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function shortUrl(url: string): string {
  const nodeModules = url.lastIndexOf("node_modules/");
  if (nodeModules >= 0) {
    const rest = url.slice(nodeModules + 13).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const next = url.indexOf(".next/");
  if (next >= 0)
    return `.next/${url
      .slice(next + 6)
      .split("/")
      .slice(0, 3)
      .join("/")}`;
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "") || "(native/gc)";
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: bench-profile.ts <file.cpuprofile> [--top N] [--focus fn1,fn2]");
  const top = Number(args[args.indexOf("--top") + 1] ?? 30) || 30;
  const focus = args.includes("--focus") ? args[args.indexOf("--focus") + 1]!.split(",") : [];
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const idleMs = [...selfMs]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)")
    .reduce((s, [, ms]) => s + ms, 0);

  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const key =
      `${node.callFrame.functionName || "(anonymous)"}  ` +
      `${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const pkg = shortUrl(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    // Inclusive time of focused functions: walk up once per distinct name on the stack.
    if (focus.length) {
      const seen = new Set<string>();
      for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
        const name = byId.get(cursor)!.callFrame.functionName;
        if (focus.includes(name) && !seen.has(name)) {
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        }
      }
    }
  }
  const busy = totalMs - idleMs;
  const print = (title: string, map: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
  };
  console.log(`profile ${totalMs.toFixed(0)} ms, idle ${idleMs.toFixed(0)} ms, busy ${busy.toFixed(0)} ms`);
  print("Self time by package/file", byPackage, top);
  print("Self time by function", byFunction, top);
  if (focus.length) print("Inclusive time", inclusive, focus.length);
}

main();
