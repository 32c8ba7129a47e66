// What every sipview libFuzzer harness checks, beyond "no crash" (ASan and
// UBSan catch those):
//   * an error's offset is at most the input size;
//   * every string_view in an accepted AST (and in what its ranges and
//     accessors yield) lies inside the input buffer;
//   * an accepted input formats (format.hpp) to text that parses to an equal
//     AST, formatting that AST again gives the same text, and the size /
//     buffer / iterator forms of format agree;
//   * for stream framing: framing the input fed in any split equals framing
//     it in one go.
// A violated invariant prints the input and aborts, so libFuzzer saves it.
#pragma once

#include "ast_check.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace sipview_fuzz {

using namespace sipview;
using sipview_check::buffer;
using sipview_check::formatted;
using sipview_check::why;

inline void print_escaped(char const* label, std::string_view v) {
    std::fprintf(stderr, "%s (%zu bytes): \"", label, v.size());
    for (char ch : v) {
        unsigned const c = static_cast<unsigned char>(ch);
        if (c == '\\' || c == '"') std::fprintf(stderr, "\\%c", static_cast<int>(c));
        else if (c >= 0x20 && c < 0x7F) std::fputc(static_cast<int>(c), stderr);
        else std::fprintf(stderr, "\\x%02X", c);
    }
    std::fprintf(stderr, "\"\n");
}

[[noreturn]] inline void fail(char const* entry, char const* what, std::string_view input, std::string_view extra = {},
                              char const* extra_label = "formatted") {
    std::fprintf(stderr, "\n*** sipview invariant violated in %s: %s\n", entry, what);
    print_escaped("input", input);
    if (extra.data() != nullptr) print_escaped(extra_label, extra);
    std::abort();
}

/// The checks for a value entry point (parse_uri, parse_name_addr...):
/// `parse` takes a string_view and returns result<AST>.
template <class Parse>
inline void check_value(char const* entry, std::string_view in, Parse parse) {
    auto r = parse(in);
    if (!r) {
        if (r.error().offset > in.size()) fail(entry, "error offset past the end of the input", in);
        return;
    }
    buffer const b{in.data(), in.data() + in.size()};
    if (!sipview_check::within(*r, b)) fail(entry, "a view of the AST points outside the input", in);

    std::string const text = formatted(*r);
    why w;
    if (!sipview_check::forms_agree(*r, text, format_options{}, w)) fail(entry, w.field, in, text);
    auto again = parse(text);
    if (!again) fail(entry, "the formatted text does not parse", in, text);
    if (!sipview_check::within(*again, buffer{text.data(), text.data() + text.size()}))
        fail(entry, "a view of the re-parsed AST points outside the formatted text", in, text);
    why d;
    if (!sipview_check::same(*r, *again, d)) fail(entry, d.field, in, text);
    std::string const text2 = formatted(*again);
    if (text2 != text) fail(entry, "formatting is not idempotent", text, text2, "formatted again");
}

/// The leniency flags (leniency.hpp), for a value parser that takes
/// parse_options (`parse_with(in, opts)`): the input parsed strictly and with
/// every flag.
///   * strictly valid: also valid with every flag, with no warning and the same AST;
///   * strictly invalid and accepted with every flag: the error names a flag
///     (would_accept); naming one, the input is accepted with every flag or
///     rejected there for another reason (a check after the grammar, such as
///     a Digest response's length), not the same error again;
///   * accepted with every flag: each warning is a leniency row at an offset
///     inside the input, there is at least one unless the input is strictly
///     valid, and the AST's views are inside the input.
template <class ParseWith>
inline void check_leniency(char const* entry, std::string_view in, ParseWith parse_with) {
    auto const strict = parse_with(in, parse_options{});
    warning_list warnings;
    parse_options every;
    every.lenient = leniency_set::all();
    every.warnings = &warnings;
    auto const lenient = parse_with(in, every);
    if (strict) {
        if (!lenient) fail(entry, "strictly valid, rejected with every leniency flag", in);
        if (!warnings.empty()) fail(entry, "strictly valid, yet a leniency flag reports a deviation", in);
        why d;
        if (!sipview_check::same(*strict, *lenient, d)) fail(entry, "strictly valid, parsed otherwise with every leniency flag", in);
        return;
    }
    if (strict.error().would_accept != leniency::none && !lenient && lenient.error().id == strict.error().id &&
        lenient.error().offset == strict.error().offset)
        fail(entry, "the error names a leniency flag, but with every flag the input fails the same way", in);
    if (!lenient) return;
    if (strict.error().would_accept == leniency::none)
        fail(entry, "accepted with every leniency flag, but the strict error names no flag", in);
    if (warnings.empty()) fail(entry, "accepted only with leniency flags, without a warning", in);
    for (parse_error const& w : warnings) {
        if (w.offset > in.size()) fail(entry, "a leniency warning's offset is past the end of the input", in);
        if (leniency_of_warning(w.id) == leniency::none) fail(entry, "a leniency warning is not a leniency row", in);
    }
    if (!sipview_check::within(*lenient, buffer{in.data(), in.data() + in.size()}))
        fail(entry, "a view of the lenient AST points outside the input", in);
}

