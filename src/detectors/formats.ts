import { hasValidCrc32Suffix } from "./checksums.js";

/**
 * Credential formats, each from its vendor's documentation. A detector runs only on files that
 * contain one of its keywords (lower case), so adding detectors does not slow every file down.
 * `pattern` is global; the secret is capture group 1 when there is one, else the whole match.
 */
export interface Detector {
  readonly id: string;
  readonly name: string;
  readonly keywords: readonly string[];
  readonly pattern: RegExp;
  /** A vendor checksum or shape check on the secret: false means "looks alike, is not one". */
  readonly validate?: (secret: string) => boolean;
  /**
   * For blocks (private keys): the pattern matches the opening line and the secret extends to this
   * closing marker, found with indexOf (a regex spanning the block would backtrack).
   */
  readonly endMarker?: string;
  /** The block ends at the end of the closing marker's line (PuTTY's `Private-MAC: <hex>`), not at the marker. */
  readonly endsWithLine?: boolean;
  /** Without its closing marker, the opening line alone is the secret (PuTTY's header names the key file). */
  readonly openingLineIfUnclosed?: boolean;
}

/** Characters that may border a token: it is not part of a longer word. */
const B = String.raw`(?<![A-Za-z0-9_\-])`;
const E = String.raw`(?![A-Za-z0-9_\-])`;

function re(source: string, flags = "g"): RegExp {
  return new RegExp(source, flags);
}

/** A real key has a body of at least a few hundred base64 characters; `YourKeyHere` has not. */
function hasKeyMaterial(block: string): boolean {
  const body = block.replace(/-----(?:BEGIN|END)[^-]{1,40}-----/g, "").replace(/\\n|\s|Proc-Type:[^\n]{0,40}|DEK-Info:[^\n]{0,80}/g, "");
  return /^[A-Za-z0-9+/=]{100,}$/.test(body);
}

