// techpass apps certs list|add|delete|create

#include "commands/apps/apps.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/one_time.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/certificates.hpp"
#include "techpass/api/secrets.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

namespace techpass::cli {

namespace apps_certs_cmd {
namespace {

using namespace api::certificates;

constexpr std::size_t k_max_pem = 16384;

std::string read_pem_file(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} is a directory, not a certificate file", util::quoted(path)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Usage, fmt::format("cannot read {}", util::quoted(path)));
    }
    std::string text(k_max_pem + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > k_max_pem) {
        throw Error(ErrorKind::Usage, fmt::format("{} is larger than a certificate can be (16 KiB)",
                                                  util::quoted(path)));
    }
    return text;
}

// The certificate's details and the validity warning, on stderr, before it
// is sent.
void show_before_upload(Factory& factory, const util::Certificate& certificate) {
    std::ostream& err = factory.terminal().err;
    const long days = validity_days(certificate);
    if (days > k_recommended_days) {
        err << fmt::format("warning: the certificate is valid for {} days; at most {} is "
                           "recommended, so that a lost key stops working within a year\n",
                           days, k_recommended_days);
    }
    if (!factory.terminal().err_tty) {
        return;
    }
    const api::Json summary = certificate_summary(certificate);
    err << fmt::format(
        "Subject:     {}\nSHA-1:       {}\nSHA-256:     {}\nValid:       {} to "
        "{} ({} days)\n",
        util::printable(certificate.subject), summary["thumbprint"].get<std::string>(),
        summary["thumbprintSha256"].get<std::string>(), summary["notBefore"].get<std::string>(),
        summary["notAfter"].get<std::string>(), days);
}

void add_list(Application& app, CLI::App& noun) {
    auto name = std::make_shared<std::string>();
    CommandDoc doc{
        "List an app's certificates",
        "Lists the certificates a service of the app signs in with, oldest first: SHA-1\n"
        "thumbprint (their identifier), subject, validity and description.",
        {{"", "techpass apps certs list ship-portal"},
         {"the thumbprints", "techpass apps certs list ship-portal -o name"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "list", with_fields(std::move(doc), certificate_resource()), [&app, name] {
            Factory& factory = app.factory();
            const NamedApp found = resolve_app(factory, *name);
            factory.printer().print(
                list_certificates(factory.client(), found.namespace_code, found.id),
                certificate_resource());
        });
    add_app_argument(app.tree(), command, *name);
}

struct AddOptions {
    std::string app;
    std::string file;
    std::string description;
};

void add_add(Application& app, CLI::App& noun) {
    auto options = std::make_shared<AddOptions>();
    CommandDoc doc{
        "Upload a certificate to an app",
        "Uploads a public PEM certificate (RSA, 2048 bits or more). Its SHA-1 and SHA-256\n"
        "thumbprints, subject and validity are shown first; a validity over one year is\n"
        "warned about. A private key given by mistake is refused, and nothing of it is\n"
        "shown or sent. Only the certificate itself is sent, whatever else the file holds.",
        {{"", "techpass apps certs add ship-portal ship-portal.crt -d 'Production (2027)'"},
         {"make one with openssl",
          "openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=ship-portal "
          "-keyout ship.key -out ship.crt"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "add", with_fields(std::move(doc), certificate_resource()), [&app, options] {
            Factory& factory = app.factory();
            api::secrets::check_description(options->description);
            const util::Certificate certificate =
                read_certificate(read_pem_file(options->file), util::quoted(options->file));
            const NamedApp found = resolve_app(factory, options->app);
            show_before_upload(factory, certificate);
            const std::string pem = certificate.pem();
            if (dry_run(factory,
                        {"POST", certificates_path(found.namespace_code, found.id),
                         api::Json{{"certificate", pem}, {"description", options->description}}})) {
                return;
            }
            print_object(factory,
                         upload_certificate(factory.client(), found.namespace_code, found.id, pem,
                                            options->description),
                         certificate_resource());
            note_done(factory,
                      "Uploaded certificate " + certificate.thumbprint() + " to app " + found.name);
        });
    add_app_argument(app.tree(), command, options->app);
    app.tree().set_takes_path(
        *command.add_option("file", options->file, "The PEM certificate file")->required());
    command.add_option("-d,--description", options->description, "What the certificate is for")
        ->type_name("TEXT")
        ->required();
}

void add_delete(Application& app, CLI::App& noun) {
    auto options = std::make_shared<std::pair<std::string, std::string>>();
    CommandDoc doc{
        "Delete a certificate of an app",
        "Deletes a certificate, named by its SHA-1 thumbprint: client assertions signed\n"
        "with its key are refused from then on. Asks first on a terminal; elsewhere --yes\n"
        "is required.",
        {{"", "techpass apps certs delete ship-portal 9A1F0C3B5E7D2F4A6C8B0E1D3F5A7C9B2E4D6F8A"}},
        {}};
    CLI::App& command = app.tree().add_command(noun, "delete", std::move(doc), [&app, options] {
        Factory& factory = app.factory();
        const NamedApp found = resolve_app(factory, options->first);
        const std::string thumbprint = util::to_upper(options->second);
        if (dry_run(factory,
                    {"DELETE", certificate_path(found.namespace_code, found.id, thumbprint),
                     nullptr})) {
            return;
        }
        confirm_change(factory, "delete",
                       fmt::format("Delete certificate {} of app {}?", thumbprint, found.name));
        delete_certificate(factory.client(), found.namespace_code, found.id, thumbprint);
        note_done(factory, fmt::format("Deleted certificate {} of app {}", thumbprint, found.name));
    });
    add_app_argument(app.tree(), command, options->first);
    command.add_option("thumbprint", options->second, "The certificate's SHA-1 thumbprint")
        ->required();
}

struct CreateOptions {
    std::string app;
    std::string description;
    std::string key_out;
    std::string cert_out;
    int days = k_recommended_days;
};

std::string certificate_path_for(const CreateOptions& options) {
    if (!options.cert_out.empty()) {
        return options.cert_out;
    }
    std::filesystem::path path(options.key_out);
    path.replace_extension(".crt");
    return path.string() == options.key_out ? options.key_out + ".crt" : path.string();
}

std::string absolute(const std::string& path) {
    std::error_code error;
    const auto full = std::filesystem::absolute(path, error);
    return error ? path : full.lexically_normal().string();
}

void add_create(Application& app, CLI::App& noun) {
    auto options = std::make_shared<CreateOptions>();
    CommandDoc doc{
        "Make a key pair and certificate locally, upload the certificate, print the profile",
        "Makes an RSA 2048 key pair and a self-signed certificate on this machine\n"
        "(OpenSSL), writes the private key to --key-out (a new file, mode 0600) and the\n"
        "certificate beside it (--cert-out, default the key's name with .crt), uploads the\n"
        "certificate, and prints the profile lines that sign in with it (auth =\n"
        "\"certificate\"). The private key never leaves this machine. Nothing is uploaded\n"
        "when a file cannot be written.",
        {{"", "techpass apps certs create ship-portal -d 'Production (2027)' --key-out "
              "~/.config/techpass/ship-portal.key"},
         {"append the profile to the config file",
          "techpass apps certs create ship-portal -d CI --key-out ci.key >> "
          "~/.config/techpass/config.toml"}},
        {}};
    CLI::App& command = app.tree().add_command(
        noun, "create", with_fields(std::move(doc), certificate_resource()), [&app, options] {
            Factory& factory = app.factory();
            api::secrets::check_description(options->description);
            if (options->days < 1 || options->days > 3650) {
                throw Error(ErrorKind::Usage, "--days must be from 1 to 3650");
            }
            const std::string cert_path = certificate_path_for(*options);
            check_out_file(options->key_out);
            check_out_file(cert_path);
            const NamedApp found = resolve_app(factory, options->app);
            const util::KeyAndCertificate made =
                util::generate_self_signed(found.name, options->days);
            const util::Certificate certificate = util::parse_certificate(made.certificate_pem);
            show_before_upload(factory, certificate);
            if (dry_run(factory, {"POST", certificates_path(found.namespace_code, found.id),
                                  api::Json{{"certificate", made.certificate_pem},
                                            {"description", options->description}}})) {
                return;
            }
            write_new_file(options->key_out, made.private_key_pem);
            write_new_file(cert_path, made.certificate_pem);
            const api::Json uploaded =
                upload_certificate(factory.client(), found.namespace_code, found.id,
                                   made.certificate_pem, options->description);
            output::Printer& printer = factory.printer();
            if (!printer.options().human_table()) {
                api::Json document = uploaded;
                document["privateKeyFile"] = absolute(options->key_out);
                document["certificateFile"] = absolute(cert_path);
                printer.print_document(document);
                return;
            }
            factory.terminal().out
                << fmt::format("# techpass profile for app {}: sign in with its certificate\n"
                               "[profiles.{}]\n"
                               "api_url = \"{}\"\n"
                               "authority = \"{}\"\n"
                               "directory_id = \"{}\"\n"
                               "client_id = \"{}\"\n"
                               "namespace = \"{}\"\n"
                               "auth = \"certificate\"\n"
                               "certificate = \"{}\"\n"
                               "private_key = \"{}\"\n"
                               "# api_key: an API key of the namespace (techpass apikeys create "
                               "NAME --out FILE)\n",
                               found.name, util::to_lower(found.namespace_code) + "-" + "cert",
                               factory.profile().api_url(), factory.profile().authority(),
                               factory.profile().directory_id(), found.id, found.namespace_code,
                               absolute(cert_path), absolute(options->key_out));
            note_done(factory, fmt::format("Uploaded certificate {} to app {}; the key is in {}",
                                           certificate.thumbprint(), found.name, options->key_out));
        });
    add_app_argument(app.tree(), command, options->app);
    command.add_option("-d,--description", options->description, "What the certificate is for")
        ->type_name("TEXT")
        ->required();
    app.tree().set_takes_path(
        *command
             .add_option("--key-out", options->key_out, "Write the private key to this new file")
             ->type_name("FILE")
             ->required());
    app.tree().set_takes_path(
        *command
             .add_option("--cert-out", options->cert_out, "Write the certificate to this new file")
             ->type_name("FILE"));
    command.add_option("--days", options->days, "Validity in days (default 365)")->type_name("N");
}

} // namespace
} // namespace apps_certs_cmd

void register_app_certs(Application& app, CLI::App& apps) {
    using namespace apps_certs_cmd;
    CommandDoc doc{
        "Manage an app's certificates",
        "A certificate lets a service sign in as the app with a client assertion signed by\n"
        "its private key, which never leaves the service: the way the portal recommends,\n"
        "safer than a client secret. `create` does the whole setup in one step.",
        {{"", "techpass apps certs create ship-portal -d Production --key-out ship-portal.key"},
         {"", "techpass apps certs list ship-portal"}},
        {}};
    CLI::App& noun = app.tree().add_group(apps, "certs", std::move(doc));
    add_list(app, noun);
    add_add(app, noun);
    add_delete(app, noun);
    add_create(app, noun);
}

} // namespace techpass::cli
