// sip-lint: diagnostics (error/warning at a byte) and their rendering as a
// compiler does: FILE:LINE:COL: error: MESSAGE, the line, a caret, notes, hints.
#pragma once

#include "safe_text.hpp"

#include <sipview/error.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

/// sip-lint's own findings, about its output rather than the SIP grammar
/// (those are sipview::diag, include/sipview/diagnostics.hpp). A row is
/// X(id, severity, message, hint).
#define SIP_LINT_DIAGS(X)                                                                                              \
    X(json_not_utf8, "warning", "a byte that is not UTF-8: the JSON strings show each such byte as U+FFFD",           \
      "SIP text is UTF-8 (RFC 3261 §25.1 UTF8-NONASCII); the sender may use Latin-1 or another charset")

enum class lint_diag : unsigned char {
    none = 0,
#define SIP_LINT_DIAG_ENUM_(id, severity, message, hint) id,
    SIP_LINT_DIAGS(SIP_LINT_DIAG_ENUM_)
#undef SIP_LINT_DIAG_ENUM_
};

struct lint_diag_info {
    char const* severity;
    char const* message;
    char const* hint;
};

inline constexpr lint_diag_info lint_diag_table[] = {
    {"", "", ""},
#define SIP_LINT_DIAG_ROW_(id, severity, message, hint) {severity, message, hint},
    SIP_LINT_DIAGS(SIP_LINT_DIAG_ROW_)
#undef SIP_LINT_DIAG_ROW_
};

struct diagnostic {
    sipview::diag id = sipview::diag::none;  ///< the library's id, for an error or warning of the parse
    lint_diag lint_id = lint_diag::none;     ///< sip-lint's own id (SIP_LINT_DIAGS), for its own findings
    std::string severity;  ///< "error" or "warning"
    std::size_t offset = 0;
    std::size_t line = 1;    ///< 1-based
    std::size_t column = 1;  ///< 1-based, in bytes
    std::string message;
    std::string expected;  ///< shown as a note
    std::string hint;
    std::vector<std::string> notes;  ///< further context lines
    /// The leniency flag that would accept the input (sipview's leniency.hpp),
    /// or empty: `sip-lint --lenient=NAME`.
    std::string would_accept;
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
    d.id = e.id;
    if (e.would_accept != sipview::leniency::none) {
        d.would_accept = std::string(sipview::to_string(e.would_accept));
        d.notes.push_back("accepted with --lenient=" + d.would_accept + " (" + std::string(sipview::info(e.would_accept).applies_to) +
                          "), as a warning");
    }
    return d;
}

/// sip-lint's own finding `id` at byte `offset` of `text`.
inline diagnostic make_diagnostic(std::string_view text, lint_diag id, std::size_t offset) {
    lint_diag_info const& row = lint_diag_table[static_cast<std::size_t>(id)];
    diagnostic d;
    d.lint_id = id;
    d.severity = row.severity;
    d.offset = offset;
    locate(text, offset, d.line, d.column);
    d.message = row.message;
    d.hint = row.hint;
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

/// Renders a diagnostic for a person. The source line is shown as
/// terminal_text() writes it (tabs kept); the caret sits under the byte's
/// escape or character.
inline std::string render(std::string const& file, std::string_view text, diagnostic const& d) {
    std::string out = terminal_text(file) + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                      d.severity + ": " + d.message + "\n";
    std::string_view const line = line_at(text, d.offset);
    out += terminal_text(line, keep_tab);
    out += "\n";
    // the caret keeps tabs so that it lines up under the byte; one column per
    // character of the shown prefix (a UTF-8 sequence is one character)
    std::string const prefix = terminal_text(line.substr(0, std::min(line.size(), d.column - 1)), keep_tab);
    for (char c : prefix)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) out += c == '\t' ? '\t' : ' ';
    out += "^\n";
    if (!d.expected.empty()) out += "note: expected " + d.expected + "\n";
    for (auto const& n : d.notes) out += "note: " + n + "\n";
    if (!d.hint.empty()) out += "hint: " + d.hint + "\n";
    return out;
}

} // namespace sip_lint
