import { describe, expect, it } from "vitest";
import { at, lintFixture, messagesOf } from "../helpers.js";

describe("no-legacy-secret-attributes", () => {
  it("reports the removed attributes and data source, naming the replacement", async () => {
    const { findings, results } = await lintFixture("no-legacy-secret-attributes/bad", { only: "no-legacy-secret-attributes" });
    expect(findings).toEqual([
      at("main.tf", "no-legacy-secret-attributes", 5, 1, 5, 31),
      at("main.tf", "no-legacy-secret-attributes", 13, 20, 13, 63),
      at("main.tf", "no-legacy-secret-attributes", 14, 20, 14, 59),
    ]);
    expect(messagesOf(results)).toEqual([
      'data.coder_git_auth was removed in coder provider v2 and its access_token is never redacted; use data.coder_external_auth (data "coder_external_auth" "github").',
      "data.coder_workspace.me.owner_session_token was removed in coder provider v2 and is never redacted; use data.coder_workspace_owner.me.session_token.",
      "data.coder_git_auth was removed in coder provider v2 and its access_token is never redacted; use data.coder_external_auth (data.coder_external_auth.github.access_token).",
    ]);
  });

  it("stays silent on the replacements", async () => {
    expect((await lintFixture("no-legacy-secret-attributes/good", { only: "no-legacy-secret-attributes" })).findings).toEqual([]);
  });
});
