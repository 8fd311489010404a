#pragma once

// The quarterly access review (../docs: domain, "Every quarter, tenant admins
// review who still has access to each app"): who can sign in to each app of
// a namespace and through what, as a file to share with the service owner,
// and the plan that turns its "revoke" decisions back into removals.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace techpass::api::review {

// The fields of a review row, in the file's column order.
const std::vector<std::string>& review_fields();
const output::Resource& review_resource();

// One row per way a person can sign in to an app: assigned directly
// ("assigned"), as a direct member of an assigned group ("group", via the
// group's name); members of groups nested in an assigned group are listed
// as "not reached" (via "outer > inner"), because the platform does not let
// them in; an app that does not require assignment has one row "everyone".
// Each row has the person's account type, status, last sign-in, the days
// until the lifecycle rules disable and terminate the account, an empty
// decision, and a check of the row's identity (row_check).
Json make_review(ApiClient& client, const std::string& namespace_code,
                 const std::optional<std::string>& app, std::chrono::system_clock::time_point now);

// The review as CSV: a header of review_fields(), one line per row.
std::string review_csv(const Json& review);

// 12 hex digits of SHA-256 over what identifies a row (namespace, app id,
// email, access, via): a row changed by hand no longer matches its check.
// It guards against edits by mistake, not against forgery.
std::string row_check(const Json& row);

// A review file read back: each row's fields by column name, and its line.
struct ReviewLine {
    std::size_t line = 0;
    Json row;
};
// Reads a review CSV; Error(Usage) naming the file and line when it is not
// one (a missing column, malformed CSV).
std::vector<ReviewLine> read_review(std::istream& in, const std::string& source);

// One removal that carries out revoke decisions.
struct Revocation {
    std::string kind; // "assignment" (the user's own) or "membership" (of the group)
    std::string namespace_code;
    std::string app_id;
    std::string app;
    std::string email;
    std::string group;                  // membership: the group the person leaves
    std::vector<std::size_t> lines;     // the review lines it carries out
    std::vector<std::string> also_ends; // membership: other apps the group lets them into
};

// What applying a review would do, checked against a fresh review of the
// same namespace (live).
struct ApplyPlan {
    std::string namespace_code;
    std::vector<Revocation> revocations;
    std::vector<std::size_t> already_done; // revoke lines whose access is gone already
    std::vector<std::size_t> kept;         // lines kept (decision keep or empty)
    // Lines that refuse the whole file: changed by hand, no longer matching
    // the live access, a decision other than keep/revoke, a revoke that
    // cannot be carried out row by row. Nothing is applied while any remain.
    std::vector<std::string> problems;
};
ApplyPlan plan_apply(const std::vector<ReviewLine>& lines, const Json& live);

} // namespace techpass::api::review
