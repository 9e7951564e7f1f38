import { spawnSync } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { measureExtraction } from "@/bench/extraction";
import { parseArguments, processLine, runSpamExtract } from "@/scripts/spam-extract";
import {
  extractSpamStrings,
  findSpamStrings,
  spamStringsOf,
  MAX_RAW_LENGTH,
  type ExtractedSpamStrings,
  type FoundSpamString,
} from "./extract";

const repoRoot = path.resolve(import.meta.dirname, "../..");

function extract(text: string, region = "US"): ExtractedSpamStrings {
  return extractSpamStrings(text, { defaultRegion: region });
}

const phones = (text: string, region = "US") => extract(text, region).phones;
const none = { domains: [], urls: [], phones: [], emails: [] };
/** "kind value (raw) [obfuscated]" per string, for compact expectations. */
const found = (text: string, region = "US") => findSpamStrings(text, { defaultRegion: region }).map(describeFound);
const describeFound = (s: FoundSpamString) => `${s.kind} ${s.value} «${s.raw}»${s.obfuscated ? " obfuscated" : ""}`;
const urls = (text: string) => extract(text).urls;
const domains = (text: string) => extract(text).domains;

describe("extractSpamStrings — the contract example", () => {
  it("finds the short link, its domain and the fictional 555 number", () => {
    const text =
      "Earn bitcoin today by completing paid surveys. Want to receive up to 10 bitcoin for answering simple " +
      "questions? Visit https://bit.ly/3iXhvjG or call 555-123-4567";
    expect(extract(text, "US")).toEqual({
      domains: ["bit.ly"],
      urls: ["bit.ly/3iXhvjG"],
      phones: ["+15551234567"],
      emails: [],
    });
  });

  it("returns empty lists for a message without spam strings", () => {
    expect(extract("Ok lar... Joking wif u oni...")).toEqual({ domains: [], urls: [], phones: [], emails: [] });
    expect(extract("")).toEqual({ domains: [], urls: [], phones: [], emails: [] });
  });
});

describe("urls", () => {
  it("drops the scheme and a leading www., lower-cases the host and keeps the rest as written", () => {
    expect(urls("HTTP://WWW.Example.COM/Path?Q=A#Frag")).toEqual(["example.com/Path?Q=A#Frag"]);
    expect(urls("see https://www.x.com/A")).toEqual(["x.com/A"]);
  });

  it("drops a lone trailing slash but keeps a path as written", () => {
    expect(urls("https://Example.com/")).toEqual(["example.com"]);
    expect(urls("example.com/a/")).toEqual(["example.com/a/"]);
    expect(urls("http://example.com:8081/")).toEqual(["example.com:8081"]);
  });

  it("keeps the port", () => {
    expect(urls("http://example.com:8080/admin")).toEqual(["example.com:8080/admin"]);
  });

  it("leaves out trailing sentence punctuation and enclosing brackets or quotes", () => {
    expect(urls("(see example.com/x).")).toEqual(["example.com/x"]);
    expect(urls("Go to example.com/offer!")).toEqual(["example.com/offer"]);
    expect(urls("example.com/a, then example.com/b; example.com/c?")).toEqual([
      "example.com/a",
      "example.com/b",
      "example.com/c",
    ]);
    expect(urls("<https://example.com/z> [example.com/y] \"example.com/q\" 'example.com/u'")).toEqual([
      "example.com/z",
      "example.com/y",
      "example.com/q",
      "example.com/u",
    ]);
  });

  it("counts links without a scheme", () => {
    expect(urls("bit.ly/x")).toEqual(["bit.ly/x"]);
    expect(urls("visit www.x.com today")).toEqual(["x.com"]);
    expect(urls("example.com")).toEqual(["example.com"]);
    expect(urls("WWW.URAWINNER.COM")).toEqual(["urawinner.com"]);
    expect(urls("Claim at promo.xyz/win")).toEqual(["promo.xyz/win"]);
  });

  it("counts protocol-relative and ftp links like web links", () => {
    expect(extract("//cdn.example.net/a.js")).toMatchObject({
      urls: ["cdn.example.net/a.js"],
      domains: ["example.net"],
    });
    expect(extract("ftp://files.example.org/pub")).toMatchObject({
      urls: ["files.example.org/pub"],
      domains: ["example.org"],
    });
  });

  it("does not take words without a known public suffix for links", () => {
    for (const text of [
      "open file.txt",
      "hello.world",
      "e.g. this",
      "i.e. that",
      "lar.Joking",
      "see http://localhost/x",
      "http://careers",
    ]) {
      expect(extract(text), text).toEqual({ domains: [], urls: [], phones: [], emails: [] });
    }
  });

  it("counts a host with a known suffix when the link has a scheme, even outside the fuzzy TLD list", () => {
    expect(extract("https://hello.world/x")).toMatchObject({ urls: ["hello.world/x"], domains: ["hello.world"] });
  });

  it("treats a capitalised word after a full stop as a missing space, not a country-code domain", () => {
    expect(urls("Good news.By the way")).toEqual([]);
    expect(urls("Claim your prize.To opt out")).toEqual([]);
    expect(urls("www.Example.By")).toEqual(["example.by"]);
  });

  it("keeps IP hosts as urls without a domain", () => {
    expect(extract("login at http://192.168.0.1/login")).toMatchObject({ urls: ["192.168.0.1/login"], domains: [] });
    expect(extract("go to 10.0.0.1/admin")).toMatchObject({ urls: ["10.0.0.1/admin"], domains: [] });
  });

  it("lists each url once, in order of first appearance", () => {
    expect(extract("b.com a.com b.com/x b.com B.COM")).toMatchObject({
      urls: ["b.com", "a.com", "b.com/x"],
      domains: ["b.com", "a.com"],
    });
  });

  it("keeps internationalised hosts, in their ASCII (punycode) form", () => {
    expect(extract("пример.рф")).toMatchObject({ urls: ["xn--e1afmkfd.xn--p1ai"], domains: ["xn--e1afmkfd.xn--p1ai"] });
  });
});

