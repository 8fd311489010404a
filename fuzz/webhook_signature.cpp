// The check of a webhook delivery: the X-TECHPASS-SIGNATURE header (first
// line of the input) against the body (the rest).

#include "fuzz_input.hpp"
#include "techpass/webhook/signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    const auto newline = text.find('\n');
    const std::string header = text.substr(0, newline);
    const std::string body = newline == std::string::npos ? "" : text.substr(newline + 1);
    (void)techpass::webhook::verify("whsec-fuzz", header, body, 1'800'000'000);
    return 0;
}
