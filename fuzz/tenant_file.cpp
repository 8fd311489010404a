// The tenant file loader of plan and apply.

#include "fuzz_input.hpp"
#include "techpass/error.hpp"
#include "techpass/tenant/file.hpp"

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto now = std::chrono::system_clock::from_time_t(1'800'000'000);
    try {
        (void)techpass::tenant::parse_tenant_file(fuzz::text_of(data, size), "fuzz.toml", now);
    } catch (const techpass::Error&) {
    }
    return 0;
}
