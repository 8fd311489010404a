#pragma once

// The plan: what `techpass apply` would change to make a namespace what its
// tenant file says (issue 11). Made by a pure function of the file and the
// live state, so that plan, apply and their tests agree by construction.
//
// Changes are in the order apply performs them: the namespace, admins,
// groups, memberships, apps, then each app's certificates, secrets and
// assignments, API keys, webhooks, whitelist entries; deletions (only with
// prune) come last, in the reverse order. Settings the file leaves out are
// left as they are; collections the file lists (redirect URLs, members,
// assignments, entries...) are made to match it.

#include "techpass/api/client.hpp"
#include "techpass/tenant/file.hpp"
#include "techpass/tenant/live.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace techpass::tenant {

enum class Action { Create, Update, Delete };
std::string_view action_name(Action action); // "create", "update", "delete"

// One field of a change; before is null for a creation, after for a deletion.
struct FieldChange {
    std::string field;
    api::Json before;
    api::Json after;
};

struct Change {
    Action action = Action::Create;
    // namespace, admin, group, member, app, certificate, secret, assignment,
    // apikey, webhook, whitelist-entry
    std::string type;
    std::string name; // the object's name within its parent
    // The object it belongs to: ("group", "billing"), ("app", "ship-portal");
    // empty for objects of the namespace.
    std::string parent_type;
    std::string parent_name;
    std::vector<FieldChange> fields;
    // What apply needs that the reader does not: ids of live objects, the
    // request body of a creation, a certificate's PEM. Never a secret.
    api::Json detail = api::Json::object();
    // A creation's Idempotency-Key, derived from the namespace, the object
    // and its body: a re-run of the same apply sends the same key.
    std::string idempotency_key;
    // The answer to this creation holds a one-time secret (an API key, a
    // client secret).
    bool makes_secret = false;
};

// An Idempotency-Key of apply: "techpass-apply-" and a digest of what is
// created (its namespace, object and body), the same on every re-run.
std::string apply_key(std::string_view identity);

struct PlanOptions {
    bool prune = false;
    // The API key this run signs in with (its value, never shown): never pruned.
    std::string own_key_prefix;
    // The client id this run signs in as: its app is never pruned.
    std::string own_client_id;
};

struct Plan {
    std::string namespace_code;
    std::vector<Change> changes;
    // What the plan does not do and the reader should know (e.g. an API key
    // kept because it is in use).
    std::vector<std::string> notes;
    std::size_t count(Action action) const;
    bool empty() const { return changes.empty(); }
    // "3 to create, 1 to update, 0 to delete"
    std::string summary() const;
};

// The certificates of the file, read: thumbprint and PEM by path.
struct FileCertificate {
    std::string path;
    std::string thumbprint;
    std::string pem;
    std::string subject;
};
// Reads the PEM files the file names (Usage error naming the file when one is
// not a certificate).
std::vector<FileCertificate> read_certificates(const TenantFile& file);

Plan make_plan(const TenantFile& file, const std::vector<FileCertificate>& certificates,
               const LiveState& live, const PlanOptions& options);

// The plan as its documented JSON (docs/tenant-plan.schema.json).
api::Json plan_json(const Plan& plan);

// The plan for a person: changes grouped by the object they belong to, each
// field `before -> after`, notes, and the summary line; + ~ - coloured when
// colour. "No changes." when it is empty.
void write_plan_text(std::ostream& out, const Plan& plan, const std::string& file_path,
                     bool colour);

// One change on one line: "create group portal-ops", "update app ship-portal".
std::string change_line(const Change& change);

// What the live state needs to be read for a file: whose whitelists.
ReadOptions read_options(const TenantFile& file, bool prune);

} // namespace techpass::tenant
