// The command line: dongne up | serve | migrate | seed-demo | user add | backup | restore | digest | solve | version.
// Thread-safety: called once from main.
#pragma once

#include <string>
#include <vector>

namespace dongne::app {
int main(int argc, char** argv);
}
