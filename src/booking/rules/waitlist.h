// Waitlist offers: when places free up, the next waiting households get an offer that expires; an offer not
// accepted in time lapses and its places pass to the next in line. Pure; `now` is passed in.
// Thread-safety: reentrant. The caller stores the new statuses (and a kHeld booking per live offer, if it wants
// availability to show the place as taken while offered).
#pragma once

#include <optional>
#include <vector>

#include "booking/rules/model.h"

namespace dongne::booking {

enum class WaitStatus : std::uint8_t { kWaiting, kOffered, kAccepted, kExpired, kDeclined, kWithdrawn };

struct WaitlistEntry {
  BookingId id = 0;
  HouseholdId household_id = 0;
  std::int64_t position = 0;  // queue order: the join instant (first come) or the lottery waitlist rank
  int units = 1;
  WaitStatus status = WaitStatus::kWaiting;
  std::optional<EpochMs> offer_expires_at;  // kOffered
};

struct Offer {
  BookingId entry_id = 0;
  EpochMs expires_at = 0;
};

// Whether an offered entry's offer is still open at `now`.
bool offer_live(const WaitlistEntry& e, EpochMs now);

// The first waiting entry in queue order (position, then id) gets an offer until now + offer_ttl. Entries with a
// live offer are skipped (they already hold their turn); lapsed offers never come back. nullopt if nobody waits.
std::optional<Offer> next_offer(const std::vector<WaitlistEntry>& waitlist, EpochMs now, minutes offer_ttl);

struct OfferPlan {
  std::vector<BookingId> expired;  // offers that lapsed: mark kExpired
  std::vector<Offer> offers;       // new offers, in queue order
  int units_left = 0;              // free units nobody on the list could take
};

// General case. `free_units` = capacity minus what bookings hold, not counting holds for this list's offers.
// Live offers keep their units first; the rest goes down the queue: each waiting entry whose units fit gets an
// offer (an entry that does not fit keeps its place and a later, smaller one may be offered).
OfferPlan plan_offers(const std::vector<WaitlistEntry>& waitlist, int free_units, EpochMs now, minutes offer_ttl);

// The waitlist with a plan applied (statuses and expiry instants set).
std::vector<WaitlistEntry> apply_plan(std::vector<WaitlistEntry> waitlist, const OfferPlan& plan);

// Accepting: allowed while the offer is live. Returns the new status (kAccepted or kExpired); nullopt if the
// entry holds no offer.
std::optional<WaitStatus> accept_offer(const WaitlistEntry& e, EpochMs now);

}  // namespace dongne::booking
