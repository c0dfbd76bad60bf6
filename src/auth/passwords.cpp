#include "auth/passwords.h"

#include <sodium.h>

#include "http/fields.h"

namespace dongne::auth {

bool init_crypto() { return sodium_init() >= 0; }

Result<std::string> hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::unavailable("잠시 후 다시 시도해 주세요", "password hashing ran out of memory; try again");
  }
  return std::string(out);
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  if (stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

Status check_password_strength(const std::string& password, const std::string& field) {
  auto len = http::utf8_length(password);
  if (!len) return Error::field(field, "encoding", "UTF-8 문자열이어야 합니다", "must be valid UTF-8");
  if (*len < 10)
    return Error::field(field, "too_short", "비밀번호는 10자 이상이어야 합니다", "passwords need at least 10 characters");
  if (password.size() > 256)
    return Error::field(field, "too_long", "비밀번호는 256바이트 이하여야 합니다", "passwords are at most 256 bytes");
  bool all_same = true;
  for (char c : password) all_same = all_same && c == password[0];
  if (all_same) return Error::field(field, "weak", "너무 단순한 비밀번호입니다", "this password is too simple");
  return ok_status();
}

std::string new_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_hash(const std::string& token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string random_digits(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  return out;
}

std::string random_password(size_t length) {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (size_t i = 0; i < length; ++i) out.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
  return out;
}

}  // namespace dongne::auth
