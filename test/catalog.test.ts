import { describe, expect, it } from "vitest";
import { Catalog, secretNameMatch, splitWords } from "../src/catalog/index.js";
import { mayNameSecret, SECRET_WORD_TABLE } from "../src/catalog/secret-names.js";

describe("secret names", () => {
  it("splits snake, kebab, camel and spaced names into words", () => {
    expect(splitWords("DB_PASSWORD")).toEqual(["db", "password"]);
    expect(splitWords("githubAPIKey")).toEqual(["github", "api", "key"]);
    expect(splitWords("Your vendor-password")).toEqual(["your", "vendor", "password"]);
  });

  it.each([
    ["db_password", "password"],
    ["GITHUB_TOKEN", "token"],
    ["client_secret", "secret"],
    ["OPENAI_API_KEY", "api key"],
    ["aws_secret_access_key", "secret"],
    ["AWS_ACCESS_KEY", "access key"],
    ["ssh_private_key", "private key"],
    ["apiKey", "api key"],
    ["DB_PASS", "pass"],
    ["kubeconfig", "kubeconfig"],
    ["storage_connection_string", "connection string"],
    ["GitHub personal access token", "token"],
    ["github_pat", "pat"],
    ["git_pat", "pat"],
    ["Git PAT", "pat"],
    ["gitea_pat", "pat"],
    // one-token spellings
    ["authkey", "authkey"],
    ["privkey", "privkey"],
    ["passwd", "passwd"],
    ["pwd", "pwd"],
    ["pgpassword", "pgpassword"],
    ["PGPASSWORD", "pgpassword"],
    ["MYSQL_PWD", "pwd"],
    ["apitoken", "apitoken"],
    ["TS_AUTHKEY", "authkey"],
    // near misses of the setting words: the secret itself, named after its backend or engine
    ["vault_backend_token", "token"],
    ["engine_api_key", "api key"],
  ])("%s names a secret (%s)", (name, word) => {
    expect(secretNameMatch(name)).toBe(word);
  });

  it.each([
    "max_tokens", "token_count", "ssh_public_key", "public_key_openssh", "secret_name", "password_length",
    "token_ttl", "use_token_auth", "key_vault_id", "access_key_id", "api_key_file", "pat", "passing", "keys",
    "region", "bypass", "token_url", "tokens",
    // the last word is not the secret, or a verb about it comes first
    "password_store", "password_length", "token_count", "secret_name", "clear_token", "rotate_password", "use_token", "enable_password_auth", "show_secret",
    // settings about how a secret is kept or checked
    "secret_backend", "password_algorithm", "token_engine", "secret_driver", "password_rules", "key_cipher",
  ])("%s does not", (name) => {
    expect(secretNameMatch(name)).toBeNull();
  });
});

describe("sensitive attribute catalog", () => {
  const catalog = new Catalog();

  it("knows provider-sensitive attributes, nested paths and whole resources", () => {
    expect(catalog.lookup("resource", "random_password", ["result"])).toEqual({ kind: "schema-sensitive", attribute: "result" });
    expect(catalog.lookup("resource", "azurerm_kubernetes_cluster", ["kube_config", "password"])?.kind).toBe("schema-sensitive");
    expect(catalog.lookup("resource", "azurerm_kubernetes_cluster", ["kube_config"])?.kind).toBe("schema-sensitive");
    expect(catalog.lookup("resource", "random_password", [])?.kind).toBe("schema-sensitive");
    expect(catalog.lookup("data", "coder_workspace_owner", ["session_token"])?.kind).toBe("schema-sensitive");
    expect(catalog.lookup("data", "coder_workspace_owner", ["ssh_public_key"])).toBeNull();
    expect(catalog.lookup("resource", "random_password", ["length"])).toBeNull();
  });

  it("knows legacy Coder secrets the provider never flagged", () => {
    expect(catalog.lookup("data", "coder_workspace", ["owner_session_token"])?.kind).toBe("unflagged-secret");
    expect(catalog.lookup("data", "coder_git_auth", ["access_token"])?.kind).toBe("unflagged-secret");
  });

  it("takes extra attributes from configuration and provider schemas", () => {
    const extended = new Catalog();
    extended.addAttributes(["twilio_iam_api_key.secret", "data.acme_login.password"]);
    expect(extended.lookup("resource", "twilio_iam_api_key", ["secret"])?.kind).toBe("configured");
    expect(extended.lookup("data", "acme_login", ["password"])?.kind).toBe("configured");
    const added = extended.addProviderSchema({
      provider_schemas: {
        acme: {
          resource_schemas: {
            acme_box: { block: { attributes: { pin: { sensitive: true }, id: {} }, block_types: { admin: { block: { attributes: { key: { sensitive: true } } } } } } },
          },
        },
      },
    });
    expect(added).toBe(2);
    expect(extended.lookup("resource", "acme_box", ["admin", "key"])?.kind).toBe("configured");
    expect(extended.lookup("resource", "acme_box", ["id"])).toBeNull();
  });
});

describe("SECRET_NAME_HINT (the guard text scanners use before looking for named values)", () => {
  it("occurs in every secret word and every name the catalog calls a secret", () => {
    for (const word of SECRET_WORD_TABLE) expect(mayNameSecret(word), word).toBe(true);
    for (const name of ["DB_PASSWORD", "api_key", "ACCESS_KEY", "client-secret", "githubPAT", "sas_token", "db_connection_string", "kubeconfig", "MYSQL_PWD", "user_pass", "authtoken"]) {
      expect(secretNameMatch(name), name).not.toBeNull();
      expect(mayNameSecret(name), name).toBe(true);
    }
  });

  it("lets text without any of its stems be skipped whole", () => {
    expect(mayNameSecret("apt-get install -y curl\ncd /home/coder && make")).toBe(false);
  });
});
