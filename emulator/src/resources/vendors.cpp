// /iam/vendors: the accounts of type account:vendor, with their profile and
// SEED status.

#include "resources/users.hpp"

#include <fmt/format.h>

namespace emu::resources {

namespace {

const std::vector<std::string_view> k_seed_statuses = {"not_required", "license_assigned",
                                                       "fully_onboarded"};

UserDetail vendor_detail() {
    UserDetail detail;
    detail.vendor = true;
    return detail;
}

UserRef require_vendor(Db& db, const Request& request) {
    const std::string& identifier = request.param("identifier");
    const auto user = find_user(db, identifier);
    if (!user || user->account_type != "account:vendor") {
        throw ApiError(404, fmt::format("vendor '{}' not found", identifier));
    }
    return *user;
}

Response list_vendors(Emulator& emulator, Request& request) {
    require_role(emulator, request, Role::UsersRead);
    const Page page = read_page(request);
    Query query{k_user_select};
    query.where(std::string(k_account_type_expr) + " = 'account:vendor' AND status <> 'deleted'");
    if (const auto seed = query_choice(request, "seedStatus", k_seed_statuses)) {
        query.where("seed_status = ?", {*seed});
    }
    if (const auto search = request.query("search")) {
        if (search->empty() || search->size() > 100) {
            throw ApiError(400, "search must be 1 to 100 characters long");
        }
        const std::string p = like_contains(*search);
        query.where("email LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR first_name LIKE "
                    "? ESCAPE '\\' OR last_name LIKE ? ESCAPE '\\' OR display_name LIKE ? "
                    "ESCAPE '\\' OR company LIKE ? ESCAPE '\\'",
                    {p, p, p, p, p, p});
    }
    Db& db = emulator.db();
    return ok(list_page(db, page, query, k_newest_users, "vendors",
                        [&db](const Stmt& row) { return user_json(db, row, vendor_detail()); }));
}

Response get_vendor(Emulator& emulator, Request& request) {
    const auto vendor = require_vendor(emulator.db(), request);
    const Caller& caller = request.who();
    if (!(!caller.is_app() && caller.id == vendor.id) &&
        !has_role(emulator, caller, Role::UsersRead)) {
        forbid(caller, "Users.Read", {}, "a vendor may read only their own account");
    }
    return ok(load_user(emulator.db(), vendor.id, vendor_detail()));
}

const Table k_vendors{.name = "users",
                      .select = k_user_select,
                      .key = "id",
                      .one = "id = ?",
                      .not_found = "user '{0}' not found",
                      .row = [](Db& db, const Stmt& row) { return user_json(db, row); },
                      .patch = {{"firstName", "first_name"},
                                {"lastName", "last_name"},
                                {"mobile", "mobile"},
                                {"company", "company"},
                                {"department", "department"},
                                {"agency", "agency"}}};

Response update_vendor(Emulator& emulator, Request& request) {
    check_patch(request.body,
                {{.name = "firstName", .min = 1, .max = 64, .format = Format::Trimmed},
                 {.name = "lastName", .min = 1, .max = 64, .format = Format::Trimmed},
                 {.name = "mobile", .format = Format::SgMobile},
                 {.name = "company", .min = 1, .max = 128, .format = Format::Trimmed},
                 {.name = "department", .min = 1, .max = 128, .format = Format::Trimmed},
                 {.name = "agency", .min = 1, .max = 128, .format = Format::Trimmed}});
    Db& db = emulator.db();
    const auto vendor = require_vendor(db, request);
    require_sponsor(emulator, request, vendor);
    if (const auto mobile = optional_string(request.body, "mobile")) {
        auto taken =
            db.prepare("SELECT 1 FROM users WHERE mobile = ? AND id <> ? AND status <> 'deleted'");
        taken.bind_all(*mobile, vendor.id);
        if (taken.step()) {
            throw ApiError(409,
                           fmt::format("an account with mobile number {} already exists", *mobile));
        }
        purge_deleted_accounts(db, "", *mobile);
    }
    patch(db, k_vendors, vendor.id, request.body);
    db.run("UPDATE users SET display_name = trim(first_name || ' ' || last_name) WHERE id = ?",
           vendor.id);
    emit_user_event(emulator, vendor.id, "user-updated");
    return ok(load_user(db, vendor.id, vendor_detail()));
}

Response request_seed(Emulator& emulator, Request& request) {
    check_body(request.body, {});
    Db& db = emulator.db();
    const auto vendor = require_vendor(db, request);
    const Caller& caller = request.who();
    require_role(emulator, request, Role::UsersOnboard);
    if (!sponsors(emulator, caller, vendor) && !is_any_admin(emulator, caller)) {
        forbid(caller, "request SEED", vendor.sponsor,
               "only the vendor's sponsor and tenant admins have it");
    }
    if (vendor.status == "disabled" || vendor.status == "terminated") {
        throw ApiError(409, fmt::format("vendor {} is {}; SEED can be requested for pending or "
                                        "active vendors only",
                                        vendor.email, vendor.status));
    }
    auto stmt = db.prepare("SELECT seed_status FROM users WHERE id = ?");
    stmt.bind(1, vendor.id);
    stmt.step();
    // A vendor who already has a licence is left as they are (no second email).
    if (stmt.text(0) == "not_required") {
        db.run("UPDATE users SET seed_status = 'license_assigned' WHERE id = ?", vendor.id);
        send_seed_mail(emulator, vendor.email);
        emit_user_event(emulator, vendor.id, "user-updated");
    }
    return ok(load_user(db, vendor.id, vendor_detail()));
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_vendor_routes(Router& router) {
    using namespace resources;
    router.add("GET", "/iam/vendors", list_vendors);
    router.add("GET", "/iam/vendors/{identifier}", get_vendor);
    router.add("PATCH", "/iam/vendors/{identifier}", update_vendor);
    router.add("POST", "/iam/vendors/{identifier}/seed", request_seed);
}

} // namespace emu
