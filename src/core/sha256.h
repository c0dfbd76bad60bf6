// SHA-256 (FIPS 180-4), self-contained so that published lottery draws can be re-run by anyone.
// Pure: no I/O, no allocation beyond the returned values. Thread-safety: a Sha256 object is not shared;
// the free functions are reentrant.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dongne {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental hasher: update() any number of times, then finish() once.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t len);
  void update(std::string_view s) { update(s.data(), s.size()); }
  Sha256Digest finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t buf_len_ = 0;
  std::uint64_t total_len_ = 0;  // bytes
};

Sha256Digest sha256(std::string_view data);
// Lower-case hex of a digest (64 characters).
std::string to_hex(const Sha256Digest& d);

}  // namespace dongne
