# The same template done safely: external auth for GitHub, a provider-generated password shown
# only through a sensitive metadata item.
terraform {
  required_providers {
    coder = {
      source = "coder/coder"
    }
  }
}

data "coder_external_auth" "github" {
  id = "github"
}

resource "random_password" "db" {
  length = 24
}

resource "coder_agent" "main" {
  os   = "linux"
  arch = "amd64"
  env = {
    GITHUB_TOKEN = data.coder_external_auth.github.access_token
    DB_PASSWORD  = random_password.db.result
  }
}

resource "coder_metadata" "secrets" {
  resource_id = coder_agent.main.id
  item {
    key       = "GitHub token"
    value     = data.coder_external_auth.github.access_token
    sensitive = true
  }
  item {
    key       = "database password"
    value     = random_password.db.result
    sensitive = true
  }
}
