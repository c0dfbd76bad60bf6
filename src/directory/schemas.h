// The JSON answers of the directory routes as JSON Schema (their OpenAPI success bodies), beside
// directory.cpp's to_json. The API tests check every real answer against them (tests/api/contract.mjs).
// Thread-safety: pure.
#pragma once

#include "http/schema.h"

namespace dongne::directory::schemas {

using namespace http::schema;

inline nlohmann::json organisation() {
  return object({{"id", kInt},
                 {"kind", kStr},
                 {"code", kStr},
                 {"name_ko", kStr},
                 {"name_en", kStr},
                 {"parent_id", nullable(kInt)},
                 {"address", kStr},
                 {"demo", kBool},
                 {"retired", kBool}});
}

}  // namespace dongne::directory::schemas
