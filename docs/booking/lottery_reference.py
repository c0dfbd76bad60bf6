#!/usr/bin/env python3
"""Independent re-implementation of dongne's lottery draw (src/booking/rules/lottery.h), so that anyone can re-run
a published draw. Standard library only.

Usage: lottery_reference.py SEED PLACES [--one-per-household] [--max-winners N] < entries.csv
entries.csv: one entry per line "id,household_id,units" (units = places needed, e.g. persons of a family).
Prints the shuffled order, the winners and the waitlist, one line each.
"""
import argparse
import hashlib
import sys


class SeedStream:
    def __init__(self, seed: str):
        self.seed, self.k, self.buf = seed, 0, b""

    def next_u64(self) -> int:
        while len(self.buf) < 8:
            self.buf += hashlib.sha256(f"{self.seed}:{self.k}".encode("utf-8")).digest()
            self.k += 1
        v, self.buf = int.from_bytes(self.buf[:8], "big"), self.buf[8:]
        return v

    def uniform(self, m: int) -> int:
        if m <= 1:
            return 0
        limit = 2**64 - (2**64 % m)
        while True:
            u = self.next_u64()
            if u < limit:
                return u % m


def draw(entries, places, seed, one_per_household, max_winners=None):
    e = sorted(entries)  # by id
    rng = SeedStream(seed)
    for i in range(len(e) - 1, 0, -1):
        j = rng.uniform(i + 1)
        e[i], e[j] = e[j], e[i]
    won, left, winners, waiting = set(), places, [], []
    for entry_id, household, units in e:
        if one_per_household and household in won:
            continue
        if (max_winners is None or len(winners) < max_winners) and units <= left:
            winners.append(entry_id)
            won.add(household)
            left -= units
        else:
            waiting.append((entry_id, household))
    waitlist, seen = [], set()
    for entry_id, household in waiting:
        if one_per_household and (household in won or household in seen):
            continue
        seen.add(household)
        waitlist.append(entry_id)
    return [x[0] for x in e], winners, waitlist


def main():
    p = argparse.ArgumentParser()
    p.add_argument("seed")
    p.add_argument("places", type=int)
    p.add_argument("--one-per-household", action="store_true")
    p.add_argument("--max-winners", type=int)
    a = p.parse_args()
    entries = []
    for line in sys.stdin:
        line = line.strip()
        if line and not line.startswith("#"):
            i, h, u = (int(x) for x in line.split(","))
            entries.append((i, h, u))
    order, winners, waitlist = draw(entries, a.places, a.seed, a.one_per_household, a.max_winners)
    print("order:", " ".join(map(str, order)))
    print("winners:", " ".join(map(str, winners)))
    print("waitlist:", " ".join(map(str, waitlist)))


if __name__ == "__main__":
    main()
