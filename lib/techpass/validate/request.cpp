#include "techpass/validate/request.hpp"

#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"
#include "techpass/validate/flag.hpp"
#include "techpass/validate/mobile.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace techpass::validate {

namespace {

// The API's limits (docs/api/openapi.yaml, InvitationCreate).
constexpr std::size_t k_max_name = 64;
constexpr std::size_t k_max_text = 128;
constexpr std::string_view k_others = "Others";

std::optional<std::string> text_problem(Field field, std::string_view text) {
    const bool has_control = std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    if (has_control) {
        return "must not contain line breaks or control characters";
    }
    const bool name = field == Field::FirstName || field == Field::LastName;
    const std::size_t limit = name ? k_max_name : k_max_text;
    // The API counts characters: count UTF-8 lead bytes, not continuation bytes.
    const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    });
    if (static_cast<std::size_t>(characters) > limit) {
        return fmt::format("is longer than {} characters", limit);
    }
    return std::nullopt;
}

bool is_others(std::string_view odc) {
    return util::to_lower(util::trim(odc)) == "others";
}

void add(std::vector<Problem>& problems, Field field, std::string reason) {
    problems.push_back({std::string(field_name(field)), std::move(reason)});
}

// The offshore rules: SEED and an ODC (or "Others" plus the company) offshore,
// none of the offshore details onshore.
void check_offshore(const FieldValues& values, std::vector<Problem>& problems) {
    const std::string& operation = value_of(values, Field::BusinessOperation);
    const std::string& odc = value_of(values, Field::OffshoreDevelopmentCentre);
    const std::string& company = value_of(values, Field::OffshoreCompany);
    if (operation == "onshore") {
        if (!odc.empty()) {
            add(problems, Field::OffshoreDevelopmentCentre,
                "applies only to offshore users (business_operation is onshore)");
        }
        if (!company.empty()) {
            add(problems, Field::OffshoreCompany,
                "applies only to offshore users (business_operation is onshore)");
        }
        return;
    }
    if (operation != "offshore") {
        return;
    }
    if (odc.empty()) {
        add(problems, Field::OffshoreDevelopmentCentre,
            "is required for offshore users (the centre's name, or Others with offshore_company)");
    } else if (is_others(odc) && company.empty()) {
        add(problems, Field::OffshoreCompany,
            "is required when offshore_development_centre is Others");
    } else if (!is_others(odc) && !company.empty()) {
        add(problems, Field::OffshoreCompany,
            "is only used when offshore_development_centre is Others");
    }
    if (value_of(values, Field::Seed) != "true") {
        add(problems, Field::Seed, "is mandatory for offshore users: set it to yes");
    }
}

} // namespace

const std::vector<Field>& request_fields(RequestKind kind) {
    static const std::vector<Field> invitation{Field::Email,
                                               Field::FirstName,
                                               Field::LastName,
                                               Field::Mobile,
                                               Field::Company,
                                               Field::Department,
                                               Field::SponsoringAgency,
                                               Field::BusinessOperation,
                                               Field::OffshoreDevelopmentCentre,
                                               Field::OffshoreCompany,
                                               Field::Seed,
                                               Field::AccountType};
    static const std::vector<Field> registration{Field::Email, Field::Mobile, Field::Seed};
    return kind == RequestKind::Invitation ? invitation : registration;
}

bool takes_field(RequestKind kind, Field field) {
    const auto& fields = request_fields(kind);
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

bool is_required(RequestKind kind, Field field) {
    if (kind == RequestKind::Registration) {
        return field == Field::Email;
    }
    switch (field) {
    case Field::OffshoreDevelopmentCentre:
    case Field::OffshoreCompany:
    case Field::Seed:
    case Field::AccountType:
        return false;
    default:
        return true;
    }
}

std::optional<std::string> field_problem(RequestKind kind, Field field, std::string_view raw) {
    const std::string_view value = util::trim(raw);
    if (value.empty()) {
        return is_required(kind, field) ? std::optional<std::string>("is required") : std::nullopt;
    }
    switch (field) {
    case Field::Email:
        if (auto problem = email_problem(value)) {
            return problem;
        }
        return kind == RequestKind::Registration ? registration_problem(value) : std::nullopt;
    case Field::Mobile:
        return mobile_problem(value);
    case Field::Seed:
        return parse_flag(value) ? std::nullopt : std::optional<std::string>(flag_problem(value));
    case Field::BusinessOperation: {
        const std::string lower = util::to_lower(value);
        if (lower == "onshore" || lower == "offshore") {
            return std::nullopt;
        }
        return fmt::format("{} is not onshore or offshore", util::quoted(value));
    }
    case Field::AccountType: {
        const std::string lower = util::to_lower(value);
        if (lower == "vendor" || lower == "temp" || lower == "other") {
            return std::nullopt;
        }
        return fmt::format("{} is not vendor, temp or other", util::quoted(value));
    }
    default:
        return text_problem(field, value);
    }
}

std::vector<Problem> check_request(RequestKind kind, FieldValues& values) {
    for (auto& value : values) {
        value = std::string(util::trim(value));
    }
    std::vector<Problem> problems;
    for (const Field field : request_fields(kind)) {
        if (auto problem = field_problem(kind, field, value_of(values, field))) {
            add(problems, field, std::move(*problem));
        }
    }
    auto& email = value_of(values, Field::Email);
    email = normalise_email(email);
    auto& mobile = value_of(values, Field::Mobile);
    if (auto normalised = normalise_mobile(mobile)) {
        mobile = std::move(*normalised);
    }
    auto& seed = value_of(values, Field::Seed);
    if (auto flag = parse_flag(seed)) {
        seed = *flag ? "true" : "false";
    }
    if (kind == RequestKind::Invitation) {
        auto& operation = value_of(values, Field::BusinessOperation);
        operation = util::to_lower(operation);
        auto& type = value_of(values, Field::AccountType);
        type = type.empty() ? std::string(k_default_account_type) : util::to_lower(type);
        auto& odc = value_of(values, Field::OffshoreDevelopmentCentre);
        if (is_others(odc)) {
            odc = k_others;
        }
        check_offshore(values, problems);
        // Keep field order when a cross-field rule adds a problem to an earlier field.
        std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
            const auto& fields = request_fields(RequestKind::Invitation);
            const auto index = [&](const Problem& p) {
                return std::find_if(fields.begin(), fields.end(),
                                    [&](Field f) { return field_name(f) == p.field; }) -
                       fields.begin();
            };
            return index(a) < index(b);
        });
    }
    return problems;
}

nlohmann::ordered_json request_json(RequestKind kind, const FieldValues& values) {
    nlohmann::ordered_json body = nlohmann::ordered_json::object();
    for (const Field field : request_fields(kind)) {
        const std::string& value = value_of(values, field);
        const std::string key(api_name(field));
        if (field == Field::Seed) {
            body[key] = value == "true";
        } else if (!value.empty()) {
            body[key] = value;
        }
    }
    return body;
}

} // namespace techpass::validate
