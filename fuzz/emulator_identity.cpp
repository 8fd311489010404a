// The emulator's identity endpoints' parsing of what clients send: form
// bodies, client assertions (JWT, claims, certificate thumbprints) and
// bearer tokens, against an emulator seeded with examples/seed.toml.

#include "emulator.hpp"
#include "fuzz_input.hpp"
#include "identity.hpp"
#include "seed.hpp"
#include "tokens.hpp"

#include <stdexcept>

#ifndef TECHPASS_SOURCE_DIR
#error "TECHPASS_SOURCE_DIR must name the source tree (for examples/seed.toml)"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static emu::Emulator* emulator = [] {
        emu::Options options;
        options.quiet = true;
        auto* made = new emu::Emulator(options);
        made->set_base_url("https://127.0.0.1:8443");
        emu::load_seed(*made, std::string(TECHPASS_SOURCE_DIR) + "/examples/seed.toml");
        return made;
    }();
    const std::string text = fuzz::text_of(data, size);
    const emu::Form form = emu::parse_form(text);
    const auto field = [&form](const char* name) {
        const auto it = form.find(name);
        return it == form.end() ? std::string() : it->second;
    };
    try {
        (void)emu::verify_client_assertion(
            *emulator, field("client_assertion").empty() ? text : field("client_assertion"),
            field("client_id"));
    } catch (const emu::AadError&) {
    }
    try {
        (void)emu::verify_access_token(*emulator, text);
    } catch (const emu::ApiError&) {
    }
    return 0;
}
