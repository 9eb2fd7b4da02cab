/**
 * Which files `coder templates push` uploads into a template version. Coder does not read
 * `.gitignore`: it archives every file of the template folder except hidden ones (a name starting
 * with a dot, in any folder of the path; `.terraform.lock.hcl` is kept), Terraform state
 * (`*.tfstate*`) and the variable files Terraform loads by itself (`terraform.tfvars(.json)`,
 * `*.auto.tfvars(.json)`). A file Coder uploads is kept in every template version and readable by
 * every template user; a file it leaves out is in git (when committed), never in a template version.
 */

/** `relativePath`: the file's path below the folder being pushed (or scanned), `/`-separated. */
export function coderPushes(relativePath: string): boolean {
  const parts = relativePath.split("/").filter((p) => p !== "" && p !== ".");
  const name = parts[parts.length - 1] ?? "";
  if (parts.some((part) => part.startsWith(".") && part !== ".terraform.lock.hcl")) return false;
  if (name.includes(".tfstate")) return false;
  return !/^terraform\.tfvars(\.json)?$/.test(name) && !/\.auto\.tfvars(\.json)?$/.test(name);
}

/**
 * no-hardcoded-credentials' message for a credential in a file: "kept in every template version"
 * only where Coder uploads the file (a committed terraform.tfvars is in git, never in a version).
 */
export function credentialMessageId(base: "knownFormat" | "namedLiteral", fileName: string): string {
  return coderPushes(fileName) ? base : `${base}NotUploaded`;
}
