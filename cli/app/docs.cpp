#include "app/docs.hpp"

#include "app/application.hpp"
#include "app/completion_script.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace techpass::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_regenerate = "cmake --build --preset default --target docs";

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Generated man pages that no longer exist in the tree are stale too.
std::vector<std::string> orphaned_pages(const fs::path& root,
                                        const std::vector<GeneratedFile>& files) {
    std::set<std::string> generated;
    for (const auto& file : files) {
        generated.insert(file.path);
    }
    std::vector<std::string> orphans;
    if (!fs::is_directory(root / "man")) {
        return orphans;
    }
    for (const auto& entry : fs::directory_iterator(root / "man")) {
        const std::string relative = "man/" + entry.path().filename().string();
        if (entry.path().filename().string().rfind("techpass", 0) == 0 &&
            generated.count(relative) == 0) {
            orphans.push_back(relative);
        }
    }
    return orphans;
}

} // namespace

std::vector<GeneratedFile> generated_docs(const CommandTree& tree) {
    std::vector<GeneratedFile> files = man_pages(tree);
    for (const Shell shell : {Shell::Bash, Shell::Zsh, Shell::Fish}) {
        files.push_back({completion_file(shell), completion_script(tree, shell)});
    }
    return files;
}

int gen_docs_main(int argc, const char* const* argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const bool check = !args.empty() && args.front() == "--check";
    if (args.size() != (check ? 2U : 1U)) {
        std::cerr << "usage: techpass-gen-docs [--check] SOURCE_DIR\n";
        return 2;
    }
    const fs::path root = args.back();

    // The tree alone: an empty environment and silent streams, so nothing of
    // this machine leaks into the files.
    std::istringstream in;
    std::ostringstream out;
    MapEnvironment env;
    SystemClock clock;
    Application app(Terminal{in, out, out}, env, clock);
    const std::vector<GeneratedFile> files = generated_docs(app.tree());

    if (check) {
        std::vector<std::string> stale = orphaned_pages(root, files);
        for (const auto& file : files) {
            if (!fs::exists(root / file.path) || read_all(root / file.path) != file.content) {
                stale.push_back(file.path);
            }
        }
        for (const auto& path : stale) {
            std::cerr << path << " is out of date with the command tree\n";
        }
        if (!stale.empty()) {
            std::cerr << "run: " << k_regenerate << "\n";
            return 1;
        }
        return 0;
    }
    for (const auto& orphan : orphaned_pages(root, files)) {
        fs::remove(root / orphan);
    }
    for (const auto& file : files) {
        const fs::path path = root / file.path;
        fs::create_directories(path.parent_path());
        if (fs::exists(path) && read_all(path) == file.content) {
            continue;
        }
        std::ofstream(path, std::ios::binary) << file.content;
        std::cout << "wrote " << file.path << "\n";
    }
    return 0;
}

} // namespace techpass::cli
