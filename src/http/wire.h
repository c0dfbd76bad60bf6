// The bridge between Boost.Beast's parsed requests and this room's types: the head that framing.h checks, and the
// Request the pipeline handles. Shared by the server and the HTTP fuzzer (wire_fuzz.cpp), both Beast translation
// units; nothing else includes this (Beast costs ~15 s of compile per translation unit).
// Thread-safety: plain functions.
#pragma once

#include <string>

#include <boost/beast/http.hpp>

#include "http/framing.h"
#include "http/message.h"

namespace dongne::http::wire {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// The head as received (views into msg, which must outlive it).
RequestHead head_of(const BeastRequest& msg);

// The request the pipeline sees: origin-form target, decoded path and query (a bad one flagged in a header the
// pipeline refuses), header names in lower case with repeated fields joined, the target's authority as Host; the
// body is moved out of msg.
Request to_request(BeastRequest& msg, const std::string& remote);

}  // namespace dongne::http::wire
