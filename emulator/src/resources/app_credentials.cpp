// The credentials of an app: client secrets (stored as SHA-256, shown once)
// and public certificates (identified by their SHA-1 thumbprint). The
// platform's token endpoint checks client secrets and assertions against
// app_secrets and app_certificates.

#include "resources/common.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>
#include <techpass/util/text.hpp>
#include <techpass/util/x509.hpp>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace emu::resources {

namespace {

constexpr std::int64_t k_secret_lifetime = 365 * k_day;
constexpr std::int64_t k_max_secrets = 5;
constexpr std::int64_t k_max_certificates = 5;
constexpr int k_min_rsa_bits = 2048;

constexpr std::string_view k_secret_select =
    "SELECT rowid, id, description, hint, created_at, expires_at FROM app_secrets";
constexpr std::string_view k_certificate_select =
    "SELECT rowid, thumbprint, thumbprint_sha256, subject, issuer, not_before, not_after, "
    "description, created_at FROM app_certificates";

json secret_json(const Stmt& row) {
    return {{"id", row.text(1)},
            {"description", row.text(2)},
            {"hint", row.text(3)},
            {"createdAt", format_rfc3339(row.integer(4))},
            {"expiresAt", format_rfc3339(row.integer(5))}};
}

json certificate_json(const Stmt& row) {
    return {{"thumbprint", row.text(1)},
            {"thumbprintSha256", row.text(2)},
            {"subject", row.text(3)},
            {"issuer", row.text(4)},
            {"notBefore", format_rfc3339(row.integer(5))},
            {"notAfter", format_rfc3339(row.integer(6))},
            {"description", row.text(7)},
            {"createdAt", format_rfc3339(row.integer(8))}};
}

std::int64_t count_of(Db& db, std::string_view table, const std::string& app_id) {
    auto stmt = db.prepare(fmt::format("SELECT count(*) FROM {} WHERE app_id = ?", table));
    stmt.bind(1, app_id);
    stmt.step();
    return stmt.integer(0);
}

Response list_secrets(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const Page page = read_page(request);
    return ok(list_page(emulator.db(), page, Query(k_secret_select).where("app_id = ?", {app_id}),
                        k_oldest_first, "secrets", secret_json));
}

Response create_secret(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    check_body(request.body, {{.name = "description",
                               .required = true,
                               .min = 1,
                               .max = 100,
                               .format = Format::Trimmed}});
    Db& db = emulator.db();
    if (count_of(db, "app_secrets", app_id) >= k_max_secrets) {
        throw ApiError(409, fmt::format("app '{}' already has {} client secrets, the maximum; "
                                        "delete one first",
                                        app_id, k_max_secrets));
    }
    const std::string value = techpass::util::random_token(40);
    const std::string id = techpass::util::uuid_v4();
    const auto now = emulator.now_unix();
    db.run("INSERT INTO app_secrets(id, app_id, description, hint, secret_hash, created_at, "
           "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
           id, app_id, string_field(request.body, "description"), value.substr(0, 3),
           secret_hash(value), now, now + k_secret_lifetime);
    auto stmt = Query(k_secret_select).where("id = ?", {id}).prepare(db);
    stmt.step();
    json secret = secret_json(stmt);
    secret["secret"] = value; // the only time the value is shown
    return created(std::move(secret));
}

Response delete_secret(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const std::string& id = request.param("secretId");
    emulator.db().run("DELETE FROM app_secrets WHERE id = ? AND app_id = ?", id, app_id);
    if (emulator.db().changes() == 0) {
        throw ApiError(404, fmt::format("secret '{}' not found on app '{}'", id, app_id));
    }
    return no_content();
}

// What parse_certificate() leaves out: the issuer and the key's kind and size.
struct KeyFacts {
    std::string issuer;
    bool rsa = false;
    int bits = 0;
};

KeyFacts key_facts(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        d2i_X509(nullptr, &p, static_cast<long>(der.size())), X509_free);
    KeyFacts facts;
    if (!cert) {
        return facts;
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    X509_NAME_print_ex(bio.get(), X509_get_issuer_name(cert.get()), 0, XN_FLAG_RFC2253);
    char* text = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &text);
    facts.issuer.assign(text, static_cast<std::size_t>(length));
    if (EVP_PKEY* key = X509_get0_pubkey(cert.get())) {
        facts.rsa = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
        facts.bits = EVP_PKEY_get_bits(key);
    }
    return facts;
}