describe("domains", () => {
  it("is the registrable domain of each link's host", () => {
    expect(extract("shop.example.co.uk/deals")).toMatchObject({
      domains: ["example.co.uk"],
      urls: ["shop.example.co.uk/deals"],
    });
    expect(domains("a.b.c.example.com/x")).toEqual(["example.com"]);
    expect(domains("Visit Shop.Example.COM")).toEqual(["example.com"]);
  });

  it("keeps sites under a private suffix whole", () => {
    expect(domains("myshop.blogspot.com")).toEqual(["myshop.blogspot.com"]);
    expect(domains("https://user.github.io/x")).toEqual(["user.github.io"]);
  });

  it("falls back to the ICANN rules when the host is itself a private suffix", () => {
    expect(domains("blogspot.com")).toEqual(["blogspot.com"]);
  });
});

describe("links with user information", () => {
  it("takes the host after the last @ of the authority, not the decoy before it", () => {
    expect(extract("login at http://paypal.com@evil.com/login")).toEqual({
      domains: ["evil.com"],
      urls: ["evil.com/login"],
      phones: [],
      emails: [],
    });
    expect(extract("https://www.paypal.com@www.evil.com/")).toMatchObject({
      domains: ["evil.com"],
      urls: ["evil.com"],
    });
    expect(extract("//paypal.com@cdn.evil.net/a.js")).toMatchObject({
      domains: ["evil.net"],
      urls: ["cdn.evil.net/a.js"],
    });
  });

  it("drops user names and passwords from the url value, keeping port, path, query and fragment", () => {
    expect(extract("http://user:pw@evil.com/x")).toEqual({
      domains: ["evil.com"],
      urls: ["evil.com/x"],
      phones: [],
      emails: [],
    });
    expect(urls("ftp://U:P@Files.Example.org:2121/Pub?a=B#C")).toEqual(["files.example.org:2121/Pub?a=B#C"]);
    expect(urls("http://admin@192.168.10.20:8080/")).toEqual(["192.168.10.20:8080"]);
    // Different credentials, one destination.
    expect(urls("http://a@evil.com/x http://b:c@evil.com/x http://evil.com/x")).toEqual(["evil.com/x"]);
  });

  it("keeps an @ after the host where it belongs: the path, query or fragment", () => {
    expect(extract("https://medium.com/@someone/post?by=@x#@y")).toMatchObject({
      domains: ["medium.com"],
      urls: ["medium.com/@someone/post?by=@x#@y"],
      emails: [],
    });
  });

  it("reads no phone number or e-mail address inside the user information", () => {
    expect(extract("http://5551234567@evil.com/x")).toEqual({
      domains: ["evil.com"],
      urls: ["evil.com/x"],
      phones: [],
      emails: [],
    });
    expect(extract("http://bob@evil.com")).toEqual({
      domains: ["evil.com"],
      urls: ["evil.com"],
      phones: [],
      emails: [],
    });
  });

  it("still reads a bare user@host (no scheme) as an e-mail address", () => {
    expect(extract("write to paypal.com@evil.com")).toEqual({
      domains: [],
      urls: [],
      phones: [],
      emails: ["paypal.com@evil.com"],
    });
  });
});

describe("internationalized hosts", () => {
  it("counts a host written in Unicode and in punycode as one string, in its ASCII form", () => {
    expect(extract("visit пример.рф and xn--e1afmkfd.xn--p1ai")).toEqual({
      domains: ["xn--e1afmkfd.xn--p1ai"],
      urls: ["xn--e1afmkfd.xn--p1ai"],
      phones: [],
      emails: [],
    });
    expect(extract("https://ПРИМЕР.РФ/Путь?q=Да")).toMatchObject({
      domains: ["xn--e1afmkfd.xn--p1ai"],
      urls: ["xn--e1afmkfd.xn--p1ai/Путь?q=Да"],
    });
    expect(extract("https://www.münchen.de/x")).toMatchObject({
      domains: ["xn--mnchen-3ya.de"],
      urls: ["xn--mnchen-3ya.de/x"],
    });
  });

  it("keeps a look-alike host apart from the one it imitates", () => {
    // "раypal.com" with a Cyrillic "р" and "а".
    expect(domains("https://\u0440\u0430ypal.com/login https://paypal.com/login")).toEqual([
      "xn--ypal-43d9g.com",
      "paypal.com",
    ]);
  });

  it("normalizes the domain of an e-mail address the same way", () => {
    expect(extract("info@пример.рф or INFO@xn--e1afmkfd.xn--p1ai").emails).toEqual(["info@xn--e1afmkfd.xn--p1ai"]);
  });
});

