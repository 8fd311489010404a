#pragma once

// Invitations over the Automation API (docs/api: invitations), and how they
// are shown. Shared by `techpass invitations ...` and the invite verbs of
// `users` and `vendors`. Depends only on api::ApiClient.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <optional>
#include <string>

namespace techpass::api::invitations {

const output::Resource& invitation_resource();

inline constexpr const char* k_invitations_path = "/iam/invitations";
// Up to 100 invitations in one request (the bulk import's batches).
inline constexpr const char* k_batch_path = "/iam/invitations/batch";

// Sends one invitation (the body from validate::request_json).
api::Json create_invitation(api::ApiClient& client, const api::Json& body);

struct InvitationFilter {
    std::string status; // pending, registered, expired, revoked, replaced; "" for all
    std::string email;  // "" for all
};

api::Json list_invitations(api::ApiClient& client, const InvitationFilter& filter,
                           std::optional<std::size_t> limit);

// The invitation named by an id, or by an email (its newest invitation;
// NotFound when there is none).
api::Json get_invitation(api::ApiClient& client, const std::string& id_or_email);

// POST .../resend or .../revoke of an invitation id; the invitation after it.
api::Json invitation_action(api::ApiClient& client, const std::string& id,
                            const std::string& action);

std::string invitation_path(const std::string& id);

} // namespace techpass::api::invitations
