import { spawnSync } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { measureExtraction } from "@/bench/extraction";
import { parseArguments, processLine, runSpamExtract } from "@/scripts/spam-extract";
import { extractSpamStrings, spamStringsOf, type ExtractedSpamStrings } from "./extract";

const repoRoot = path.resolve(import.meta.dirname, "../..");

function extract(text: string, region = "US"): ExtractedSpamStrings {
  return extractSpamStrings(text, { defaultRegion: region });
}

const phones = (text: string, region = "US") => extract(text, region).phones;
const urls = (text: string) => extract(text).urls;
const domains = (text: string) => extract(text).domains;

describe("extractSpamStrings — the contract example", () => {
  it("finds the short link, its domain and the fictional 555 number", () => {
    const text =
      "Earn bitcoin today by completing paid surveys. Want to receive up to 10 bitcoin for answering simple questions? Visit https://bit.ly/3iXhvjG or call 555-123-4567";
    expect(extract(text, "US")).toEqual({ domains: ["bit.ly"], urls: ["bit.ly/3iXhvjG"], phones: ["+15551234567"], emails: [] });
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
    expect(urls("example.com/a, then example.com/b; example.com/c?")).toEqual(["example.com/a", "example.com/b", "example.com/c"]);
    expect(urls('<https://example.com/z> [example.com/y] "example.com/q" \'example.com/u\'')).toEqual([
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
    expect(extract("//cdn.example.net/a.js")).toMatchObject({ urls: ["cdn.example.net/a.js"], domains: ["example.net"] });
    expect(extract("ftp://files.example.org/pub")).toMatchObject({ urls: ["files.example.org/pub"], domains: ["example.org"] });
  });

  it("does not take words without a known public suffix for links", () => {
    for (const text of ["open file.txt", "hello.world", "e.g. this", "i.e. that", "lar.Joking", "see http://localhost/x", "http://careers"]) {
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
    expect(extract("b.com a.com b.com/x b.com B.COM")).toMatchObject({ urls: ["b.com", "a.com", "b.com/x"], domains: ["b.com", "a.com"] });
  });

  it("keeps internationalised hosts, in their ASCII (punycode) form", () => {
    expect(extract("пример.рф")).toMatchObject({ urls: ["xn--e1afmkfd.xn--p1ai"], domains: ["xn--e1afmkfd.xn--p1ai"] });
  });
});

describe("domains", () => {
  it("is the registrable domain of each link's host", () => {
    expect(extract("shop.example.co.uk/deals")).toMatchObject({ domains: ["example.co.uk"], urls: ["shop.example.co.uk/deals"] });
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
    expect(extract("login at http://paypal.com@evil.com/login")).toEqual({ domains: ["evil.com"], urls: ["evil.com/login"], phones: [], emails: [] });
    expect(extract("https://www.paypal.com@www.evil.com/")).toMatchObject({ domains: ["evil.com"], urls: ["evil.com"] });
    expect(extract("//paypal.com@cdn.evil.net/a.js")).toMatchObject({ domains: ["evil.net"], urls: ["cdn.evil.net/a.js"] });
  });

  it("drops user names and passwords from the url value, keeping port, path, query and fragment", () => {
    expect(extract("http://user:pw@evil.com/x")).toEqual({ domains: ["evil.com"], urls: ["evil.com/x"], phones: [], emails: [] });
    expect(urls("ftp://U:P@Files.Example.org:2121/Pub?a=B#C")).toEqual(["files.example.org:2121/Pub?a=B#C"]);
    expect(urls("http://admin@192.168.10.20:8080/")).toEqual(["192.168.10.20:8080"]);
    // Different credentials, one destination.
    expect(urls("http://a@evil.com/x http://b:c@evil.com/x http://evil.com/x")).toEqual(["evil.com/x"]);
  });

  it("keeps an @ after the host where it belongs: the path, query or fragment", () => {
    expect(extract("https://medium.com/@someone/post?by=@x#@y")).toMatchObject({ domains: ["medium.com"], urls: ["medium.com/@someone/post?by=@x#@y"], emails: [] });
  });

  it("reads no phone number or e-mail address inside the user information", () => {
    expect(extract("http://5551234567@evil.com/x")).toEqual({ domains: ["evil.com"], urls: ["evil.com/x"], phones: [], emails: [] });
    expect(extract("http://bob@evil.com")).toEqual({ domains: ["evil.com"], urls: ["evil.com"], phones: [], emails: [] });
  });

  it("still reads a bare user@host (no scheme) as an e-mail address", () => {
    expect(extract("write to paypal.com@evil.com")).toEqual({ domains: [], urls: [], phones: [], emails: ["paypal.com@evil.com"] });
  });
});

describe("internationalized hosts", () => {
  it("counts a host written in Unicode and in punycode as one string, in its ASCII form", () => {
    expect(extract("visit пример.рф and xn--e1afmkfd.xn--p1ai")).toEqual({ domains: ["xn--e1afmkfd.xn--p1ai"], urls: ["xn--e1afmkfd.xn--p1ai"], phones: [], emails: [] });
    expect(extract("https://ПРИМЕР.РФ/Путь?q=Да")).toMatchObject({ domains: ["xn--e1afmkfd.xn--p1ai"], urls: ["xn--e1afmkfd.xn--p1ai/Путь?q=Да"] });
    expect(extract("https://www.münchen.de/x")).toMatchObject({ domains: ["xn--mnchen-3ya.de"], urls: ["xn--mnchen-3ya.de/x"] });
  });

  it("keeps a look-alike host apart from the one it imitates", () => {
    // "раypal.com" with a Cyrillic "р" and "а".
    expect(domains("https://\u0440\u0430ypal.com/login https://paypal.com/login")).toEqual(["xn--ypal-43d9g.com", "paypal.com"]);
  });

  it("normalizes the domain of an e-mail address the same way", () => {
    expect(extract("info@пример.рф or INFO@xn--e1afmkfd.xn--p1ai").emails).toEqual(["info@xn--e1afmkfd.xn--p1ai"]);
  });
});

describe("emails", () => {
  it("keeps the whole address lower-cased and adds no domain or url", () => {
    expect(extract("mail Foo.Bar@Example.COM now")).toEqual({ domains: [], urls: [], phones: [], emails: ["foo.bar@example.com"] });
  });

  it("reads mailto: links as emails", () => {
    expect(extract("mailto:Info@Shop.co.uk?subject=x")).toEqual({ domains: [], urls: [], phones: [], emails: ["info@shop.co.uk"] });
  });

  it("lists each address once and keeps links next to it", () => {
    expect(extract("a@x.com, A@X.com or www.y.com")).toEqual({ domains: ["y.com"], urls: ["y.com"], phones: [], emails: ["a@x.com"] });
  });

  it("ignores addresses whose host has no known public suffix", () => {
    expect(extract("msg@£1.50rcvd user@localhost x@file.txt").emails).toEqual([]);
  });
});

describe("phones", () => {
  it("normalizes US formats to E.164", () => {
    for (const text of ["(555) 123-4567", "555.123.4567", "+1 555 123 4567", "5551234567", "+1 (555) 123-4567", "555-123-4567 ext. 12"]) {
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
      for (const text of ["on 2024-05-21", "on 21/05/2024", "on 21.05.2024", "on 05/21/2024", "on 2024.05.21", "at 10:30", "at 10:30:15", "10:30-11:45", "2024-05-21 10:30:15"]) {
        expect(phones(text, region), `${region} ${text}`).toEqual([]);
      }
    }
    expect(phones("Saison 2010-2011", "DE")).toEqual([]);
  });

  it("ignores digits inside alphanumeric codes, links and emails", () => {
    for (const text of ["code ABC1234567", "order #A12345678B", "ref ACL03530150PM", "example.com/1234567890", "user12345678@x.com", "id=1234567890", "www.07781482378.com"]) {
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
    expect(spamStringsOf("Visit https://www.Example.com/Win or mail Sales@Example.com or call 555-123-4567", "US")).toEqual([
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
  });

  it("turns one line into one output line, or an error line", () => {
    expect(processLine('{"text":"Call 09061701461"}', "GB")).toEqual({
      output: '{"domains":[],"urls":[],"phones":["+449061701461"],"emails":[]}',
      ok: true,
    });
    expect(processLine("   ", "GB")).toBeNull();
    expect(processLine("not json", "GB")).toMatchObject({ ok: false, output: expect.stringContaining('"error":"invalid JSON') });
    expect(processLine('{"body":"x"}', "GB")).toEqual({ ok: false, output: '{"error":"missing string field \\"text\\""}' });
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
    const bad = spawnSync(tsx, ["scripts/spam-extract.ts", "--region", "XX"], { cwd: repoRoot, input: "", encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown region");
    expect(bad.stdout).toBe("");
  }, 30_000);
});

describe("measureExtraction", () => {
  it("reports ours, the floor, their ratio and the added cost", async () => {
    const result = await measureExtraction({ texts: ["Visit https://bit.ly/3iXhvjG or call 555-123-4567", "ok see you"], region: "US", rounds: 3 });
    expect(result.messagesPerSecond.median).toBeGreaterThan(0);
    expect(result.floorMessagesPerSecond.p95).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.messagesPerSecond.median / result.floorMessagesPerSecond.median);
    expect(result.addedMicrosPerMessage).toBeCloseTo(1e6 / result.messagesPerSecond.median - 1e6 / result.floorMessagesPerSecond.median);
  });
});