describe("emails", () => {
  it("keeps the whole address lower-cased and adds no domain or url", () => {
    expect(extract("mail Foo.Bar@Example.COM now")).toEqual({
      domains: [],
      urls: [],
      phones: [],
      emails: ["foo.bar@example.com"],
    });
  });

  it("reads mailto: links as emails", () => {
    expect(extract("mailto:Info@Shop.co.uk?subject=x")).toEqual({
      domains: [],
      urls: [],
      phones: [],
      emails: ["info@shop.co.uk"],
    });
  });

  it("lists each address once and keeps links next to it", () => {
    expect(extract("a@x.com, A@X.com or www.y.com")).toEqual({
      domains: ["y.com"],
      urls: ["y.com"],
      phones: [],
      emails: ["a@x.com"],
    });
  });

  it("ignores addresses whose host has no known public suffix", () => {
    expect(extract("msg@£1.50rcvd user@localhost x@file.txt").emails).toEqual([]);
  });
});

describe("phones", () => {
  it("normalizes US formats to E.164", () => {
    for (const text of [
      "(555) 123-4567",
      "555.123.4567",
      "+1 555 123 4567",
      "5551234567",
      "+1 (555) 123-4567",
      "555-123-4567 ext. 12",
    ]) {
      expect(phones(text, "US"), text).toEqual(["+15551234567"]);
    }
    expect(phones("1-800-555-0199", "US")).toEqual(["+18005550199"]);
  });

  it("keeps numbers in a comma- or semicolon-separated list apart", () => {
    expect(phones("(555) 123-4567, 555.987.6543; 1-800-555-0199, 5551112222", "US")).toEqual([
      "+15551234567",
      "+15559876543",
      "+18005550199",
      "+15551112222",
    ]);
  });

  it("reads UK numbers from the SMS corpus with region GB", () => {
    expect(phones("08452810075over18's", "GB")).toEqual(["+448452810075"]);
    expect(phones("Call 09061701461", "GB")).toEqual(["+449061701461"]);
    expect(phones("To claim call09050000327. T&C", "GB")).toEqual(["+449050000327"]);
    expect(phones("txt STOP Help08714742804", "GB")).toEqual(["+448714742804"]);
    expect(phones("call 07781 482378 or (020) 7946 0018", "GB")).toEqual(["+447781482378", "+442079460018"]);
  });

  it("does not take a 5-digit short code for a phone", () => {
    expect(phones("text 87121 to win", "GB")).toEqual([]);
  });

  it("reads German formats with region DE", () => {
    expect(phones("Ruf an: 030 12345678", "DE")).toEqual(["+493012345678"]);
    expect(phones("Handy 0171/1234567", "DE")).toEqual(["+491711234567"]);
    expect(phones("oder +49 171 1234567", "DE")).toEqual(["+491711234567"]);
    expect(phones("Tel. 0049 171 1234567", "DE")).toEqual(["+491711234567"]);
  });

  it("reads numbers with a country code whatever the default region", () => {
    expect(phones("call +44 20 7946 0018", "US")).toEqual(["+442079460018"]);
    expect(phones("call +1 555 123 4567", "DE")).toEqual(["+15551234567"]);
  });

  it("lists each number once however it is written", () => {
    expect(phones("555-123-4567 or (555) 123-4567", "US")).toEqual(["+15551234567"]);
  });

  it("reads fullwidth digits", () => {
    expect(phones("call ５５５-１２３-４５６７ now", "US")).toEqual(["+15551234567"]);
  });

  it("ignores numbers with fewer than 7 digits", () => {
    expect(phones("call 123456", "GB")).toEqual([]);
    expect(phones("PIN 12345", "DE")).toEqual([]);
  });

  it("ignores prices", () => {
    for (const [text, region] of [
      ["only $1,299.99", "US"],
      ["win £150", "GB"],
      ["1,000,000 users", "US"],
      ["£1,500,000 prize", "GB"],
      ["1234567.89 total", "GB"],
      ["€2.500.000 Gewinn", "DE"],
      ["1.000.000 Euro", "DE"],
      ["1234567 €", "DE"],
    ]) {
      expect(phones(text!, region), text).toEqual([]);
    }
  });

  it("ignores dates and times", () => {
    for (const region of ["US", "GB", "DE"]) {
      for (const text of [
        "on 2024-05-21",
        "on 21/05/2024",
        "on 21.05.2024",
        "on 05/21/2024",
        "on 2024.05.21",
        "at 10:30",
        "at 10:30:15",
        "10:30-11:45",
        "2024-05-21 10:30:15",
      ]) {
        expect(phones(text, region), `${region} ${text}`).toEqual([]);
      }
    }
    expect(phones("Saison 2010-2011", "DE")).toEqual([]);
  });

  it("ignores digits inside alphanumeric codes, links and emails", () => {
    for (const text of [
      "code ABC1234567",
      "order #A12345678B",
      "ref ACL03530150PM",
      "example.com/1234567890",
      "user12345678@x.com",
      "id=1234567890",
      "www.07781482378.com",
    ]) {
      expect(phones(text, "GB"), text).toEqual([]);
      expect(phones(text, "US"), text).toEqual([]);
    }
  });

  it("does not report a piece of a longer digit run as a number", () => {
    expect(phones("Help? 0845 2814032 16 after 1st free", "GB")).not.toContain("+442814032");
  });

  it("rejects an unknown region", () => {
    expect(() => extract("call 555-123-4567", "XX")).toThrow(/Unknown phone region/);
  });
});

