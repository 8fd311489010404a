#pragma once

#include <string>

namespace testsupport {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents when
// the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    // path() + "/" + name
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    // Writes content to file(name) with the given mode and returns its path.
    std::string write(const std::string& name, const std::string& content, int mode = 0600) const;

private:
    std::string m_path;
};

// The whole content of a file ("" when it cannot be read).
std::string read_file(const std::string& path);

} // namespace testsupport
