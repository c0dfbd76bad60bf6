// libFuzzer target: the path a request's bytes take before any handler (docs/fuzzing.md). The bytes go to Beast's
// request parser with the server's limits, once whole and once split at a point the input chooses (as they arrive
// from a socket); a head it reads goes through check_head (RFC 9112 framing) and, if accepted, through to_request
// (origin form, path and query decoding, header folding) and the JSON media-type check. Besides crashes, undefined
// behaviour and leaks, it traps when:
//   - the whole and the split reading disagree on the request (a framing that depends on how bytes arrive is a
//     smuggling risk): a different target or body, or one reading a request where the other refuses;
//   - an accepted head carries both Content-Length and chunked, or an HTTP/1.1 head without a Host;
//   - an accepted target does not come out in origin form ("/..." or "*").
// Build: cmake --preset fuzz && ninja -C build/fuzz http_wire_fuzz. Seeds: src/http/testdata/fuzz/ (issue 16's table).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/core.hpp>

#include "http/framing.h"
#include "http/wire.h"

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using dongne::http::wire::BeastRequest;

struct Outcome {
  bool header_done = false;
  bool done = false;
  bool failed = false;
  std::string target, body;
};

// Feeds the chunks one after another, keeping what the parser has not consumed, as the server's buffer does.
Outcome parse(std::string_view a, std::string_view b, bhttp::request_parser<bhttp::string_body>& p) {
  p.header_limit(dongne::http::kMaxHeaderBytes);
  p.body_limit(64 * 1024);
  p.eager(true);
  Outcome out;
  std::string pending;
  for (std::string_view chunk : {a, b}) {
    pending.append(chunk);
    while (!pending.empty() && !p.is_done()) {
      beast::error_code ec;
      const size_t used = p.put(boost::asio::buffer(pending.data(), pending.size()), ec);
      pending.erase(0, used);
      if (ec == bhttp::error::need_more) break;
      if (ec) {
        out.failed = true;
        return out;
      }
      if (used == 0) break;
    }
  }
  out.header_done = p.is_header_done();
  out.done = p.is_done();
  if (out.header_done) out.target = std::string(p.get().target());
  if (out.done) out.body = p.get().body();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bhttp::request_parser<bhttp::string_body> whole_parser;
  const Outcome whole = parse(bytes, {}, whole_parser);
  const size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  bhttp::request_parser<bhttp::string_body> split_parser;
  const Outcome split = parse(bytes.substr(0, cut), bytes.substr(cut), split_parser);
  // How bytes arrive may decide between "refused" and "waiting for more" (the server then times out), never between
  // two different requests, or between a request and a refusal.
  if (whole.header_done && split.header_done && whole.target != split.target) __builtin_trap();
  if (whole.done && split.done && whole.body != split.body) __builtin_trap();
  if ((whole.done && split.failed) || (split.done && whole.failed)) __builtin_trap();
  if (whole.failed || !whole.header_done) return 0;

  BeastRequest& msg = whole_parser.get();
  const auto refused = dongne::http::check_head(dongne::http::wire::head_of(msg));
  if (refused) {
    if (refused->message_en.empty()) __builtin_trap();  // every refusal says why
    return 0;
  }
  if (msg.has_content_length() && msg.chunked()) __builtin_trap();
  if (msg.version() == 11 && msg.count(bhttp::field::host) != 1) __builtin_trap();
  if (!whole.done) return 0;
  dongne::http::Request r = dongne::http::wire::to_request(msg, "fuzz");
  if (r.target.empty() || (r.target[0] != '/' && r.target != "*")) __builtin_trap();
  auto ct = r.headers.find("content-type");
  if (ct != r.headers.end()) (void)dongne::http::is_json_media_type(ct->second);
  return 0;
}