describe("spamStringsOf", () => {
  it("flattens the result with lower-case kinds", () => {
    expect(
      spamStringsOf("Visit https://www.Example.com/Win or mail Sales@Example.com or call 555-123-4567", "US"),
    ).toEqual([
      { kind: "domain", value: "example.com" },
      { kind: "url", value: "example.com/Win" },
      { kind: "phone", value: "+15551234567" },
      { kind: "email", value: "sales@example.com" },
    ]);
  });

  it("is empty for plain text", () => {
    expect(spamStringsOf("see you at 7", "GB")).toEqual([]);
  });
});

describe("spam:extract CLI", () => {
  it("parses --region, defaulting to US and accepting lower case", () => {
    expect(parseArguments([])).toEqual({ region: "US" });
    expect(parseArguments(["--region", "gb"])).toEqual({ region: "GB" });
    expect(parseArguments(["--region=DE"])).toEqual({ region: "DE" });
    expect(parseArguments(["--region", "XX"])).toHaveProperty("error");
    expect(parseArguments(["--region"])).toHaveProperty("error");
    expect(parseArguments(["--verbose"])).toHaveProperty("error");
    expect(parseArguments(["--details", "--region", "GB"])).toEqual({ region: "GB", details: true });
  });

  it("gives each string's raw form and disguise flag with --details", () => {
    expect(processLine('{"text":"see evil[.]com"}', "US", true)).toEqual({
      output:
        '{"strings":[{"kind":"domain","value":"evil.com","raw":"evil[.]com","obfuscated":true},' +
        '{"kind":"url","value":"evil.com","raw":"evil[.]com","obfuscated":true}]}',
      ok: true,
    });
  });

  it("turns one line into one output line, or an error line", () => {
    expect(processLine('{"text":"Call 09061701461"}', "GB")).toEqual({
      output: '{"domains":[],"urls":[],"phones":["+449061701461"],"emails":[]}',
      ok: true,
    });
    expect(processLine("   ", "GB")).toBeNull();
    expect(processLine("not json", "GB")).toMatchObject({
      ok: false,
      output: expect.stringContaining('"error":"invalid JSON'),
    });
    expect(processLine('{"body":"x"}', "GB")).toEqual({
      ok: false,
      output: '{"error":"missing string field \\"text\\""}',
    });
    expect(processLine('{"text":42}', "GB")).toMatchObject({ ok: false });
    expect(processLine('["text"]', "GB")).toMatchObject({ ok: false });
  });

  it("keeps outputs aligned with inputs, skips blank lines and exits 1 after a bad line", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    input.end('{"text":"bit.ly/x"}\n\nnope\r\n{"text":"call 555-123-4567"}');
    const exitCode = await runSpamExtract([], { input, output, errors });
    const lines = String(output.read()).trimEnd().split("\n");
    expect(exitCode).toBe(1);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({ domains: ["bit.ly"], urls: ["bit.ly/x"], phones: [], emails: [] });
    expect(JSON.parse(lines[1]!)).toHaveProperty("error");
    expect(JSON.parse(lines[2]!)).toEqual({ domains: [], urls: [], phones: ["+15551234567"], emails: [] });
  });

  it("runs as a process: stdin to stdout, exit 0, and exit 2 for an invalid region", () => {
    const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
    const ok = spawnSync(tsx, ["scripts/spam-extract.ts", "--region", "GB"], {
      cwd: repoRoot,
      input: '{"text":"Call 09061701461 or visit www.getzed.co.uk"}\n{"text":"hi"}\n',
      encoding: "utf8",
    });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(
      '{"domains":["getzed.co.uk"],"urls":["getzed.co.uk"],"phones":["+449061701461"],"emails":[]}\n' +
        '{"domains":[],"urls":[],"phones":[],"emails":[]}\n',
    );
    const bad = spawnSync(tsx, ["scripts/spam-extract.ts", "--region", "XX"], {
      cwd: repoRoot,
      input: "",
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown region");
    expect(bad.stdout).toBe("");
  }, 30_000);
});

describe("measureExtraction", () => {
  it("reports ours, the floor, their ratio and the added cost", async () => {
    const result = await measureExtraction({
      texts: ["Visit https://bit.ly/3iXhvjG or call 555-123-4567", "ok see you"],
      region: "US",
      rounds: 3,
    });
    expect(result.messagesPerSecond.median).toBeGreaterThan(0);
    expect(result.floorMessagesPerSecond.p95).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.messagesPerSecond.median / result.floorMessagesPerSecond.median);
    expect(result.addedMicrosPerMessage).toBeCloseTo(
      1e6 / result.messagesPerSecond.median - 1e6 / result.floorMessagesPerSecond.median,
    );
  });
});

// ─── disguised strings (issue 17) ────────────────────────────────────────────────────────────────

