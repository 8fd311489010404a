#include "lifecycle.hpp"

#include "api.hpp"
#include "resources/invitations.hpp"
#include "resources/users.hpp"

#include <fmt/format.h>

#include <vector>

namespace emu {

namespace {

using nlohmann::json;

constexpr std::int64_t k_day = 24 * 3600;
// Accounts whose status changed this recently are left alone.
constexpr std::int64_t k_recent_change = 5 * k_day;

struct Account {
    std::string id;
    std::string email;
    std::string status;
    std::int64_t created_at = 0;
    std::int64_t status_changed_at = 0;
    std::optional<std::int64_t> last_sign_in_at;
    std::optional<std::int64_t> reminded_at;
};

// What the rules say for one account: a new status, a reminder, or nothing.
struct Decision {
    std::string new_status;
    std::string reminder; // outbox kind
};

Decision decide(const Account& a, std::int64_t now) {
    if (!a.last_sign_in_at) {
        const std::int64_t age = (now - a.created_at) / k_day;
        if (a.status == "pending") {
            if (age >= 30) {
                return {"terminated", ""};
            }
            if (age >= 23) {
                return {"", "activation-reminder"};
            }
        } else if (a.status == "terminated" && now - a.status_changed_at >= 5 * k_day) {
            return {"deleted", ""};
        }
        return {};
    }
    const std::int64_t idle = (now - *a.last_sign_in_at) / k_day;
    if (a.status == "active" || a.status == "disabled") {
        if (idle >= 180) {
            return {"terminated", ""};
        }
        if (a.status == "active" && idle >= 90) {
            return {"disabled", ""};
        }
        if (idle >= 173 || (a.status == "active" && idle >= 60)) {
            return {"", "inactivity-reminder"};
        }
    }
    return {};
}

// The webhook event of a lifecycle status change (openapi.yaml WebhookDelivery).
std::string event_for(const std::string& status) {
    if (status == "deleted") {
        return "user-deleted";
    }
    return status == "disabled" ? "user-disabled" : "user-updated";
}

void remind(Emulator& emulator, const Account& a, const std::string& kind, std::int64_t now) {
    const std::string subject = kind == "activation-reminder"
                                    ? "Activate your TechPass account"
                                    : "Sign in to keep your TechPass account";
    const std::string body =
        kind == "activation-reminder"
            ? fmt::format("Your TechPass account {} has never been used. Sign in before {} or "
                          "it will be terminated.",
                          a.email, format_rfc3339(a.created_at + 30 * k_day))
            : fmt::format("Your TechPass account {} has not been used since {}. Sign in to "
                          "keep it.",
                          a.email, format_rfc3339(*a.last_sign_in_at));
    emulator.send_mail(a.email, kind, subject, body);
    emulator.db().run("UPDATE users SET reminded_at = ? WHERE id = ?", now, a.id);
}

json expire_invitations(Emulator& emulator, std::int64_t now) {
    struct Expired {
        std::string id, email, invited_by, ns;
    };
    std::vector<Expired> expired;
    auto stmt = emulator.db().prepare("SELECT id, email, invited_by, coalesce(namespace, '') "
                                      "FROM invitations WHERE status = 'pending' AND "
                                      "expires_at <= ? ORDER BY rowid");
    stmt.bind(1, now);
    while (stmt.step()) {
        expired.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3)});
    }
    json list = json::array();
    for (const auto& inv : expired) {
        emulator.db().run("UPDATE invitations SET status = 'expired', notified = 1 WHERE id = ?",
                          inv.id);
        // The inviter is a person (id or email); an app's invitations are
        // reported to the admins of its namespace.
        std::vector<std::string> recipients;
        auto who = emulator.db().prepare("SELECT email FROM users WHERE id = ? OR email = ?");
        who.bind_all(inv.invited_by, inv.invited_by);
        if (who.step()) {
            recipients.push_back(who.text(0));
        } else if (!inv.ns.empty()) {
            auto admins = emulator.db().prepare(
                "SELECT u.email FROM namespace_admins a JOIN users u ON u.id = a.user_id "
                "WHERE a.namespace = ? ORDER BY u.email");
            admins.bind(1, inv.ns);
            while (admins.step()) {
                recipients.push_back(admins.text(0));
            }
        }
        for (const auto& to : recipients) {
            emulator.send_mail(to, "invitation-expired", "A TechPass invitation expired",
                               fmt::format("{} did not register within 5 days; the invitation "
                                           "{} has expired. Invite them again if they still "
                                           "need an account.",
                                           inv.email, inv.id));
        }
        if (!inv.ns.empty()) {
            emulator.emit_event(inv.ns, "invitation-expired",
                                {{"invitation", resources::load_invitation(emulator, inv.id)}});
        }
        list.push_back({{"invitationId", inv.id}, {"email", inv.email}});
    }
    return list;
}

