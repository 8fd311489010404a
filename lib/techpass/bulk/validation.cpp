#include "techpass/bulk/validation.hpp"

#include "techpass/bulk/key_index.hpp"
#include "techpass/validate/email.hpp"
#include "techpass/validate/mobile.hpp"
#include "techpass/validate/request.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace techpass::bulk {

using validate::Field;

RowCheck check_row(Kind kind, InputRow& row, std::string_view default_account_type) {
    RowCheck check;
    check.problems = row.problems;
    auto& type = validate::value_of(row.values, Field::AccountType);
    if (kind == Kind::Invitation && type.empty()) {
        type = default_account_type;
    }
    for (auto& problem : validate::check_request(kind, row.values)) {
        // A value already refused for its shape (a JSON array) needs no second word.
        const bool known =
            std::any_of(row.problems.begin(), row.problems.end(),
                        [&](const validate::Problem& p) { return p.field == problem.field; });
        if (!known) {
            check.problems.push_back(std::move(problem));
        }
    }
    check.email = validate::value_of(row.values, Field::Email);
    const std::string& mobile = validate::value_of(row.values, Field::Mobile);
    if (mobile.starts_with("+65") && !validate::mobile_problem(mobile)) {
        check.mobile = mobile;
    }
    if (check.problems.empty()) {
        check.body = validate::request_json(kind, row.values);
    }
    return check;
}

Validation validate_input(const std::string& path, Kind kind,
                          std::string_view default_account_type) {
    Validation result;
    InputReader reader(path, kind);
    KeyIndex emails;
    KeyIndex mobiles;
    InputRow row;
    while (reader.next(row)) {
        RowCheck check = check_row(kind, row, default_account_type);
        const auto row32 = static_cast<std::uint32_t>(row.row);
        if (!check.email.empty() && !validate::email_problem(check.email)) {
            if (const auto earlier = emails.first_or_insert(check.email, row32)) {
                check.problems.push_back(
                    {"email", fmt::format("\"{}\" is also on row {}: each person is onboarded once",
                                          check.email, *earlier)});
            }
        }
        if (!check.mobile.empty()) {
            if (const auto earlier = mobiles.first_or_insert(check.mobile, row32)) {
                check.problems.push_back(
                    {"mobile", fmt::format("{} is also on row {}: a mobile number belongs to one "
                                           "account",
                                           check.mobile, *earlier)});
            }
        }
        ++result.rows;
        if (check.problems.empty()) {
            ++result.valid;
            result.outcomes.push_back(Outcome::Pending);
        } else {
            result.outcomes.push_back(Outcome::Invalid);
            result.invalid.push_back({row.row, row.line, check.email, std::move(check.problems)});
        }
    }
    result.warnings = reader.warnings();
    return result;
}

} // namespace techpass::bulk