describe("defanged links are refanged and flagged", () => {
  it.each([
    ["hxxp://evil.com/x", "evil.com/x"],
    ["hxxps://evil.com/x", "evil.com/x"],
    ["hXXps://evil.com/x", "evil.com/x"],
    ["h**p://evil.com/x", "evil.com/x"],
    ["hxxp[:]//evil.com/x", "evil.com/x"],
    ["https[://]evil.com/x", "evil.com/x"],
    ["http(:)//evil.com/x", "evil.com/x"],
    ["http__evil.com", "evil.com"],
    ["evil[.]com", "evil.com"],
    ["evil(.)com", "evil.com"],
    ["evil{.}com", "evil.com"],
    ["evil[dot]com", "evil.com"],
    ["evil (dot) com", "evil.com"],
    ["evil [.] com", "evil.com"],
    ["evil dot com", "evil.com"],
    ["evil．com", "evil.com"],
    ["evil。com", "evil.com"],
    ["evil｡com", "evil.com"],
    ["hxxps[:]//evil[.]com/login?u=1", "evil.com/login?u=1"],
  ])("%s → %s", (text, url) => {
    expect(extract(text)).toEqual({ domains: ["evil.com"], urls: [url], phones: [], emails: [] });
    expect(findSpamStrings(text, { defaultRegion: "US" })).toEqual([
      { kind: "domain", value: "evil.com", raw: text, obfuscated: true },
      { kind: "url", value: url, raw: text, obfuscated: true },
    ]);
  });

  it("reads spaced dots and multi-label hosts", () => {
    expect(found("go to bit . ly/abc now")).toEqual([
      "domain bit.ly «bit . ly/abc» obfuscated",
      "url bit.ly/abc «bit . ly/abc» obfuscated",
    ]);
    expect(urls("www[.]evil[.]co[.]uk/win")).toEqual(["evil.co.uk/win"]);
    expect(urls("shop dot evil dot net")).toEqual(["shop.evil.net"]);
    expect(urls("evil (dot) co (dot) uk")).toEqual(["evil.co.uk"]);
    expect(urls("evil[.]com[/]login")).toEqual(["evil.com/login"]);
  });

  it("counts a host with a disguised dot whatever its TLD (a scheme is assumed), and IP hosts", () => {
    expect(extract("evil[.]love/x")).toMatchObject({ domains: ["evil.love"], urls: ["evil.love/x"] });
    expect(extract("192[.]168[.]0[.]1/admin")).toMatchObject({ domains: [], urls: ["192.168.0.1/admin"] });
    // A plain "evil.love" stays out: .love is not a fuzzy TLD (chat typos).
    expect(urls("evil.love")).toEqual([]);
  });

  it("keeps one string for the disguised and the plain form, and the occurrence shows the disguise", () => {
    expect(found("evil.com or evil[.]com")).toEqual([
      "domain evil.com «evil[.]com» obfuscated",
      "url evil.com «evil[.]com» obfuscated",
    ]);
    expect(found("evil.com and evil.com")).toEqual(["domain evil.com «evil.com»", "url evil.com «evil.com»"]);
  });

  it("leaves prose alone: word forms need a TLD, no stop word before, no digits", () => {
    for (const text of [
      "I'll be there at 5 dot 30",
      "the dot com era is over",
      "look at that dot over there",
      "a dot com company",
      "oh dot com",
      "score 3 . 5",
      "I'm done . Then I left",
      "look at me . now",
      "I love .net and node.js",
      "Hello .NET devs",
      "[.] is a dot",
      "(.)(.)",
      "go . to the shop",
    ]) {
      expect(extract(text), text).toEqual(none);
    }
  });

  it("reads word-form dots before an English-word TLD only with a path", () => {
    expect(urls("evil dot to/abc")).toEqual(["evil.to/abc"]);
    expect(urls("nice dot to")).toEqual([]);
  });
});

describe("obfuscated e-mail addresses", () => {
  it.each([
    "name at domain dot com",
    "name AT domain DOT com",
    "name[at]domain.com",
    "name(at)domain(dot)com",
    "name [at] domain [dot] com",
    "name{at}domain{dot}com",
    "name[@]domain.com",
    "name(@)domain[.]com",
    "name＠domain.com",
    "name @ domain.com",
    "name@domain[.]com",
    "name@domain dot com",
  ])("%s → name@domain.com", (text) => {
    expect(findSpamStrings(text, { defaultRegion: "US" })).toEqual([
      { kind: "email", value: "name@domain.com", raw: text, obfuscated: true },
    ]);
  });

  it("keeps the local part with its dots and multi-label domains", () => {
    expect(extract("john.smith at gmail dot com").emails).toEqual(["john.smith@gmail.com"]);
    expect(extract("sales (at) evil (dot) co (dot) uk").emails).toEqual(["sales@evil.co.uk"]);
  });

  it("does not read prose with 'at' as an address", () => {
    for (const text of [
      "email me at home",
      "look at example dot com",
      "send it to jim at work dot",
      "we (at) the office",
      "meet me [at] noon",
      "I'm at home dot now",
      "see you at home",
    ]) {
      expect(extract(text).emails, text).toEqual([]);
    }
    // "look at example dot com": the link is disguised, the address is not an address.
    expect(extract("look at example dot com")).toEqual({
      domains: ["example.com"],
      urls: ["example.com"],
      phones: [],
      emails: [],
    });
    // " at " before a disguised domain is prose too unless something says "address".
    expect(extract("cheap stuff at shop(.)com")).toEqual({
      domains: ["shop.com"],
      urls: ["shop.com"],
      phones: [],
      emails: [],
    });
    expect(extract("Buy at evil dot com")).toEqual({
      domains: ["evil.com"],
      urls: ["evil.com"],
      phones: [],
      emails: [],
    });
    expect(extract("we sell it at evil dot com").emails).toEqual([]);
    // … and read as one when it does: a user name, capitals, a cue word, a mail provider, a clause start.
    expect(extract("ping mike_77 at evil dot com").emails).toEqual(["mike_77@evil.com"]);
    expect(extract("ping mike AT evil DOT com").emails).toEqual(["mike@evil.com"]);
    expect(extract("email mike at evil dot com").emails).toEqual(["mike@evil.com"]);
    expect(extract("ping mike at gmail dot com").emails).toEqual(["mike@gmail.com"]);
    expect(extract("Questions? mike at evil dot com").emails).toEqual(["mike@evil.com"]);
    // " at " before a plain domain stays prose: "Visit us at example.com" is no address.
    expect(extract("Visit us at example.com")).toEqual({
      domains: ["example.com"],
      urls: ["example.com"],
      phones: [],
      emails: [],
    });
    expect(extract("mail john at example.com").emails).toEqual([]);
  });
});

