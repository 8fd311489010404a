#pragma once

// The documented column set of the import files, with the aliases that
// spreadsheets commonly use, mapped onto validate::Field.

#include "techpass/validate/fields.hpp"
#include "techpass/validate/request.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::bulk {

// What an import file onboards: `vendors import` reads invitations,
// `users import` reads public officer registrations.
using Kind = validate::RequestKind;

// A short name of the kind for messages and the journal ("invitations").
std::string_view kind_name(Kind kind);

// The kind whose kind_name is name; nullopt when none is.
std::optional<Kind> kind_from_name(std::string_view name);

// A column (or JSON key) that the kind does not use, reported as a warning.
struct ColumnWarning {
    std::string name;       // as written in the file
    std::string suggestion; // the documented name it probably meant, or ""
    std::string message;    // the full sentence for the user
};

// The field a header cell or JSON key names: case, spaces, "_", "-" and "."
// are ignored, so "First Name", "firstName", "first_name" and "E-mail" work;
// nullopt when the kind does not take such a field.
std::optional<validate::Field> field_for_name(Kind kind, std::string_view name);

// The documented name that an unknown column most likely meant, or "".
std::string suggest_column(Kind kind, std::string_view name);

// Which field each column of a CSV header holds.
struct HeaderMap {
    std::vector<std::optional<validate::Field>> columns; // by 0-based column index
    std::vector<ColumnWarning> warnings;                 // unknown columns, ignored
};

// Maps a header record. Throws Error(Usage) naming every missing required
// column at once, or two columns that name the same field.
HeaderMap map_header(Kind kind, const std::vector<std::string>& header, std::string_view source);

// The empty CSV file users fill in: the documented header line and "\n"
// (`--template`).
std::string csv_template(Kind kind);

} // namespace techpass::bulk
