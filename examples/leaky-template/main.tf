# An example template with the mistakes coder-secrets-lint catches. Run: npm run demo
terraform {
  required_providers {
    coder = {
      source = "coder/coder"
    }
  }
}

data "coder_workspace_owner" "me" {}

# Parameters are shown in cleartext around Coder: never collect a secret with one.
data "coder_parameter" "github_token" {
  name         = "github_token"
  display_name = "GitHub personal access token"
  type         = "string"
  mutable      = true
}

resource "random_password" "db" {
  length = 24
}

locals {
  database_url = "postgres://app:${random_password.db.result}@db:5432/app"
}

resource "coder_agent" "main" {
  os   = "linux"
  arch = "amd64"
  env = {
    GITHUB_TOKEN = data.coder_parameter.github_token.value
    DATABASE_URL = local.database_url
  }
}

resource "coder_metadata" "db" {
  resource_id = coder_agent.main.id
  item {
    key   = "database password"
    value = random_password.db.result
  }
}
