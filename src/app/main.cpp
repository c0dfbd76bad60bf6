// dongne: the one binary. Subcommands are in app/cli.cpp.
#include "app/cli.h"

int main(int argc, char** argv) { return dongne::app::main(argc, argv); }
