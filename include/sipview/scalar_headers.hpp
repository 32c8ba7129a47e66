// sipview — the scalar header values: CSeq, Call-ID, Max-Forwards,
// delta-seconds (Expires, Min-Expires), Content-Length, Content-Type,
// Retry-After, and the header-value byte check every value gets (the parse
// function of the headers sipview knows by name only).
//
// Each parse function takes the value (what follows HCOLON) and reports
// offsets inside it; message accessors shift them into the message.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_SCALAR_HEADERS_HPP
#define SIPVIEW_SCALAR_HEADERS_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <sipview/core.hpp>
#include <sipview/detail/comment.hpp>
#include <sipview/detail/write.hpp>
#include <sipview/error.hpp>

namespace sipview {


/// CSeq = 1*DIGIT LWS Method (the number is below 2**31, RFC 3261 §8.1.1.5).
struct cseq {
    std::uint32_t number = 0;
    std::string_view number_text;  ///< the digits as written (leading zeros kept)
    std::string_view method;
};

/// media-type = m-type SLASH m-subtype *( SEMI m-parameter ) (RFC 3261 §20.15).
struct media_type {
    std::string_view text;
    std::string_view type;
    std::string_view subtype;
    std::string_view params_text;  ///< m-parameters, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    std::optional<std::string_view> param_value(std::string_view name) const noexcept {
        auto p = params().find(name);
        if (!p || !p->value) return std::nullopt;
        return p->value;
    }
    /// Case-insensitive comparison with "type/subtype".
    bool is(std::string_view t, std::string_view s) const noexcept { return iequals(type, t) && iequals(subtype, s); }
};

/// Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261
/// §20.33): `120 (I'm in a meeting);duration=3600`.
struct retry_after {
    std::uint32_t seconds = 0;       ///< delta-seconds: when to retry
    std::string_view seconds_text;   ///< the digits as written (leading zeros kept)
    /// The comment's text between its outer parentheses, as written (nested
    /// comments, quoted-pairs and line folds kept), or nullopt.
    std::optional<std::string_view> comment;
    std::string_view params_text;    ///< retry-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// retry-param "duration" EQUAL delta-seconds: how long the callee will
    /// be reachable from `seconds` on (validated to fit 32 bits), or nullopt.
    std::optional<std::uint32_t> duration() const noexcept { return params().number_value("duration"); }
};

/// The fields of the AST by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(retry_after const& v, F&& f) {
    f("seconds", v.seconds);
    f("comment", v.comment);
    f("duration", v.duration());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace message_impl {

/// 1*DIGIT of value at most `max`; all digits are consumed before the range
/// is checked, and a larger value is reported at its first digit as `range`
/// (a row with errc::out_of_range).
struct bounded_number : primitive<bounded_number> {
    std::uint64_t max;
    diag range;
    constexpr bounded_number(std::uint64_t m, diag r) : max(m), range(r) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        It p = first;
        std::uint64_t v = 0;
        while (p != last && is(*p, c_digit)) {
            if (v <= max) v = v * 10 + static_cast<std::uint64_t>(*p - '0');
            ++p;
        }
        if (p == first) return false;
        if (v > max) {
            report(ctx, first, range);
            return false;
        }
        first = p;
        return true;
    }
};

struct no_ast {};

inline constexpr auto cseq_grammar =
    set<&cseq::number_text>[describe(diag::msg_cseq_number)[bounded_number(0x7FFFFFFFu, diag::msg_cseq_range)]] >>
    describe(diag::msg_cseq_lws)[grammar::LWS] >>
    set<&cseq::method>[describe(diag::msg_cseq_method)[grammar::token]] >>
    grammar::SWS >> describe(diag::msg_cseq_end)[x3::eoi];

/// callid = word [ "@" word ]
inline constexpr auto call_id_grammar =
    describe(diag::msg_call_id)[grammar::word] >>
    -(x3::lit('@') >> describe(diag::msg_call_id_word)[grammar::word]) >>
    grammar::SWS >> describe(diag::msg_call_id_end)[x3::eoi];

