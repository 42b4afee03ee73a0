"""Evidence strength: the weights (`evidence.toml` and a user's overrides, `config`) and the
transparent score of every attestation and claim (`score`)."""
