#pragma once

// Users as the API shows them, shared by users.cpp, vendors.cpp and
// invitations: the row mapping, the rules every new account must pass
// (eligibility, unique email and mobile) and the user webhook events.

#include "resources/common.hpp"

namespace emu::resources {

// The users columns user_json() reads, rowid first (the paging key). Account
// types are shown as "account:<type>" however they are stored.
inline constexpr std::string_view k_user_select =
    "SELECT rowid, id, email, username, first_name, last_name, display_name, mobile, "
    "CASE WHEN account_type LIKE 'account:%' THEN account_type ELSE 'account:' || account_type "
    "END, status, company, department, agency, seed_status, sponsor, sponsored_by, created_at, "
    "status_changed_at, last_sign_in_at, last_interactive_sign_in_at, "
    "last_non_interactive_sign_in_at FROM users";
// Newest first, as the user and vendor listings are.
inline constexpr Order k_newest_users{"created_at", 16, true, true};
// The account type expression of k_user_select, for filters.
inline constexpr std::string_view k_account_type_expr =
    "CASE WHEN account_type LIKE 'account:%' THEN account_type ELSE 'account:' || account_type "
    "END";

// What a User carries beyond its required fields.
struct UserDetail {
    bool sign_in = false; // lastSignIn=true: the three sign-in times
    bool seed = false;    // seedInfo=true: seedStatus and seedDevices
    bool vendor = false;  // a Vendor: always seedStatus
};
json user_json(Db& db, const Stmt& row, UserDetail detail = {});
json load_user(Db& db, std::string_view id, UserDetail detail = {});

// 403 unless the caller has Users.Onboard and sponsors user (see sponsors()).
void require_sponsor(Emulator& emulator, const Request& request, const UserRef& user);

// Why an address of this domain cannot be registered as a public officer
// (422), or nullopt.
std::optional<std::string> registration_problem(std::string_view domain);
// Whether domain is a personal mail provider's (never eligible).
bool is_personal_domain(std::string_view domain);
// The 409 message when a live account already has this email or mobile.
std::optional<std::string> account_conflict(Db& db, std::string_view email,
                                            std::optional<std::string_view> mobile);
// Frees the email and mobile of deleted accounts so that they can be used again.
void purge_deleted_accounts(Db& db, std::string_view email, std::optional<std::string_view> mobile);

// Mails the SEED onboarding instructions (outbox kind "seed-onboarding").
void send_seed_mail(Emulator& emulator, const std::string& email);

// Emits event with {"user": User} to the user's sponsoring namespace (none
// when a person sponsored them).
void emit_user_event(Emulator& emulator, std::string_view user_id, const std::string& event);

} // namespace emu::resources
