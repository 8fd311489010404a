// /iam/invitations: inviting vendors one at a time or in batches, and
// following the invitations up (list, get, resend, revoke).

#include "resources/invitations.hpp"

#include "resources/users.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

#include <map>

namespace emu::resources {

namespace {

constexpr std::size_t k_max_batch = 1000;

const std::vector<std::string_view> k_invitation_statuses = {"pending", "registered", "expired",
                                                             "revoked", "replaced"};

Response invite(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersOnboard);
    if (auto problem = invitation_problem(request.body.is_null() ? json::object() : request.body)) {
        throw ApiError(400, problem->message);
    }
    if (auto refusal = invitation_refusal(emulator.db(), request.body)) {
        throw ApiError(refusal->status, refusal->message);
    }
    return created(create_invitation(emulator, request.who(), request.body));
}

// Why entry i of a batch cannot be sent (409 or 422), or nullopt. first_of
// remembers the first entry of each email and mobile number.
std::optional<Refusal> batch_refusal(Emulator& emulator, const Caller& caller, const json& entry,
                                     std::size_t i, std::map<std::string, std::size_t>& first_of) {
    const auto email = techpass::util::to_lower(entry.at("email").get<std::string>());
    const auto mobile = entry.at("mobile").get<std::string>();
    for (const auto& [key, what] :
         {std::pair{email, "email"}, std::pair{mobile, "mobile number"}}) {
        const auto [first, inserted] = first_of.emplace(key, i);
        if (!inserted) {
            return Refusal{409, fmt::format("entryNumber {} has the same {} as entryNumber {}", i,
                                            what, first->second)};
        }
    }
    if (auto refusal = invitation_refusal(emulator.db(), entry)) {
        return refusal;
    }
    // A re-run of the same import changes nothing: the sponsor's own pending
    // invitation stands (another sponsor's is replaced, as one by one).
    if (const auto pending = pending_invitation(emulator, caller, email, true)) {
        return Refusal{409, fmt::format("{} already has a pending invitation from this sponsor "
                                        "(invitation {})",
                                        email, *pending)};
    }
    return std::nullopt;
}

Response invite_batch(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersOnboard);
    check_body(request.body, {{.name = "invitations",
                               .type = Type::Array,
                               .required = true,
                               .min = 1,
                               .max = k_max_batch}});
    const json& entries = request.body.at("invitations");
    // Nothing is sent when any entry is malformed.
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (auto problem = invitation_problem(entries[i])) {
            throw ApiError(400, entry_message("invitations", i, *problem));
        }
    }
    json sent = json::array();
    json errors = json::array();
    std::map<std::string, std::size_t> first_of;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (auto refusal = batch_refusal(emulator, request.who(), entries[i], i, first_of)) {
            errors.push_back(batch_error(i, refusal->status, refusal->message, request.trace_id));
        } else {
            sent.push_back(
                {{"entryNumber", i},
                 {"invitation", create_invitation(emulator, request.who(), entries[i])}});
        }
    }
    return multi_status({{"invitations", std::move(sent)}, {"errors", std::move(errors)}});
}

// The sponsor sees an invitation: a person their own and those of the
// namespaces they administer, an automation app its namespace's.
void only_visible_invitations(Query& query, const Caller& caller) {
    if (caller.is_app()) {
        query.where("namespace = ?", {caller.home_namespace});
        return;
    }
    query.where("(namespace IS NULL AND invited_by = ?) OR namespace IN (SELECT a.namespace "
                "FROM namespace_admins a WHERE a.user_id = ?)",
                {caller.id, caller.id});
}

struct InvitationRef {
    std::string id;
    std::string email;
    std::string status; // effective: a pending one past its expiry is "expired"
};

// An invitation the caller may see; others are 404, as if they did not exist.
InvitationRef visible_invitation(Emulator& emulator, const Request& request) {
    require_role(emulator, request, Role::UsersOnboard);
    const std::string& id = request.param("invitationId");
    Query query{"SELECT rowid, email, status, expires_at FROM invitations"};
    query.where("id = ?", {id});
    only_visible_invitations(query, request.who());
    auto stmt = query.prepare(emulator.db());
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("invitation '{}' not found", id));
    }
    std::string status = stmt.text(2);
    if (status == "pending" && stmt.integer(3) <= emulator.now_unix()) {
        status = "expired";
    }
    return InvitationRef{id, stmt.text(1), status};
}

Response list_invitations(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersOnboard);
    const Page page = read_page(request);
    Query query{k_invitation_select};
    only_visible_invitations(query, request.who());
    const auto now = emulator.now_unix();
    if (const auto status = query_choice(request, "status", k_invitation_statuses)) {
        if (*status == "pending") {
            query.where("status = 'pending' AND expires_at > ?", {now});
        } else if (*status == "expired") {
            query.where("status = 'expired' OR (status = 'pending' AND expires_at <= ?)", {now});
        } else {
            query.where("status = ?", {*status});
        }
    }
    if (const auto email = request.query("email")) {
        query.where("email = ?", {techpass::util::to_lower(*email)});
    }
    Db& db = emulator.db();
    return ok(list_page(db, page, query, k_newest_invitations, "invitations",
                        [&db, now](const Stmt& row) { return invitation_json(db, row, now); }));
}

Response get_invitation(Emulator& emulator, Request& request) {
    return ok(load_invitation(emulator, visible_invitation(emulator, request).id));
}

Response resend_invitation(Emulator& emulator, Request& request) {
    check_body(request.body, {});
    const auto invitation = visible_invitation(emulator, request);
    if (invitation.status != "pending" && invitation.status != "expired") {
        throw ApiError(409, fmt::format("invitation '{}' is {}; only pending or expired "
                                        "invitations can be resent",
                                        invitation.id, invitation.status));
    }
    if (auto conflict = account_conflict(emulator.db(), invitation.email, std::nullopt)) {
        throw ApiError(409, *conflict);
    }
    // A new link: the old one stops working, and the 5 days start again.
    const auto now = emulator.now_unix();
    emulator.db().run("UPDATE invitations SET status = 'pending', token = ?, created_at = ?, "
                      "expires_at = ?, notified = 0 WHERE id = ?",
                      techpass::util::random_token(32), now, now + k_link_seconds, invitation.id);
    send_invitation_mail(emulator, invitation.id);
    return ok(load_invitation(emulator, invitation.id));
}

Response revoke_invitation(Emulator& emulator, Request& request) {
    check_body(request.body, {});
    const auto invitation = visible_invitation(emulator, request);
    if (invitation.status == "registered" || invitation.status == "replaced") {
        throw ApiError(409, fmt::format("invitation '{}' is {}; only pending or expired "
                                        "invitations can be revoked",
                                        invitation.id, invitation.status));
    }
    emulator.db().run("UPDATE invitations SET status = 'revoked' WHERE id = ?", invitation.id);
    return ok(load_invitation(emulator, invitation.id));
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_invitation_routes(Router& router) {
    using namespace resources;
    router.add("POST", "/iam/invitations", invite, {.creation = true});
    router.add("POST", "/iam/invitations/batch", invite_batch, {.creation = true});
    router.add("GET", "/iam/invitations", list_invitations);
    router.add("GET", "/iam/invitations/{invitationId}", get_invitation);
    router.add("POST", "/iam/invitations/{invitationId}/resend", resend_invitation);
    router.add("POST", "/iam/invitations/{invitationId}/revoke", revoke_invitation);
}

} // namespace emu
