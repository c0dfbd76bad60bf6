// The resident registration number check: the variants people type, and look-alikes that are not one.
#include "core/privacy.h"

#include <gtest/gtest.h>

namespace dongne {
namespace {

TEST(Privacy, FindsResidentNumbersHoweverTheyAreWritten) {
  for (const char* s : {"850315-2000005", "8503152000005", "850315 2000005", "850315 - 2000005",
                        "850315–2000005",   // en dash
                        "850315—2000005",   // em dash
                        "850315−2000005",   // minus sign
                        "850315－2000005",  // full-width hyphen-minus
                        "８５０３１５－２０００００２",  // full-width digits
                        "850315\u00a02000005", "850315\u30002000005", "주민번호는 850315-2000005 입니다",
                        "(850315-2000005)", "a850315-2000005b", "020101-3123456", "991231-8123456"}) {
    EXPECT_TRUE(looks_like_rrn(s)) << s;
  }
}

TEST(Privacy, LeavesOtherNumbersAlone) {
  for (const char* s : {"010-1234-5678", "01012345678", "02-123-4567", "123-45-67890",  // phones, a business number
                        "851315-2000005",   // month 13
                        "850300-2000005",   // day 00
                        "850315-9000005",   // not a gender digit
                        "850315-200000",    // six after the dash
                        "1850315-2000005",  // part of a longer number
                        "850315-20000051", "850315--- -2000005", "2019-03-15", "예산 12,000,000원", ""}) {
    EXPECT_FALSE(looks_like_rrn(s)) << s;
  }
}

}  // namespace
}  // namespace dongne

namespace dongne {
namespace {

TEST(Privacy, MasksEveryStoredNumberAndNothingElse) {
  EXPECT_EQ(mask_rrns("주민번호 850315-2000005 입니다"), "주민번호 ******-******* 입니다");
  EXPECT_EQ(mask_rrns("８５０３１５－２０００００２"), "******－*******") << "full-width digits, one byte each masked";
  EXPECT_EQ(mask_rrns("a 850315 – 2000005, b 9001011234567"), "a ****** – *******, b *************");
  EXPECT_EQ(mask_rrns("전화 010-1234-5678, 2026-12-07"), "전화 010-1234-5678, 2026-12-07");
  EXPECT_EQ(mask_rrns(R"({"n":8503152000005})", '0'), R"({"n":0000000000000})");
  EXPECT_FALSE(looks_like_rrn(mask_rrns("850315-2000005", '0'))) << "a zero mask is no longer a number of that shape";
  EXPECT_EQ(mask_rrns(""), "");
}

}  // namespace
}  // namespace dongne
