// The techpass binary: everything lives in techpass_cli, which tests link too.
#include "app/entry.hpp"

int main(int argc, char** argv) {
    return techpass::cli::main(argc, argv);
}
