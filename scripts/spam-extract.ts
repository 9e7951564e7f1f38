// npm run --silent spam:extract -- --region GB — reads JSON lines {"text": "…"} on stdin and writes, in
// order, one JSON line {"domains":[…],"urls":[…],"phones":[…],"emails":[…]} per input line (with
// --details: {"strings":[{"kind","value","raw","obfuscated"}…]}).
// A bad line gets {"error":"…"} in its place (so outputs stay aligned) and the exit code becomes 1;
// blank lines are skipped; a bad --region exits 2 before reading anything.
import path from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { extractSpamStrings, findSpamStrings, isPhoneRegion } from "@/lib/spam-strings/extract";

const USAGE =
  'usage: spam-extract [--region <CC>] [--details]   (JSON lines {"text": …} on stdin; region defaults to US; ' +
  "--details: each string with its raw form and obfuscated flag)";

export const EXIT_OK = 0;
export const EXIT_BAD_LINES = 1;
export const EXIT_USAGE = 2;

export type ParsedArguments = { region: string; details?: true } | { help: true } | { error: string };

export function parseArguments(argv: readonly string[]): ParsedArguments {
  let region = "US";
  let details = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--details") {
      details = true;
      continue;
    }
    let value: string | undefined;
    if (arg === "--region") value = argv[++i];
    else if (arg.startsWith("--region=")) value = arg.slice("--region=".length);
    else return { error: `unknown argument "${arg}"` };
    if (!value) return { error: "--region needs a value, e.g. --region GB" };
    region = value.toUpperCase();
  }
  if (!isPhoneRegion(region))
    return { error: `unknown region "${region}": use a libphonenumber-js country code such as US, GB or DE` };
  return details ? { region, details: true } : { region };
}

export interface LineOutcome {
  /** The JSON line to write (without the newline). */
  output: string;
  ok: boolean;
}

/**
 * One input line to its output line; null for a blank line, which produces no output. With `details`,
 * the line is {"strings":[{"kind","value","raw","obfuscated"}…]}: each string with how the text wrote it
 * and whether that was a disguise.
 */
export function processLine(line: string, region: string, details = false): LineOutcome | null {
  if (line.trim() === "") return null;
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return failure(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return failure('expected a JSON object with a string "text"');
  const text: unknown = (input as { text?: unknown }).text;
  if (typeof text !== "string") return failure('missing string field "text"');
  if (details)
    return { output: JSON.stringify({ strings: findSpamStrings(text, { defaultRegion: region }) }), ok: true };
  const found = extractSpamStrings(text, { defaultRegion: region });
  return {
    output: JSON.stringify({ domains: found.domains, urls: found.urls, phones: found.phones, emails: found.emails }),
    ok: true,
  };
}

function failure(message: string): LineOutcome {
  return { output: JSON.stringify({ error: message }), ok: false };
}

export interface CliStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
}

/** Runs the command over the streams and resolves to the exit code. */
export async function runSpamExtract(argv: readonly string[], { input, output, errors }: CliStreams): Promise<number> {
  const parsed = parseArguments(argv);
  if ("help" in parsed) {
    errors.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if ("error" in parsed) {
    errors.write(`spam-extract: ${parsed.error}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  let exitCode = EXIT_OK;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const outcome = processLine(line, parsed.region, parsed.details === true);
    if (!outcome) continue;
    if (!outcome.ok) exitCode = EXIT_BAD_LINES;
    // Respect back-pressure so a large input never piles up in memory behind a slow reader.
    if (!output.write(`${outcome.output}\n`)) await once(output, "drain");
  }
  return exitCode;
}

function isRunDirectly(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href;
}

if (isRunDirectly()) {
  // `… | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
  runSpamExtract(process.argv.slice(2), { input: process.stdin, output: process.stdout, errors: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT_BAD_LINES;
    },
  );
}
