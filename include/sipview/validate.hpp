// sipview — message validation: the strict pass over a parsed message's
// header lines. Every header sipview knows is checked with its registry row
// (headers.hpp): its value parsed by the row's parse function, then given
// the header-value byte check; plus what no single value says: the CSeq
// method agrees with the request's, Date is in GMT (a warning unless
// message_options::strict_date), a single-valued header appears once, and
// the mandatory headers are present (warnings).
//
// validate_fields() returns its findings (the first error in message order
// and the warnings) and changes nothing; message::validate() and
// parse_message() apply them.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_VALIDATE_HPP
#define SIPVIEW_VALIDATE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <sipview/error.hpp>
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

/// One header line checked with its registry row H: the error (offsets in
/// the message), or nullopt; soft findings go to `warnings`.
template <class H, class Message>
inline std::optional<parse_error> check_field(Message const& m, header_field const& h, message_options const& opts,
                                              warning_list& warnings) noexcept {
    auto shifted = [&](parse_error e) {
        e.offset += h.value_offset;
        return e;
    };
    if constexpr (H::text) {
        // known by name only: the header-value byte check is its parse
        if constexpr (H::id == header_id::date) {
            std::size_t at = 0;
            if (diag const d = check_date(h.value, at); d != diag::none) {
                parse_error const w = make_error(d, h.value_offset + at);
                if (opts.strict_date) return w;
                warnings.add(w);
            }
        }
        if (auto r = H::parse(h.value); !r) return shifted(r.error());
        return std::nullopt;
    } else {
        auto r = H::parse(h.value);
        if (!r) return shifted(r.error());
        if constexpr (H::id == header_id::cseq) {
            if (m.is_request() && r->method != m.method())
                return make_error(diag::msg_cseq_method_mismatch, m.offset_of(r->method));
        }
        // No second pass of the header-value byte check: every typed grammar
        // accepts header-value text only (no control bytes but HTAB and
        // folds, outside the quoted-pairs of its quoted-strings and
        // comments). The header fuzzer asserts it for every row, and
        // test_headers.cpp pins it for every control byte at every position
        // of each row's example.
        return std::nullopt;
    }
}

} // namespace message_impl
} // namespace detail

/// Validates `fields` (the header lines of `m`, in order: all of them, or
/// those before the point where splitting the message failed): every known
/// header's value with its registry row, the CSeq method, repeated
/// single-valued headers; with `complete`, the mandatory headers too.
/// Returns the first error in message order and the warnings; changes nothing.
template <class Message>
inline validation_result validate_fields(Message const& m, header_list fields, message_options const& opts, bool complete) noexcept {
    validation_result out;
    std::uint64_t seen[2] = {0, 0};
    static_assert(detail::header_id_count <= 128, "seen[] holds one bit per header id");
    for (header_field const& h : fields) {
        unsigned const idx = static_cast<unsigned>(h.id);
        if (h.id != header_id::other) {
            std::uint64_t const bit = std::uint64_t{1} << (idx % 64);
            if ((seen[idx / 64] & bit) && single_valued(h.id) && h.id != header_id::content_length)  // framing reports those
                out.warnings.add(make_error(diag::msg_duplicate_header, h.offset));
            seen[idx / 64] |= bit;
        }
        std::optional<parse_error> e;
        bool const known = visit_header(h.id, [&](auto tag) {
            e = detail::message_impl::check_field<decltype(tag)>(m, h, opts, out.warnings);
        });
        if (!known) {
            // an unknown header: the header-value byte check only
            if (std::size_t const bad = detail::message_impl::check_text_value(h.value); bad != std::string_view::npos)
                e = make_error(diag::msg_header_text, h.value_offset + bad);
        }
        if (e) {
            out.error = e;
            return out;
        }
    }
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
