#pragma once

// Vendor invitations, shared by the single and the batch endpoint: the
// schema check, the rule check and the creation are one piece of code so
// that an entry answers the same whichever endpoint carries it.

#include "resources/common.hpp"

namespace emu::resources {

// The invitations columns invitation_json() reads, rowid first; the last
// one is the id of the invitation that replaced this one (replacedBy).
inline constexpr std::string_view k_invitation_select =
    "SELECT rowid, id, email, first_name, last_name, mobile, company, department, "
    "sponsoring_agency, business_operation, offshore_development_centre, offshore_company, seed, "
    "account_type, status, invited_by, namespace, created_at, expires_at, registered_at, "
    "user_id, replaced, (SELECT newer.id FROM invitations newer WHERE newer.replaced = "
    "invitations.id) FROM invitations";
// How long a registration link stays valid: 5 days.
inline constexpr std::int64_t k_link_seconds = 5 * k_day;

// Newest first (by when it was last sent).
inline constexpr Order k_newest_invitations{"created_at", 17, true, true};

// An Invitation; a pending one past its expiry shows as "expired".
json invitation_json(Db& db, const Stmt& row, std::int64_t now);
json load_invitation(Emulator& emulator, std::string_view id);
// Mails the registration link (outbox kind "vendor-invitation").
void send_invitation_mail(Emulator& emulator, const std::string& id);

// How entry breaks the InvitationCreate schema and its field rules (400).
std::optional<Problem> invitation_problem(const json& entry);

// A well-formed entry that cannot be processed: 409 (an account already has
// the email or mobile) or 422 (the email is not eligible for an invitation).
struct Refusal {
    int status;
    std::string message;
};
std::optional<Refusal> invitation_refusal(Db& db, const json& entry);

// The id of the invitation to email that is still pending (sent, unused,
// unexpired), from the caller's sponsor when same_sponsor.
std::optional<std::string> pending_invitation(Emulator& emulator, const Caller& caller,
                                              std::string_view email, bool same_sponsor);

// Creates the invitation (replacing a pending one to the same email), mails
// the registration link, emits user-invited; returns the Invitation.
json create_invitation(Emulator& emulator, const Caller& caller, const json& entry);

} // namespace emu::resources
