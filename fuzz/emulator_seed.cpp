// The emulator's seed loader: any TOML text is loaded into a fresh database,
// or refused with a message (std::runtime_error), which the emulator prints.

#include "emulator.hpp"
#include "fuzz_input.hpp"
#include "seed.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::file_of(fuzz::text_of(data, size), ".toml");
    emu::Options options;
    options.quiet = true;
    emu::Emulator emulator(options);
    emulator.set_base_url("http://127.0.0.1:8080");
    try {
        emu::load_seed(emulator, path);
    } catch (const std::runtime_error&) {
    }
    return 0;
}
