// Zip archives written with Debian's minizip (zlib's contrib): named files deflated into one archive in memory,
// e.g. a GTFS feed. Thread-safety: safe (each call writes its own temporary file).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dongne {

// The archive's bytes; entries in the given order, all dated 2026-01-01 00:00 (the same files give the same bytes).
Result<std::string> zip_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace dongne