/// 1*DIGIT at most Max: `number` when it is not a number, `range` when it is too large.
template <std::uint64_t Max>
inline constexpr auto number_grammar(diag number, diag range) {
    return describe(number)[bounded_number(Max, range)] >> grammar::SWS >> describe(diag::msg_number_end)[x3::eoi];
}

/// m-parameter = m-attribute EQUAL m-value; m-value = token / quoted-string
inline constexpr auto media_type_grammar =
    set<&media_type::type>[describe(diag::msg_media_type)[grammar::token]] >>
    describe(diag::msg_media_slash)[grammar::SLASH] >>
    set<&media_type::subtype>[describe(diag::msg_media_subtype)[grammar::token]] >>
    set<&media_type::params_text>[*(grammar::SEMI >>
                                    describe(diag::msg_media_param)[
                                        grammar::token >> grammar::EQUAL >> (grammar::quoted | grammar::token)])] >>
    grammar::SWS >> describe(diag::msg_media_end)[x3::eoi];

template <std::uint64_t Max>
inline result<std::uint32_t> parse_number(std::string_view value, diag number, diag range) noexcept {
    if constexpr (sipview::detail::fast_paths) {
        // The fast path: digits only, at most Max (the grammar on anything
        // else, for trailing whitespace or the exact error).
        iter p = value.data();
        iter const e = p + value.size();
        std::uint64_t v = 0;
        while (p != e && is(*p, c_digit)) {
            if (v <= Max) v = v * 10 + static_cast<std::uint64_t>(*p - '0');
            ++p;
        }
        if (p != value.data() && p == e && v <= Max) return static_cast<std::uint32_t>(v);
    }
    no_ast ast;
    parse_error err;
    if (run(value, number_grammar<Max>(number, range), ast, err)) {
        std::uint64_t v = 0;
        for (char c : value) {
            if (!is(c, c_digit)) break;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return static_cast<std::uint32_t>(v);
    }
    return err;
}

} // namespace message_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// CSeq value: `4711 INVITE`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<cseq> parse_cseq(borrowed_text value) noexcept {
    cseq c;
    if constexpr (detail::fast_paths) {
        // The fast path: 1*DIGIT LWS token, nothing after (the grammar on
        // anything else, which gives the exact error).
        using namespace detail;
        iter p = value.data();
        iter const e = p + value.size();
        std::uint64_t v = 0;
        while (p != e && is(*p, c_digit)) {
            if (v <= 0x7FFFFFFFu) v = v * 10 + static_cast<std::uint64_t>(*p - '0');
            ++p;
        }
        iter const digits_end = p;
        if (p != value.data() && v <= 0x7FFFFFFFu && lws_may_start(p, e)) {
            p += lws_length(p, e);
            iter const m = p;
            p = skip_class<token_chars>(p, e);
            if (p != m && p == e && digits_end != m) {
                c.number_text = std::string_view(value.data(), static_cast<std::size_t>(digits_end - value.data()));
                c.method = std::string_view(m, static_cast<std::size_t>(e - m));
                c.number = static_cast<std::uint32_t>(v);
                return c;
            }
        }
    }
    parse_error err;
    if (detail::run(value, detail::message_impl::cseq_grammar, c, err)) {
        std::uint64_t v = 0;
        for (char ch : c.number_text) v = v * 10 + static_cast<std::uint64_t>(ch - '0');
        c.number = static_cast<std::uint32_t>(v);
        return c;
    }
    if (err.id == diag::msg_cseq_range) err.add_hint(diag::msg_cseq_range_hint);
    return err;
}
#else
result<cseq> parse_cseq(borrowed_text value) noexcept;
#endif

