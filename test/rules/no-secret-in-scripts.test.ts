import { describe, expect, it } from "vitest";
import { printsInterpolation } from "../../rules/no-secret-in-scripts.js";
import { lintFixture } from "../helpers.js";

describe("no-secret-in-scripts", () => {
  it("reports secrets in scripts and commands; printing them is an error", async () => {
    const { results } = await lintFixture("no-secret-in-scripts/bad", { only: "no-secret-in-scripts" });
    expect(results[0]?.messages.map((m) => [m.ruleId, m.severity, m.messageId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ["no-secret-in-scripts", 1, "secretInScript", 13, 25, 13, 71],
      ["no-secret-in-scripts", 2, "secretPrinted", 14, 20, 14, 50],
      ["no-secret-in-scripts", 1, "secretInScript", 19, 48, 19, 78],
      ["no-secret-in-scripts", 2, "secretPrinted", 30, 19, 30, 49],
      ["no-secret-in-scripts", 1, "secretInScript", 37, 28, 37, 58],
      ["no-secret-in-scripts", 1, "secretIntoTemplate", 43, 64, 43, 99],
    ]);
    expect(results[0]?.messages[1]?.message).toBe(
      "Secret data.coder_secret.api.value (a Coder secret) is interpolated into coder_agent.main startup_script and printed by `echo`: it ends up in the workspace logs; pass it through the environment and never print it.",
    );
  });

  it("follows a script built in locals to where the secret enters it, and reports repeats once", async () => {
    const { results } = await lintFixture("no-secret-in-scripts/local-script", { only: "no-secret-in-scripts" });
    const messages = results[0]?.messages ?? [];
    expect(messages.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([[8, 30, 8, 77]]);
    expect(messages[0]?.message).toBe(
      "Secret data.coder_external_auth.github.access_token (a Coder secret) is interpolated into coder_script.clone script (built in local.setup <- local.clone_script), which Coder stores and returns from its API; pass it through the environment instead. It recurs 1 more time in the same place (related locations).",
    );
    expect(messages[0]?.related?.map((r) => [r.label, r.line, r.column, r.endLine, r.endColumn])).toEqual([["the same secret again", 9, 53, 9, 100]]);
  });

  it("follows templatefile() variables built with merge() and locals, one finding per secret", async () => {
    const { results } = await lintFixture("no-secret-in-scripts/templatefile-local", { only: "no-secret-in-scripts" });
    const messages = results[0]?.messages ?? [];
    expect(messages.map((m) => [m.messageId, m.line, m.column, m.endLine, m.endColumn])).toEqual([["secretIntoTemplate", 9, 5, 9, 40]]);
    // the rendered .npmrc passed in as NPMRC carries the same token: a related location
    expect(messages[0]?.related?.map((r) => [r.line, r.column, r.endLine, r.endColumn])).toEqual([[23, 5, 23, 24]]);
  });

  it("gives the owner's SSH private key its own advice: do not write it at all", async () => {
    const { results } = await lintFixture("no-secret-in-scripts/owner-ssh-key", { only: "no-secret-in-scripts" });
    expect(results[0]?.messages.map((m) => [m.messageId, m.line, m.column, m.endLine, m.endColumn])).toEqual([["ownerSshKey", 8, 11, 8, 59]]);
    expect(results[0]?.messages[0]?.message).toBe(
      "The workspace owner's SSH private key (data.coder_workspace_owner.me.ssh_private_key) is interpolated into coder_agent.main startup_script: Coder keeps these keys off disk on purpose, and Git over SSH already uses it through `coder gitssh` (GIT_SSH_COMMAND, set by the agent). Remove it from the script.",
    );
  });

  it("stays silent on non-secrets, environment variables and coder_env", async () => {
    expect((await lintFixture("no-secret-in-scripts/good", { only: "no-secret-in-scripts" })).findings).toEqual([]);
  });

  it.each([
    ['echo "token is ', '"\n', "echo"],
    ["printf '%s' ", "\n", "printf"],
    ["set -x\ndeploy --key ", "\n", "set -x"],
    ["cat <<EOF\nkey: ", "\nEOF\n", "cat <<"],
  ])("%j ... is printed by %s", (before, after, printer) => {
    expect(printsInterpolation(before, after)).toBe(printer);
  });

  it.each([
    ['echo "', '" > ~/.token\n'],
    ["echo ", " | docker login --password-stdin\n"],
    ["set -x\nset +x\nlogin ", "\n"],
    ["cat <<EOF > ~/.netrc\npassword ", "\nEOF\n"],
  ])("%j ... is not printed", (before, after) => {
    expect(printsInterpolation(before, after)).toBeNull();
  });
});
