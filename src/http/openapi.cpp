#include "http/openapi.h"

#include <cctype>

namespace dongne::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json problem_schema() {
  return {{"type", "object"},
          {"required", {"type", "title", "status"}},
          {"properties",
           {{"type", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"title_ko", {{"type", "string"}}},
            {"status", {{"type", "integer"}}},
            {"detail", {{"type", "string"}}},
            {"instance", {{"type", "string"}}},
            {"request_id", {{"type", "string"}}},
            {"retry_after_s", {{"type", "integer"}, {"description", "429: seconds to wait, as in Retry-After"}}},
            {"errors",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"field", {{"type", "string"}}},
                  {"code", {{"type", "string"}}},
                  {"message_ko", {{"type", "string"}}},
                  {"message_en", {{"type", "string"}}}}}}}}}}}};
}

// Objects that name their properties are closed, as the pipeline enforces (fields.h, unknown_fields).
nlohmann::json closed(nlohmann::json schema) {
  if (!schema.is_object()) return schema;
  if (schema.contains("properties")) {
    if (!schema.contains("additionalProperties")) schema["additionalProperties"] = false;
    for (auto& [k, v] : schema["properties"].items()) v = closed(v);
  }
  if (schema.contains("items")) schema["items"] = closed(schema["items"]);
  if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object())
    schema["additionalProperties"] = closed(schema["additionalProperties"]);
  if (schema.contains("anyOf")) {
    for (auto& alt : schema["anyOf"]) alt = closed(alt);
  }
  return schema;
}

// "Word-word_word" -> "WordWordWord".
std::string camel(std::string_view s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    if (c == '-' || c == '_' || c == '.') {
      up = true;
      continue;
    }
    out.push_back(up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    up = false;
  }
  return out;
}

}  // namespace

std::string operation_id(Method m, const std::string& pattern) {
  std::string id = lower(method_name(m));
  for (const auto& seg : split_path(pattern)) {
    if (seg == "api" || seg == "v1") continue;
    if (seg.size() > 2 && seg.front() == '{') id += "By" + camel(seg.substr(1, seg.size() - 2));
    else id += camel(seg);
  }
  return id;
}

nlohmann::json openapi_document(const Router& router, const std::string& version) {
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& r : router.routes()) {
    nlohmann::json op;
    op["summary"] = r.doc.summary;
    if (!r.doc.tag.empty()) op["tags"] = {r.doc.tag};
    op["x-roles"] = r.access.describe();
    op["operationId"] = operation_id(r.method, r.pattern);
    if (r.access.is_public()) op["security"] = nlohmann::json::array();
    if (!r.doc.personal_data.empty()) op["x-personal-data"] = r.doc.personal_data;
    switch (r.access.scope().kind) {
      case Scope::Kind::kRecord: op["x-scope"] = {{"record", r.access.scope().record}, {"param", r.access.scope().param}}; break;
      case Scope::Kind::kCaller: op["x-scope"] = {{"caller", true}}; break;
      case Scope::Kind::kUndeclared: break;
    }
    nlohmann::json params = nlohmann::json::array();
    for (const auto& seg : split_path(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        // Ids are positive integers (Context::id_param refuses anything else); other parameters are text.
        const std::string name = seg.substr(1, seg.size() - 2);
        const bool id = name == "id" || name.ends_with("_id");
        params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                          {"schema", id ? nlohmann::json{{"type", "integer"}, {"minimum", 1}} : nlohmann::json{{"type", "string"}}}});
      }
    }
    for (const auto& q : r.doc.query)
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_schema.is_null()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", closed(r.doc.request_schema)}}}}}};
    }
    nlohmann::json problem = {{"description", "problem"},
                              {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    nlohmann::json responses;
    nlohmann::json success = {{"description", "success"}};
    if (!r.doc.response_schema.is_null()) success["content"] = {{"application/json", {{"schema", closed(r.doc.response_schema)}}}};
    responses[std::to_string(r.doc.success_status)] = success;
    responses["4XX"] = problem;      // the caller's mistake: 400, 401, 403, 404, 409, 413, 415, 422, 429...
    responses["default"] = problem;  // and the server's (503, 500)
    op["responses"] = responses;
    paths[r.pattern][lower(method_name(r.method))] = op;
  }
  return {{"openapi", "3.1.0"},
          {"servers", {{{"url", "/"}, {"description", "this server (the document is served by the API it describes)"}}}},
          {"info",
           {{"title", "dongne API"},
            {"version", version},
            {"description", "동네 — local jobs and care services platform. Errors are application/problem+json."}}},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Problem", problem_schema()}}},
            {"securitySchemes",
             {{"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "dongne_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
          {"security", {{{"cookie", nlohmann::json::array()}}, {{"bearer", nlohmann::json::array()}}}}};
}

}  // namespace dongne::http
