import { holdsNoCredential } from "../src/detectors/credentials.js";
import { addAttributeFix } from "../src/model/edits.js";
import { attr } from "../src/model/module.js";
import { docsUrl, type Rule, THROUGH_MODULE_MESSAGE } from "../src/rule-api/rule.js";
import { describeTrace } from "../src/taint/types.js";
import { metadataItems, taintWithKey } from "../src/taint/workspace.js";

/** A `coder_metadata` item that shows a secret must be marked `sensitive = true`. */
export const noCleartextMetadata: Rule = {
  meta: {
    id: "no-cleartext-metadata",
    description: "Disallow coder_metadata items that show a secret without sensitive = true",
    rationale:
      "coder_metadata items are shown on the workspace page to everyone who can view the workspace. An item whose value carries a secret must set sensitive = true so that the value is hidden by default (it is still readable through the API, so show only what the workspace user may see).",
    defaultSeverity: "error",
    docsUrl: docsUrl("no-cleartext-metadata"),
    messages: {
      throughModule: THROUGH_MODULE_MESSAGE,
      cleartextMetadata:
        "coder_metadata item {{item}} shows secret {{trace}} ({{reason}}) in cleartext: add sensitive = true.",
    },
    tags: ["security", "secrets", "coder_metadata"],
    securitySeverity: 6.5,
    fixable: "code",
  },
  check(context) {
    const taint = context.analysis.taint;
    for (const item of metadataItems(context.module, taint)) {
      if (item.sensitive === true || item.sensitive === "dynamic" || !item.value) continue;
      const keyRange = item.item.range;
      const flowed = taintWithKey(taint, item.value, item.scope, item.key, keyRange, "metadata item");
      const first = flowed[0];
      if (!first) continue;
      const resource = `coder_metadata.${item.resource.node.labels[1] ?? ""}`;
      context.report({
        messageId: "cleartextMetadata",
        data: {
          item: `${item.key !== null ? `"${item.key}"` : "(computed key)"} of ${resource}`,
          trace: describeTrace(first),
          reason: first.source.reason,
        },
        file: item.resource.file.path,
        range: item.range,
        trace: first,
        // `sensitive = false` becomes true; a missing one is added, aligned with its neighbours
        fix: item.sensitive === false ? { range: attr(item.item.body, "sensitive")?.value.range ?? item.range, text: "true" } : addAttributeFix(item.resource.file, item.item, "sensitive", "true", holdsNoCredential(item.resource.file)),
      });
    }
  },
};
