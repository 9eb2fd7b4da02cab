import { describe, expect, it } from "vitest";
import { urlPart } from "../../rules/no-secret-in-urls.js";
import { at, lintFixture } from "../helpers.js";

describe("no-secret-in-urls", () => {
  it("reports secrets in app URLs, healthchecks, query strings and userinfo", async () => {
    const { findings, results } = await lintFixture("no-secret-in-urls/bad", { only: "no-secret-in-urls" });
    expect(findings).toEqual([
      at("main.tf", "no-secret-in-urls", 16, 44, 16, 90),
      at("main.tf", "no-secret-in-urls", 18, 51, 18, 65),
      at("main.tf", "no-secret-in-urls", 25, 27, 25, 41),
      at("main.tf", "no-secret-in-urls", 26, 64, 26, 78),
    ]);
    expect(results[0]?.messages[2]?.message).toBe(
      "Secret var.api_key (a variable declared sensitive = true) is put into the user:password part of a URL: URLs end up in logs, history and the API.",
    );
  });

  it("stays silent on URLs without secrets and secrets outside URLs", async () => {
    expect((await lintFixture("no-secret-in-urls/good", { only: "no-secret-in-urls" })).findings).toEqual([]);
  });

  it.each([
    ["https://x.example.com/?token=", "", "query"],
    ["https://x.example.com/a?b=1&key=", "&c=2", "query"],
    ["https://oauth2:", "@gitlab.example.com/r.git", "userinfo"],
    ["git clone https://", "@github.com/o/r", "userinfo"],
  ])("%j<secret>%j is in the %s", (before, after, part) => {
    expect(urlPart(before, after)).toBe(part);
  });

  it.each([
    ["--token=", ""],
    ["https://example.com/", "/path"],
    ["curl -H 'Authorization: ", "' https://example.com/?a=1"],
  ])("%j<secret>%j is not in a URL's query or userinfo", (before, after) => {
    expect(urlPart(before, after)).toBeNull();
  });
});