describe("capitalised TLDs", () => {
  it("reads generic TLDs, paths and non-word country codes as links", () => {
    expect(extract("WinBig.Com")).toMatchObject({ domains: ["winbig.com"], urls: ["winbig.com"] });
    expect(extract("Visit Bit.Ly/3iXhvjG now")).toMatchObject({ domains: ["bit.ly"], urls: ["bit.ly/3iXhvjG"] });
    expect(urls("example.Net")).toEqual(["example.net"]);
    expect(urls("Claim at Prize.Info")).toEqual(["prize.info"]);
    expect(urls("Go to Example.De")).toEqual(["example.de"]);
    expect(urls("BIT.LY")).toEqual(["bit.ly"]);
  });

  it("still reads a capitalised word after a full stop as a sentence start (negative)", () => {
    for (const text of [
      "Good news.By the way",
      "Claim your prize.To opt out",
      "lar.Joking",
      "I'm here.Is that ok",
      "go to the website.Click here",
      "We won.Club night",
    ]) {
      expect(extract(text), text).toEqual(none);
    }
  });

  it("does not read two words with a forgotten space as a link (negative)", () => {
    for (const text of ["ok.so what", "felt so.so today", "send you.my mom is out", "that's it.is it?"]) {
      expect(extract(text), text).toEqual(none);
    }
    expect(urls("it.so/abc")).toEqual(["it.so/abc"]);
  });
});

describe("glued links", () => {
  it.each([
    ["👉https://evil.com/x", "evil.com/x", "https://evil.com/x"],
    ["こちら→https://evil.com/x", "evil.com/x", "https://evil.com/x"],
    ["url=https://evil.com/x", "evil.com/x", "https://evil.com/x"],
    ["Clickhttps://evil.com/x", "evil.com/x", "https://evil.com/x"],
    ["Click👉evil.com/x", "evil.com/x", "evil.com/x"],
    ["→evil.com", "evil.com", "evil.com"],
    ["evil.com👈", "evil.com", "evil.com"],
    ["`evil.com`", "evil.com", "evil.com"],
    ["{evil.com}", "evil.com", "evil.com"],
    ["详情evil.com/x查看", "evil.com/x", "evil.com/x"],
    ["twitter.jp日本語", "twitter.jp", "twitter.jp"],
    ["foo_bar.evil.com/x", "foo_bar.evil.com/x", "foo_bar.evil.com/x"],
    ["evil.com:8080/path", "evil.com:8080/path", "evil.com:8080/path"],
  ])("%s → %s", (text, url, raw) => {
    const strings = findSpamStrings(text, { defaultRegion: "US" });
    expect(strings.filter((s) => s.kind === "url")).toEqual([{ kind: "url", value: url, raw, obfuscated: false }]);
  });

  it("trims brackets and backticks from e-mail addresses", () => {
    expect(extract("{joe@joe.com}").emails).toEqual(["joe@joe.com"]);
    expect(extract("`joe@joe.com`").emails).toEqual(["joe@joe.com"]);
  });

  it("keeps a link inside another link's query whole, and IDN hosts with symbols", () => {
    expect(urls("https://a.com/r?u=https://b.com/x")).toEqual(["a.com/r?u=https://b.com/x"]);
    expect(urls("http://✪df.ws/ejp")).toEqual(["xn--df-oiy.ws/ejp"]);
    expect(urls("http://foobar.みんな/")).toEqual(["foobar.xn--q9jyb4c"]);
  });

  it("reads no link after $ or # (cashtags, hashtags), nor a registrable label with _ (negative)", () => {
    for (const text of [
      "$TVI.CA",
      "#evil.com",
      "_http://example.com",
      "http://twitter_underscore.com",
      "http://_leading.twitter.com",
      "http://trailing_.twitter.com",
    ]) {
      expect(extract(text), text).toEqual(none);
    }
  });

  it("reads no host:port in a source position or a time (negative)", () => {
    for (const text of ["see main.rs:42:5", "app.py:10", "at 10:30", "ratio 16:9"])
      expect(urls(text), text).toEqual([]);
  });
});

describe("invisible characters", () => {
  it("drops them and flags a string with one inside", () => {
    expect(found("ev\u200Bil.com")).toEqual([
      "domain evil.com «ev\u200Bil.com» obfuscated",
      "url evil.com «ev\u200Bil.com» obfuscated",
    ]);
    expect(urls("evil\u00AD.com/x")).toEqual(["evil.com/x"]);
    expect(urls("e\u200Cvil.com")).toEqual(["evil.com"]);
  });

  it("does not flag bidi marks around a link (right-to-left typing), but does flag an override", () => {
    expect(found("\u2066evil.com\u2069")).toEqual(["domain evil.com «evil.com»", "url evil.com «evil.com»"]);
    expect(found("\u202Ahttps://evil.com/x\u202C")).toEqual([
      "domain evil.com «https://evil.com/x»",
      "url evil.com/x «https://evil.com/x»",
    ]);
    expect(found("\u202Eevil.com\u202C")).toEqual([
      "domain evil.com «evil.com» obfuscated",
      "url evil.com «evil.com» obfuscated",
    ]);
  });

  it("keeps joiners that shape words in other scripts (negative)", () => {
    expect(urls("http://example.com/\u0D2A\u0D4B\u0D32\u0D4A\u0D30\u0D3E\u0D33\u0D4D\u200D.html")).toEqual([
      "example.com/\u0D2A\u0D4B\u0D32\u0D4A\u0D30\u0D3E\u0D33\u0D4D\u200D.html",
    ]);
  });
});

