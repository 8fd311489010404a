#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace techpass::util {

// A JWT split into its parts; header and claims decoded from base64url JSON.
struct Jwt {
    nlohmann::json header;
    nlohmann::json claims;
    std::string signing_input; // "<header b64>.<claims b64>", exactly as received
    std::string signature;     // raw signature bytes
};

// Splits and decodes a compact JWS; throws std::runtime_error naming the
// defect ("not three parts", "header is not base64url JSON", ...).
Jwt decode_jwt(std::string_view token);

// Signs header and claims with an RSA private key (PEM). alg is "RS256" or
// "PS256"; it is written into the header, which may carry kid/x5t/typ.
std::string sign_jwt(nlohmann::json header, const nlohmann::json& claims,
                     std::string_view private_key_pem, std::string_view alg = "RS256");

// Verifies the signature of a decoded JWT with an RSA public key, given as a
// PEM public key or a PEM certificate. Accepts RS256 and PS256 only (alg from
// the header); any other alg, "none" included, fails.
bool verify_jwt_signature(const Jwt& jwt, std::string_view public_key_or_certificate_pem);

// The RSA modulus and exponent (base64url, no padding) of a PEM public key or
// certificate, for JWKS "n" and "e".
std::pair<std::string, std::string>
rsa_jwk_components(std::string_view public_key_or_certificate_pem);

// A PEM public key (SubjectPublicKeyInfo) from a JWK's RSA modulus and
// exponent (base64url); throws std::runtime_error when they are not one.
std::string rsa_public_key_pem(std::string_view n, std::string_view e);

} // namespace techpass::util
