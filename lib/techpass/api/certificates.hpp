#pragma once

// The certificates of an app over the Automation API (docs/api:
// certificates): public X.509 certificates a service signs its client
// assertions with, identified by their SHA-1 thumbprint.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"
#include "techpass/util/x509.hpp"

#include <string>

namespace techpass::api::certificates {

// The longest validity the portal recommends.
inline constexpr int k_recommended_days = 365;

const output::Resource& certificate_resource();

std::string certificates_path(const std::string& namespace_code, const std::string& app_id);
// thumbprint is upper-cased, as the portal writes it.
std::string certificate_path(const std::string& namespace_code, const std::string& app_id,
                             const std::string& thumbprint);

// Reads the PEM certificate a user gave (Usage error otherwise). A private
// key is refused without echoing any of it; so is text that is not a
// certificate.
util::Certificate read_certificate(std::string_view pem, std::string_view source);

// What techpass shows of a certificate before it is sent: thumbprints,
// subject and validity.
api::Json certificate_summary(const util::Certificate& certificate);

// Whole days the certificate is valid for; over k_recommended_days is
// warned about.
long validity_days(const util::Certificate& certificate);

api::Json list_certificates(api::ApiClient& client, const std::string& namespace_code,
                            const std::string& app_id);
api::Json upload_certificate(api::ApiClient& client, const std::string& namespace_code,
                             const std::string& app_id, const std::string& pem,
                             const std::string& description);
void delete_certificate(api::ApiClient& client, const std::string& namespace_code,
                        const std::string& app_id, const std::string& thumbprint);

} // namespace techpass::api::certificates
