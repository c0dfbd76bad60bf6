#include "core/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace dongne {
namespace {

// FIPS 180-2 appendix B vectors and the empty string.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MillionAs) {
  EXPECT_EQ(to_hex(sha256(std::string(1'000'000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShotAtEveryBlockBoundary) {
  std::string msg;
  for (int i = 0; i < 200; ++i) msg.push_back(static_cast<char>('a' + i % 26));
  for (size_t len = 0; len <= msg.size(); ++len) {
    const std::string part = msg.substr(0, len);
    for (size_t cut : {size_t{0}, len / 3, len / 2, len}) {
      Sha256 h;
      h.update(part.substr(0, cut));
      h.update(part.substr(cut));
      EXPECT_EQ(to_hex(h.finish()), to_hex(sha256(part))) << "len " << len << " cut " << cut;
    }
  }
}

TEST(Sha256, Utf8Korean) {
  // python3 -c "import hashlib;print(hashlib.sha256('동네'.encode()).hexdigest())"
  EXPECT_EQ(to_hex(sha256("동네")), "f97ccdfe641c28373e6cb38b564b99a6384de20e81c1776e00737e56085d2329");
}

}  // namespace
}  // namespace dongne
