/**
 * Text from a repository (file names, labels, keys, messages quoting them) shown to a person: its
 * control characters made visible. A newline inside a label must not start a new log line (on
 * GitHub Actions a line starting with `::` is a workflow command), an escape sequence must not
 * drive the terminal, and a bidirectional override must not reorder what is read (Trojan Source).
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Characters XML 1.0 cannot hold at all (escaping does not help): dropped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

/** A CDATA section holding any text: `]]>` split across two sections, characters XML forbids dropped. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

const ZERO_WIDTH_SPACE = "\u200b";
/**
 * Punctuation that starts an inline Markdown construct (code, emphasis, links, images,
 * strikethrough, table cells, escapes); block constructs (`#`, `-`, `>`) only begin a line, which a
 * table cell never does.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~]/g;

/**
 * Text from a repository shown in Markdown (a GitHub job summary) as text only: no live link, no
 * remote image, no @-mention or #-reference, no HTML. Control characters are made visible, `&<>`
 * become entities, inline Markdown punctuation is backslash-escaped (CommonMark shows it
 * literally), and a zero-width space breaks what GitHub links after rendering (`@user`, `#12`,
 * `https://`, `www.`), which escaping alone does not stop.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([@#])/g, `$1${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZERO_WIDTH_SPACE}.`)
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}
