// techpass users import FILE: the shared import verb (bulk/import.cpp), for
// registrations of public officers.

#include "commands/bulk/import.hpp"

#include "commands/users/users.hpp"

namespace techpass::cli {

void add_users_import(Application& app, CLI::App& users) {
    add_import(app, users,
               {"users", validate::RequestKind::Registration,
                "Register public officers in bulk from a CSV or JSON Lines file",
                "Each row becomes the registration of a public officer with a Whole-of-\n"
                "Government email (POST /iam/users/registrations, one call per row).",
                "registered", "examples/users.csv"});
}

} // namespace techpass::cli