/// Call-ID value: callid = word [ "@" word ]. Returns the value itself.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<std::string_view> parse_call_id(borrowed_text value) noexcept {
    if constexpr (detail::fast_paths) {
        // The fast path: word ["@" word], nothing after (the grammar on
        // anything else, which gives the exact error).
        using namespace detail;
        iter p = value.data();
        iter const e = p + value.size();
        while (p != e && is(*p, word_chars)) ++p;
        if (p != value.data()) {
            if (p != e && *p == '@') {
                iter const w = ++p;
                while (p != e && is(*p, word_chars)) ++p;
                if (p == w) p = nullptr;
            }
            if (p == e) return value;
        }
    }
    detail::message_impl::no_ast ast;
    parse_error err;
    if (detail::run(value, detail::message_impl::call_id_grammar, ast, err)) {
        return detail::without_trailing_lws(value);
    }
    if (err.id == diag::msg_call_id_end && err.offset < value.size() && value[err.offset] == '@')
        err.add_hint(diag::msg_call_id_at_hint);
    return err;
}
#else
result<std::string_view> parse_call_id(borrowed_text value) noexcept;
#endif

/// Max-Forwards value: 1*DIGIT, at most 255 (RFC 3261 §20.22; leading zeros allowed).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::uint8_t> parse_max_forwards(std::string_view value) noexcept {
    auto r = detail::message_impl::parse_number<255>(value, diag::msg_max_forwards_number, diag::msg_max_forwards_range);
    if (!r) return r.error();
    return static_cast<std::uint8_t>(*r);
}
#else
result<std::uint8_t> parse_max_forwards(std::string_view value) noexcept;
#endif

/// delta-seconds (Expires, Min-Expires): 1*DIGIT that fits 32 bits.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::uint32_t> parse_delta_seconds(std::string_view value) noexcept {
    return detail::message_impl::parse_number<0xFFFFFFFFu>(value, diag::msg_delta_number, diag::msg_delta_range);
}
#else
result<std::uint32_t> parse_delta_seconds(std::string_view value) noexcept;
#endif

/// Content-Length value: 1*DIGIT (at most 2**32 - 1 here).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::uint32_t> parse_content_length(std::string_view value) noexcept {
    if (!value.empty() && value.size() <= 9) {  // fast path: 1 to 9 plain digits (everything else takes the grammar)
        std::uint32_t v = 0;
        std::size_t i = 0;
        for (; i < value.size() && detail::is(value[i], detail::c_digit); ++i) v = v * 10 + static_cast<std::uint32_t>(value[i] - '0');
        if (i == value.size()) return v;
    }
    if (!value.empty() && value[0] == '-')
        return make_error(diag::msg_content_length_negative, 0);
    auto r = detail::message_impl::parse_number<0xFFFFFFFFu>(value, diag::msg_content_length_number, diag::msg_content_length_range);
    if (!r) {
        parse_error e = r.error();
        if (e.id != diag::msg_content_length_range) e.refine(diag::msg_content_length_not_number);
        return e;
    }
    return r;
}
#else
result<std::uint32_t> parse_content_length(std::string_view value) noexcept;
#endif

/// Content-Type value: type/subtype *(;attribute=value).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<media_type> parse_media_type(borrowed_text value) noexcept {
    media_type m;
    parse_error err;
    if (detail::run(value, detail::message_impl::media_type_grammar, m, err)) {
        m.text = detail::without_trailing_lws(value);
        return m;
    }
    return err;
}
#else
result<media_type> parse_media_type(borrowed_text value) noexcept;
#endif

