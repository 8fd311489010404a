#include "techpass/validate/fields.hpp"

namespace techpass::validate {

namespace {

struct Names {
    std::string_view name;
    std::string_view api;
};

// Indexed by Field; the order is the documented column order.
constexpr std::array<Names, k_field_count> k_names{{
    {"email", "email"},
    {"first_name", "firstName"},
    {"last_name", "lastName"},
    {"mobile", "mobile"},
    {"company", "company"},
    {"department", "department"},
    {"sponsoring_agency", "sponsoringAgency"},
    {"business_operation", "businessOperation"},
    {"offshore_development_centre", "offshoreDevelopmentCentre"},
    {"offshore_company", "offshoreCompany"},
    {"seed", "seed"},
    {"account_type", "accountType"},
}};

} // namespace

std::string_view field_name(Field field) {
    return k_names[static_cast<std::size_t>(field)].name;
}

std::string_view api_name(Field field) {
    return k_names[static_cast<std::size_t>(field)].api;
}

std::string join_problems(const std::vector<Problem>& problems) {
    std::string out;
    for (const auto& problem : problems) {
        if (!out.empty()) {
            out += "; ";
        }
        if (!problem.field.empty()) {
            out += problem.field;
            out += ": ";
        }
        out += problem.reason;
    }
    return out;
}

} // namespace techpass::validate
