#include "booking/rules/waitlist.h"

#include <algorithm>

namespace dongne::booking {
namespace {

std::vector<const WaitlistEntry*> queue_order(const std::vector<WaitlistEntry>& w) {
  std::vector<const WaitlistEntry*> q;
  q.reserve(w.size());
  for (const WaitlistEntry& e : w) q.push_back(&e);
  std::sort(q.begin(), q.end(), [](const WaitlistEntry* a, const WaitlistEntry* b) {
    return a->position != b->position ? a->position < b->position : a->id < b->id;
  });
  return q;
}

EpochMs ttl_ms(minutes m) { return static_cast<EpochMs>(m.count()) * kMsPerMinute; }

}  // namespace

bool offer_live(const WaitlistEntry& e, EpochMs now) {
  return e.status == WaitStatus::kOffered && e.offer_expires_at && now < *e.offer_expires_at;
}

std::optional<Offer> next_offer(const std::vector<WaitlistEntry>& waitlist, EpochMs now, minutes offer_ttl) {
  for (const WaitlistEntry* e : queue_order(waitlist)) {
    if (e->status == WaitStatus::kWaiting) return Offer{e->id, now + ttl_ms(offer_ttl)};
  }
  return std::nullopt;
}

OfferPlan plan_offers(const std::vector<WaitlistEntry>& waitlist, int free_units, EpochMs now, minutes offer_ttl) {
  OfferPlan plan;
  int left = free_units;
  const auto q = queue_order(waitlist);
  for (const WaitlistEntry* e : q) {
    if (e->status != WaitStatus::kOffered) continue;
    if (offer_live(*e, now)) {
      left -= e->units;
    } else {
      plan.expired.push_back(e->id);
    }
  }
  for (const WaitlistEntry* e : q) {
    if (left <= 0) break;
    if (e->status != WaitStatus::kWaiting || e->units > left) continue;
    plan.offers.push_back(Offer{e->id, now + ttl_ms(offer_ttl)});
    left -= e->units;
  }
  plan.units_left = std::max(0, left);
  return plan;
}

std::vector<WaitlistEntry> apply_plan(std::vector<WaitlistEntry> waitlist, const OfferPlan& plan) {
  for (WaitlistEntry& e : waitlist) {
    if (std::find(plan.expired.begin(), plan.expired.end(), e.id) != plan.expired.end()) {
      e.status = WaitStatus::kExpired;
    }
    for (const Offer& o : plan.offers) {
      if (o.entry_id == e.id) {
        e.status = WaitStatus::kOffered;
        e.offer_expires_at = o.expires_at;
      }
    }
  }
  return waitlist;
}

std::optional<WaitStatus> accept_offer(const WaitlistEntry& e, EpochMs now) {
  if (e.status != WaitStatus::kOffered) return std::nullopt;
  return offer_live(e, now) ? WaitStatus::kAccepted : WaitStatus::kExpired;
}

}  // namespace dongne::booking