/// A validated value (display name, user part, auth-param) and its decoder
/// `decode(out, cap, mode)`: in decode_mode::octets it decodes into a buffer
/// of its own size; decode_mode::text gives the same bytes, or errc::syntax
/// at an offset inside the value, exactly when check_text() rejects those
/// bytes. Exact-size heap buffers, so ASan sees any write past the end.
template <class Decode>
inline void check_decode(char const* entry, std::string_view in, std::string_view raw, Decode decode) {
    std::vector<char> a(raw.size()), b(raw.size());
    auto const o = decode(a.data(), a.size(), decode_mode::octets);
    if (!o) fail(entry, "a validated value does not decode (decode_mode::octets)", in);
    auto const t = decode(b.data(), b.size(), decode_mode::text);
    if (t.has_value() != check_text(*o).has_value()) fail(entry, "decode_mode::text disagrees with check_text", in);
    if (t && *t != *o) fail(entry, "decode_mode::text decodes to other bytes than decode_mode::octets", in);
    if (!t && (t.error().code != errc::syntax || t.error().offset >= raw.size()))
        fail(entry, "a non-text value is not errc::syntax at an offset inside it", in);
}

/// Leniency flags byte for parse_message:
///   bit 0 validate off, bit 1 every leniency flag (leniency.hpp), bit 2 strict_date,
///   bit 3 strict_content_length, bit 4 require_content_length,
///   bits 5-7 header capacity (64, 1, 2, 4, 8, 16, 32, 256).
struct message_flags {
    message_options opts;
    std::size_t capacity = 64;
    explicit message_flags(std::uint8_t f) noexcept {
        opts.validate = (f & 0x01) == 0;
        opts.lenient = (f & 0x02) != 0 ? leniency_set::all() : leniency_set{};
        opts.strict_date = (f & 0x04) != 0;
        opts.strict_content_length = (f & 0x08) != 0;
        opts.require_content_length = (f & 0x10) != 0;
        static constexpr std::size_t caps[8] = {64, 1, 2, 4, 8, 16, 32, 256};
        capacity = caps[(f >> 5) & 7];
    }
};

/// Leniency flags for frame_message (first byte), split seed (second byte):
///   bit 0 allow_bare_lf, bit 1 assume_zero_content_length,
///   bits 2-3 max_header_bytes (16384, 64, 512, 4096),
///   bits 4-5 max_headers (64, 1, 8, 1000), bits 6-7 max_body_bytes (1 MiB, 0, 16, 1024).
inline stream_options stream_flags(std::uint8_t f) noexcept {
    stream_options o;
    if ((f & 0x01) != 0) o.lenient.add(leniency::allow_bare_lf);
    if ((f & 0x02) != 0) o.lenient.add(leniency::assume_zero_content_length);
    static constexpr std::size_t header_bytes[4] = {16 * 1024, 64, 512, 4096};
    static constexpr std::size_t headers[4] = {64, 1, 8, 1000};
    static constexpr std::size_t body[4] = {1024 * 1024, 0, 16, 1024};
    o.max_header_bytes = header_bytes[(f >> 2) & 3];
    o.max_headers = headers[(f >> 4) & 3];
    o.max_body_bytes = body[(f >> 6) & 3];
    return o;
}

} // namespace sipview_fuzz