describe("trailing punctuation", () => {
  it.each([
    ["yahoo.com/path:", "yahoo.com/path"],
    ["(http://yahoo.com/!)", "yahoo.com"],
    ["http://example.com/,,,,", "example.com"],
    ["see example.com/x.", "example.com/x"],
    ["example.com/x?!", "example.com/x"],
    ["example.com/x;", "example.com/x"],
    ["It's at example.com/x's page", "example.com/x"],
    ['"example.com/x"', "example.com/x"],
  ])("%s → %s", (text, url) => {
    expect(urls(text)).toEqual([url]);
  });

  it("keeps balanced brackets and quotes that belong to the link (negative)", () => {
    expect(urls("http://en.wikipedia.org/wiki/Foo_(bar)")).toEqual(["en.wikipedia.org/wiki/Foo_(bar)"]);
    expect(urls('http://foo.com/blah_"quoted"')).toEqual(['foo.com/blah_"quoted"']);
    expect(urls("http://example.com/a-")).toEqual(["example.com/a-"]);
    expect(urls("https://google.com/mail/#label/!!!Today/15c")).toEqual(["google.com/mail/#label/!!!Today/15c"]);
  });

  it("gives the raw form without the punctuation", () => {
    expect(found("see yahoo.com/path:")).toEqual([
      "domain yahoo.com «yahoo.com/path»",
      "url yahoo.com/path «yahoo.com/path»",
    ]);
  });
});

describe("more phone numbers", () => {
  it("finds a second number after a space", () => {
    expect(found("(415) 666-7777 (800) 443-1223")).toEqual([
      "phone +14156667777 «(415) 666-7777»",
      "phone +18004431223 «(800) 443-1223»",
    ]);
    expect(phones("07781 482378 or 07946 123456", "GB")).toEqual(["+447781482378", "+447946123456"]);
  });

  it("still drops a fragment of a longer digit run (negative)", () => {
    expect(phones("Help? 0845 2814032 16 after 1st free", "GB")).not.toContain("+442814032");
  });

  it("finds a number after a price", () => {
    expect(phones("$20 415-666-7777")).toEqual(["+14156667777"]);
    expect(phones("only £5 07781 482378", "GB")).toEqual(["+447781482378"]);
    expect(phones("€20 030 12345678", "DE")).toEqual(["+493012345678"]);
    expect(phones("$1,299.99 415-666-7777")).toEqual(["+14156667777"]);
  });

  it("finds numbers glued to CJK text", () => {
    expect(phones("電話09012345678です", "JP")).toEqual(["+819012345678"]);
    expect(phones("请拨打13812345678联系", "CN")).toEqual(["+8613812345678"]);
    expect(phones("전화01012345678로", "KR")).toEqual(["+821012345678"]);
    // Latin letters glued to digits still make a code.
    expect(phones("codeAB09012345678", "JP")).toEqual([]);
  });

  it("does not read an extension after ';' as a second number, but does read a second number", () => {
    expect(phones("415-666-7777;ext=123")).toEqual(["+14156667777"]);
    expect(phones("415-666-7777;x 7246433")).toEqual(["+14156667777"]);
    expect(phones("(800) 901-3355; ext 7246433")).toEqual(["+18009013355"]);
    expect(phones("415-666-7777; 800-443-1223")).toEqual(["+14156667777", "+18004431223"]);
  });

  it("reads vanity numbers with the keypad, toll-free prefixes and capitals only, not as a disguise", () => {
    expect(found("Call 1-800-FLOWERS today")).toEqual(["phone +18003569377 «1-800-FLOWERS»"]);
    expect(phones("1-800-GOT-JUNK")).toEqual(["+18004685865"]);
    expect(phones("(888) PET-MEDS")).toEqual(["+18887386337"]);
    for (const text of ["1-800-flowers", "415-FLOWERS", "800-AB", "Route 800-ABCDEFG-HIJKLMNOP"])
      expect(phones(text), text).toEqual([]);
  });

  it("reads O typed for 0 as a disguise when the number is valid", () => {
    expect(found("O7781 482378", "GB")).toEqual(["phone +447781482378 «O7781 482378» obfuscated"]);
    expect(phones("call 0800 1O1 2O2O", "GB")).toEqual(["+448001012020"]);
    expect(phones("call o7781482378", "GB")).toEqual(["+447781482378"]);
    // Not inside words, and not when the result is no valid number.
    expect(phones("T&C's apply 08452810075over18's", "GB")).toEqual(["+448452810075"]);
    expect(phones("code O1234567", "GB")).toEqual([]);
    // The "O" of a word is a letter: "NO 1234567" is the number 1234567, not 01234567.
    expect(found("NO 1234567", "GB")).toEqual(["phone +441234567 «1234567»"]);
  });

  it("reads numbers with a fullwidth or doubled plus", () => {
    expect(phones("＋1 (650) 333-6000", "SG")).toEqual(["+16503336000"]);
    expect(phones("++1 (650) 333-6000", "PL")).toEqual(["+16503336000"]);
  });

  it("ignores decimals, coordinates, compact dates and one digit repeated (negative)", () => {
    for (const [text, region] of [
      ["pi is 3.14159265", "GB"],
      ["at 51.5072178, -0.1275862", "GB"],
      ["20240521 was fine", "US"],
      ["it's 1111111111", "US"],
      ["call 0000000", "GB"],
      ["ISBN 978-3-16-148410-0", "US"],
    ] as const) {
      expect(phones(text, region), text).toEqual([]);
    }
  });

  it("flags a phone number written with invisible characters inside", () => {
    expect(found("call 415\u200B666\u200B7777")).toEqual(["phone +14156667777 «415\u200B666\u200B7777» obfuscated"]);
  });
});

