#!/usr/bin/env bash
# Runs coder-secrets-lint for the GitHub Action: writes SARIF when asked, prints the chosen format,
# and maps the exit code through `fail-on`. Outputs go to $GITHUB_OUTPUT.
set -uo pipefail
bin="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}/dist/bundle/cli.js"
fail_on="${INPUT_FAIL_ON:-error}"
case "$fail_on" in
  error|warning|never) ;;
  *) echo "::error title=coder-secrets-lint::fail-on must be error, warning or never, not '$fail_on'"; exit 2 ;;
esac

# working-directory: where paths, config and baseline are relative to
if [ -n "${INPUT_WORKING_DIRECTORY:-}" ]; then
  cd "$INPUT_WORKING_DIRECTORY" || { echo "::error title=coder-secrets-lint::working-directory does not exist"; exit 2; }
fi

args=()
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi
# extra CLI flags, split on whitespace (no shell evaluation: quotes and globs are not interpreted)
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
  args+=("${extra[@]}")
fi
if [ "$fail_on" = "warning" ]; then args+=(--max-warnings 0); fi
# paths one per line, so that a path may hold spaces; blank lines are skipped
paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  if [ -n "$line" ]; then paths+=("$line"); fi
done <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

sarif="${INPUT_SARIF_FILE:-}"
if [ -n "$sarif" ]; then args+=(--sarif-file "$sarif"); fi
# the job summary: where findings beyond GitHub's per-step annotation limit are seen
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then args+=(--summary-file "$GITHUB_STEP_SUMMARY"); fi

# one lint run: the log format, SARIF and the summary all come from it.
# "--" before the paths: a file named like an option (--write-baseline=x.tf) stays a path
node "$bin" "${args[@]}" --format "${INPUT_FORMAT:-github}" -- "${paths[@]}"
code=$?
if [ -n "$sarif" ] && [ "$code" -ge 2 ] && [ ! -s "$sarif" ]; then
  echo "::error title=coder-secrets-lint::could not write SARIF (exit code $code)"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "sarif-file=$sarif"
  } >> "$GITHUB_OUTPUT"
fi

if [ "$fail_on" = "never" ] && [ "$code" -le 1 ]; then exit 0; fi
exit "$code"
