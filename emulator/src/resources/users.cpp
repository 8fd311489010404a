// /iam/users: registering public officers, listing and reading accounts, and
// the sponsor's state changes (disable, enable, delete).

#include "resources/users.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

#include <charconv>

namespace emu::resources {

namespace {

// The onboarding email's link is valid this long.
constexpr std::int64_t k_onboarding_days = 30;

const std::vector<std::string_view> k_listed_statuses = {"pending", "active", "disabled",
                                                         "terminated"};
const std::vector<std::string_view> k_account_types = {
    "account:public_officer", "account:vendor", "account:temp", "account:product", "account:other"};

std::string capitalised(std::string_view word) {
    std::string result = techpass::util::to_lower(word);
    if (!result.empty() && result[0] >= 'a' && result[0] <= 'z') {
        result[0] = static_cast<char>(result[0] - 'a' + 'A');
    }
    return result;
}

// The emulator has no source directory: the name comes from the mailbox
// ("mei.lim" -> "Mei", "Lim").
std::pair<std::string, std::string> names_from_email(std::string_view email) {
    const auto local = email.substr(0, email.find('@'));
    std::vector<std::string> parts;
    std::string part;
    for (const char c : local) {
        if (c == '.' || c == '_' || c == '-') {
            if (!part.empty()) {
                parts.push_back(capitalised(part));
            }
            part.clear();
        } else {
            part += c;
        }
    }
    if (!part.empty()) {
        parts.push_back(capitalised(part));
    }
    if (parts.empty()) {
        return {std::string(local), ""};
    }
    std::string last;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        last += (i > 1 ? " " : "") + parts[i];
    }
    return {parts[0], last};
}

// tech.gov.sg -> GovTech; otherwise the upper-cased first label (mom.gov.sg -> MOM).
std::string agency_of(std::string_view domain) {
    if (domain == "tech.gov.sg") {
        return "GovTech";
    }
    std::string label(domain.substr(0, domain.find('.')));
    for (auto& c : label) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return label;
}

Response register_user(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersOnboard);
    check_body(request.body,
               {{.name = "email", .required = true, .max = 254, .format = Format::Email},
                {.name = "mobile", .format = Format::SgMobile},
                {.name = "seed", .type = Type::Boolean}});
    const std::string email = techpass::util::to_lower(string_field(request.body, "email"));
    const auto mobile = optional_string(request.body, "mobile");
    if (auto problem = registration_problem(domain_of(email))) {
        throw ApiError(422, *problem);
    }
    if (auto conflict = account_conflict(emulator.db(), email, mobile)) {
        throw ApiError(409, *conflict);
    }
    purge_deleted_accounts(emulator.db(), email, mobile);

    const bool seed = bool_field(request.body, "seed", false);
    const Actor sponsor = actor_of(request.who());
    const auto [first, last] = names_from_email(email);
    const std::string id = techpass::util::uuid_v4();
    const auto now = emulator.now_unix();
    emulator.db().run(
        "INSERT INTO users(id, email, username, mobile, first_name, last_name, display_name, "
        "account_type, status, agency, seed_status, sponsor, sponsored_by, created_at, "
        "status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'account:public_officer', 'pending', ?, "
        "?, ?, ?, ?, ?)",
        id, email, email, mobile, first, last, last.empty() ? first : first + " " + last,
        agency_of(domain_of(email)), std::string(seed ? "license_assigned" : "not_required"),
        sponsor.type == "namespace" ? sponsor.id : std::string(),
        sponsor.type == "user" ? sponsor.id : std::string(), now, now);
    emulator.send_mail(email, "onboarding", "Welcome to TechPass: activate your account",
                       fmt::format("Your TechPass account {} is ready. Accept the invitation, set "
                                   "up MFA and accept the terms of use at {}/onboarding before {} "
                                   "(30 days).",
                                   email, emulator.base_url(),
                                   emulator.now_rfc3339(k_onboarding_days * k_day)));
    if (seed) {
        send_seed_mail(emulator, email);
    }
    emit_user_event(emulator, id, "user-registered");
    return created(load_user(emulator.db(), id));
}

std::int64_t query_integer(const Request& request, const std::string& name, std::int64_t min,
                           std::int64_t max) {
    const auto text = request.query(name).value_or("");
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
        throw ApiError(400, fmt::format("{} must be an integer from {} to {}, not '{}'", name, min,
                                        max, text));
    }
    return value;
}