describe("ordinary prose grows no false strings", () => {
  it.each([
    "end. Then we left",
    "See you at 9 a.m. tomorrow",
    "Update to v1.2 first",
    "v2.0.1 released",
    "version 10.0.19045.3803",
    "run setup.sh again",
    "open app.py and main.rs",
    "edit README.md please",
    "the U.S. and e.g. this",
    "items 1, 2, 3",
    "he said : 123",
    "on 2024-05-21 at 10:30",
    "the 2010-2011 season",
  ])("%s", (text) => {
    expect(extract(text)).toEqual(none);
  });

  it("still reads file-extension TLDs as links with a scheme, www. or a path", () => {
    expect(urls("https://setup.sh")).toEqual(["setup.sh"]);
    expect(urls("www.setup.sh")).toEqual(["setup.sh"]);
    expect(urls("get.sh/install")).toEqual(["get.sh/install"]);
  });
});

describe("findSpamStrings", () => {
  it("lists domains, URLs, phones and e-mails with their raw forms, the same values as extractSpamStrings", () => {
    const text = "Win at hxxps://Bit[.]Ly/3iX or call (415) 666-7777, mail name[at]evil.com";
    const strings = findSpamStrings(text, { defaultRegion: "US" });
    expect(strings.map(describeFound)).toEqual([
      "domain bit.ly «hxxps://Bit[.]Ly/3iX» obfuscated",
      "url bit.ly/3iX «hxxps://Bit[.]Ly/3iX» obfuscated",
      "phone +14156667777 «(415) 666-7777»",
      "email name@evil.com «name[at]evil.com» obfuscated",
    ]);
    const values = extract(text);
    expect(strings.map((s) => s.value)).toEqual([
      ...values.domains,
      ...values.urls,
      ...values.phones,
      ...values.emails,
    ]);
  });

  it("caps the raw form", () => {
    const path = "a".repeat(2000);
    const [url] = findSpamStrings(`https://evil.com/${path}`, { defaultRegion: "US" }).filter((s) => s.kind === "url");
    expect(url!.raw).toHaveLength(MAX_RAW_LENGTH);
    expect(url!.value).toBe(`evil.com/${path}`);
  });

  it("is empty for plain text", () => {
    expect(findSpamStrings("see you at 7", { defaultRegion: "GB" })).toEqual([]);
  });
});

describe("the phone finder's budget", () => {
  // libphonenumber costs up to ~9 µs a character where candidates are dense: it reads at most 1,000
  // characters of a message's digit runs, the shortest first (bench/results/README.md, "Crafted text").
  const padding = "1.".repeat(600); // one run of 1,200 characters, nothing in it a number

  it("reads the short runs where numbers written for people are, beside a long run of digit junk", () => {
    expect(phones(`call 555-123-4567 now ${padding} or +44 20 7946 0000 tonight`)).toEqual([
      "+15551234567",
      "+442079460000",
    ]);
  });

  it("skips a run longer than what is left whole: a number glued to the junk is not read in part", () => {
    // "555-123-4567 " 60 times is one run of 780 characters: read. 100 times (1,300): skipped.
    expect(phones(`list: ${"555-123-4567 ".repeat(60)}end`)).toEqual(["+15551234567"]);
    expect(phones(`list: ${"555-123-4567 ".repeat(100)}end`)).toEqual([]);
    expect(phones(`${padding}+442079460000`)).toEqual([]);
  });
});

describe("crafted messages cost linear time", () => {
  // A spammer controls the text: each rule scans a bounded neighbourhood, and edits are looked up by
  // binary search, so 20,000 characters of rule triggers stay far under a second (they took up to
  // 3 s when the scans were unbounded).
  it.each([
    ["underscores", "a_".repeat(10_000) + ".b.com"],
    ["bracketed dots", "a[.]".repeat(5_000)],
    ["word dots", "a dot ".repeat(3_300)],
    ["spaced dots", "a . ".repeat(5_000)],
    ["word ats", "a at b dot ".repeat(1_800)],
    ["glued schemes", "xhttp://".repeat(2_500)],
    ["emoji-glued links", "👉a.com".repeat(2_800)],
    ["host:port", "a.com:1 ".repeat(2_500)],
    ["CJK-glued hosts", "x.y日".repeat(5_000)],
    ["invisible characters", "a\u200B".repeat(10_000)],
    ["unbalanced brackets", "(".repeat(10_000) + "http://a.com/" + ")".repeat(10_000)],
  ])("%s", (_name, text) => {
    const started = performance.now();
    findSpamStrings(text, { defaultRegion: "US" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
