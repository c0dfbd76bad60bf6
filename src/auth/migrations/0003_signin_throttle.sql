-- Sign-in throttling without lock-out (auth/throttle.h): failures counted per key ("pair:login|address",
-- "address:...", "login:...", "device:..."), each with a doubling wait; and the devices trusted for an account
-- (the hash of the device cookie set by a successful sign-in; one browser may be trusted for several accounts), whose failures are counted on their own.
DROP TABLE login_throttle;
CREATE TABLE signin_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX signin_throttle_last ON signin_throttle (last_failure);
CREATE TABLE trusted_devices (
  token_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);
