#include "techpass/api/certificates.hpp"

#include "techpass/api/apps.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"

#include <fmt/format.h>

#include <chrono>

namespace techpass::api::certificates {

namespace {

using api::Json;

std::string when(std::int64_t unix_seconds) {
    return util::rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds)));
}

} // namespace

const output::Resource& certificate_resource() {
    static const output::Resource resource{
        "certificate",
        "certificates",
        "certificates",
        "thumbprint",
        {
            {"thumbprint", "SHA-1 of the DER, upper-case hex: the certificate's identifier"},
            {"thumbprintSha256", "SHA-256 of the DER, upper-case hex"},
            {"subject", "Subject distinguished name"},
            {"issuer", "Issuer distinguished name"},
            {"notBefore", "Start of validity (RFC 3339)"},
            {"notAfter", "End of validity (RFC 3339)"},
            {"description", "What the certificate is for"},
            {"createdAt", "When it was uploaded (RFC 3339)"},
        },
        {{"THUMBPRINT", "thumbprint"},
         {"SUBJECT", "subject"},
         {"NOT AFTER", "notAfter"},
         {"DESCRIPTION", "description"}},
    };
    return resource;
}

std::string certificates_path(const std::string& namespace_code, const std::string& app_id) {
    return apps::app_path(namespace_code, app_id) + "/certificates";
}

std::string certificate_path(const std::string& namespace_code, const std::string& app_id,
                             const std::string& thumbprint) {
    return certificates_path(namespace_code, app_id) + "/" +
           http::path_segment(util::to_upper(thumbprint), "certificate");
}

util::Certificate read_certificate(std::string_view pem, std::string_view source) {
    if (pem.find("PRIVATE KEY") != std::string_view::npos) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} holds a private key; a private key never leaves your machine, "
                                "and nothing of it was shown or sent",
                                source),
                    "give the certificate (-----BEGIN CERTIFICATE-----), e.g. the .crt or .pem "
                    "made with the key");
    }
    if (pem.find("-----BEGIN CERTIFICATE-----") == std::string_view::npos) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)",
                                source),
                    "convert a DER file first: openssl x509 -inform der -in cert.cer -out "
                    "cert.pem");
    }
    try {
        return util::parse_certificate(pem);
    } catch (const std::exception& error) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} is not a readable certificate: {}", source, error.what()));
    }
}

long validity_days(const util::Certificate& certificate) {
    return static_cast<long>((certificate.not_after - certificate.not_before) / 86400);
}

Json certificate_summary(const util::Certificate& certificate) {
    return Json{{"thumbprint", certificate.thumbprint()},
                {"thumbprintSha256", certificate.thumbprint_sha256()},
                {"subject", certificate.subject},
                {"notBefore", when(certificate.not_before)},
                {"notAfter", when(certificate.not_after)}};
}

Json list_certificates(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& app_id) {
    return client.paginate(certificates_path(namespace_code, app_id), {}, "certificates",
                           std::nullopt, 100);
}

Json upload_certificate(api::ApiClient& client, const std::string& namespace_code,
                        const std::string& app_id, const std::string& pem,
                        const std::string& description) {
    return client.post(certificates_path(namespace_code, app_id),
                       Json{{"certificate", pem}, {"description", description}},
                       api::IdempotencyKey::generate());
}

void delete_certificate(api::ApiClient& client, const std::string& namespace_code,
                        const std::string& app_id, const std::string& thumbprint) {
    client.del(certificate_path(namespace_code, app_id, thumbprint));
}

} // namespace techpass::api::certificates
