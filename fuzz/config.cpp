// The profile loader: any config file text is loaded, or refused with Error.

#include "fuzz_input.hpp"
#include "techpass/config/config_file.hpp"
#include "techpass/context.hpp"
#include "techpass/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::file_of(fuzz::text_of(data, size), ".toml");
    const techpass::MapEnvironment env;
    try {
        const auto file = techpass::config::ConfigFile::load(path, env);
        for (const auto& name : file.profile_names()) {
            (void)file.get(name);
        }
    } catch (const techpass::Error&) {
    }
    return 0;
}
