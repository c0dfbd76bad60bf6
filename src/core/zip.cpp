#include "core/zip.h"

#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dongne {

Result<std::string> zip_files(const std::vector<std::pair<std::string, std::string>>& files) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/dongne-zip-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::unavailable("압축 파일을 만들 수 없습니다", "cannot create the archive file");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{path};
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!z) return Error::internal("minizip could not open " + path);
  zip_fileinfo info{};
  info.tmz_date = {0, 0, 0, 1, 0, 2026};  // 2026-01-01 00:00:00 (tm_mon is 0-based)
  for (const auto& [name, data] : files) {
    int rc = zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION,
                                   data.size() >= 0xffffffffu ? 1 : 0);
    if (rc == ZIP_OK) rc = zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size()));
    if (rc == ZIP_OK) rc = zipCloseFileInZip(z);
    if (rc != ZIP_OK) {
      zipClose(z, nullptr);
      return Error::internal("minizip could not write " + name);
    }
  }
  if (zipClose(z, nullptr) != ZIP_OK) return Error::internal("minizip could not close the archive");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace dongne
