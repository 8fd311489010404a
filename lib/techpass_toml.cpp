// toml++, compiled once: every other file includes <toml++/toml.h> with
// TOML_HEADER_ONLY=0 and sees declarations only; the parser is compiled here
// (see lib/techpass_fmt.cpp for why neither is linked as a shared library).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
