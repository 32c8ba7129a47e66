// sip-lint: input bytes on their way out. Two places only, one function each:
//   * utf8_replaced(): every string that goes into the JSON output (through
//     make_json_utf8(), run on the whole JSON value before it is written):
//     each byte that is not part of a well-formed UTF-8 sequence
//     (RFC 3629 §4: no overlong forms, no surrogates, nothing above
//     U+10FFFF) becomes U+FFFD;
//   * terminal_text(): all human output (source lines, summaries, --compare
//     cells, --password explanations, file names): C0 control bytes, DEL,
//     C1 controls (U+0080..U+009F) and bytes that are not UTF-8 are written
//     escaped, as \r, \n, \t or \xNN, so no input can move the cursor, set
//     the window title or clear the screen.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sip_lint {

/// The length of the well-formed UTF-8 sequence that starts at text[i]
/// (1 for ASCII), or 0 when the byte there does not start one.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i) noexcept {
    auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k])); };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return k < text.size() && byte(k) >= lo && byte(k) <= hi;
    };
    unsigned const c = byte(i);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned const lo = c == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F: overlong
        unsigned const hi = c == 0xED ? 0x9F : 0xBF;  // ED A0..BF: surrogates
        return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned const lo = c == 0xF0 ? 0x90 : 0x80;  // F0 80..8F: overlong
        unsigned const hi = c == 0xF4 ? 0x8F : 0xBF;  // F4 90..: above U+10FFFF
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;  // 80..C1 (continuation or overlong lead), F5..FF
}

/// The offset of the first byte of `text` that is not part of a well-formed
/// UTF-8 sequence, or npos.
inline std::size_t first_invalid_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t const n = utf8_sequence(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

/// `s` with each byte that is not part of a well-formed UTF-8 sequence
/// replaced by U+FFFD (EF BF BD); true when it replaced any.
inline bool utf8_replaced(std::string& s) {
    std::size_t i = first_invalid_utf8(s);
    if (i == std::string::npos) return false;
    std::string out(s, 0, i);
    while (i < s.size()) {
        std::size_t const n = utf8_sequence(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    s = std::move(out);
    return true;
}

/// What terminal_text() writes as it is.
enum terminal_keep : unsigned { keep_none = 0, keep_newline = 1, keep_tab = 2 };

/// `text` safe to write to a terminal: C0 controls (but LF and TAB when
/// `keep` says so), DEL, C1 controls and bytes that are not UTF-8 are
/// escaped (\r, \n, \t, else \xNN); everything else, including well-formed
/// UTF-8, is copied. A backslash stays as it is.
inline std::string terminal_text(std::string_view text, unsigned keep = keep_none) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto escape = [&](unsigned char c) {
        if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        auto const c = static_cast<unsigned char>(text[i]);
        std::size_t const n = utf8_sequence(text, i);
        if ((c == '\n' && (keep & keep_newline)) || (c == '\t' && (keep & keep_tab))) {
            out += static_cast<char>(c);
            ++i;
        } else if (n == 0 || c < 0x20 || c == 0x7F) {
            escape(c);
            ++i;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            escape(c);  // C1 control U+0080..U+009F (0x9B is CSI on some terminals)
            escape(static_cast<unsigned char>(text[i + 1]));
            i += 2;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

} // namespace sip_lint
