#pragma once

// What the `import` end-to-end tests share: example files copied where the
// journal may be written, generated spreadsheets, and the emulator's view of
// who was onboarded.

#include "cli_fixture.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace e2e::import {

// Copies examples/NAME into dir (the journal is written beside the input,
// and the source tree must stay clean); returns the copy's path.
inline std::string copy_example(const testsupport::TempDir& dir, const std::string& name) {
    return dir.write(name, testsupport::read_file(testsupport::source_path("examples/" + name)));
}

// How many times each email was invited (every invitation, whatever its state).
inline std::map<std::string, int> invited(const Cli& cli) {
    std::map<std::string, int> emails;
    const nlohmann::json state = cli.control("GET", "state/invitations");
    for (const auto& row : state["rows"]) {
        ++emails[row["email"].get<std::string>()];
    }
    return emails;
}

// The emails of public officer accounts.
inline std::map<std::string, int> officers(const Cli& cli) {
    std::map<std::string, int> emails;
    const nlohmann::json state = cli.control("GET", "state/users");
    for (const auto& row : state["rows"]) {
        if (row["account_type"] == "account:public_officer") {
            ++emails[row["email"].get<std::string>()];
        }
    }
    return emails;
}

// The lines of a CSV report without its header, split into fields (no
// quoted commas in the fields these tests look at: row, email, outcome, id).
inline std::vector<std::vector<std::string>> report_rows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::string field;
        std::istringstream cells(line);
        while (std::getline(cells, field, ',')) {
            fields.push_back(field);
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

inline constexpr const char* k_vendor_header =
    "email,first_name,last_name,mobile,company,department,sponsoring_agency,business_operation,"
    "offshore_development_centre,offshore_company,seed,account_type\n";

// A valid onshore vendor, distinct email and mobile for each n.
inline std::string vendor_row(std::size_t n) {
    return fmt::format("vendor{}@acme.example,Wei Ling,Tan,9{:07},Acme Pte Ltd,Engineering,GovTech,"
                       "onshore,,,no,vendor\n",
                       n, n);
}

} // namespace e2e::import
