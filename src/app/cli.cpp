#include "app/cli.h"
namespace dongne::app { int main(int, char**) { return 0; } }
