// sipview — message validation: the strict pass over a parsed message's
// header lines. Every header sipview knows is checked with its registry row
// (headers.hpp): its value parsed by the row's parse function, then given
// the header-value byte check; plus what no single value says: the CSeq
// method agrees with the request's, Date is in GMT (a warning unless
// message_options::strict_date), a single-valued header appears once, and
// the mandatory headers are present (warnings); a Request-URI, From, To or
// Contact URI with user=phone whose user part is not a telephone-subscriber
// (RFC 3261 §19.1.6, RFC 3966) is a warning (diag::tel_user_phone).
//
// validate_fields() returns its findings (the first error in message order
// and the warnings) and changes nothing; message::validate() and
// parse_message() apply them.
//
// Firmware that reads a few headers can have the pass parse only those
// rows, and link none of the other rows' grammars: define
// SIPVIEW_VALIDATED_HEADERS(X) as the list, e.g.
//     -D'SIPVIEW_VALIDATED_HEADERS(X)=X(via) X(from) X(to) X(call_id) X(cseq)'
// or SIPVIEW_VALIDATE_CORE_HEADERS for the transaction and dialog core of
// RFC 3261 (core_validated_headers below). Every other known header then
// gets the header-value byte check an unknown header gets, and is parsed
// (its errors reported) when it is read with get<>. The checks tied to a
// row go with it: the CSeq method with cseq, user=phone with from, to and
// contact, the identity pair with p_asserted_identity and
// p_preferred_identity. Define it the same way in every TU of the program
// (the library's own, in separate compilation mode, too: there a TU with
// another list fails to link, naming validated_rows_check).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_VALIDATE_HPP
#define SIPVIEW_VALIDATE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include <sipview/error.hpp>
#include <sipview/header_cache.hpp>
#include <sipview/headers.hpp>
#include <sipview/message_ranges.hpp>
#include <sipview/scalar_headers.hpp>

