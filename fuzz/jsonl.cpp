// The JSON Lines reader of every import.

#include "fuzz_input.hpp"
#include "techpass/bulk/jsonl_reader.hpp"
#include "techpass/error.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(fuzz::text_of(data, size));
    techpass::bulk::JsonLinesReader reader(in, "fuzz.jsonl");
    techpass::bulk::JsonRecord record;
    try {
        while (reader.next(record)) {
        }
    } catch (const techpass::Error&) {
    }
    return 0;
}
