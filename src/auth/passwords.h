// Password hashing with argon2id (libsodium crypto_pwhash, "interactive" limits: 2 passes, 64 MiB), random
// session tokens and their one-way hashes (only hashes are stored). Thread-safety: all functions are safe.
#pragma once

#include <string>

#include "core/result.h"

namespace dongne::auth {

// Must be called once before any other function here (libsodium init); returns false if it failed.
bool init_crypto();
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);
// Checks a new password for length and obvious weakness; a field error under `field`.
Status check_password_strength(const std::string& password, const std::string& field);
// 32 random bytes, URL-safe base64 without padding (43 chars).
std::string new_token();
// Hex BLAKE2b-256 of a token: what the sessions table stores.
std::string token_hash(const std::string& token);
// `n` random decimal digits (a code read out over a counter, e.g. a luggage order's pickup code).
std::string random_digits(size_t n);
// A random human-typeable password for demo or new staff accounts.
std::string random_password(size_t length = 14);

}  // namespace dongne::auth
