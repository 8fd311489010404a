#include "techpass/bulk/columns.hpp"

#include "techpass/error.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <array>

namespace techpass::bulk {

namespace {

using validate::Field;

struct Alias {
    std::string_view squashed; // lower case, letters and digits only
    Field field;
};

// Names seen in real onboarding spreadsheets, besides the documented ones.
constexpr auto k_aliases = std::to_array<Alias>({
    {"email", Field::Email},
    {"emailaddress", Field::Email},
    {"mail", Field::Email},
    {"workemail", Field::Email},
    {"firstname", Field::FirstName},
    {"givenname", Field::FirstName},
    {"forename", Field::FirstName},
    {"lastname", Field::LastName},
    {"surname", Field::LastName},
    {"familyname", Field::LastName},
    {"mobile", Field::Mobile},
    {"mobilenumber", Field::Mobile},
    {"mobileno", Field::Mobile},
    {"mobilephone", Field::Mobile},
    {"phone", Field::Mobile},
    {"phonenumber", Field::Mobile},
    {"handphone", Field::Mobile},
    {"contactnumber", Field::Mobile},
    {"company", Field::Company},
    {"companyname", Field::Company},
    {"organisation", Field::Company},
    {"organization", Field::Company},
    {"department", Field::Department},
    {"dept", Field::Department},
    {"division", Field::Department},
    {"sponsoringagency", Field::SponsoringAgency},
    {"agency", Field::SponsoringAgency},
    {"sponsor", Field::SponsoringAgency},
    {"businessoperation", Field::BusinessOperation},
    {"operation", Field::BusinessOperation},
    {"onshoreoffshore", Field::BusinessOperation},
    {"offshoredevelopmentcentre", Field::OffshoreDevelopmentCentre},
    {"offshoredevelopmentcenter", Field::OffshoreDevelopmentCentre},
    {"odc", Field::OffshoreDevelopmentCentre},
    {"developmentcentre", Field::OffshoreDevelopmentCentre},
    {"offshorecompany", Field::OffshoreCompany},
    {"offshorecompanyname", Field::OffshoreCompany},
    {"seed", Field::Seed},
    {"seedrequired", Field::Seed},
    {"requestseed", Field::Seed},
    {"accounttype", Field::AccountType},
    {"usertype", Field::AccountType},
    {"type", Field::AccountType},
});

std::string squash(std::string_view name) {
    std::string out;
    for (const char c : util::to_lower(util::trim(name))) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        }
    }
    return out;
}

std::optional<Field> any_field(std::string_view name) {
    const std::string squashed = squash(name);
    for (const auto& alias : k_aliases) {
        if (alias.squashed == squashed) {
            return alias.field;
        }
    }
    return std::nullopt;
}

std::string template_command(Kind kind) {
    return kind == Kind::Invitation ? "techpass vendors import --template"
                                    : "techpass users import --template";
}

ColumnWarning unknown_column(Kind kind, std::size_t column, std::string_view name) {
    ColumnWarning warning{std::string(name), suggest_column(kind, name), {}};
    const std::string what = name.empty() ? fmt::format("column {} has no name", column)
                                          : fmt::format("column {} \"{}\" is not used by {}",
                                                        column, name, kind_name(kind));
    warning.message = what + " and is ignored";
    if (!warning.suggestion.empty()) {
        warning.message += fmt::format(" (did you mean \"{}\"?)", warning.suggestion);
    }
    return warning;
}

} // namespace

std::string_view kind_name(Kind kind) {
    return kind == Kind::Invitation ? "invitations" : "registrations";
}

std::optional<Kind> kind_from_name(std::string_view name) {
    if (name == "invitations") {
        return Kind::Invitation;
    }
    if (name == "registrations") {
        return Kind::Registration;
    }
    return std::nullopt;
}

std::optional<Field> field_for_name(Kind kind, std::string_view name) {
    const auto field = any_field(name);
    if (field && validate::takes_field(kind, *field)) {
        return field;
    }
    return std::nullopt;
}

std::string suggest_column(Kind kind, std::string_view name) {
    const std::string squashed = squash(name);
    if (squashed.empty()) {
        return {};
    }
    std::vector<std::string> candidates;
    std::vector<Field> fields;
    for (const auto& alias : k_aliases) {
        if (validate::takes_field(kind, alias.field)) {
            candidates.emplace_back(alias.squashed);
            fields.push_back(alias.field);
        }
    }
    const std::string best = util::nearest(squashed, candidates);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i] == best) {
            return std::string(validate::field_name(fields[i]));
        }
    }
    return {};
}

HeaderMap map_header(Kind kind, const std::vector<std::string>& header, std::string_view source) {
    HeaderMap map;
    std::array<std::size_t, validate::k_field_count> seen_at{}; // 1-based column, 0 = not seen
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto field = field_for_name(kind, header[i]);
        map.columns.push_back(field);
        if (!field) {
            map.warnings.push_back(unknown_column(kind, i + 1, util::trim(header[i])));
            continue;
        }
        std::size_t& first = seen_at[static_cast<std::size_t>(*field)];
        if (first != 0) {
            throw Error(ErrorKind::Usage,
                        fmt::format("{}: columns {} \"{}\" and {} \"{}\" both hold {}: keep one",
                                    source, first, util::trim(header[first - 1]), i + 1,
                                    util::trim(header[i]), validate::field_name(*field)));
        }
        first = i + 1;
    }
    std::vector<std::string> missing;
    for (const Field field : validate::request_fields(kind)) {
        if (validate::is_required(kind, field) && seen_at[static_cast<std::size_t>(field)] == 0) {
            missing.emplace_back(validate::field_name(field));
        }
    }
    if (!missing.empty()) {
        throw Error(
            ErrorKind::Usage,
            fmt::format("{}: the header lacks the required column{} {}", source,
                        missing.size() == 1 ? "" : "s", fmt::join(missing, ", ")),
            fmt::format("the documented header line is printed by {}", template_command(kind)));
    }
    return map;
}

std::string csv_template(Kind kind) {
    std::vector<std::string_view> names;
    for (const Field field : validate::request_fields(kind)) {
        names.push_back(validate::field_name(field));
    }
    return fmt::format("{}\n", fmt::join(names, ","));
}

} // namespace techpass::bulk
