#include "techpass/bulk/validation.hpp"

#include "techpass/bulk/duplicates.hpp"
#include "techpass/validate/email.hpp"
#include "techpass/validate/mobile.hpp"
#include "techpass/validate/request.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

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

namespace {

// The keys a row claims, prefixed by kind so that an email and a mobile
// number never collide.
std::vector<std::string> keys_of(const RowCheck& check) {
    std::vector<std::string> keys;
    if (!check.email.empty() && !validate::email_problem(check.email)) {
        keys.push_back("e:" + check.email);
    }
    if (!check.mobile.empty()) {
        keys.push_back("m:" + check.mobile);
    }
    return keys;
}

validate::Problem duplicate_problem(std::string_view key, std::size_t earlier) {
    if (key.starts_with("e:")) {
        return {"email", fmt::format("\"{}\" is also on row {}: each person is onboarded once",
                                     key.substr(2), earlier)};
    }
    return {"mobile", fmt::format("{} is also on row {}: a mobile number belongs to one account",
                                  key.substr(2), earlier)};
}

// The second pass, run only when the filter saw possible duplicates: names
// the first row of each and marks the later rows invalid.
void add_duplicates(const std::string& path, Kind kind, std::string_view default_account_type,
                    DuplicateFinder& duplicates, Validation& result) {
    std::map<std::size_t, InvalidRow> found;
    InputReader reader(path, kind);
    InputRow row;
    while (reader.next(row)) {
        const RowCheck check = check_row(kind, row, default_account_type);
        for (const auto& key : keys_of(check)) {
            if (const auto earlier = duplicates.earlier_row(key, row.row)) {
                InvalidRow& invalid = found[row.row];
                invalid = InvalidRow{row.row, row.line, check.email, std::move(invalid.problems)};
                invalid.problems.push_back(duplicate_problem(key, *earlier));
            }
        }
    }
    for (auto& [number, duplicate] : found) {
        Outcome& outcome = result.outcomes[number - 1];
        if (outcome == Outcome::Pending) {
            outcome = Outcome::Invalid;
            --result.valid;
            result.invalid.push_back(std::move(duplicate));
            continue;
        }
        const auto it = std::lower_bound(
            result.invalid.begin(), result.invalid.end(), number,
            [](const InvalidRow& invalid, std::size_t wanted) { return invalid.row < wanted; });
        if (it != result.invalid.end() && it->row == number) {
            it->problems.insert(it->problems.end(), duplicate.problems.begin(),
                                duplicate.problems.end());
        }
    }
    std::sort(result.invalid.begin(), result.invalid.end(),
              [](const InvalidRow& a, const InvalidRow& b) { return a.row < b.row; });
}

} // namespace

Validation validate_input(const std::string& path, Kind kind,
                          std::string_view default_account_type) {
    Validation result;
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    // About 40 bytes per row at the least, two keys per row.
    DuplicateFinder duplicates(error ? 0 : static_cast<std::size_t>(size / 20));
    {
        InputReader reader(path, kind);
        InputRow row;
        while (reader.next(row)) {
            RowCheck check = check_row(kind, row, default_account_type);
            for (const auto& key : keys_of(check)) {
                duplicates.note(key);
            }
            ++result.rows;
            if (check.problems.empty()) {
                ++result.valid;
                result.outcomes.push_back(Outcome::Pending);
            } else {
                result.outcomes.push_back(Outcome::Invalid);
                result.invalid.push_back(
                    {row.row, row.line, check.email, std::move(check.problems)});
            }
        }
        result.warnings = reader.warnings();
    }
    if (duplicates.has_candidates()) {
        add_duplicates(path, kind, default_account_type, duplicates, result);
    }
    return result;
}

} // namespace techpass::bulk
