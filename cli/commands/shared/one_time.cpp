#include "commands/shared/one_time.hpp"

#include "app/factory.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

namespace techpass::cli {

namespace shared_one_time_cmd {
namespace {

std::string parent_of(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

} // namespace
} // namespace shared_one_time_cmd

void write_new_file(const std::string& path, const std::string& value) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw Error(ErrorKind::Usage,
                    fmt::format("cannot create {}: {}", path, std::strerror(errno)));
    }
    const std::string content = value.ends_with('\n') ? value : value + "\n";
    std::size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            ::close(fd);
            throw Error(ErrorKind::Unexpected,
                        fmt::format("writing {} failed: {}", path, std::strerror(error)));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        throw Error(ErrorKind::Unexpected, fmt::format("writing {} failed", path));
    }
}

void add_out_flag(CLI::App& command, std::string& path, const std::string& what) {
    command
        .add_option("--out", path,
                    "Write " + what + " to this new file (mode 0600) instead of printing it")
        ->type_name("FILE");
}

void check_out_file(const std::string& path) {
    using namespace shared_one_time_cmd;
    if (path.empty()) {
        return;
    }
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} already exists; techpass never overwrites a file with a "
                                "value shown only once",
                                util::quoted(path)),
                    "name a new file, or move the old one away first");
    }
    const std::string parent = parent_of(path);
    if (::stat(parent.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        throw Error(ErrorKind::Usage, fmt::format("cannot write {}: directory {} does not exist",
                                                  util::quoted(path), util::quoted(parent)));
    }
    if (::access(parent.c_str(), W_OK) != 0) {
        throw Error(ErrorKind::Usage, fmt::format("cannot write {}: directory {} is not writable",
                                                  util::quoted(path), util::quoted(parent)));
    }
}

void check_append_file(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        check_out_file(path);
        return;
    }
    if (!S_ISREG(info.st_mode)) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} is not a regular file; secrets are only added to one",
                                util::quoted(path)));
    }
    if ((info.st_mode & 077) != 0) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} can be read or written by others than its owner; secrets "
                                "are not added to it",
                                util::quoted(path)),
                    fmt::format("chmod 600 {}", path));
    }
}

void append_private(const std::string& path, const std::string& text) {
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw Error(ErrorKind::Unexpected,
                    fmt::format("cannot open {}: {}", util::quoted(path), std::strerror(errno)));
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) {
        throw Error(ErrorKind::Unexpected,
                    fmt::format("could not write to {}", util::quoted(path)));
    }
}

api::Json deliver_once(Factory& factory, const std::string& out_path, const OneTimeValue& created) {
    api::Json without = created.object;
    std::string value;
    if (auto found = without.find(created.value_field);
        found != without.end() && found->is_string()) {
        value = found->get<std::string>();
        without.erase(found);
    }
    output::Printer& printer = factory.printer();
    Terminal& terminal = factory.terminal();
    if (!out_path.empty()) {
        write_new_file(out_path, value);
        printer.print(without, *created.resource);
        if (terminal.err_tty) {
            terminal.err << fmt::format("Wrote the {} to {} (mode 0600); it is not shown again.\n",
                                        created.label, out_path);
        }
        return without;
    }
    if (!printer.options().human_table() || !printer.options().fields.empty()) {
        printer.print(created.object, *created.resource);
        return without;
    }
    if (terminal.err_tty) {
        terminal.err << fmt::format("The {} is shown once; store it now (a secret manager, "
                                    "or --out FILE next time):\n",
                                    created.label);
    }
    terminal.out << value << "\n";
    return without;
}

} // namespace techpass::cli
