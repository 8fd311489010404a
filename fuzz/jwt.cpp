// Tokens from outside: decoding and signature checks (shared by the CLI and
// the emulator's bearer-token and client-assertion checks), and the ID token
// checks of apps try-signin against a fixed key set.

#include "techpass/util/jwt.hpp"

#include "fuzz_input.hpp"
#include "techpass/auth/signin.hpp"
#include "techpass/error.hpp"

#include <chrono>
#include <stdexcept>

namespace {

// RFC 7515 appendix A.2's key.
constexpr const char* k_n =
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4"
    "QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdb"
    "BYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-D"
    "WNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string pem = techpass::util::rsa_public_key_pem(k_n, "AQAB");
    static const nlohmann::json jwks = {
        {"keys", {{{"kty", "RSA"}, {"kid", "k1"}, {"n", k_n}, {"e", "AQAB"}}}}};
    const std::string token = fuzz::text_of(data, size);
    try {
        (void)techpass::util::verify_jwt_signature(techpass::util::decode_jwt(token), pem);
    } catch (const std::runtime_error&) {
        // decode_jwt names the defect of a token that is not a JWS.
    }
    try {
        (void)techpass::auth::verify_id_token(
            token, jwks,
            {"https://login.example/dir/v2.0", "app-1", "nonce",
             std::chrono::system_clock::from_time_t(1'800'000'000)});
    } catch (const techpass::Error&) {
    }
    return 0;
}
