#pragma once

// The config file as a document: read it (profiles, default_profile, values
// with their lines), and edit it surgically so the user's comments and layout
// survive; every edit is validated first and written atomically (temp file in
// the same directory, fsync, rename; mode 0600, directories 0700).

#include "techpass/config/origin.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace techpass {
class Environment;
}

namespace techpass::config {

// A value as written in the file.
struct FileValue {
    std::string text;                   // string form (numbers as written)
    std::optional<SecretSource> source; // for secret keys
    int line = 0;                       // 1-based
    // The value's extent in the file (1-based line/column, end exclusive),
    // which the editor replaces in place so comments around it survive.
    int column = 0;
    int end_line = 0;
    int end_column = 0;
};

// One [profiles.NAME] table.
struct FileProfile {
    std::string name;
    int line = 0;            // of the table header (0 if implicit)
    bool has_header = false; // written as a [profiles.NAME] table (editable)
    std::map<std::string, FileValue, std::less<>> values; // by key
};

class ConfigFile {
public:
    // Reads and validates path (a missing file is an empty document). Throws
    // Error(Config) with "<path>:<line>:<column>: <message>" for TOML syntax,
    // "<path>:<line>: 'key' must be ..." for types, "did you mean" for
    // unknown keys, and the chmod refusal for literal secrets in a file that
    // group or others can read.
    static ConfigFile load(const std::string& path, const Environment& env);

    const std::string& path() const { return m_path; }
    // The path as shown to people (~ for $HOME).
    const std::string& shown_path() const { return m_shown_path; }
    bool exists() const { return m_exists; }
    // The whole text, as it will be written.
    const std::string& text() const { return m_text; }

    // default_profile, "" when absent.
    const std::string& default_profile() const { return m_default_profile; }
    // Profile names in file order.
    std::vector<std::string> profile_names() const;
    // The profile of that name, or nullptr.
    const FileProfile* find(std::string_view name) const;
    // The profile or a Config error listing the existing ones (with "did you mean").
    const FileProfile& get(std::string_view name) const;

    // Sets one key of an existing profile (replaces its line or inserts one).
    // Usage error for an unknown key or a bad value (with "did you mean").
    void set(const std::string& profile, const std::string& key, const std::string& value);
    // Sets a secret key to a source table ({env = ...}) or a literal.
    void set(const std::string& profile, const std::string& key, const SecretSource& source);
    // Removes one key from a profile (Usage error when it is not set).
    void unset(const std::string& profile, const std::string& key);
    // Appends a new [profiles.NAME] table with the given values; Usage error
    // when it exists already or a value is invalid. Secret values given as
    // SecretSource via `secrets`.
    void add(const std::string& profile, const std::map<std::string, std::string>& values,
             const std::map<std::string, SecretSource>& secrets = {});
    // Removes a profile's table (and default_profile when it named it).
    void remove(const std::string& profile);
    // Sets default_profile (the profile must exist).
    void use(const std::string& profile);

    // Writes the edited text atomically (mode 0600; directories created 0700).
    void save() const;

private:
    void reparse(); // re-reads m_text after an edit (validates)
    const FileProfile& editable(const std::string& profile) const;
    void replace_or_insert(const std::string& profile, const std::string& key,
                           const std::string& toml);
    std::string m_path;
    std::string m_shown_path;
    const Environment* m_env = nullptr;
    bool m_exists = false;
    std::string m_text;
    std::string m_default_profile;
    std::optional<FileValue> m_default_value; // where default_profile is written
    std::vector<FileProfile> m_profiles;
};

// Writes content to path atomically: a temp file in the same directory,
// fsync, rename; file mode `mode`, missing directories created 0700.
void write_file_atomically(const std::string& path, const std::string& content,
                           unsigned mode = 0600);

} // namespace techpass::config