// One PEM certificate and nothing else (openapi.yaml CertificateCreate).
techpass::util::Certificate parse_pem(const std::string& text) {
    const auto pem = techpass::util::trim(text);
    constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----";
    constexpr std::string_view end = "-----END CERTIFICATE-----";
    if (!pem.starts_with(begin) || !pem.ends_with(end) ||
        pem.find(begin, begin.size()) != std::string_view::npos) {
        throw ApiError(400, "field 'certificate' must hold exactly one PEM certificate "
                            "(-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----) and no "
                            "private key");
    }
    try {
        return techpass::util::parse_certificate(pem);
    } catch (const std::exception& e) {
        throw ApiError(400, fmt::format("field 'certificate' is not a readable X.509 "
                                        "certificate: {}",
                                        e.what()));
    }
}

Response list_certificates(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const Page page = read_page(request);
    return ok(list_page(emulator.db(), page,
                        Query(k_certificate_select).where("app_id = ?", {app_id}), k_oldest_first,
                        "certificates", certificate_json));
}

Response create_certificate(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    check_body(request.body, {{.name = "certificate", .required = true, .min = 100, .max = 16384},
                              {.name = "description",
                               .required = true,
                               .min = 1,
                               .max = 100,
                               .format = Format::Trimmed}});
    const auto cert = parse_pem(string_field(request.body, "certificate"));
    const auto facts = key_facts(cert.der);
    if (!facts.rsa || facts.bits < k_min_rsa_bits) {
        throw ApiError(422,
                       fmt::format("the certificate's key must be RSA of at least {} bits, "
                                   "not {} of {} bits",
                                   k_min_rsa_bits, facts.rsa ? "RSA" : "another kind", facts.bits));
    }
    const auto now = emulator.now_unix();
    if (cert.not_after <= now) {
        throw ApiError(
            422, fmt::format("the certificate expired at {}", format_rfc3339(cert.not_after)));
    }
    Db& db = emulator.db();
    const std::string thumbprint = cert.thumbprint();
    auto existing =
        db.prepare("SELECT 1 FROM app_certificates WHERE app_id = ? AND thumbprint = ?");
    existing.bind_all(app_id, thumbprint);
    if (existing.step()) {
        throw ApiError(409,
                       fmt::format("app '{}' already has the certificate {}", app_id, thumbprint));
    }
    if (count_of(db, "app_certificates", app_id) >= k_max_certificates) {
        throw ApiError(409, fmt::format("app '{}' already has {} certificates, the maximum; "
                                        "delete one first",
                                        app_id, k_max_certificates));
    }
    db.run("INSERT INTO app_certificates(app_id, thumbprint, thumbprint_sha256, pem, subject, "
           "issuer, not_before, not_after, description, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           app_id, thumbprint, cert.thumbprint_sha256(), cert.pem(), cert.subject, facts.issuer,
           cert.not_before, cert.not_after, string_field(request.body, "description"), now);
    auto stmt = Query(k_certificate_select)
                    .where("app_id = ? AND thumbprint = ?", {app_id, thumbprint})
                    .prepare(db);
    stmt.step();
    json body = certificate_json(stmt);
    // Longer validity is accepted, as the portal does, but said.
    const auto days = (cert.not_after - cert.not_before) / k_day;
    if (days > 366) {
        body["warnings"] = {fmt::format("the certificate is valid for {} days; at most one year "
                                        "is recommended",
                                        days)};
    }
    return created(std::move(body));
}

Response delete_certificate(Emulator& emulator, Request& request) {
    const auto& app_id = app_of(emulator, request);
    const std::string& given = request.param("thumbprint");
    const auto hex = techpass::util::hex_upper(techpass::util::hex_decode(given).value_or(""));
    if (given.size() != 40 || hex.size() != 40) {
        throw ApiError(400,
                       fmt::format("thumbprint must be 40 hexadecimal digits, not '{}'", given));
    }
    emulator.db().run("DELETE FROM app_certificates WHERE app_id = ? AND thumbprint = ?", app_id,
                      hex);
    if (emulator.db().changes() == 0) {
        throw ApiError(404, fmt::format("certificate {} not found on app '{}'", hex, app_id));
    }
    return no_content();
}

} // namespace

} // namespace emu::resources

namespace emu {

void register_app_credential_routes(Router& router) {
    using namespace resources;
    const std::string app = "/iam/namespace/{namespace}/apps/{appId}";
    router.add("GET", app + "/secrets", list_secrets, {.namespace_admin = true});
    router.add("POST", app + "/secrets", create_secret,
               {.creation = true, .namespace_admin = true});
    router.add("DELETE", app + "/secrets/{secretId}", delete_secret, {.namespace_admin = true});
    router.add("GET", app + "/certificates", list_certificates, {.namespace_admin = true});
    router.add("POST", app + "/certificates", create_certificate,
               {.creation = true, .namespace_admin = true});
    router.add("DELETE", app + "/certificates/{thumbprint}", delete_certificate,
               {.namespace_admin = true});
}

} // namespace emu
