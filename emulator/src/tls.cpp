#include "tls.hpp"

#include <techpass/util/x509.hpp>

#include <httplib.h>
#include <openssl/pem.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace emu {

namespace {

// Loopback names plus the --host value, so that every URL a local client
// may build from the base URL verifies.
void subject_alt_names(const std::string& host, std::vector<std::string>& dns,
                       std::vector<std::string>& ips) {
    dns = {"localhost"};
    ips = {"127.0.0.1", "::1"};
    const bool is_ip = host.find_first_not_of("0123456789.") == std::string::npos ||
                       host.find(':') != std::string::npos;
    if (host.empty() || host == "0.0.0.0" || host == "::") {
        return;
    }
    auto& list = is_ip ? ips : dns;
    if (std::find(list.begin(), list.end(), host) == list.end()) {
        list.push_back(host);
    }
}

std::unique_ptr<httplib::Server> make_tls_server(const Options& options) {
    const auto ca = techpass::util::generate_ca("techpass-emulator local CA", 30);
    std::vector<std::string> dns;
    std::vector<std::string> ips;
    subject_alt_names(options.host, dns, ips);
    const auto server =
        techpass::util::issue_server_certificate(ca, "techpass-emulator", 30, dns, ips);
    if (!options.ca_out.empty()) {
        std::ofstream out(options.ca_out, std::ios::binary | std::ios::trunc);
        out << ca.certificate_pem;
        if (!out.flush()) {
            throw std::runtime_error("cannot write the CA certificate to " + options.ca_out);
        }
    }
    BIO* cert_bio = BIO_new_mem_buf(server.certificate_pem.data(),
                                    static_cast<int>(server.certificate_pem.size()));
    BIO* key_bio = BIO_new_mem_buf(server.private_key_pem.data(),
                                   static_cast<int>(server.private_key_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    if (cert == nullptr || key == nullptr) {
        X509_free(cert);
        EVP_PKEY_free(key);
        throw std::runtime_error("cannot load the generated TLS certificate");
    }
    // SSLServer takes its own references to cert and key.
    auto tls = std::make_unique<httplib::SSLServer>(cert, key);
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!tls->is_valid()) {
        throw std::runtime_error("cannot set up TLS");
    }
    return tls;
}

} // namespace

std::unique_ptr<httplib::Server> make_http_server(const Options& options) {
    if (options.tls) {
        return make_tls_server(options);
    }
    return std::make_unique<httplib::Server>();
}

} // namespace emu
