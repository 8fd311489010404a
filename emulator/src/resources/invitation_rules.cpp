// The rules of a vendor invitation (openapi.yaml InvitationCreate) and its creation, shared by POST
// /iam/invitations and its batch form.

#include "resources/invitations.hpp"
#include "resources/users.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/text.hpp>

#include <fmt/format.h>

namespace emu::resources {

namespace {

// The Offshore Development Centre value that asks for offshoreCompany instead.
constexpr std::string_view k_other_centre = "Others";

const Fields& invitation_fields() {
    static const Fields fields = {
        {.name = "email", .required = true, .max = 254, .format = Format::Email},
        {.name = "firstName", .required = true, .min = 1, .max = 64, .format = Format::Trimmed},
        {.name = "lastName", .required = true, .min = 1, .max = 64, .format = Format::Trimmed},
        {.name = "mobile", .required = true, .format = Format::SgMobile},
        {.name = "company", .required = true, .min = 1, .max = 128, .format = Format::Trimmed},
        {.name = "department", .required = true, .min = 1, .max = 128, .format = Format::Trimmed},
        {.name = "sponsoringAgency",
         .required = true,
         .min = 1,
         .max = 128,
         .format = Format::Trimmed},
        {.name = "businessOperation", .required = true, .one_of = {"onshore", "offshore"}},
        {.name = "offshoreDevelopmentCentre", .min = 1, .max = 128, .format = Format::Trimmed},
        {.name = "offshoreCompany", .min = 1, .max = 128, .format = Format::Trimmed},
        {.name = "seed", .type = Type::Boolean},
        {.name = "accountType", .one_of = {"vendor", "temp", "other"}}};
    return fields;
}

std::optional<std::string> nullable(const std::optional<std::string>& value) {
    return value && !value->empty() ? value : std::nullopt;
}

} // namespace

std::optional<Problem> invitation_problem(const json& entry) {
    if (auto problem = schema_problem(entry, invitation_fields())) {
        return problem;
    }
    const bool offshore = string_field(entry, "businessOperation") == "offshore";
    const auto centre = optional_string(entry, "offshoreDevelopmentCentre");
    const bool others = centre == k_other_centre;
    if (!offshore && centre) {
        return Problem{"offshoreDevelopmentCentre",
                       "field 'offshoreDevelopmentCentre' is allowed only when "
                       "businessOperation is offshore"};
    }
    if (offshore && !centre) {
        return Problem{"offshoreDevelopmentCentre",
                       "field 'offshoreDevelopmentCentre' is required when businessOperation is "
                       "offshore (the centre's name, or Others with offshoreCompany)"};
    }
    if (offshore && !bool_field(entry, "seed", false)) {
        return Problem{"seed", "field 'seed' must be true when businessOperation is offshore: SEED "
                               "is mandatory for offshore users"};
    }
    if (others && !has_field(entry, "offshoreCompany")) {
        return Problem{"offshoreCompany", "field 'offshoreCompany' is required when "
                                          "offshoreDevelopmentCentre is Others"};
    }
    if (!others && has_field(entry, "offshoreCompany")) {
        return Problem{"offshoreCompany", "field 'offshoreCompany' is allowed only when "
                                          "offshoreDevelopmentCentre is Others"};
    }
    return std::nullopt;
}

std::optional<Refusal> invitation_refusal(Db& db, const json& entry) {
    const auto email = techpass::util::to_lower(string_field(entry, "email"));
    if (auto conflict = account_conflict(db, email, string_field(entry, "mobile"))) {
        return Refusal{409, *conflict};
    }
    const auto domain = domain_of(email);
    if (is_personal_domain(domain)) {
        return Refusal{422, fmt::format("{} is a personal mail domain, which is not eligible for "
                                        "a TechPass account",
                                        domain)};
    }
    if (!registration_problem(domain)) {
        return Refusal{422, fmt::format("{} is a Whole-of-Government email that can "
                                        "self-register: register the officer with POST "
                                        "/iam/users/registrations instead",
                                        email)};
    }
    return std::nullopt;
}

std::optional<std::string> pending_invitation(Emulator& emulator, const Caller& caller,
                                              std::string_view email, bool same_sponsor) {
    Query query{"SELECT rowid, id FROM invitations"};
    query.where("email = ? AND status = 'pending' AND expires_at > ?",
                {std::string(email), emulator.now_unix()});
    if (same_sponsor) {
        if (caller.is_app()) {
            query.where("namespace = ?", {caller.home_namespace});
        } else {
            query.where("namespace IS NULL AND invited_by = ?", {caller.id});
        }
    }
    auto stmt = query.prepare(emulator.db(), " ORDER BY created_at DESC, rowid DESC LIMIT 1");
    if (!stmt.step()) {
        return std::nullopt;
    }
    return stmt.text(1);
}

json create_invitation(Emulator& emulator, const Caller& caller, const json& entry) {
    Db& db = emulator.db();
    const auto email = techpass::util::to_lower(string_field(entry, "email"));
    const std::string id = techpass::util::uuid_v4();
    const auto now = emulator.now_unix();

    // A new invitation to someone who has not registered yet replaces the old one.
    const auto replaced = pending_invitation(emulator, caller, email, false);
    if (replaced) {
        db.run("UPDATE invitations SET status = 'replaced' WHERE id = ?", *replaced);
    }
    const Actor sponsor = actor_of(caller);
    db.run("INSERT INTO invitations(id, email, first_name, last_name, mobile, company, "
           "department, sponsoring_agency, business_operation, offshore_development_centre, "
           "offshore_company, seed, account_type, status, invited_by, namespace, token, "
           "created_at, expires_at, replaced) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)",
           id, email, string_field(entry, "firstName"), string_field(entry, "lastName"),
           string_field(entry, "mobile"), string_field(entry, "company"),
           string_field(entry, "department"), string_field(entry, "sponsoringAgency"),
           string_field(entry, "businessOperation"),
           nullable(optional_string(entry, "offshoreDevelopmentCentre")),
           nullable(optional_string(entry, "offshoreCompany")), bool_field(entry, "seed", false),
           string_field(entry, "accountType", "vendor"), caller.id,
           sponsor.type == "namespace" ? std::optional<std::string>(sponsor.id) : std::nullopt,
           techpass::util::random_token(32), now, now + k_link_seconds, replaced);
    send_invitation_mail(emulator, id);
    json invitation = load_invitation(emulator, id);
    if (sponsor.type == "namespace") {
        emulator.emit_event(sponsor.id, "user-invited", {{"invitation", invitation}});
    }
    return invitation;
}

void send_invitation_mail(Emulator& emulator, const std::string& id) {
    auto stmt = emulator.db().prepare(
        "SELECT email, first_name, token, expires_at FROM invitations WHERE id = ?");
    stmt.bind(1, id);
    stmt.step();
    emulator.send_mail(
        stmt.text(0), "vendor-invitation", "You are invited to TechPass",
        fmt::format("Hello {},\n\nYou have been invited to TechPass. Register (choose a username "
                    "and password) at\n{}/register?token={}\nThis link expires at {}.\n",
                    stmt.text(1), emulator.base_url(), stmt.text(2),
                    format_rfc3339(stmt.integer(3))));
}

json invitation_json(Db& db, const Stmt& row, std::int64_t now) {
    std::string status = row.text(14);
    if (status == "pending" && row.integer(18) <= now) {
        status = "expired";
    }
    std::string type = row.text(13);
    if (type.rfind("account:", 0) == 0) {
        type.erase(0, 8);
    }
    const auto ns = row.opt_text(16);
    return {
        {"id", row.text(1)},
        {"email", row.text(2)},
        {"firstName", row.text(3)},
        {"lastName", row.text(4)},
        {"mobile", row.text(5)},
        {"company", row.text(6)},
        {"department", row.text(7)},
        {"sponsoringAgency", row.text(8)},
        {"businessOperation", row.text(9)},
        {"offshoreDevelopmentCentre", text_or_null(row, 10)},
        {"offshoreCompany", text_or_null(row, 11)},
        {"seed", row.boolean(12)},
        {"accountType", type},
        {"status", status},
        {"invitedBy", ns ? actor_json(db, "namespace", *ns) : actor_json(db, "user", row.text(15))},
        {"namespace", text_or_null(row, 16)},
        {"createdAt", format_rfc3339(row.integer(17))},
        {"expiresAt", format_rfc3339(row.integer(18))},
        {"registeredAt", time_json(opt_integer(row, 19))},
        {"userId", text_or_null(row, 20)},
        {"replaced", text_or_null(row, 21)},
        {"replacedBy", text_or_null(row, 22)}};
}

json load_invitation(Emulator& emulator, std::string_view id) {
    auto stmt =
        Query(k_invitation_select).where("id = ?", {std::string(id)}).prepare(emulator.db());
    if (!stmt.step()) {
        throw ApiError(404, fmt::format("invitation '{}' not found", id));
    }
    return invitation_json(emulator.db(), stmt, emulator.now_unix());
}

} // namespace emu::resources
