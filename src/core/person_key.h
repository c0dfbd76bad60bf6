// How every pillar names a person in the events Programmes counts (`person_key`), so that one person is one person
// across pillars: a Jobs seeker is "jobs:<seeker id>" (a hire, a completed course, an internship), an account is
// "u:<user id>". A programme participant linked to a seeker or an account takes the same key, so her enrolment and
// her hire are one job. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace dongne {

inline std::string seeker_person_key(std::int64_t seeker_id) { return "jobs:" + std::to_string(seeker_id); }
inline std::string account_person_key(std::int64_t user_id) { return "u:" + std::to_string(user_id); }

}  // namespace dongne
