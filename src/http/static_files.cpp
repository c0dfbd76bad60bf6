#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace dongne::http {

namespace fs = std::filesystem;

std::string content_type_for(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  auto ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::optional<StaticFiles::File> StaticFiles::load(const std::string& rel) {
  fs::path p = fs::path(root_) / rel;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  auto mtime = static_cast<long long>(fs::last_write_time(p, ec).time_since_epoch().count());
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(rel);
    if (it != cache_.end() && it->second.mtime == mtime) return it->second;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  File f;
  f.body = ss.str();
  f.mtime = mtime;
  f.type = content_type_for(rel);
  f.etag = "\"" + std::to_string(std::hash<std::string>{}(f.body)) + "-" + std::to_string(f.body.size()) + "\"";
  std::lock_guard lock(mu_);
  cache_[rel] = f;
  return f;
}

std::optional<Response> StaticFiles::serve(const Request& req) {
  if (root_.empty()) return std::nullopt;
  if (req.method != Method::kGet && req.method != Method::kHead) return std::nullopt;
  std::string rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.erase(rel.begin());
  // Confine to the root: no "..", no backslashes, no NUL.
  if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos ||
      rel.find('\0') != std::string::npos)
    return std::nullopt;
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  auto f = load(rel);
  if (!f) {
    if (fs::path(rel).has_extension()) return std::nullopt;
    rel = "index.html";
    f = load(rel);
    if (!f) return std::nullopt;
  }
  static const std::regex kHashed(R"(\.[0-9a-f]{8,}\.[a-z0-9]+$)");
  bool immutable = std::regex_search(rel, kHashed);
  Response r;
  r.content_type = f->type;
  r.headers.emplace_back("ETag", f->etag);
  r.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (f->type.rfind("text/html", 0) == 0) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
  }
  if (req.header("if-none-match") == f->etag) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.body = f->body;
  return r;
}

}  // namespace dongne::http
