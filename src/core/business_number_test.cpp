#include "core/business_number.h"

#include <gtest/gtest.h>

namespace dongne {
namespace {

TEST(BusinessNumber, AcceptsWellFormedNumbersAndRefusesBadCheckDigits) {
  EXPECT_EQ(business_number("124-81-00998"), "1248100998");
  EXPECT_EQ(business_number("220 81 62517"), "2208162517");
  EXPECT_EQ(business_number("123-45-67891"), "1234567891");
  EXPECT_FALSE(business_number("124-81-00997"));  // check digit
  EXPECT_FALSE(business_number("124-81-0099"));   // nine digits
  EXPECT_FALSE(business_number("124-81-00998-1"));
  EXPECT_FALSE(business_number("124/81/00998"));
  EXPECT_FALSE(business_number(""));
}

}  // namespace
}  // namespace dongne
