#include "core/result.h"

namespace dongne {

std::string_view code_name(Code c) {
  switch (c) {
    case Code::kInvalid: return "invalid";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kForbidden: return "forbidden";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kTooMany: return "too_many_requests";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

Error Error::invalid(std::string ko, std::string en, std::vector<FieldError> fields) {
  return Error{Code::kInvalid, std::move(ko), std::move(en), std::move(fields), {}};
}
Error Error::unauthenticated(std::string ko, std::string en) {
  return Error{Code::kUnauthenticated, std::move(ko), std::move(en), {}, {}};
}
Error Error::forbidden(std::string ko, std::string en) {
  return Error{Code::kForbidden, std::move(ko), std::move(en), {}, {}};
}
Error Error::not_found(std::string ko, std::string en) {
  return Error{Code::kNotFound, std::move(ko), std::move(en), {}, {}};
}
Error Error::conflict(std::string ko, std::string en, std::string reason) {
  return Error{Code::kConflict, std::move(ko), std::move(en), {}, std::move(reason)};
}
Error Error::too_many(std::string ko, std::string en) {
  return Error{Code::kTooMany, std::move(ko), std::move(en), {}, {}};
}
Error Error::unavailable(std::string ko, std::string en) {
  return Error{Code::kUnavailable, std::move(ko), std::move(en), {}, {}};
}
Error Error::internal(std::string en) {
  return Error{Code::kInternal, "내부 오류가 발생했습니다", std::move(en), {}, {}};
}
Error Error::field(std::string field, std::string code, std::string ko, std::string en) {
  FieldError fe{std::move(field), std::move(code), ko, en};
  return Error{Code::kInvalid, "입력값을 확인해 주세요", "check the input", {std::move(fe)}, {}};
}

}  // namespace dongne
