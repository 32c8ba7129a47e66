// Helpers every test program shares (test code: it may allocate).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace sipview_test {

/// The bytes of a file. A file that cannot be read is a broken test set-up,
/// not a finding: the program stops with a message naming it.
inline std::string read_bytes(std::string const& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f.good()) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::abort();
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

/// ASCII case-insensitive equality (what SIP names and tokens use).
inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// An optional component as text for comparisons: its text, or "<none>"
/// when absent (so an absent and an empty component differ).
inline std::string opt(std::optional<std::string_view> v) { return v ? std::string(*v) : std::string("<none>"); }

} // namespace sipview_test
