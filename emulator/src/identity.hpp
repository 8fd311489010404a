#pragma once

// The identity endpoints, mirroring the Microsoft identity platform v2
// (token, device code, discovery, keys), shared between identity.cpp,
// identity_assertion.cpp and identity_device.cpp.

#include "api.hpp"
#include "emulator.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace emu {

// A failure answered in the platform's shape: {error, error_description
// ("AADSTS<code>: ..."), error_codes, timestamp, trace_id, correlation_id}.
class AadError : public std::runtime_error {
public:
    AadError(int status, std::string error, int code, std::string description)
        : std::runtime_error(std::move(description)), m_status(status), m_error(std::move(error)),
          m_code(code) {}
    int status() const { return m_status; }
    const std::string& error() const { return m_error; }
    int code() const { return m_code; }

private:
    int m_status;
    std::string m_error;
    int m_code;
};

// A form-encoded body; the last value of a repeated field wins.
using Form = std::map<std::string, std::string>;
Form parse_form(std::string_view body);
// The value of a form field, or throws AadError AADSTS900144 when it is missing.
const std::string& required_field(const Form& form, const std::string& name);

// The platform's error body for request, its Timestamp on the emulator's clock.
Response aad_error_response(Emulator& emulator, const Request& request, const AadError& error);
// Adds the token and devicecode endpoints' headers: Cache-Control: no-store,
// and the client-request-id the client sent.
Response no_store(const Request& request, Response response);

// The app id of a client assertion that passes every check for client_id
// (empty when the form has none: iss names the client); throws AadError.
std::string verify_client_assertion(Emulator& emulator, const std::string& assertion,
                                    const std::string& client_id);

// The device code grant: answers pending/slow_down/expired/denied or a token.
Response redeem_device_code(Emulator& emulator, const Form& form);
// Registers devicecode and the /devicelogin page.
void register_device_routes(Router& router);

// Approves (or denies) the pending device code user_code on behalf of user
// (id, email or username); throws ApiError 404/409 when it cannot.
void decide_device_code(Emulator& emulator, const std::string& user_code, const std::string& user,
                        bool approve);

// The emulator serves one directory: throws AadError AADSTS90002 (with
// error, "invalid_request" on the token endpoint) for any other.
void check_directory(Emulator& emulator, const Request& request,
                     const char* error = "invalid_request");
// Throws AadError AADSTS700016 unless client_id is an app of the directory.
void require_app(Emulator& emulator, const std::string& client_id);
// The app a token request authenticates as, by client_secret (with
// client_id, or HTTP Basic) or client_assertion; "" when the form carries
// neither; throws AadError when the credential is wrong.
std::string authenticate_client(Emulator& emulator, const Form& form);

// The authorization code grant (identity_authorize.cpp).
Response redeem_authorization_code(Emulator& emulator, const Form& form);
// Registers the authorize endpoint and its sign-in page.
void register_authorize_routes(Router& router);

// Text made safe for HTML content and attribute values.
std::string html_escape(std::string_view text);
// One of the emulator's sign-in pages, body inside it; never framed or cached.
Response html_page(int status, const std::string& body);

// The users row id of an id, email or username (case-insensitive), or "".
std::string find_user_id(Emulator& emulator, const std::string& identifier);

} // namespace emu
