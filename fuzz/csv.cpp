// The CSV reader of every import (and of access reviews).

#include "fuzz_input.hpp"
#include "techpass/bulk/csv_reader.hpp"
#include "techpass/error.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(fuzz::text_of(data, size));
    techpass::bulk::CsvReader reader(in, "fuzz.csv");
    techpass::bulk::CsvRecord record;
    try {
        while (reader.next(record)) {
        }
    } catch (const techpass::Error&) {
    }
    return 0;
}
