// The user mapping and the account rules shared by users, vendors and
// invitations (see users.hpp).

#include "resources/users.hpp"

#include <fmt/format.h>

#include <array>

namespace emu::resources {

namespace {

// Government domains whose people must be invited rather than registered.
constexpr std::array<std::string_view, 6> k_invite_only_domains = {
    "mindef.gov.sg",  "dsta.gov.sg",  "dsta-wog.gov.sg",
    "defence.gov.sg", "gebiz.gov.sg", "sps.gov.sg"};

// Personal mail providers: never eligible.
constexpr std::array<std::string_view, 22> k_personal_domains = {
    "gmail.com",      "googlemail.com", "yahoo.com",  "yahoo.com.sg",   "ymail.com",
    "rocketmail.com", "hotmail.com",    "hotmail.sg", "outlook.com",    "outlook.sg",
    "live.com",       "live.com.sg",    "msn.com",    "icloud.com",     "me.com",
    "mac.com",        "aol.com",        "proton.me",  "protonmail.com", "gmx.com",
    "mail.com",       "zoho.com"};

void bind_email_and_mobile(Stmt& stmt, std::string_view email,
                           std::optional<std::string_view> mobile) {
    stmt.bind(1, email);
    if (mobile) {
        stmt.bind(2, *mobile);
    } else {
        stmt.bind(2, std::nullopt);
    }
}

} // namespace

json user_json(Db& db, const Stmt& row, UserDetail detail) {
    const bool officer = row.text(8) == "account:public_officer";
    const std::string username = row.text(3);
    json user = {{"id", row.text(1)},
                 {"email", row.text(2)},
                 {"username", username.empty() ? row.text(2) : username},
                 {"firstName", row.text(4)},
                 {"lastName", row.text(5)},
                 {"displayName", row.text(6)},
                 {"mobile", text_or_null(row, 7)},
                 {"accountType", row.text(8)},
                 {"status", row.text(9)},
                 {"company", officer ? json(nullptr) : text_or_null(row, 10)},
                 {"department", text_or_null(row, 11)},
                 {"agency", text_or_null(row, 12)},
                 {"createdAt", format_rfc3339(row.integer(16))},
                 {"statusChangedAt", format_rfc3339(row.integer(17))}};
    // An app sponsors for its namespace; a person in their own name.
    user["sponsor"] = !row.text(14).empty() ? actor_json(db, "namespace", row.text(14))
                                            : actor_json(db, "user", row.text(15));
    if (detail.vendor || detail.seed) {
        user["seedStatus"] = row.text(13);
    }
    if (detail.seed) {
        // The emulator enrols no devices; the field keeps the real API's shape.
        user["seedDevices"] = json::array();
    }
    if (detail.sign_in) {
        user["lastSignInAt"] = time_json(opt_integer(row, 18));
        user["lastInteractiveSignInAt"] = time_json(opt_integer(row, 19));
        user["lastNonInteractiveSignInAt"] = time_json(opt_integer(row, 20));
    }
    return user;
}

json load_user(Db& db, std::string_view id, UserDetail detail) {
    auto stmt = Query(k_user_select).where("id = ?", {std::string(id)}).prepare(db);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("user '{}' not found", id));
    }
    return user_json(db, stmt, detail);
}

void require_sponsor(Emulator& emulator, const Request& request, const UserRef& user) {
    require_role(emulator, request, Role::UsersOnboard);
    if (!sponsors(emulator, request.who(), user)) {
        forbid(request.who(), "sponsor", user.sponsor,
               fmt::format("only the person who registered or invited {}, or the tenant admins "
                           "and automation apps of the namespace that did, have it",
                           user.email));
    }
}

bool is_personal_domain(std::string_view domain) {
    return std::find(k_personal_domains.begin(), k_personal_domains.end(), domain) !=
           k_personal_domains.end();
}

std::optional<std::string> registration_problem(std::string_view domain) {
    for (const auto excluded : k_invite_only_domains) {
        if (in_domain(domain, excluded)) {
            return fmt::format("users of {} cannot self-register: invite them instead "
                               "(POST /iam/invitations)",
                               domain);
        }
    }
    if (is_personal_domain(domain)) {
        return fmt::format("{} is a personal mail domain, which is not eligible: only "
                           "Whole-of-Government (*.gov.sg) emails can be registered",
                           domain);
    }
    if (!in_domain(domain, "gov.sg") || domain == "gov.sg") {
        return fmt::format("{} is not a Whole-of-Government email domain: its users must be "
                           "invited (POST /iam/invitations)",
                           domain);
    }
    return std::nullopt;
}

std::optional<std::string> account_conflict(Db& db, std::string_view email,
                                            std::optional<std::string_view> mobile) {
    auto stmt = db.prepare("SELECT email = ?1 OR username = ?1 AS by_email FROM users "
                           "WHERE status <> 'deleted' AND (email = ?1 OR username = ?1 OR "
                           "(?2 IS NOT NULL AND mobile = ?2)) ORDER BY by_email DESC LIMIT 1");
    bind_email_and_mobile(stmt, email, mobile);
    if (!stmt.step()) {
        return std::nullopt;
    }
    if (stmt.boolean(0)) {
        return fmt::format("an account with email {} already exists", email);
    }
    return fmt::format("an account with mobile number {} already exists", *mobile);
}

void purge_deleted_accounts(Db& db, std::string_view email,
                            std::optional<std::string_view> mobile) {
    auto stmt = db.prepare("DELETE FROM users WHERE status = 'deleted' AND "
                           "(email = ?1 OR username = ?1 OR (?2 IS NOT NULL AND mobile = ?2))");
    bind_email_and_mobile(stmt, email, mobile);
    stmt.run();
}

void send_seed_mail(Emulator& emulator, const std::string& email) {
    emulator.send_mail(email, "seed-onboarding", "Set up SEED on your device",
                       fmt::format("A SEED licence has been assigned to {}. Follow the SEED "
                                   "onboarding guide to enrol your device.",
                                   email));
}

void emit_user_event(Emulator& emulator, std::string_view user_id, const std::string& event) {
    auto stmt = Query(k_user_select).where("id = ?", {std::string(user_id)}).prepare(emulator.db());
    if (!stmt.step() || stmt.text(14).empty()) {
        return;
    }
    UserDetail detail;
    detail.vendor = stmt.text(8) == "account:vendor";
    emulator.emit_event(stmt.text(14), event, {{"user", user_json(emulator.db(), stmt, detail)}});
}

} // namespace emu::resources
