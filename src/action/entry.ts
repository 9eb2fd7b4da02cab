/** The action's bundle entry (`action/dist/main.js`): run, and hand the step's exit code to the runner. */
import { runAction } from "./main.js";

void runAction().then((code) => {
  process.exitCode = code;
});
