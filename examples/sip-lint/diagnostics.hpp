// sip-lint: diagnostics (error/warning at a byte) and their rendering as a
// compiler does: FILE:LINE:COL: error: MESSAGE, the line, a caret, notes, hints.
#pragma once

#include <sipview/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

struct diagnostic {
    std::string severity;  ///< "error" or "warning"
    std::size_t offset = 0;
    std::size_t line = 1;    ///< 1-based
    std::size_t column = 1;  ///< 1-based, in bytes
    std::string message;
    std::string expected;  ///< shown as a note
    std::string hint;
    std::vector<std::string> notes;  ///< further context lines
};

/// Line and column (both 1-based) of byte `offset` in `text`; a CR before LF
/// belongs to the line it ends.
inline void locate(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column) {
    line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    column = offset - line_start + 1;
}

inline diagnostic make_diagnostic(std::string_view text, sipview::parse_error const& e, std::string severity = "error") {
    diagnostic d;
    d.severity = std::move(severity);
    d.offset = e.offset;
    locate(text, e.offset, d.line, d.column);
    d.message = std::string(e.message);
    d.expected = std::string(e.expected);
    d.hint = std::string(e.hint);
    return d;
}

/// The line holding byte `offset`, without its line ending.
inline std::string_view line_at(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    std::size_t begin = text.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    if (offset < text.size() && text[offset] == '\n' && offset > 0) {
        // the error is at a line end: show that line
    }
    std::size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin && text[end - 1] == '\r') --end;
    return text.substr(begin, end - begin);
}

/// Renders a diagnostic for a person.
inline std::string render(std::string const& file, std::string_view text, diagnostic const& d) {
    std::string out = file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.severity + ": " +
                      d.message + "\n";
    std::string_view const line = line_at(text, d.offset);
    out.append(line.begin(), line.end());
    out += "\n";
    // the caret keeps tabs so that it lines up under the byte
    for (std::size_t i = 0; i + 1 < d.column && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
    out += "^\n";
    if (!d.expected.empty()) out += "note: expected " + d.expected + "\n";
    for (auto const& n : d.notes) out += "note: " + n + "\n";
    if (!d.hint.empty()) out += "hint: " + d.hint + "\n";
    return out;
}

} // namespace sip_lint