namespace sipview {

/// What validation found: the first error in message order (if any) and
/// the warnings (Date not in GMT, repeated single-valued headers, missing
/// mandatory headers).
struct validation_result {
    std::optional<parse_error> error;
    warning_list warnings;
};

// The transaction and dialog core of RFC 3261 (SIPVIEW_VALIDATE_CORE_HEADERS):
// what a UA or proxy core reads to match transactions (§17), build dialogs
// (§12), route (§16.12) and authenticate (§22), and the framing headers.
#define SIPVIEW_CORE_VALIDATED_HEADERS(X)                                                                            \
    X(via) X(from) X(to) X(call_id) X(cseq) X(max_forwards) X(contact) X(route) X(record_route) X(content_length)   \
    X(content_type) X(expires) X(require) X(proxy_require) X(authorization) X(proxy_authorization)                 \
    X(www_authenticate) X(proxy_authenticate)
#if defined(SIPVIEW_VALIDATE_CORE_HEADERS) && !defined(SIPVIEW_VALIDATED_HEADERS)
#define SIPVIEW_VALIDATED_HEADERS(X) SIPVIEW_CORE_VALIDATED_HEADERS(X)
#endif

namespace detail {
namespace message_impl {

/// Whether `id` is in `list`.
template <std::size_t N>
constexpr bool contains(header_id const (&list)[N], header_id id) noexcept {
    for (header_id c : list)
        if (c == id) return true;
    return false;
}

#define SIPVIEW_VALIDATED_ID(id_) ::sipview::header_id::id_,
/// The rows SIPVIEW_VALIDATE_CORE_HEADERS has the strict pass parse.
inline constexpr header_id core_validated_headers[] = {SIPVIEW_CORE_VALIDATED_HEADERS(SIPVIEW_VALIDATED_ID)};
#ifdef SIPVIEW_VALIDATED_HEADERS
inline constexpr header_id validated_headers[] = {SIPVIEW_VALIDATED_HEADERS(SIPVIEW_VALIDATED_ID)};
/// Whether the strict pass parses the row `id` (SIPVIEW_VALIDATED_HEADERS).
constexpr bool validated(header_id id) noexcept { return contains(validated_headers, id); }
#else
/// Whether the strict pass parses the row `id`: all of them, by default.
constexpr bool validated(header_id) noexcept { return true; }
#endif
#undef SIPVIEW_VALIDATED_ID

#if defined(SIPVIEW_SEPARATE_COMPILATION)
/// The rows the strict pass parses, as a type for the link-time check of
/// separate compilation (detail/config.hpp): no row listed means every row;
/// a SIPVIEW_VALIDATED_HEADERS list ends with header_id::count_.
template <header_id... Rows>
struct validated_rows {};
#ifdef SIPVIEW_VALIDATED_HEADERS
#define SIPVIEW_VALIDATED_ROW(id_) ::sipview::header_id::id_,
using this_validated_rows = validated_rows<SIPVIEW_VALIDATED_HEADERS(SIPVIEW_VALIDATED_ROW) header_id::count_>;
#undef SIPVIEW_VALIDATED_ROW
#else
using this_validated_rows = validated_rows<>;
#endif
/// Defined by src.hpp for the library's rows only.
void validated_rows_check(this_validated_rows*) noexcept;
SIPVIEW_LINK_CHECK(validated_rows_check, this_validated_rows)
#endif

/// Whether check_field checks a line of the row H with H's parser alone,
/// without the header-value byte check: every row but the text-only ones
/// (whose parser is that check) and Date (checked as text, its grammar only
/// warns). Such a row's parser must accept header-value text only; the
/// header fuzzer and tests/test_headers.cpp pin it for each of them.
template <class H>
inline constexpr bool parser_checks_text = !H::text && H::id != header_id::date;

/// The headers every request carries (RFC 3261 §8.1.1; Max-Forwards only
/// requests), and the diagnostic of a missing one.
struct mandatory_header {
    header_id id;
    diag missing;
    bool requests_only;
};
inline constexpr mandatory_header mandatory_headers[] = {
    {header_id::to, diag::msg_missing_to, false},
    {header_id::from, diag::msg_missing_from, false},
    {header_id::cseq, diag::msg_missing_cseq, false},
    {header_id::call_id, diag::msg_missing_call_id, false},
    {header_id::via, diag::msg_missing_via, false},
    {header_id::max_forwards, diag::msg_missing_max_forwards, true},
};

/// Whether `text` holds "=phone" (any case): no user=phone parameter
/// (whose value iequals "phone") without it. A first test that skips the
/// parameter lookup (and a Contact list's second walk) on most values.
inline bool may_name_phone(std::string_view text) noexcept {
    char const* p = text.data();
    char const* const end = p + text.size();
    while (end - p >= 6) {
        p = static_cast<char const*>(std::memchr(p, '=', static_cast<std::size_t>(end - p - 5)));
        if (p == nullptr) return false;
        if (((p[1] | 0x20) == 'p') && ((p[2] | 0x20) == 'h') && ((p[3] | 0x20) == 'o') && ((p[4] | 0x20) == 'n') &&
            ((p[5] | 0x20) == 'e'))
            return true;
        ++p;
    }
    return false;
}

/// A sip/sips URI with user=phone whose user part is not a
/// telephone-subscriber (RFC 3261 §19.1.6, RFC 3966): a warning at the byte
/// where the telephone-subscriber grammar stops (the URI itself is valid).
template <class Message>
inline void check_user_phone(Message const& m, uri const& u, warning_list& warnings) noexcept {
    if (!u.is_sip() || !u.user || !may_name_phone(u.params_text)) return;
    std::optional<std::string_view> const p = u.param_value("user");
    if (!p || !iequals(*p, "phone")) return;
    auto const r = parse_telephone_subscriber(*u.user);
    if (!r) warnings.add(make_error(diag::tel_user_phone, m.offset_of(*u.user) + r.error().offset));
}

/// P-Asserted-Identity / P-Preferred-Identity (RFC 3325 §9.1): one or two
/// values over all the header's lines, and two only as one sip/sips URI plus
/// one tel URI; otherwise a warning at the header's first line. Lines that
/// do not parse are reported by their own check.
template <class H>
inline void check_identity_pair(header_list fields, leniency_set lenient, warning_list& warnings) noexcept {
    header_field const* first = nullptr;
    std::size_t count = 0, sip = 0, tel = 0;
    for (header_field const& h : fields) {
        if (h.id != H::id) continue;
        if (!first) first = &h;
        parse_options o;
        o.lenient = lenient;
        auto const r = H::parse_with(h.value, o);
        if (!r) return;
        for (name_addr const& n : *r) {
            ++count;
            sip += n.uri.is_sip() ? 1 : 0;
            tel += n.uri.is_tel() ? 1 : 0;
        }
    }
    if (first && (count > 2 || (count == 2 && (sip != 1 || tel != 1))))
        warnings.add(make_error(diag::na_identity_pair, first->value_offset));
}

/// An unknown header's line: the header-value byte check only. True when it
/// passes; otherwise the error (offsets in the message) is in `error`.
inline bool check_unknown_value(header_field const& h, std::optional<parse_error>& error) noexcept {
    if (std::size_t const bad = check_text_value(h.value); bad != std::string_view::npos) {
        error = make_error(diag::msg_header_text, h.value_offset + bad);
        return false;
    }
    return true;
}

/// One header line checked with its registry row H: true when it passes;
/// otherwise the error (offsets in the message) is in `error`. Soft
/// findings go to `warnings`. The value of the first line of a header the
/// cache keeps goes to `cache` (when given).
/// The error is written only on failure, in place: returned as an
/// optional<parse_error> from each of the ~100 rows' inlined checks, it cost
/// a copy per header in the strict pass (3% of its instructions) and 6 KB of
/// armhf code (16 KB at x86-64 -O2).
template <class H, class Message>
SIPVIEW_HOT inline bool check_field(Message const& m, header_field const& h, message_options const& opts, warning_list& warnings,
                        warning_list& accepted, header_cache* cache, std::optional<parse_error>& error) noexcept {
    auto fail = [&](parse_error e) {  // e: offsets in the value
        e.offset += h.value_offset;
        error = e;
        return false;
    };
    if constexpr (H::id == header_id::date) {
        // A Date that is not an rfc1123-date in GMT is a warning unless
        // strict_date (RFC 4475 §3.1.2.17 baddate is valid); control bytes in
        // it are an error as in any value.
        if (!check_unknown_value(h, error)) return false;
        if (auto r = H::parse(h.value); !r) {
            if (opts.strict_date) return fail(r.error());
            parse_error w = r.error();
            w.offset += h.value_offset;
            warnings.add(w);
        }
        return true;
    } else if constexpr (!parser_checks_text<H>) {
        // known by name only: the header-value byte check is its parse
        if (auto r = H::parse(h.value); !r) return fail(r.error());
        return true;
    } else {
        // under the leniency flags: what they accepted (offsets in the
        // value) becomes warnings in validate_fields
        parse_options o;
        o.lenient = opts.lenient;
        o.warnings = &accepted;
        auto r = H::parse_with(h.value, o);
        if (!r) return fail(r.error());
        if constexpr (H::id == header_id::cseq) {
            if (m.is_request() && r->method != m.method()) {
                error = make_error(diag::msg_cseq_method_mismatch, m.offset_of(r->method));
                return false;
            }
        }
        if constexpr (H::id == header_id::from || H::id == header_id::to) check_user_phone(m, r->uri, warnings);
        if constexpr (H::id == header_id::contact) {
            if (may_name_phone(h.value))  // else no element has user=phone: no second walk of the list
                for (name_addr const& n : *r) check_user_phone(m, n.uri, warnings);
        }
        if constexpr (header_cache::keeps(H::id)) {
            if (cache) {
                if constexpr (H::id == header_id::via) cache->keep(H::id, r->front());  // the topmost entry
                else cache->keep(H::id, *r);
            }
        }
        // No second pass of the header-value byte check (parser_checks_text):
        // the row's parser accepts header-value text only (no control bytes
        // but HTAB and folds, outside the quoted-pairs of its quoted-strings
        // and comments). The header fuzzer asserts it for every such row, and
        // test_headers.cpp pins it for every control byte at every position
        // of each row's example.
        return true;
    }
}

/// Whether `id` is in the transaction and dialog core of RFC 3261
/// (SIPVIEW_CORE_VALIDATED_HEADERS): the rows nearly every message has.
constexpr bool core_row(header_id id) noexcept { return contains(core_validated_headers, id); }

/// check_field for the strict pass, one function per row (not inlined into
/// the pass's dispatch, SIPVIEW_OUT_OF_LINE): the rows of the transaction
/// and dialog core are SIPVIEW_HOT, so their code sits with the split and
/// the pass itself instead of among the ~100 rows' code (detail/config.hpp).
template <class H, class Message>
SIPVIEW_HOT SIPVIEW_OUT_OF_LINE bool check_core_field(Message const& m, header_field const& h, message_options const& opts,
                                                   warning_list& warnings, warning_list& accepted, header_cache* cache,
                                                   std::optional<parse_error>& error) noexcept {
    return check_field<H>(m, h, opts, warnings, accepted, cache, error);
}
template <class H, class Message>
SIPVIEW_OUT_OF_LINE bool check_other_field(Message const& m, header_field const& h, message_options const& opts,
                                        warning_list& warnings, warning_list& accepted, header_cache* cache,
                                        std::optional<parse_error>& error) noexcept {
    return check_field<H>(m, h, opts, warnings, accepted, cache, error);
}

} // namespace message_impl
} // namespace detail

/// Validates `fields` (the header lines of `m`, in order: all of them, or
/// those before the point where splitting the message failed): every known
/// header's value with its registry row, the CSeq method, repeated
/// single-valued headers; with `complete`, the mandatory headers too.
/// Returns the first error in message order and the warnings; changes
/// nothing but opts.cache, which it fills when given (header_cache.hpp).
template <class Message>
SIPVIEW_HOT inline validation_result validate_fields(Message const& m, header_list fields, message_options const& opts, bool complete) noexcept {
    validation_result out;
    if (opts.cache) opts.cache->reset(m.text());
    warning_list accepted;  // one header value's accepted deviations
    if (m.is_request()) detail::message_impl::check_user_phone(m, m.request_uri(), out.warnings);
    std::uint64_t seen[2] = {0, 0};
    static_assert(detail::header_id_count <= 128, "seen[] holds one bit per header id");
    for (header_field const& h : fields) {
        unsigned const idx = static_cast<unsigned>(h.id);
        bool first = false;  // the first line of its header
        if (h.id != header_id::other) {
            std::uint64_t const bit = std::uint64_t{1} << (idx % 64);
            first = !(seen[idx / 64] & bit);
            if (!first && single_valued(h.id) && h.id != header_id::content_length)  // framing reports those
                out.warnings.add(make_error(diag::msg_duplicate_header, h.offset));
            seen[idx / 64] |= bit;
        }
        bool ok = true;
        bool const known = visit_header(h.id, [&](auto tag) {
            using H = decltype(tag);
            if constexpr (detail::message_impl::validated(H::id) && detail::message_impl::core_row(H::id))
                ok = detail::message_impl::check_core_field<H>(m, h, opts, out.warnings, accepted,
                                                               first ? opts.cache : nullptr, out.error);
            else if constexpr (detail::message_impl::validated(H::id))
                ok = detail::message_impl::check_other_field<H>(m, h, opts, out.warnings, accepted,
                                                                first ? opts.cache : nullptr, out.error);
            else  // left out of SIPVIEW_VALIDATED_HEADERS: as an unknown header
                ok = detail::message_impl::check_unknown_value(h, out.error);
        });
        if (!accepted.empty()) {
            for (parse_error w : accepted) {  // deviations the leniency flags accepted, into message offsets
                w.offset += h.value_offset;
                out.warnings.add(w);
            }
            accepted.clear();
        }
        if (!known) ok = detail::message_impl::check_unknown_value(h, out.error);
        if (!ok) return out;
    }
    auto const seen_id = [&](header_id id) {
        unsigned const idx = static_cast<unsigned>(id);
        return (seen[idx / 64] & (std::uint64_t{1} << (idx % 64))) != 0;
    };
    // (a header the loop did not see has no line to walk for)
    if constexpr (detail::message_impl::validated(header_id::p_asserted_identity))
        if (seen_id(header_id::p_asserted_identity))
            detail::message_impl::check_identity_pair<header::p_asserted_identity>(fields, opts.lenient, out.warnings);
    if constexpr (detail::message_impl::validated(header_id::p_preferred_identity))
        if (seen_id(header_id::p_preferred_identity))
            detail::message_impl::check_identity_pair<header::p_preferred_identity>(fields, opts.lenient, out.warnings);
    if (complete) {
        std::size_t const at = m.body_offset() >= 2 ? m.body_offset() - 2 : m.body_offset();
        for (auto const& req : detail::message_impl::mandatory_headers) {
            if (req.requests_only && m.is_response()) continue;
            unsigned const idx = static_cast<unsigned>(req.id);
            if (!(seen[idx / 64] & (std::uint64_t{1} << (idx % 64))))
                out.warnings.add(make_error(req.missing, at));
        }
    }
    return out;
}

} // namespace sipview

#endif
