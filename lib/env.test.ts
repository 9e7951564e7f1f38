import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("needs no configuration at all", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./data", SEED_DEMO: "auto" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    const config = parseEnv({ DATABASE_URL: "", REDIS_URL: "" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("fails with a message naming each bad variable", () => {
    expect(() =>
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", REDIS_URL: "http://x", NEXTAUTH_SECRET: "short" }),
    ).toThrow(
      new RegExp(
        String.raw`PORT:.*\n.*DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL\n` +
          String.raw`.*REDIS_URL: must be a redis:\/\/.*\n.*NEXTAUTH_SECRET: must be at least 32`,
        "s",
      ),
    );
  });
});
