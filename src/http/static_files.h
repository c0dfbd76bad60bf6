// Serves the built web front end (web/dist) with caching headers: content-hashed assets are immutable for a
// year, everything else revalidates by ETag. Unknown paths without an extension fall back to index.html (the
// front end routes them). Paths are confined to the root directory.
// Thread-safety: lookups are safe from any thread (files are cached behind a mutex).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.h"

namespace dongne::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // A response for GET/HEAD of `path`, or nullopt when there is nothing to serve.
  std::optional<Response> serve(const Request& req);
  bool enabled() const { return !root_.empty(); }

 private:
  struct File {
    std::string body;
    std::string etag;
    std::string type;
    long long mtime = 0;
  };
  std::optional<File> load(const std::string& rel);
  std::string root_;
  std::mutex mu_;
  std::map<std::string, File> cache_;
};

std::string content_type_for(const std::string& path);

}  // namespace dongne::http