export const DETECTORS: readonly Detector[] = [
  // AWS: access key ids are AKIA (long-term) or ASIA (temporary) + 16 base32 characters.
  { id: "aws-access-key-id", name: "AWS access key ID", keywords: ["akia", "asia", "abia", "acca"], pattern: re(`${B}((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`) },
  {
    id: "aws-secret-access-key",
    name: "AWS secret access key",
    keywords: ["aws"],
    pattern: re(String.raw`aws_?secret_?(?:access_?)?key["']?\s{0,5}[=:]\s{0,5}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`, "gi"),
  },
  // Google Cloud
  { id: "gcp-service-account-key", name: "GCP service account key (JSON)", keywords: ["service_account"], pattern: re(String.raw`"type"\s{0,5}:\s{0,5}"service_account"`) },
  { id: "gcp-api-key", name: "Google API key", keywords: ["aiza"], pattern: re(`${B}(AIza[0-9A-Za-z_\\-]{35})${E}`) },
  { id: "gcp-oauth-client-secret", name: "Google OAuth client secret", keywords: ["gocspx-"], pattern: re(`${B}(GOCSPX-[A-Za-z0-9_\\-]{28})${E}`) },
  // Azure
  { id: "azure-storage-account-key", name: "Azure storage account key", keywords: ["accountkey="], pattern: re(String.raw`AccountKey=([A-Za-z0-9+/]{86}==)`) },
  // The `sig` parameter of an Azure SAS URL: an HMAC-SHA256, base64 and percent-encoded.
  { id: "azure-sas-token", name: "Azure shared access signature", keywords: ["sig="], pattern: re(String.raw`[?&]sig=([A-Za-z0-9%+/=]{30,120})(?![A-Za-z0-9%+/=])`) },
  { id: "azure-client-secret", name: "Azure AD client secret", keywords: ["q~"], pattern: re(String.raw`(?<![A-Za-z0-9_~.\-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])`) },
  // GitHub: documented prefixes; classic tokens carry a CRC32 checksum.
  { id: "github-pat", name: "GitHub personal access token (classic)", keywords: ["ghp_"], pattern: re(`${B}(ghp_[A-Za-z0-9]{36})${E}`), validate: hasValidCrc32Suffix },
  { id: "github-oauth-token", name: "GitHub OAuth access token", keywords: ["gho_"], pattern: re(`${B}(gho_[A-Za-z0-9]{36})${E}`), validate: hasValidCrc32Suffix },
  { id: "github-user-token", name: "GitHub user-to-server token", keywords: ["ghu_"], pattern: re(`${B}(ghu_[A-Za-z0-9]{36})${E}`), validate: hasValidCrc32Suffix },
  { id: "github-server-token", name: "GitHub server-to-server token", keywords: ["ghs_"], pattern: re(`${B}(ghs_[A-Za-z0-9]{36})${E}`), validate: hasValidCrc32Suffix },
  { id: "github-refresh-token", name: "GitHub refresh token", keywords: ["ghr_"], pattern: re(`${B}(ghr_[A-Za-z0-9]{36,76})${E}`) },
  { id: "github-fine-grained-pat", name: "GitHub fine-grained personal access token", keywords: ["github_pat_"], pattern: re(`${B}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`) },
  // GitLab
  { id: "gitlab-pat", name: "GitLab personal access token", keywords: ["glpat-"], pattern: re(`${B}(glpat-[A-Za-z0-9_\\-.]{20,300})${E}`) },
  { id: "gitlab-runner-token", name: "GitLab runner authentication token", keywords: ["glrt-"], pattern: re(`${B}(glrt-[A-Za-z0-9_\\-.]{20,300})${E}`) },
  { id: "gitlab-deploy-token", name: "GitLab deploy token", keywords: ["gldt-"], pattern: re(`${B}(gldt-[A-Za-z0-9_\\-]{20,300})${E}`) },
  // Atlassian / Bitbucket
  { id: "bitbucket-app-password", name: "Bitbucket app password", keywords: ["atbb"], pattern: re(`${B}(ATBB[A-Za-z0-9_=.\\-]{28,60})${E}`) },
  { id: "atlassian-api-token", name: "Atlassian API token", keywords: ["atatt"], pattern: re(`${B}(ATATT[A-Za-z0-9_=\\-]{150,250})${E}`) },
  // Slack
  { id: "slack-bot-token", name: "Slack bot token", keywords: ["xoxb-"], pattern: re(`${B}(xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{20,34})${E}`) },
  { id: "slack-user-token", name: "Slack user token", keywords: ["xoxp-"], pattern: re(`${B}(xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[a-f0-9]{28,34})${E}`) },
  { id: "slack-app-token", name: "Slack app-level token", keywords: ["xapp-"], pattern: re(`${B}(xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-f0-9]{48,80})${E}`) },
  { id: "slack-webhook-url", name: "Slack incoming webhook URL", keywords: ["hooks.slack.com"], pattern: re(String.raw`https://hooks\.slack\.com/(?:services|workflows)/(T[A-Z0-9]{6,12}/[A-Z0-9]{6,14}/[A-Za-z0-9]{20,34})`) },
  // Payments and messaging
  { id: "stripe-secret-key", name: "Stripe secret or restricted key", keywords: ["sk_live_", "sk_test_", "rk_live_", "rk_test_"], pattern: re(`${B}((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247})${E}`) },
  { id: "twilio-api-key", name: "Twilio API key SID", keywords: ["sk"], pattern: re(`${B}(SK[0-9a-f]{32})${E}`) },
  { id: "sendgrid-api-key", name: "SendGrid API key", keywords: ["sg."], pattern: re(`${B}(SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43})${E}`) },
  { id: "mailgun-api-key", name: "Mailgun API key", keywords: ["key-"], pattern: re(`${B}(key-[0-9a-f]{32})${E}`) },
  // AI vendors
  { id: "openai-api-key", name: "OpenAI API key", keywords: ["t3blbkfj"], pattern: re(`${B}(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{16,150}T3BlbkFJ[A-Za-z0-9_\\-]{16,150})${E}`) },
  { id: "anthropic-api-key", name: "Anthropic API key", keywords: ["sk-ant-"], pattern: re(`${B}(sk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_\\-]{80,120})${E}`) },
  { id: "huggingface-token", name: "Hugging Face access token", keywords: ["hf_"], pattern: re(`${B}(hf_[A-Za-z]{34})${E}`) },
  // Package registries
  { id: "npm-token", name: "npm access token", keywords: ["npm_"], pattern: re(`${B}(npm_[A-Za-z0-9]{36})${E}`), validate: hasValidCrc32Suffix },
  { id: "pypi-token", name: "PyPI API token", keywords: ["pypi-"], pattern: re(`${B}(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,250})${E}`) },
  { id: "dockerhub-pat", name: "Docker Hub personal access token", keywords: ["dckr_pat_"], pattern: re(`${B}(dckr_pat_[A-Za-z0-9_\\-]{27,40})${E}`) },
  { id: "jfrog-api-key", name: "JFrog Artifactory API key", keywords: ["akcp"], pattern: re(`${B}(AKCp[A-Za-z0-9]{69})${E}`) },
  { id: "jfrog-access-token", name: "JFrog access/identity token", keywords: ["cmvmdgtu"], pattern: re(`${B}(cmVmdGtu[A-Za-z0-9]{56,120})${E}`) },
  // Clouds and infrastructure
  { id: "digitalocean-token", name: "DigitalOcean token", keywords: ["dop_v1_", "doo_v1_", "dor_v1_"], pattern: re(`${B}(do[por]_v1_[a-f0-9]{64})${E}`) },
  {
    id: "hetzner-api-token",
    name: "Hetzner Cloud API token",
    keywords: ["hcloud", "hetzner"],
    pattern: re(String.raw`(?:hcloud|hetzner)_?(?:api_?)?token["']?\s{0,5}[=:]\s{0,5}["']?([A-Za-z0-9]{64})(?![A-Za-z0-9])`, "gi"),
  },
  { id: "vault-token", name: "HashiCorp Vault token", keywords: ["hvs.", "hvb.", "hvr."], pattern: re(`${B}(hv[sbr]\\.[A-Za-z0-9_\\-]{24,250})${E}`) },
  { id: "terraform-cloud-token", name: "Terraform Cloud / Enterprise API token", keywords: [".atlasv1."], pattern: re(`${B}([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_\\-=]{60,70})${E}`) },
  { id: "tailscale-key", name: "Tailscale auth or API key", keywords: ["tskey-"], pattern: re(`${B}(tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,40})${E}`) },
  { id: "doppler-token", name: "Doppler token", keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct."], pattern: re(`${B}(dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44})${E}`) },
  { id: "pulumi-token", name: "Pulumi access token", keywords: ["pul-"], pattern: re(`${B}(pul-[a-f0-9]{40})${E}`) },
  { id: "grafana-service-account-token", name: "Grafana service account token", keywords: ["glsa_"], pattern: re(`${B}(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${E}`) },
  { id: "linear-api-key", name: "Linear API key", keywords: ["lin_api_"], pattern: re(`${B}(lin_api_[A-Za-z0-9]{40})${E}`) },
  { id: "shopify-token", name: "Shopify access token", keywords: ["shpat_", "shpca_", "shppa_", "shpss_"], pattern: re(`${B}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${E}`) },
  { id: "newrelic-user-key", name: "New Relic user API key", keywords: ["nrak-"], pattern: re(`${B}(NRAK-[A-Z0-9]{27})${E}`) },
  {
    id: "datadog-api-key",
    name: "Datadog API key",
    keywords: ["datadog", "dd_api", "ddapi"],
    pattern: re(String.raw`(?:datadog|dd)_?api_?key["']?\s{0,5}[=:]\s{0,5}["']?([a-f0-9]{32})(?![A-Za-z0-9])`, "gi"),
  },
  {
    id: "datadog-app-key",
    name: "Datadog application key",
    keywords: ["datadog", "dd_app", "ddapp"],
    pattern: re(String.raw`(?:datadog|dd)_?app(?:lication)?_?key["']?\s{0,5}[=:]\s{0,5}["']?([a-f0-9]{40})(?![A-Za-z0-9])`, "gi"),
  },
  // Generic structured secrets
  // no lookaround: the token's start is a consumed boundary (captured after it) and its end is where
  // the greedy last segment stops, so recheck proves the pattern linear with its automaton checker
  // (with lookaround it fell back to random fuzzing, whose verdict changed from run to run)
  { id: "jwt", name: "JSON Web Token", keywords: ["eyj"], pattern: re(String.raw`(?:^|[^A-Za-z0-9_\-])(eyJ[A-Za-z0-9_\-]{10,2000}\.eyJ[A-Za-z0-9_\-]{10,4000}\.[A-Za-z0-9_\-]{10,1000})`) },
  {
    id: "private-key",
    name: "PEM private key",
    keywords: ["private key-----"],
    pattern: re(String.raw`-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----`),
    endMarker: "PRIVATE KEY-----",
    validate: hasKeyMaterial,
  },
  {
    id: "openssh-private-key",
    name: "OpenSSH private key",
    keywords: ["openssh private key"],
    pattern: re(String.raw`-----BEGIN OPENSSH PRIVATE KEY-----`),
    endMarker: "-----END OPENSSH PRIVATE KEY-----",
    validate: hasKeyMaterial,
  },
  {
    id: "pgp-private-key",
    name: "PGP private key block",
    keywords: ["pgp private key block"],
    pattern: re(String.raw`-----BEGIN PGP PRIVATE KEY BLOCK-----`),
    endMarker: "-----END PGP PRIVATE KEY BLOCK-----",
    validate: hasKeyMaterial,
  },
  {
    // a multi-line key: from its header to the Private-MAC line, masked as a whole
    id: "putty-private-key",
    name: "PuTTY private key",
    keywords: ["putty-user-key-file-"],
    pattern: re(String.raw`PuTTY-User-Key-File-[23]: [a-z0-9\-]{3,30}`),
    endMarker: "Private-MAC: ",
    endsWithLine: true,
    openingLineIfUnclosed: true,
  },
  // user:password@host; neither part may hold ':' or '@', so the split is unambiguous. The host may
  // be interpolated (`@${var.db_host}`): the password before it is still written out
  { id: "url-credentials", name: "Password in a URL", keywords: ["://"], pattern: re(String.raw`://[^\s:@/"'$]{1,100}:([^\s:@/"'$]{3,200})@(?=[A-Za-z0-9\-_.\[]|\$\{)`) },
  {
    id: "coder-session-token",
    name: "Coder session token",
    keywords: ["coder"],
    pattern: re(String.raw`coder[A-Za-z_\- ]{0,20}(?:session|token|api_key)[A-Za-z_\-]{0,12}["']?\s{0,5}[=: ]\s{0,5}["']?([A-Za-z0-9]{10}-[A-Za-z0-9]{22})(?![A-Za-z0-9])`, "gi"),
  },
];