namespace detail {
namespace message_impl {

/// The index of the first byte of [p + from, p + n) that is a control
/// character (< 0x20, 0x7F) or 0xFE / 0xFF, or n: what check_text_value has
/// to look at (most values have none, or only HTAB and folds). Sixteen bytes
/// per step with SSE2 (every x86-64), else eight with the "has a byte less
/// than / equal to" word tricks (each exact for "is there such a byte"; the
/// byte is then found one at a time within that word).
inline std::size_t next_special(char const* p, std::size_t n, std::size_t from) noexcept {
    std::size_t i = from;
    auto special = [](char ch) {
        unsigned const c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7F || c >= 0xFE;
    };
#if defined(__SSE2__)
    __m128i const c20 = _mm_set1_epi8(0x20), cfd = _mm_set1_epi8(static_cast<char>(0xFD)), c7f = _mm_set1_epi8(0x7F);
    for (; i + 16 <= n; i += 16) {
        __m128i const w = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
        __m128i const bad = _mm_or_si128(_mm_or_si128(_mm_subs_epu8(c20, w),    // nonzero where a byte < 0x20
                                                      _mm_subs_epu8(w, cfd)),   // nonzero where a byte > 0xFD
                                         _mm_cmpeq_epi8(w, c7f));               // 0xFF where a byte == 0x7F
        unsigned const mask = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bad, _mm_setzero_si128()))) & 0xFFFFu;
        if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, p + i, 8);
        std::uint64_t const below_20 = (w - 0x20 * ones) & ~w & highs;  // a byte < 0x20
        std::uint64_t const x7f = w ^ (0x7F * ones);
        std::uint64_t const is_7f = (x7f - ones) & ~x7f & highs;        // a byte == 0x7F
        std::uint64_t const xfe = ~(w | ones);                            // 0 where a byte is 0xFE or 0xFF
        std::uint64_t const is_fe = (xfe - ones) & ~xfe & highs;
        if ((below_20 | is_7f | is_fe) != 0) break;  // located below
    }
    for (; i < n; ++i)
        if (special(p[i])) return i;
    return n;
}

/// True when no byte of [p, p + n) is a control character (< 0x20, 0x7F) or 0xFE / 0xFF.
inline bool plain_text(char const* p, std::size_t n) noexcept { return next_special(p, n, 0) == n; }

/// header-value = *( TEXT-UTF8char / UTF8-CONT / LWS ): no control characters
/// except HTAB and the CRLF of a fold, and no 0xFE / 0xFF (outside UTF-8).
/// Every header value gets this check, whatever else its grammar checks.
/// With `quoted_pairs` (headers whose grammar has quoted-string or comment,
/// already checked by it), the byte after a '\\' inside "..." or (...) is
/// exempt: quoted-pair = "\\" (%x00-09 / %x0B-0C / %x0E-7F), RFC 3261 §25.1.
/// Returns the offending index or npos.
inline std::size_t check_text_value(std::string_view v, bool quoted_pairs = false) noexcept {
    // Skip to each control byte; HTAB and the line break of a fold are fine
    // wherever they are. Another control byte may still be the second byte of
    // a quoted-pair: the full rule below decides that (rare).
    {
        std::size_t i = 0;
        std::size_t const n = v.size();
        for (;;) {
            i = next_special(v.data(), n, i);
            if (i == n) return std::string_view::npos;
            char const c = v[i];
            if (c == '\t') { ++i; continue; }
            if (c == '\r' && i + 2 < n && v[i + 1] == '\n' && is(v[i + 2], c_wsp)) { i += 2; continue; }
            if (c == '\n' && i + 1 < n && is(v[i + 1], c_wsp) && (i == 0 || v[i - 1] != '\r')) { ++i; continue; }  // bare-LF fold (lenient)
            break;
        }
    }
    bool quoted = false;     // inside a quoted-string
    std::size_t depth = 0;   // comment nesting
    for (std::size_t i = 0; i < v.size(); ++i) {
        unsigned char const c = static_cast<unsigned char>(v[i]);
        if (c >= 0x20 && c != 0x7F && c < 0xFE) {
            if (!quoted_pairs) continue;
            if (c == '\\' && (quoted || depth > 0) && i + 1 < v.size() && v[i + 1] != '\r' && v[i + 1] != '\n') ++i;
            else if (c == '"' && depth == 0) quoted = !quoted;
            else if (c == '(' && !quoted) ++depth;
            else if (c == ')' && !quoted && depth > 0) --depth;
            continue;
        }
        if (c == '\t') continue;
        if (c == '\r' && i + 2 < v.size() && v[i + 1] == '\n' && is(v[i + 2], c_wsp)) { ++i; continue; }
        if (c == '\n' && i + 1 < v.size() && is(v[i + 1], c_wsp) && (i == 0 || v[i - 1] != '\r')) continue;  // bare-LF fold (lenient)
        return i;
    }
    return std::string_view::npos;
}


} // namespace message_impl
} // namespace detail

