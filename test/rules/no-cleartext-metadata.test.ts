import { describe, expect, it } from "vitest";
import { at, lintFixture, messagesOf } from "../helpers.js";

describe("no-cleartext-metadata", () => {
  it("reports items and dynamic items that show a secret without sensitive = true", async () => {
    const { findings, results } = await lintFixture("no-cleartext-metadata/bad", { only: "no-cleartext-metadata" });
    expect(findings).toEqual([
      at("main.tf", "no-cleartext-metadata", 11, 3, 11, 7),
      at("main.tf", "no-cleartext-metadata", 15, 3, 15, 7),
      at("main.tf", "no-cleartext-metadata", 24, 3, 24, 17),
    ]);
    expect(messagesOf(results)).toEqual([
      'coder_metadata item "VNC password" of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true.',
      'coder_metadata item "GitHub token" of coder_metadata.workspace shows secret data.coder_external_auth.github.access_token (a Coder secret) in cleartext: add sensitive = true.',
      "coder_metadata item (computed key) of coder_metadata.workspace shows secret random_password.vnc.result (sensitive in the provider schema) in cleartext: add sensitive = true.",
    ]);
  });

  it("reports the same item in the require-sensitive-metadata fixture", async () => {
    const { findings } = await lintFixture("require-sensitive-metadata/bad", { only: "no-cleartext-metadata" });
    expect(findings).toEqual([at("main.tf", "no-cleartext-metadata", 35, 3, 35, 7)]);
  });

  it("stays silent on sensitive items, lengths, hashes and plain values", async () => {
    expect((await lintFixture("no-cleartext-metadata/good", { only: "no-cleartext-metadata" })).findings).toEqual([]);
  });
});