std::vector<Account> candidates(Emulator& emulator, std::int64_t now) {
    std::vector<Account> accounts;
    auto stmt = emulator.db().prepare(
        "SELECT id, email, status, created_at, status_changed_at, last_sign_in_at, reminded_at "
        "FROM users WHERE account_type NOT IN ('account:product', 'product') "
        "AND under_investigation = 0 AND status <> 'deleted' ORDER BY rowid");
    while (stmt.step()) {
        Account a{stmt.text(0),
                  stmt.text(1),
                  stmt.text(2),
                  stmt.integer(3),
                  stmt.integer(4),
                  stmt.is_null(5) ? std::nullopt : std::optional(stmt.integer(5)),
                  stmt.is_null(6) ? std::nullopt : std::optional(stmt.integer(6))};
        if (now - a.status_changed_at >= k_recent_change || a.status == "terminated") {
            accounts.push_back(std::move(a));
        }
    }
    return accounts;
}

} // namespace

json run_lifecycle_sweep(Emulator& emulator) {
    const std::int64_t now = emulator.now_unix();
    json changes = json::array();
    json reminders = json::array();
    for (const auto& account : candidates(emulator, now)) {
        const Decision decision = decide(account, now);
        if (!decision.new_status.empty()) {
            emulator.db().run("UPDATE users SET status = ?, status_changed_at = ? WHERE id = ?",
                              decision.new_status, now, account.id);
            changes.push_back({{"userId", account.id},
                               {"email", account.email},
                               {"from", account.status},
                               {"to", decision.new_status}});
            resources::emit_user_event(emulator, account.id, event_for(decision.new_status));
        } else if (!decision.reminder.empty() &&
                   (!account.reminded_at || now - *account.reminded_at >= k_day)) {
            remind(emulator, account, decision.reminder, now);
            reminders.push_back(
                {{"userId", account.id}, {"email", account.email}, {"kind", decision.reminder}});
        }
    }
    return {{"statusChanges", changes},
            {"reminders", reminders},
            {"expiredInvitations", expire_invitations(emulator, now)}};
}

void Emulator::record_sign_in(const std::string& user_id, bool interactive) {
    auto stmt = m_db.prepare("SELECT email, status FROM users WHERE id = ?");
    stmt.bind(1, user_id);
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("no user '{}'", user_id));
    }
    const std::string email = stmt.text(0);
    const std::string status = stmt.text(1);
    if (status != "active" && status != "pending") {
        throw ApiError(409, fmt::format("{} cannot sign in: the account is {}", email, status));
    }
    const std::int64_t now = now_unix();
    m_db.run(interactive ? "UPDATE users SET last_sign_in_at = ?, last_interactive_sign_in_at = ?, "
                           "reminded_at = NULL WHERE id = ?"
                         : "UPDATE users SET last_sign_in_at = ?, "
                           "last_non_interactive_sign_in_at = ?, reminded_at = NULL WHERE id = ?",
             now, now, user_id);
    if (status == "pending") {
        m_db.run("UPDATE users SET status = 'active', status_changed_at = ? WHERE id = ?", now,
                 user_id);
        resources::emit_user_event(*this, user_id, "user-updated");
    }
}

} // namespace emu
