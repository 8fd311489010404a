// The access review reader, and the plan made from what it read.

#include "techpass/api/review.hpp"

#include "fuzz_input.hpp"
#include "techpass/error.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using techpass::api::Json;
    std::istringstream in(fuzz::text_of(data, size));
    try {
        const auto lines = techpass::api::review::read_review(in, "fuzz.csv");
        Json live = {{"namespace", "SHIP"}, {"rows", Json::array()}};
        for (const auto& line : lines) {
            live["rows"].push_back(line.row);
        }
        (void)techpass::api::review::plan_apply(lines, live);
    } catch (const techpass::Error&) {
    }
    return 0;
}
