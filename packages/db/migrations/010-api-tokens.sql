-- 010-api-tokens: named API tokens (issue 16), so a submission records which token sent it.
-- Applied migrations are checksummed: never edit this file once released; add a new one.

-- One row per token. Only the SHA-256 of the secret is kept: the secret is shown once, when the
-- token is created, and a leaked database does not leak working tokens. A token is looked up by
-- that hash (an index lookup: the secret itself is never compared byte by byte). Revoking sets
-- revoked_at instead of deleting the row, so the name keeps meaning the same token in the
-- submissions it made; a revoked token's name is not reused.
CREATE TABLE api_tokens (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text        NOT NULL,
  token_sha256  bytea       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  -- Refreshed at most once a minute, so that busy tokens do not write on every request.
  last_used_at  timestamptz,
  CONSTRAINT api_tokens_name_key UNIQUE (name),
  CONSTRAINT api_tokens_token_sha256_key UNIQUE (token_sha256),
  CONSTRAINT api_tokens_name_check CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  CONSTRAINT api_tokens_sha256_check CHECK (octet_length(token_sha256) = 32)
);
