#include "techpass/api/invitations.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"

#include <fmt/format.h>

namespace techpass::api::invitations {

namespace {

using api::Json;

std::string invitee_name(const Json& item) {
    return output::cell_text(output::field_value(item, "firstName")) + " " +
           output::cell_text(output::field_value(item, "lastName"));
}

} // namespace

const output::Resource& invitation_resource() {
    static const output::Resource resource{
        "invitation",
        "invitations",
        "invitations",
        "id",
        {
            {"id", "Invitation id (uuid)"},
            {"email", "The invitee's email"},
            {"firstName", "Given name"},
            {"lastName", "Family name"},
            {"mobile", "Singapore mobile number (+65XXXXXXXX)"},
            {"company", "Company name"},
            {"department", "Department"},
            {"sponsoringAgency", "The agency the invitee works for"},
            {"businessOperation", "onshore or offshore"},
            {"offshoreDevelopmentCentre", "Offshore Development Centre or Others; null onshore"},
            {"offshoreCompany", "Offshore company when the centre is Others; else null"},
            {"seed", "Whether SEED provisioning was requested"},
            {"accountType", "vendor, temp or other"},
            {"status", "pending, registered, expired, revoked or replaced"},
            {"invitedBy", "The sponsor (type, id, name)"},
            {"namespace", "The namespace it was sent for; null for a person's own"},
            {"createdAt", "When it was sent or last resent (RFC 3339)"},
            {"expiresAt", "When the registration link lapses, 5 days after sending"},
            {"registeredAt", "When the invitee registered; null until then"},
            {"userId", "The account created on registration; null until then"},
            {"replaced", "The earlier invitation this one replaced; null if none"},
            {"replacedBy", "The invitation that replaced this one; null if none"},
        },
        {{"EMAIL", "email"},
         {"NAME", "firstName", invitee_name},
         {"TYPE", "accountType"},
         {"STATUS", "status"},
         {"EXPIRES", "expiresAt"},
         {"ID", "id"}},
    };
    return resource;
}

std::string invitation_path(const std::string& id) {
    return std::string(k_invitations_path) + "/" + http::path_segment(id, "invitation");
}

Json create_invitation(api::ApiClient& client, const Json& body) {
    return client.post(k_invitations_path, body, api::IdempotencyKey::generate());
}

Json list_invitations(api::ApiClient& client, const InvitationFilter& filter,
                      std::optional<std::size_t> limit) {
    http::Query query;
    if (!filter.status.empty()) {
        query.emplace_back("status", filter.status);
    }
    if (!filter.email.empty()) {
        query.emplace_back("email", filter.email);
    }
    return client.paginate(k_invitations_path, std::move(query), "invitations", limit, 100);
}

Json get_invitation(api::ApiClient& client, const std::string& id_or_email) {
    if (id_or_email.find('@') == std::string::npos) {
        return client.get(invitation_path(id_or_email));
    }
    const Json found = list_invitations(client, {"", id_or_email}, 1);
    if (found["invitations"].empty()) {
        throw Error(ErrorKind::NotFound, fmt::format("no invitation to {}", id_or_email),
                    fmt::format("invite them: techpass vendors invite {}", id_or_email));
    }
    return found["invitations"][0];
}

Json invitation_action(api::ApiClient& client, const std::string& id, const std::string& action) {
    return client.post(invitation_path(id) + "/" + action);
}

} // namespace techpass::api::invitations
