#pragma once

// The fields of the onboarding requests, named once so that single invites,
// prompts, bulk columns and problem reports all use the same words.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::validate {

// Every field an invitation or a registration can carry, in documented order.
enum class Field {
    Email,
    FirstName,
    LastName,
    Mobile,
    Company,
    Department,
    SponsoringAgency,
    BusinessOperation,
    OffshoreDevelopmentCentre,
    OffshoreCompany,
    Seed,
    AccountType,
};

// How many Field values there are (sizes per-field arrays).
inline constexpr std::size_t k_field_count = 12;

// One value per field, indexed by Field; empty means "not given".
using FieldValues = std::array<std::string, k_field_count>;

// The value of a field in a FieldValues (saves the casts at call sites).
inline std::string& value_of(FieldValues& values, Field field) {
    return values[static_cast<std::size_t>(field)];
}
inline const std::string& value_of(const FieldValues& values, Field field) {
    return values[static_cast<std::size_t>(field)];
}

// The snake_case name users see in CSV headers and problem reports
// ("first_name"); the CLI derives its flag names from it ("--first-name").
std::string_view field_name(Field field);

// The camelCase name of the field in the API's JSON bodies ("firstName").
std::string_view api_name(Field field);

// One thing wrong with one field: reason reads as a sentence after the field
// name ("mobile: must be ..."), so one message format serves every front end.
struct Problem {
    std::string field;
    std::string reason;
};

// "field: reason; field: reason", the one-line form used in reports.
std::string join_problems(const std::vector<Problem>& problems);

} // namespace techpass::validate
