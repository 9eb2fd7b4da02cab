/**
 * The GitHub Action's entry point (`runs.using: node24`, `main: action/dist/main.js`).
 *
 * The runner starts it with its own Node: nothing is installed, no `setup-node` runs, and the Node
 * version the user's later steps see is untouched. `action/dist/` is this file bundled with the
 * whole linter (`npm run build:action`; a test checks the committed bundle is current), so the
 * action's install is the checkout of the action repository and nothing else.
 *
 * One lint run per job: the log format, SARIF (`sarif-file`) and the job summary
 * (`$GITHUB_STEP_SUMMARY`) all come from it.
 */
import { appendFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { runCli } from "../cli/cli.js";
import { tuneV8ForPlan } from "../cli/v8-tuning.js";

export type ActionEnv = Readonly<Record<string, string | undefined>>;

/**
 * An input as the runner passes it: `INPUT_` + the name upper-cased, spaces as `_`, hyphens kept
 * (`fail-on` -> `INPUT_FAIL-ON`). The underscore form is accepted too, for shells that cannot set
 * a name holding a hyphen.
 */
export function actionInput(env: ActionEnv, name: string): string {
  const key = `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, "_")] ?? "").trim();
}

/** Extra CLI flags, split on whitespace. Never evaluated: quotes and globs are not interpreted. */
export function splitArgs(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/** Paths one per line, so that a path may hold spaces; blank lines are skipped. */
export function splitPaths(text: string): string[] {
  const paths = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return paths.length > 0 ? paths : ["."];
}

export type FailOn = "error" | "warning" | "never";

export interface ActionPlan {
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly failOn: FailOn;
  readonly sarifFile: string;
}

/** Inputs -> the CLI's command line, or a message for an input that cannot be used. */
export function planRun(env: ActionEnv, cwd: string): ActionPlan | { readonly error: string } {
  const failOn = actionInput(env, "fail-on") || "error";
  if (failOn !== "error" && failOn !== "warning" && failOn !== "never") {
    return { error: `fail-on must be error, warning or never, not '${failOn}'` };
  }
  const workingDirectory = actionInput(env, "working-directory");
  const argv: string[] = [];
  const config = actionInput(env, "config");
  if (config) argv.push("--config", config);
  const baseline = actionInput(env, "baseline");
  if (baseline) argv.push("--baseline", baseline);
  argv.push(...splitArgs(actionInput(env, "args")));
  if (failOn === "warning") argv.push("--max-warnings", "0");
  const sarifFile = actionInput(env, "sarif-file");
  if (sarifFile) argv.push("--sarif-file", sarifFile);
  // the job summary: where findings beyond GitHub's per-step annotation limit are seen
  if (env.GITHUB_STEP_SUMMARY) argv.push("--summary-file", env.GITHUB_STEP_SUMMARY);
  argv.push("--format", actionInput(env, "format") || "github");
  // "--" before the paths: a file named like an option (--write-baseline=x.tf) stays a path
  argv.push("--", ...splitPaths(env.INPUT_PATHS ?? "."));
  return { cwd: workingDirectory ? resolve(cwd, workingDirectory) : cwd, argv, failOn, sarifFile };
}

/** The step's result: the linter's code, except that `fail-on: never` passes on findings. */
export function stepExitCode(lintCode: number, failOn: FailOn): number {
  return failOn === "never" && lintCode <= 1 ? 0 : lintCode;
}

/** `::error` workflow command text: `%`, CR and LF escaped as the runner expects. */
function workflowError(message: string): string {
  return `::error title=coder-secrets-lint::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`;
}

/** Runs the action in this process: inputs from the environment, outputs to `$GITHUB_OUTPUT`. */
export async function runAction(env: ActionEnv = process.env): Promise<number> {
  const plan = planRun(env, process.cwd());
  if ("error" in plan) {
    process.stdout.write(workflowError(plan.error));
    return 2;
  }
  let code: number;
  try {
    process.chdir(plan.cwd);
  } catch {
    process.stdout.write(workflowError("working-directory does not exist"));
    return 2;
  }
  try {
    code = await runCli(plan.argv, {
      cwd: plan.cwd,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env,
      readStdin: () => null,
      // the Action's step is a process of its own, like the bin: tuned for a large batch
      onPlan: tuneV8ForPlan,
      // a formatter file would be code from the checkout being linted
      formatterFiles: false,
    });
  } catch (error) {
    process.stdout.write(workflowError(`internal error: ${error instanceof Error ? error.message : String(error)}`));
    code = 2;
  }
  if (plan.sarifFile && code >= 2 && !nonEmptyFile(resolve(plan.cwd, plan.sarifFile))) {
    process.stdout.write(workflowError(`could not write SARIF (exit code ${code})`));
  }
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}\nsarif-file=${plan.sarifFile}\n`);
  return stepExitCode(code, plan.failOn);
}

function nonEmptyFile(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
