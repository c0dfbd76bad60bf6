// `dongne solve FILE [--seconds S] [--seed N] [--iterations N]`: reads a Solomon, Li & Lim, Cordeau or VROOM
// JSON file, solves it, checks the result with the validator and prints VROOM-style JSON on `out`; a one-line
// summary and any error go to `err`. Exit codes: 0 ok, 1 the validator rejected the solver's answer (a bug),
// 2 bad input.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace dongne::dispatch::formats {

// `args` are the words after the program name; a leading "solve" is skipped. Never throws.
int run_solve_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace dongne::dispatch::formats
