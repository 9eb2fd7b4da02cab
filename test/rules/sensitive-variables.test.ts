import { describe, expect, it } from "vitest";
import { at, lintFixture } from "../helpers.js";

describe("sensitive-variables", () => {
  it("reports secret-named variables without sensitive = true, and sensitive ones with a literal default", async () => {
    const { findings, results } = await lintFixture("sensitive-variables/bad", { only: "sensitive-variables" });
    expect(findings).toEqual([
      at("main.tf", "sensitive-variables", 1, 1, 1, 23),
      at("main.tf", "sensitive-variables", 5, 1, 5, 24),
      at("main.tf", "sensitive-variables", 10, 1, 10, 19),
      at("main.tf", "sensitive-variables", 15, 3, 15, 37),
    ]);
    expect(results[0]?.messages.map((m) => m.fix?.text ?? null)).toEqual([
      "type      = string\n  sensitive = true",
      "true",
      "{\n  sensitive = true\n}",
      null,
    ]);
  });

  it("stays silent on sensitive variables, numbers, booleans, public keys, names that are not values, and empty defaults", async () => {
    expect((await lintFixture("sensitive-variables/good", { only: "sensitive-variables" })).findings).toEqual([]);
  });
});
