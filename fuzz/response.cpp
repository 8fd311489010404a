// The decoding of an API answer that is not a success: status from the
// first two bytes, a Retry-After header from the next line, the rest the body.

#include "fuzz_input.hpp"
#include "techpass/api/client.hpp"
#include "techpass/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    techpass::http::Response response;
    response.status = 400 + (data[0] | (data[1] << 8)) % 200;
    std::string rest = fuzz::text_of(data + 2, size - 2);
    const auto newline = rest.find('\n');
    if (newline != std::string::npos) {
        response.headers.emplace_back("Retry-After", rest.substr(0, newline));
        rest = rest.substr(newline + 1);
    }
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = rest;
    const techpass::api::ErrorContext context{"GET", "https://api.example/iam/users", "SHIP",
                                              "app 1", 1};
    const techpass::Error error = techpass::api::error_from_response(response, context);
    (void)techpass::exit_code(error.kind());
    return 0;
}
