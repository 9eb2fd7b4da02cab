/**
 * Decoding of HCL string text: the escapes of quoted templates and the template escapes (`$${`,
 * `%%{`) that heredocs also have. The parser has already checked that every escape is valid.
 */

/** Decodes the escapes of a quoted HCL string (`\n`, `\"`, `\uXXXX`, `$${`, `%%{`). */
export function decodeQuoted(raw: string): string {
  if (!raw.includes("\\") && !raw.includes("$${") && !raw.includes("%%{")) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === "\\" && i + 1 < raw.length) {
      const next = raw[i + 1];
      i++;
      switch (next) {
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "u":
        case "U": {
          const width = next === "u" ? 4 : 8;
          const hex = raw.slice(i + 1, i + 1 + width);
          const code = hex.length === width && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
          if (code >= 0 && code <= 0x10ffff) {
            out += String.fromCodePoint(code);
            i += width;
          } else out += "\\" + next;
          break;
        }
        default: out += "\\" + (next ?? "");
      }
    } else if ((ch === "$" || ch === "%") && raw[i + 1] === ch && raw[i + 2] === "{") {
      out += ch + "{";
      i += 2;
    } else out += ch ?? "";
  }
  return out;
}

/** In heredocs only the template escapes apply. */
export function decodeHeredoc(raw: string): string {
  if (!raw.includes("$${") && !raw.includes("%%{")) return raw;
  return raw.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
