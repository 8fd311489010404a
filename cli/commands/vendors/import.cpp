// techpass vendors import FILE: the shared import verb (bulk/import.cpp), for
// vendor invitations.

#include "commands/bulk/import.hpp"

#include "commands/vendors/vendors.hpp"

namespace techpass::cli {

void add_vendors_import(Application& app, CLI::App& vendors) {
    add_import(app, vendors,
               {"vendors", validate::RequestKind::Invitation,
                "Invite vendors in bulk from a CSV or JSON Lines file",
                "Each row becomes a vendor invitation, sent in batches of up to 1000 through\n"
                "the batch endpoint (POST /iam/invitations/batch).",
                "invited or have an account", "examples/vendors.csv"});
}

} // namespace techpass::cli