Response list_users(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersRead);
    const Page page = read_page(request);
    Query query{k_user_select};
    query.where("status <> 'deleted'");
    if (const auto status = query_choice(request, "status", k_listed_statuses)) {
        query.where("status = ?", {*status});
    }
    if (const auto type = query_choice(request, "accountType", k_account_types)) {
        query.where(std::string(k_account_type_expr) + " = ?", {*type});
    }
    if (const auto search = request.query("search")) {
        if (search->empty() || search->size() > 100) {
            throw ApiError(400, "search must be 1 to 100 characters long");
        }
        const std::string p = like_contains(*search);
        query.where("email LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR first_name LIKE "
                    "? ESCAPE '\\' OR last_name LIKE ? ESCAPE '\\' OR display_name LIKE ? "
                    "ESCAPE '\\'",
                    {p, p, p, p, p});
    }
    if (request.query("inactiveDays")) {
        const auto days = query_integer(request, "inactiveDays", 1, 3650);
        // Someone who never signed in has been inactive since the account was created.
        query.where("COALESCE(last_sign_in_at, created_at) <= ?",
                    {emulator.now_unix() - days * k_day});
    }
    Db& db = emulator.db();
    return ok(list_page(db, page, query, k_newest_users, "users",
                        [&db](const Stmt& row) { return user_json(db, row); }));
}

Response existing_users(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersRead);
    check_body(request.body, {{.name = "emails",
                               .type = Type::StringArray,
                               .required = true,
                               .min = 1,
                               .max = 1000,
                               .format = Format::Email,
                               .unique_items = true}});
    Db& db = emulator.db();
    json users = json::array();
    for (const auto& email : strings_field(request.body, "emails")) {
        auto stmt =
            Query(k_user_select).where("status <> 'deleted' AND email = ?", {email}).prepare(db);
        if (stmt.step()) {
            users.push_back(user_json(db, stmt));
        }
    }
    return ok({{"count", users.size()}, {"users", std::move(users)}});
}

Response get_user(Emulator& emulator, Request& request) {
    const auto user = require_user(emulator.db(), request.param("identifier"));
    const Caller& caller = request.who();
    const bool self = !caller.is_app() && caller.id == user.id;
    if (!self && !has_role(emulator, caller, Role::UsersRead)) {
        forbid(caller, "Users.Read", {},
               "a vendor, temp or other account may read only its own account");
    }
    UserDetail detail;
    detail.sign_in = query_flag(request, "lastSignIn");
    detail.seed = query_flag(request, "seedInfo");
    return ok(load_user(emulator.db(), user.id, detail));
}

void set_status(Emulator& emulator, const std::string& id, const std::string& status) {
    emulator.db().run("UPDATE users SET status = ?, status_changed_at = ? WHERE id = ?", status,
                      emulator.now_unix(), id);
}

// The target of disable, enable and delete: a live account the caller sponsors.
UserRef sponsored_user(Emulator& emulator, const Request& request) {
    const auto user = require_user(emulator.db(), request.param("identifier"));
    require_sponsor(emulator, request, user);
    if (user.status == "terminated") {
        throw ApiError(409, fmt::format("the account of {} is terminated", user.email));
    }
    return user;
}

Response disable_user(Emulator& emulator, Request& request) {
    check_body(request.body, {});
    const auto user = sponsored_user(emulator, request);
    // Disabling a disabled account changes nothing, so that retries repeat it safely.
    if (user.status != "disabled") {
        set_status(emulator, user.id, "disabled");
        emit_user_event(emulator, user.id, "user-disabled");
    }
    return ok(load_user(emulator.db(), user.id));
}

Response enable_user(Emulator& emulator, Request& request) {
    check_body(request.body, {});
    const auto user = sponsored_user(emulator, request);
    if (user.status == "disabled") {
        set_status(emulator, user.id, "active");
        emit_user_event(emulator, user.id, "user-updated");
    }
    return ok(load_user(emulator.db(), user.id));
}

Response delete_user(Emulator& emulator, Request& request) {
    const auto user = require_user(emulator.db(), request.param("identifier"));
    require_sponsor(emulator, request, user);
    Db& db = emulator.db();
    auto admin = db.prepare("SELECT namespace FROM namespace_admins WHERE user_id = ? "
                            "ORDER BY namespace LIMIT 1");
    admin.bind(1, user.id);
    if (admin.step()) {
        throw ApiError(409, fmt::format("{} is a tenant admin of namespace {}; remove them from "
                                        "its admins first",
                                        user.email, admin.text(0)));
    }
    set_status(emulator, user.id, "deleted");
    db.run("DELETE FROM group_members WHERE member_type = 'user' AND member_id = ?", user.id);
    db.run("DELETE FROM app_assignments WHERE principal_type = 'user' AND principal_id = ?",
           user.id);
    emit_user_event(emulator, user.id, "user-deleted");
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_user_routes(Router& router) {
    using namespace resources;
    router.add("POST", "/iam/users/registrations", register_user, {.creation = true});
    router.add("GET", "/iam/users", list_users);
    router.add("POST", "/iam/users/existing", existing_users);
    router.add("GET", "/iam/users/{identifier}", get_user);
    router.add("POST", "/iam/users/{identifier}/disable", disable_user);
    router.add("POST", "/iam/users/{identifier}/enable", enable_user);
    router.add("DELETE", "/iam/users/{identifier}", delete_user);
}

} // namespace emu