/// The value of a header sipview knows by name but has no grammar for
/// (Subject, User-Agent, Allow...): header-value text, checked byte by byte
/// (no control characters but HTAB and folds, no 0xFE / 0xFF). Returns the
/// value itself.
inline result<std::string_view> parse_header_text(borrowed_text value) noexcept {
    std::size_t const bad = detail::message_impl::check_text_value(value);
    if (bad == std::string_view::npos) return std::string_view(value);
    return make_error(diag::msg_header_text, bad);
}

/// Content-Disposition value (RFC 3261 §20.11): what the body is for, and
/// whether a recipient that does not understand it may ignore it.
struct content_disposition {
    std::string_view type;         ///< disp-type: "render", "session", "icon", "alert", or a token
    std::string_view params_text;  ///< disp-params, each with its leading SEMI
    param_range params() const noexcept { return {params_text, ';'}; }
    /// handling-param: "optional", "required" or another token.
    std::optional<std::string_view> handling() const noexcept { return params().value("handling"); }
};

/// The fields of a content_disposition by name, for generic consumers (JSON, equality).
template <class F>
inline void visit_fields(content_disposition const& v, F&& f) {
    f("type", v.type);
    f("handling", v.handling());
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace disposition_rules {
/// disp-param = handling-param / generic-param;
/// handling-param = "handling" EQUAL ( "optional" / "required" / other-handling ), other-handling = token
inline constexpr auto disp_param = detail::by_name(
    generic_param,
    detail::when("handling", detail::describe(diag::disp_handling_equal)[EQUAL] >> detail::describe(diag::disp_handling_value)[token]));
inline constexpr auto disp_params = *(SEMI >> detail::describe(diag::disp_param)[disp_param]);
/// Content-Disposition = disp-type *( SEMI disp-param )
inline constexpr auto content_disposition =
    detail::set<&sipview::content_disposition::type>[detail::describe(diag::disp_type)[token]] >>
    detail::set<&sipview::content_disposition::params_text>[disp_params] >> SWS >> detail::describe(diag::disp_end)[x3::eoi];
} // namespace disposition_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Content-Disposition value: `session;handling=required`.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<content_disposition> parse_content_disposition(borrowed_text value) noexcept {
    return detail::parse_as<content_disposition>(value, detail::grammar::disposition_rules::content_disposition);
}
#else
result<content_disposition> parse_content_disposition(borrowed_text value) noexcept;
#endif

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {
/// Writer (format.hpp): disp-type then `;name[=value]` for each parameter.
template <class S, class O>
inline void write(S& s, content_disposition const& v, O const&) {
    check_rule(s, grammar::token, v.type, {"disp-type (token: render, session, icon, alert...)", "", rule_shape::verbatim});
    s.put(v.type);
    check_rule(s, grammar::disposition_rules::disp_params, v.params_text,
               {"Content-Disposition parameters: ;handling=optional|required, ;name[=value]",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}
} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace message_impl {
/// A value that is one token, then the end (trailing LWS trimmed).
inline result<std::string_view> parse_single_token(std::string_view value) noexcept {
    static constexpr auto g = describe(diag::single_token)[grammar::token] >> grammar::SWS >> describe(diag::single_token_end)[x3::eoi];
    no_ast ast;
    parse_error err;
    if (!run(value, g, ast, err)) return err;
    return detail::without_trailing_lws(value);
}
} // namespace message_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// SIP-ETag / SIP-If-Match value (RFC 3903 §11.3): entity-tag = token.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::string_view> parse_entity_tag(borrowed_text value) noexcept {
    return detail::message_impl::parse_single_token(value);
}
#else
result<std::string_view> parse_entity_tag(borrowed_text value) noexcept;
#endif

/// Priority value (RFC 3261 §20.26): "emergency" / "urgent" / "normal" / "non-urgent" / other-priority (token).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::string_view> parse_priority(borrowed_text value) noexcept { return detail::message_impl::parse_single_token(value); }
#else
result<std::string_view> parse_priority(borrowed_text value) noexcept;
#endif

/// Geolocation-Routing value (RFC 6442 §4.2): "yes" / "no" / routing-extension (token).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::string_view> parse_geolocation_routing(borrowed_text value) noexcept {
    return detail::message_impl::parse_single_token(value);
}
#else
result<std::string_view> parse_geolocation_routing(borrowed_text value) noexcept;
#endif

