// techpass-gen-docs: writes (or checks) man/ and completions/ from the command tree.
#include "app/docs.hpp"

int main(int argc, char** argv) {
    return techpass::cli::gen_docs_main(argc, argv);
}
