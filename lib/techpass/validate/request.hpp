#pragma once

// The rules of the two onboarding requests, shared by single commands
// (`vendors invite`, `users register`, their prompts) and bulk imports.

#include "techpass/validate/fields.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::validate {

// Which request a set of fields is for.
enum class RequestKind {
    Invitation,   // a vendor or other non-integrated user (POST /iam/invitations)
    Registration, // a public officer with a WoG email (POST /iam/users/registrations)
};

// The fields a request takes, in documented order (also the CSV template's).
const std::vector<Field>& request_fields(RequestKind kind);

// Whether the field must be given for every request of this kind (offshore
// details are conditional and checked by check_request).
bool is_required(RequestKind kind, Field field);

// Whether the request takes the field at all.
bool takes_field(RequestKind kind, Field field);

// The account type of an invitation whose account_type is left empty.
inline constexpr std::string_view k_default_account_type = "vendor";

// Why one value is unacceptable on its own, or nullopt. Cross-field rules
// (offshore needs an ODC and SEED) are left to check_request: this is the
// check a prompt runs on each answer as it is typed.
std::optional<std::string> field_problem(RequestKind kind, Field field, std::string_view value);

// Every problem of a whole request, in field order, and normalises the values
// in place (trimmed text, lower-case email, "+65XXXXXXXX" mobile, lower-case
// business_operation and account_type, seed as "true"/"false").
std::vector<Problem> check_request(RequestKind kind, FieldValues& values);

// The API's JSON body for a request that check_request accepted.
nlohmann::ordered_json request_json(RequestKind kind, const FieldValues& values);

} // namespace techpass::validate