/// MIME-Version value (RFC 3261 §20.24): 1*DIGIT "." 1*DIGIT.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<std::string_view> parse_mime_version(borrowed_text value) noexcept {
    static constexpr auto g = detail::describe(diag::mime_version)[detail::grammar::digits >> detail::x3::lit('.') >> detail::grammar::digits] >>
                              detail::grammar::SWS >> detail::describe(diag::single_token_end)[detail::x3::eoi];
    detail::message_impl::no_ast ast;
    parse_error err;
    if (!detail::run(value, g, ast, err)) return err;
    return detail::without_trailing_lws(value);
}
#else
result<std::string_view> parse_mime_version(borrowed_text value) noexcept;
#endif

namespace detail {
namespace message_impl {
/// Date = rfc1123-date = wkday "," SP date1 SP time SP "GMT";
/// date1 = 2DIGIT SP month SP 4DIGIT; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT.
/// Returns diag::none when valid, else what is wrong; `at` is the offset of the problem.
inline diag check_date(std::string_view v, std::size_t& at) noexcept {
    auto ci = [&](std::size_t i, char const* w) {
        for (std::size_t k = 0; k < 3; ++k)
            if (i + k >= v.size() || ascii_lower(v[i + k]) != w[k]) return false;
        return true;
    };
    auto digits = [&](std::size_t i, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k)
            if (i + k >= v.size() || !is(v[i + k], c_digit)) return false;
        return true;
    };
    auto ch = [&](std::size_t i, char c) { return i < v.size() && v[i] == c; };
    static constexpr char const* days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static constexpr char const* months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    bool ok = false;
    for (char const* d : days) ok = ok || ci(0, d);
    at = 0;
    if (!ok) return diag::msg_date_weekday;
    at = 3;
    if (!ch(3, ',') || !ch(4, ' ')) return diag::msg_date_comma;
    at = 5;
    if (!digits(5, 2) || !ch(7, ' ')) return diag::msg_date_day;
    at = 8;
    ok = false;
    for (char const* mo : months) ok = ok || ci(8, mo);
    if (!ok || !ch(11, ' ')) return diag::msg_date_month;
    at = 12;
    if (!digits(12, 4) || !ch(16, ' ')) return diag::msg_date_year;
    at = 17;
    if (!digits(17, 2) || !ch(19, ':') || !digits(20, 2) || !ch(22, ':') || !digits(23, 2) || !ch(25, ' '))
        return diag::msg_date_time;
    at = 26;
    if (v.size() != 29 || !(v[26] == 'G' && v[27] == 'M' && v[28] == 'T')) return diag::msg_date_not_gmt;
    return diag::none;
}

} // namespace message_impl
} // namespace detail

/// Date value (RFC 3261 §20.17): rfc1123-date in GMT, its fields and the instant.
struct sip_date {
    std::string_view text;  ///< as written: "Sat, 13 Nov 2010 23:29:00 GMT"
    unsigned weekday = 0;   ///< 0 = Monday ... 6 = Sunday, as written
    unsigned day = 0, month = 0, year = 0;  ///< month 1-12
    unsigned hour = 0, minute = 0, second = 0;
    /// Seconds since 1970-01-01T00:00:00Z (proleptic Gregorian; negative before 1970).
    std::int64_t epoch() const noexcept {
        // days from civil (H. Hinnant's algorithm)
        std::int64_t const y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
        std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
        std::int64_t const yoe = y - era * 400;
        std::int64_t const mp = (static_cast<std::int64_t>(month) + 9) % 12;
        std::int64_t const doy = (153 * mp + 2) / 5 + static_cast<std::int64_t>(day) - 1;
        std::int64_t const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        std::int64_t const days = era * 146097 + doe - 719468;
        return days * 86400 + static_cast<std::int64_t>(hour) * 3600 + static_cast<std::int64_t>(minute) * 60 + second;
    }
};
template <class F>
inline void visit_fields(sip_date const& v, F&& f) {
    f("text", v.text);
    f("epoch", v.epoch());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace message_impl {
/// rfc1123-date: exactly 29 octets (check_date), then no other character.
/// Why hand-written: a fixed layout, each field reported at its offset.
struct date_parser : primitive<date_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        std::size_t const n = static_cast<std::size_t>(last - first) < 29 ? static_cast<std::size_t>(last - first) : 29;
        std::size_t at = 0;
        if (diag const d = check_date(std::string_view(first, n), at); d != diag::none) {
            report(ctx, first + static_cast<std::ptrdiff_t>(at), d);
            return false;
        }
        first += 29;
        return true;
    }
};
} // namespace message_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Date value (RFC 3261 §20.17): `Sat, 13 Nov 2010 23:29:00 GMT`, with its
/// fields in range (day within its month, 00-23:00-59:00-60).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<sip_date> parse_date(borrowed_text value) noexcept {
    static constexpr auto g = detail::message_impl::date_parser{} >> detail::grammar::SWS >> detail::describe(diag::msg_date_end)[detail::x3::eoi];
    detail::message_impl::no_ast ast;
    parse_error err;
    if (!detail::run(value, g, ast, err)) return err;
    auto num = [&](std::size_t at, std::size_t n) {
        unsigned v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<unsigned>(value[at + i] - '0');
        return v;
    };
    static constexpr char days[] = "montuewedthufrisatsun";
    static constexpr char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    auto index = [&](char const* names, std::size_t count, std::size_t at) {
        for (unsigned i = 0; i < count; ++i)
            if (detail::ascii_lower(value[at]) == names[3 * i] && detail::ascii_lower(value[at + 1]) == names[3 * i + 1] &&
                detail::ascii_lower(value[at + 2]) == names[3 * i + 2])
                return i;
        return 0u;
    };
    sip_date d;
    d.text = std::string_view(value).substr(0, 29);
    d.weekday = index(days, 7, 0);
    d.day = num(5, 2);
    d.month = index(months, 12, 8) + 1;
    d.year = num(12, 4);
    d.hour = num(17, 2);
    d.minute = num(20, 2);
    d.second = num(23, 2);
    static constexpr unsigned month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool const leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    if (d.day == 0 || d.day > month_days[d.month - 1] || (d.month == 2 && d.day == 29 && !leap))
        return make_error(diag::msg_date_range, 5);
    if (d.hour > 23 || d.minute > 59 || d.second > 60) return make_error(diag::msg_date_range, 17);
    return d;
}
#else
result<sip_date> parse_date(borrowed_text value) noexcept;
#endif

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {
template <class S, class O>
inline void write(S& s, sip_date const& v, O const&) {
    check_rule(s, message_impl::date_parser{}, v.text, {"rfc1123-date in GMT (Sat, 13 Nov 2010 23:29:00 GMT)", "", rule_shape::verbatim});
    s.put(v.text);
}
} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Timestamp value (RFC 3261 §20.38): when the request was sent, and the
/// delay the responder adds.
struct timestamp {
    std::string_view value;                ///< 1*(DIGIT) [ "." *(DIGIT) ]
    std::optional<std::string_view> delay; ///< *(DIGIT) [ "." *(DIGIT) ], after LWS
};
template <class F>
inline void visit_fields(timestamp const& v, F&& f) {
    f("value", v.value);
    f("delay", v.delay);
}
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace timestamp_rules {
/// 1*(DIGIT) [ "." *(DIGIT) ] and delay = *(DIGIT) [ "." *(DIGIT) ] (a delay
/// is not empty here: LWS then nothing is trailing whitespace).
inline constexpr auto value = digits >> -(x3::lit('.') >> -digits);
inline constexpr auto delay = (digits >> -(x3::lit('.') >> -digits)) | (x3::lit('.') >> -digits);
inline constexpr auto timestamp =
    detail::set<&sipview::timestamp::value>[detail::describe(diag::timestamp_value)[value]] >>
    -(LWS >> detail::set<&sipview::timestamp::delay>[delay]) >> SWS >> detail::describe(diag::timestamp_end)[x3::eoi];
} // namespace timestamp_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<timestamp> parse_timestamp(borrowed_text value) noexcept {
    return detail::parse_as<timestamp>(value, detail::grammar::timestamp_rules::timestamp);
}
#else
result<timestamp> parse_timestamp(borrowed_text value) noexcept;
#endif
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {
template <class S, class O>
inline void write(S& s, timestamp const& v, O const&) {
    check_rule(s, grammar::timestamp_rules::value, v.value, {"timestamp (digits [. digits])", "", rule_shape::verbatim});
    s.put(v.value);
    if (v.delay) {
        s.put(' ');
        check_rule(s, grammar::timestamp_rules::delay, *v.delay, {"delay (digits [. digits])", "", rule_shape::verbatim});
        s.put(*v.delay);
    }
}
} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace retry_after_rules {
using detail::describe;
using detail::when;

inline constexpr message_impl::bounded_number delta_seconds(0xFFFFFFFFu, diag::msg_delta_range);

/// retry-param = ("duration" EQUAL delta-seconds) / generic-param
inline constexpr auto retry_param = detail::by_name(
    generic_param, when("duration", describe(diag::msg_retry_after_duration_equal)[EQUAL] >>
                                        describe(diag::msg_retry_after_duration)[delta_seconds]));

/// What follows delta-seconds: [ comment ] *( SEMI retry-param ), then
/// trailing whitespace and the end. The comment is kept with its
/// parentheses in `comment` (parse_retry_after takes them off), the
/// retry-params in `params_text`.
inline constexpr auto after_seconds = -(SWS >> detail::set<&retry_after::comment>[grammar::comment]) >>
                                      detail::set<&retry_after::params_text>[
                                          *(SEMI >> describe(diag::msg_retry_after_param)[retry_param])] >>
                                      SWS >> describe(diag::msg_retry_after_end)[x3::eoi];
} // namespace retry_after_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261
/// §20.33): the seconds, which must fit 32 bits; after them a comment
/// (nested comments and quoted-pairs allowed) and retry-params (duration =
/// delta-seconds, or generic-param), each checked by its rule (so no
/// control byte passes but in a quoted-pair, which validate() relies on:
/// parser_checks_text).
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<retry_after> parse_retry_after(borrowed_text value) noexcept {
    result<retry_after> r(std::in_place);
    std::size_t n = 0;
    while (n < value.size() && detail::is(value[n], detail::c_digit)) ++n;
    auto const seconds = parse_delta_seconds(value.substr(0, n));
    if (!seconds) {
        r.set_error(seconds.error());
        return r;
    }
    r->seconds = *seconds;
    r->seconds_text = value.substr(0, n);
    parse_error err;
    if (!detail::run(value.substr(n), detail::grammar::retry_after_rules::after_seconds, *r, err)) {
        err.offset += n;
        r.set_error(err);
        return r;
    }
    if (r->comment) *r->comment = r->comment->substr(1, r->comment->size() - 2);  // "(" text ")": the text
    return r;
}
#else
result<retry_after> parse_retry_after(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): the seconds, ` (comment)`, then `;name[=value]` for
// each retry-param.
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {
template <class S, class O>
inline void write(S& s, retry_after const& v, O const&) {
    char buf[20];
    std::string_view const digits = !v.seconds_text.empty() ? v.seconds_text : decimal(v.seconds, buf);
    check_rule(s, grammar::retry_after_rules::delta_seconds, digits,
               {"delta-seconds (digits, at most 4294967295)", "", rule_shape::verbatim});
    s.put(digits);
    if (v.comment) {
        s.put(' ');
        fmt::comment(s, *v.comment);
    }
    auto const params_rule = *(grammar::SEMI >> grammar::retry_after_rules::retry_param);
    check_rule(s, params_rule, v.params_text,
               {"Retry-After parameters: ;duration=seconds, ;name[=value]",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::params});
    params(s, v.params(), ';');
}
} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
