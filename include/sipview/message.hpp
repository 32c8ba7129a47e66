// sipview — whole SIP messages (RFC 3261 §7, §20, §25.1): start line,
// header section split into caller-provided storage, body bounded by
// Content-Length, typed header access parsed on demand, and the strict
// validation pass that rejects the invalid RFC 4475 torture messages.
//
// Shape (picohttpparser style): one pass over the header section with
// character tables and memchr for line ends; every header_field is a view
// into the caller's buffer; typed values (From, Via, CSeq...) are parsed only
// when asked for (or by validate()), and their error offsets point at the
// byte in the whole message. Nothing allocates; nothing throws.
//
//   sipview::header_field headers[64];                // caller storage
//   auto r = sipview::parse_message(datagram, headers);
//   if (!r) report(r.error().offset, r.error().message, r.error().hint);
//   else {
//       auto vias = r->vias();                        // every Via entry of every Via line
//       if (vias) for (sipview::via const& v : *vias) use(v.host, v.branch());
//       for (auto const& w : r->warnings()) log(w.offset, w.message);
//   }
//
// On streams, cut messages with frame_message() (stream.hpp) first.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MESSAGE_HPP
#define SIPVIEW_MESSAGE_HPP

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>

#include <sipview/auth.hpp>
#include <sipview/core.hpp>
#include <sipview/error.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

namespace sipview {

// ===========================================================================
// Header names.

/// The headers sipview knows by name (RFC 3261 §20 and the extensions with
/// compact forms). Everything else is `other` and kept raw.
enum class header_id : unsigned char {
    other = 0,
    accept, accept_contact, accept_encoding, accept_language, alert_info, allow, allow_events,
    authentication_info, authorization, call_id, call_info, contact, content_disposition,
    content_encoding, content_language, content_length, content_type, cseq, date, error_info,
    event, expires, from, identity, identity_info, in_reply_to, max_forwards, mime_version,
    min_expires, min_se, organization, path, priority, proxy_authenticate, proxy_authorization,
    proxy_require, rack, reason, record_route, refer_to, referred_by, reject_contact, reply_to,
    request_disposition, require, retry_after, route, rseq, server, service_route, session_expires,
    subject, supported, timestamp, to, unsupported, user_agent, via, warning, www_authenticate,
    count_  ///< number of ids, not a header
};

namespace detail {

struct header_name_entry {
    std::string_view name;  ///< canonical spelling
    header_id id;
    char compact;           ///< compact form (lower case), or 0
};

/// Indexed by header_id.
inline constexpr header_name_entry header_names[] = {
    {"", header_id::other, 0},
    {"Accept", header_id::accept, 0},
    {"Accept-Contact", header_id::accept_contact, 'a'},
    {"Accept-Encoding", header_id::accept_encoding, 0},
    {"Accept-Language", header_id::accept_language, 0},
    {"Alert-Info", header_id::alert_info, 0},
    {"Allow", header_id::allow, 0},
    {"Allow-Events", header_id::allow_events, 'u'},
    {"Authentication-Info", header_id::authentication_info, 0},
    {"Authorization", header_id::authorization, 0},
    {"Call-ID", header_id::call_id, 'i'},
    {"Call-Info", header_id::call_info, 0},
    {"Contact", header_id::contact, 'm'},
    {"Content-Disposition", header_id::content_disposition, 0},
    {"Content-Encoding", header_id::content_encoding, 'e'},
    {"Content-Language", header_id::content_language, 0},
    {"Content-Length", header_id::content_length, 'l'},
    {"Content-Type", header_id::content_type, 'c'},
    {"CSeq", header_id::cseq, 0},
    {"Date", header_id::date, 0},
    {"Error-Info", header_id::error_info, 0},
    {"Event", header_id::event, 'o'},
    {"Expires", header_id::expires, 0},
    {"From", header_id::from, 'f'},
    {"Identity", header_id::identity, 'y'},
    {"Identity-Info", header_id::identity_info, 'n'},
    {"In-Reply-To", header_id::in_reply_to, 0},
    {"Max-Forwards", header_id::max_forwards, 0},
    {"MIME-Version", header_id::mime_version, 0},
    {"Min-Expires", header_id::min_expires, 0},
    {"Min-SE", header_id::min_se, 0},
    {"Organization", header_id::organization, 0},
    {"Path", header_id::path, 0},
    {"Priority", header_id::priority, 0},
    {"Proxy-Authenticate", header_id::proxy_authenticate, 0},
    {"Proxy-Authorization", header_id::proxy_authorization, 0},
    {"Proxy-Require", header_id::proxy_require, 0},
    {"RAck", header_id::rack, 0},
    {"Reason", header_id::reason, 0},
    {"Record-Route", header_id::record_route, 0},
    {"Refer-To", header_id::refer_to, 'r'},
    {"Referred-By", header_id::referred_by, 'b'},
    {"Reject-Contact", header_id::reject_contact, 'j'},
    {"Reply-To", header_id::reply_to, 0},
    {"Request-Disposition", header_id::request_disposition, 'd'},
    {"Require", header_id::require, 0},
    {"Retry-After", header_id::retry_after, 0},
    {"Route", header_id::route, 0},
    {"RSeq", header_id::rseq, 0},
    {"Server", header_id::server, 0},
    {"Service-Route", header_id::service_route, 0},
    {"Session-Expires", header_id::session_expires, 'x'},
    {"Subject", header_id::subject, 's'},
    {"Supported", header_id::supported, 'k'},
    {"Timestamp", header_id::timestamp, 0},
    {"To", header_id::to, 't'},
    {"Unsupported", header_id::unsupported, 0},
    {"User-Agent", header_id::user_agent, 0},
    {"Via", header_id::via, 'v'},
    {"Warning", header_id::warning, 0},
    {"WWW-Authenticate", header_id::www_authenticate, 0},
};
inline constexpr std::size_t header_id_count = static_cast<std::size_t>(header_id::count_);
static_assert(sizeof(header_names) / sizeof(header_names[0]) == header_id_count, "one name per header_id");

constexpr bool header_table_in_id_order() {
    for (std::size_t i = 0; i < header_id_count; ++i)
        if (static_cast<std::size_t>(header_names[i].id) != i) return false;
    return true;
}
static_assert(header_table_in_id_order(), "header_names must be indexed by header_id");

/// Hash of a header name (at least one octet): its length and three
/// case-folded octets (first, middle, last). Cheap, and without collisions
/// among the known names; the name is compared in full after the probe.
constexpr std::uint32_t header_hash(std::string_view name) noexcept {
    std::size_t const n = name.size();
    auto fold = [](char c) { return static_cast<std::uint32_t>(static_cast<unsigned char>(c | 0x20)); };
    return ((static_cast<std::uint32_t>(n) * 31u + fold(name[0])) * 31u + fold(name[n - 1])) * 31u + fold(name[n / 2]);
}

inline constexpr std::size_t header_name_max = 24;

/// Lookup index: an open-addressed table (linear probing) of the long names
/// by hash, the names in lower case (zero-padded, for 8-octet compares), and
/// the compact forms by letter.
struct header_index {
    static constexpr std::size_t slots = 256;  // about a quarter full
    unsigned char table[slots];
    char lower[header_id_count][header_name_max];
    header_id compact[26];
    constexpr header_index() : table{}, lower{}, compact{} {
        for (std::size_t i = 1; i < header_id_count; ++i) {
            std::size_t slot = header_hash(header_names[i].name) % slots;
            while (table[slot] != 0) slot = (slot + 1) % slots;
            table[slot] = static_cast<unsigned char>(i);
            for (std::size_t k = 0; k < header_names[i].name.size(); ++k) lower[i][k] = ascii_lower(header_names[i].name[k]);
            if (header_names[i].compact != 0)
                compact[static_cast<unsigned char>(header_names[i].compact) - 'a'] = header_names[i].id;
        }
    }
};
inline constexpr header_index header_lookup{};
static_assert([] {
    for (auto const& e : header_names)
        if (e.name.size() >= header_name_max) return false;
    return true;
}(), "header_name_max too small");

/// Case-insensitive equality of a token (header name as written) with a
/// known name in lower case. The known names hold only letters and '-', and
/// for those `c | 0x20 == lower` holds exactly for the two cases of a letter
/// (and for '-' only '-' and CR, which a token cannot hold).
/// Compares in 8- or 4-octet words; the last word overlaps the one before
/// (both texts are n octets long, so no read goes past either).
inline bool same_name(char const* name, char const* lower, std::size_t n) noexcept {
    auto same8 = [&](std::size_t k) {
        std::uint64_t a = 0, b = 0;
        std::memcpy(&a, name + k, 8);
        std::memcpy(&b, lower + k, 8);
        return (a | 0x2020202020202020ull) == b;
    };
    auto same4 = [&](std::size_t k) {
        std::uint32_t a = 0, b = 0;
        std::memcpy(&a, name + k, 4);
        std::memcpy(&b, lower + k, 4);
        return (a | 0x20202020u) == b;
    };
    if (n >= 8) {
        for (std::size_t k = 0; k + 8 < n; k += 8)
            if (!same8(k)) return false;
        return same8(n - 8);
    }
    if (n >= 4) return same4(0) && same4(n - 4);
    for (std::size_t k = 0; k < n; ++k)
        if (static_cast<char>(name[k] | 0x20) != lower[k]) return false;
    return true;
}

/// lookup_header for a non-empty name.
inline header_id lookup_nonempty(std::string_view name) noexcept {
    if (name.size() == 1) {
        char const c = ascii_lower(name[0]);
        return c >= 'a' && c <= 'z' ? header_lookup.compact[c - 'a'] : header_id::other;
    }
    if (name.size() >= header_name_max) return header_id::other;
    for (std::size_t slot = header_hash(name) % header_index::slots;; slot = (slot + 1) % header_index::slots) {
        unsigned const i = header_lookup.table[slot];
        if (i == 0) return header_id::other;
        if (header_names[i].name.size() == name.size() && same_name(name.data(), header_lookup.lower[i], name.size()))
            return header_names[i].id;
    }
}

} // namespace detail

/// The canonical name of a known header ("Call-ID", "CSeq", "WWW-Authenticate"); empty for `other`.
inline constexpr std::string_view to_string(header_id id) noexcept {
    return static_cast<std::size_t>(id) < detail::header_id_count ? detail::header_names[static_cast<std::size_t>(id)].name
                                                                  : std::string_view{};
}

/// The compact form of a header (RFC 3261 §7.3.3 and extensions), or '\0'.
inline constexpr char compact_form(header_id id) noexcept {
    return static_cast<std::size_t>(id) < detail::header_id_count ? detail::header_names[static_cast<std::size_t>(id)].compact : '\0';
}

/// Maps a header name as written (any case, long or compact form) to its id.
inline header_id lookup_header(std::string_view name) noexcept {
    return name.empty() ? header_id::other : detail::lookup_nonempty(name);
}

/// One header line of a message: views into the message text.
struct header_field {
    std::string_view name;         ///< as written (compact or long form, any case)
    std::string_view value;        ///< leading SWS and trailing LWS removed; inner line folds kept
    std::size_t offset = 0;        ///< offset of the name's first byte in the message
    std::size_t value_offset = 0;  ///< offset of value's first byte in the message
    header_id id = header_id::other;

    /// The canonical long name for known headers, else the name as written.
    std::string_view canonical_name() const noexcept { return id == header_id::other ? name : to_string(id); }
    /// True when this header is `id` (known headers) or has this name
    /// (case-insensitive, compact forms mapped).
    bool is(header_id h) const noexcept { return id == h; }
    bool is(std::string_view n) const noexcept {
        header_id const h = lookup_header(n);
        return h != header_id::other ? id == h : (id == header_id::other && iequals(name, n));
    }
};

// ===========================================================================
// Scalar header values: CSeq, Call-ID, Max-Forwards, Expires, Content-Length,
// Content-Type. Each parse function takes the value (what follows HCOLON) and
// reports offsets inside it; message accessors shift them into the message.

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

namespace detail {
namespace message_impl {

inline constexpr char msg_cseq_range[] = "the CSeq number must be less than 2**31";
inline constexpr char msg_max_forwards_range[] = "Max-Forwards must be at most 255";
inline constexpr char msg_delta_range[] = "the value does not fit in 32 bits";
inline constexpr char msg_cl_range[] = "Content-Length does not fit in 32 bits";

/// 1*DIGIT of value at most `max`; all digits are consumed before the range
/// is checked, and a larger value is reported (out_of_range) at its first digit.
struct bounded_number : primitive<bounded_number> {
    std::uint64_t max;
    char const* expected;
    char const* range_message;
    constexpr bounded_number(std::uint64_t m, char const* e, char const* r) : max(m), expected(e), range_message(r) {}
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
            report(ctx, first, expected, range_message);
            return false;
        }
        first = p;
        return true;
    }
};

struct no_ast {};

inline constexpr auto cseq_grammar =
    set<&cseq::number_text>[describe("CSeq number (1*DIGIT)", "the CSeq value must start with a sequence number")[
        bounded_number(0x7FFFFFFFu, "CSeq number below 2**31", msg_cseq_range)]] >>
    describe("LWS between the CSeq number and the method", "the CSeq number and method must be separated by whitespace")[grammar::LWS] >>
    set<&cseq::method>[describe("method (token)", "the CSeq method is missing or malformed")[grammar::token]] >>
    grammar::SWS >> describe("end of the CSeq value", "unexpected character after the CSeq method")[x3::eoi];

/// callid = word [ "@" word ]
inline constexpr auto call_id_grammar =
    describe("Call-ID (word [\"@\" word])", "the Call-ID is missing or malformed")[grammar::word] >>
    -(x3::lit('@') >> describe("word after '@'", "the Call-ID needs a word after '@'")[grammar::word]) >>
    grammar::SWS >> describe("end of the Call-ID", "unexpected character in the Call-ID")[x3::eoi];

template <std::uint64_t Max>
inline constexpr auto number_grammar(char const* expected, char const* range) {
    return describe(expected, "a decimal number is required")[bounded_number(Max, expected, range)] >> grammar::SWS >>
           describe("end of the number", "unexpected character after the number")[x3::eoi];
}

/// m-parameter = m-attribute EQUAL m-value; m-value = token / quoted-string
inline constexpr auto media_type_grammar =
    set<&media_type::type>[describe("media type (token)", "the media type is missing or malformed")[grammar::token]] >>
    describe("'/' between type and subtype", "a media type is written type/subtype")[grammar::SLASH] >>
    set<&media_type::subtype>[describe("media subtype (token)", "the media subtype is missing or malformed")[grammar::token]] >>
    set<&media_type::params_text>[*(grammar::SEMI >>
                                    describe("media type parameter (token = value)", "malformed media type parameter")[
                                        grammar::token >> grammar::EQUAL >> (grammar::quoted | grammar::token)])] >>
    grammar::SWS >> describe("';' parameter or end of the media type", "unexpected character in the media type")[x3::eoi];

inline void mark_range(parse_error& e, char const* range_message) noexcept {
    if (e.message.data() == range_message) e.code = errc::out_of_range;
}

template <std::uint64_t Max>
inline result<std::uint32_t> parse_number(std::string_view value, char const* expected, char const* range) noexcept {
    no_ast ast;
    parse_error err;
    if (run(value, number_grammar<Max>(expected, range), ast, err)) {
        std::uint64_t v = 0;
        for (char c : value) {
            if (!is(c, c_digit)) break;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return static_cast<std::uint32_t>(v);
    }
    mark_range(err, range);
    return err;
}

} // namespace message_impl
} // namespace detail

/// CSeq value: `4711 INVITE`.
inline result<cseq> parse_cseq(borrowed_text value) noexcept {
    cseq c;
    parse_error err;
    if (detail::run(value, detail::message_impl::cseq_grammar, c, err)) {
        std::uint64_t v = 0;
        for (char ch : c.number_text) v = v * 10 + static_cast<std::uint64_t>(ch - '0');
        c.number = static_cast<std::uint32_t>(v);
        return c;
    }
    detail::message_impl::mark_range(err, detail::message_impl::msg_cseq_range);
    if (err.code == errc::out_of_range) err.hint = "CSeq numbers are 32-bit and below 2147483648 (RFC 3261 §8.1.1.5)";
    return err;
}

/// Call-ID value: callid = word [ "@" word ]. Returns the value itself.
inline result<std::string_view> parse_call_id(borrowed_text value) noexcept {
    detail::message_impl::no_ast ast;
    parse_error err;
    if (detail::run(value, detail::message_impl::call_id_grammar, ast, err)) {
        std::size_t n = value.size();
        while (n > 0 && (detail::is(value[n - 1], detail::c_wsp) || value[n - 1] == '\r' || value[n - 1] == '\n')) --n;
        return value.substr(0, n);
    }
    if (err.message == std::string_view("unexpected character in the Call-ID") && err.offset < value.size() &&
        value[err.offset] == '@')
        err.hint = "a Call-ID holds at most one '@'";
    return err;
}

/// Max-Forwards value: 1*DIGIT, at most 255 (RFC 3261 §20.22; leading zeros allowed).
inline result<std::uint8_t> parse_max_forwards(std::string_view value) noexcept {
    auto r = detail::message_impl::parse_number<255>(value, "Max-Forwards (0-255)", detail::message_impl::msg_max_forwards_range);
    if (!r) {
        parse_error e = r.error();
        if (e.code == errc::out_of_range) e.hint = "Max-Forwards is an integer in the range 0-255 (RFC 3261 §20.22)";
        return e;
    }
    return static_cast<std::uint8_t>(*r);
}

/// delta-seconds (Expires, Min-Expires): 1*DIGIT that fits 32 bits.
inline result<std::uint32_t> parse_delta_seconds(std::string_view value) noexcept {
    auto r = detail::message_impl::parse_number<0xFFFFFFFFu>(value, "delta-seconds (0-4294967295)", detail::message_impl::msg_delta_range);
    if (!r) {
        parse_error e = r.error();
        if (e.code == errc::out_of_range) e.hint = "delta-seconds must fit in 32 bits (at most 4294967295)";
        return e;
    }
    return r;
}

/// Content-Length value: 1*DIGIT (at most 2**32 - 1 here).
inline result<std::uint32_t> parse_content_length(std::string_view value) noexcept {
    if (!value.empty() && value.size() <= 9) {  // fast path: 1 to 9 plain digits (everything else takes the grammar)
        std::uint32_t v = 0;
        std::size_t i = 0;
        for (; i < value.size() && detail::is(value[i], detail::c_digit); ++i) v = v * 10 + static_cast<std::uint32_t>(value[i] - '0');
        if (i == value.size()) return v;
    }
    if (!value.empty() && value[0] == '-')
        return parse_error{0, "Content-Length (1*DIGIT)", "Content-Length cannot be negative", "write the body size in octets, 0 for no body",
                           errc::syntax};
    auto r = detail::message_impl::parse_number<0xFFFFFFFFu>(value, "Content-Length (1*DIGIT)", detail::message_impl::msg_cl_range);
    if (!r) {
        parse_error e = r.error();
        if (e.code != errc::out_of_range) {
            e.message = "Content-Length must be a decimal number";
            e.hint = "write the body size in octets, 0 for no body";
        }
        return e;
    }
    return r;
}

/// Content-Type value: type/subtype *(;attribute=value).
inline result<media_type> parse_media_type(borrowed_text value) noexcept {
    media_type m;
    parse_error err;
    if (detail::run(value, detail::message_impl::media_type_grammar, m, err)) {
        std::size_t n = value.size();
        while (n > 0 && (detail::is(value[n - 1], detail::c_wsp) || value[n - 1] == '\r' || value[n - 1] == '\n')) --n;
        m.text = value.substr(0, n);
        return m;
    }
    return err;
}

// ===========================================================================
// Messages.

enum class message_kind : unsigned char { request, response };

/// Options of parse_message. Defaults are strict; every leniency is a named flag.
struct message_options {
    /// Run validate() after the split: every typed header is parsed and the
    /// first error (in message order) rejects the message.
    bool validate = true;
    /// Lenient: accept a bare LF as a line end (RFC 3261 requires CRLF).
    /// Typed values folded with a bare LF do not parse.
    bool allow_bare_lf = false;
    /// Strict: a Date that is malformed or not in GMT is an error, not a warning.
    bool strict_date = false;
    /// Strict: several different Content-Length values reject a datagram
    /// (by default the datagram is accepted with a warning and the rest of it
    /// is the body, as RFC 4475 §3.3.9 allows; stream framing always rejects).
    bool strict_content_length = false;
    /// Stream transport: Content-Length must be present (RFC 3261 §18.3).
    bool require_content_length = false;
};

/// A small fixed-capacity list of warnings (non-fatal findings, such as a
/// Date not in GMT). No allocation: findings beyond the capacity are counted.
class warning_list {
public:
    static constexpr std::size_t capacity = 8;
    warning_list() noexcept {}
    void add(parse_error const& w) noexcept {
        if (count_ < capacity) new (&storage_.items[count_++]) parse_error(w);
        else ++dropped_;
    }
    parse_error const* begin() const noexcept { return storage_.items; }
    parse_error const* end() const noexcept { return storage_.items + count_; }
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    parse_error const& operator[](std::size_t i) const noexcept {
        assert(i < count_);
        return storage_.items[i];
    }
    /// Warnings that did not fit.
    std::size_t dropped() const noexcept { return dropped_; }
    void clear() noexcept { count_ = 0; dropped_ = 0; }
    /// Keeps the first n warnings.
    void truncate(std::size_t n) noexcept {
        if (n < count_) count_ = n;
        dropped_ = 0;
    }

private:
    // Items past count_ are never read; the union leaves them uninitialised,
    // since every message carries a warning_list and most carry no warning.
    static_assert(std::is_trivially_copyable_v<parse_error> && std::is_trivially_destructible_v<parse_error>);
    union storage {
        storage() noexcept {}
        parse_error items[capacity];  // items[0, count_) constructed by add()
    };
    storage storage_;
    std::size_t count_ = 0;
    std::size_t dropped_ = 0;
};

/// The header_fields of a message, in order (a span over caller storage).
class header_list {
public:
    constexpr header_list() noexcept = default;
    constexpr header_list(header_field const* first, std::size_t n) noexcept : first_(first), size_(n) {}
    header_field const* begin() const noexcept { return first_; }
    header_field const* end() const noexcept { return first_ + size_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    header_field const& operator[](std::size_t i) const noexcept {
        assert(i < size_);
        return first_[i];
    }

private:
    header_field const* first_ = nullptr;
    std::size_t size_ = 0;
};

/// The header_fields with one id (or, for unknown headers, one name), in order.
class field_range {
public:
    class iterator {
    public:
        // Forward: *it refers into the caller's header storage, not into the iterator.
        using iterator_category = std::forward_iterator_tag;
        using value_type = header_field;
        using difference_type = std::ptrdiff_t;
        using pointer = header_field const*;
        using reference = header_field const&;
        iterator() noexcept = default;
        iterator(header_field const* p, header_field const* e, header_id id, std::string_view name) noexcept
            : p_(p), e_(e), id_(id), name_(name) { settle(); }
        reference operator*() const noexcept { return *p_; }
        pointer operator->() const noexcept { return p_; }
        iterator& operator++() noexcept { ++p_; settle(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.p_ == b.p_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.p_ != b.p_; }

    private:
        bool match(header_field const& h) const noexcept {
            return id_ != header_id::other ? h.id == id_ : (h.id == header_id::other && iequals(h.name, name_));
        }
        void settle() noexcept { while (p_ != e_ && !match(*p_)) ++p_; }
        header_field const* p_ = nullptr;
        header_field const* e_ = nullptr;
        header_id id_ = header_id::other;
        std::string_view name_;
    };
    field_range() noexcept = default;
    field_range(header_list all, header_id id, std::string_view name) noexcept : all_(all), id_(id), name_(name) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), id_, name_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), id_, name_); }
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }

private:
    header_list all_;
    header_id id_ = header_id::other;
    std::string_view name_;
};

/// Every element of a comma-separated list header over all its header lines
/// (all Via entries of all Via headers, all Contacts, all Routes), in order.
/// Each header value is re-read from the validated text as the iterator
/// reaches it: no allocation.
template <class List, result<List> (*Parse)(borrowed_text) noexcept>
class header_list_range {
public:
    using list_iterator = typename List::iterator;
    using value_type = typename std::iterator_traits<list_iterator>::value_type;

    class iterator {
    public:
        // Input, not forward: *it refers into the list iterator held here.
        using iterator_category = std::input_iterator_tag;
        using value_type = typename std::iterator_traits<list_iterator>::value_type;
        using difference_type = std::ptrdiff_t;
        using pointer = value_type const*;
        using reference = value_type const&;

        iterator() noexcept = default;
        iterator(header_field const* h, header_field const* e, header_id id) noexcept : h_(h), e_(e), id_(id) { settle(); }
        reference operator*() const noexcept { return *it_; }
        pointer operator->() const noexcept { return &*it_; }
        iterator& operator++() noexcept {
            ++it_;
            if (it_ == list_.end()) {
                ++h_;
                settle();
            }
            return *this;
        }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        /// The header line the current element comes from.
        header_field const& field() const noexcept { return *h_; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.h_ == b.h_ && a.it_ == b.it_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }

    private:
        void settle() noexcept {
            for (; h_ != e_; ++h_) {
                if (h_->id != id_) continue;
                auto r = Parse(h_->value);
                if (!r) continue;  // not reached on validated headers
                list_ = *r;
                it_ = list_.begin();
                if (it_ != list_.end()) return;
            }
            list_ = List{};
            it_ = list_iterator{};
        }
        header_field const* h_ = nullptr;
        header_field const* e_ = nullptr;
        header_id id_ = header_id::other;
        List list_{};
        list_iterator it_{};
    };

    header_list_range() noexcept = default;
    header_list_range(header_list all, header_id id, std::size_t count, bool star = false) noexcept
        : all_(all), id_(id), count_(count), star_(star) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), id_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), id_); }
    /// Number of elements over all header lines.
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    value_type front() const noexcept { return empty() ? value_type{} : *begin(); }
    /// Contact: some Contact header is `*`.
    bool is_star() const noexcept { return star_; }

private:
    header_list all_;
    header_id id_ = header_id::other;
    std::size_t count_ = 0;
    bool star_ = false;
};

/// All Via entries of all Via headers, topmost first.
using via_range = header_list_range<via_list, parse_via_list>;
/// All Contact elements of all Contact headers.
using contact_range = header_list_range<name_addr_list, parse_contact_list>;
/// All Route (or Record-Route) elements over all their header lines.
using route_range = header_list_range<name_addr_list, parse_route_list>;

class message;
namespace detail {
namespace message_impl {
struct parser;
inline std::optional<parse_error> validate(message& m, message_options const& opts, std::size_t limit) noexcept;
} // namespace message_impl
} // namespace detail

/// A parsed SIP message: views into the caller's buffer and header storage.
class message {
public:
    // User-provided, so that value-initialisation (result<message>'s in-place
    // construction) does not zero the ~800 bytes before the member
    // initialisers run; unused warning slots stay untouched.
    message() noexcept {}

    // --- start line --------------------------------------------------------
    message_kind kind() const noexcept { return kind_; }
    bool is_request() const noexcept { return kind_ == message_kind::request; }
    bool is_response() const noexcept { return kind_ == message_kind::response; }
    /// Request method (case-sensitive token), empty for responses.
    std::string_view method() const noexcept { return method_; }
    /// Request-URI (any scheme), empty for responses.
    sipview::uri const& request_uri() const noexcept { return request_uri_; }
    /// "SIP/2.0" as written (any case).
    std::string_view version() const noexcept { return version_; }
    /// Status code (100-699), 0 for requests.
    std::uint16_t status_code() const noexcept { return status_; }
    /// Reason-Phrase as written (may be empty, may hold UTF-8 and escapes).
    std::string_view reason() const noexcept { return reason_; }
    /// The start line without its CRLF.
    std::string_view start_line() const noexcept { return start_line_; }

    // --- framing -----------------------------------------------------------
    /// The whole message: start line to the end of the body. Shorter than the
    /// parsed input when Content-Length ends the message early (RFC 4475 dblreq).
    std::string_view text() const noexcept { return text_; }
    /// Length of the message in octets (text().size()).
    std::size_t size() const noexcept { return text_.size(); }
    /// Start line and headers through the empty line.
    std::string_view head() const noexcept { return text_.substr(0, body_offset_); }
    /// Offset of the body (just after the empty line).
    std::size_t body_offset() const noexcept { return body_offset_; }
    std::string_view body() const noexcept { return text_.substr(body_offset_); }
    /// Offset in the message of a view into it (e.g. a header value or a URI).
    std::size_t offset_of(std::string_view part) const noexcept {
        return static_cast<std::size_t>(part.data() - text_.data());
    }

    // --- headers -----------------------------------------------------------
    header_list headers() const noexcept { return {headers_, header_count_}; }
    std::size_t header_count() const noexcept { return header_count_; }
    /// The first header with this id, or nullptr.
    header_field const* find(header_id id) const noexcept {
        for (std::size_t i = 0; i < header_count_; ++i)
            if (headers_[i].id == id) return &headers_[i];
        return nullptr;
    }
    /// The first header with this name (case-insensitive; compact and long
    /// forms of known headers are the same header), or nullptr.
    header_field const* find(std::string_view name) const noexcept {
        header_id const id = lookup_header(name);
        for (std::size_t i = 0; i < header_count_; ++i) {
            header_field const& h = headers_[i];
            if (id != header_id::other ? h.id == id : (h.id == header_id::other && iequals(h.name, name))) return &h;
        }
        return nullptr;
    }
    bool has(header_id id) const noexcept { return find(id) != nullptr; }
    /// The raw value of the first header with this name.
    std::optional<std::string_view> value(std::string_view name) const noexcept {
        header_field const* h = find(name);
        if (!h) return std::nullopt;
        return h->value;
    }
    std::optional<std::string_view> value(header_id id) const noexcept {
        header_field const* h = find(id);
        if (!h) return std::nullopt;
        return h->value;
    }
    /// All headers with this id / name, in order.
    field_range all(header_id id) const noexcept { return field_range(headers(), id, {}); }
    /// (The range keeps `name`, hence borrowed_text: no temporary std::string.)
    field_range all(borrowed_text name) const noexcept { return field_range(headers(), lookup_header(name), name); }

    // --- typed access (parsed on demand; error offsets are in the message) --
    /// Runs a value parser (parse_name_addr, parse_credentials...) on one
    /// header's value, shifting an error's offset into the message.
    template <class Parse>
    auto parse_field(header_field const& h, Parse&& parse) const noexcept -> decltype(parse(h.value)) {
        auto r = parse(h.value);  // one object returned on both paths: NRVO, no copy of the value
        if (!r) {
            parse_error e = r.error();
            e.offset += h.value_offset;
            r.set_error(e);
        }
        return r;
    }

    result<name_addr> from() const noexcept { return first_as(header_id::from, parse_name_addr); }
    result<name_addr> to() const noexcept { return first_as(header_id::to, parse_name_addr); }
    result<sipview::cseq> cseq() const noexcept { return first_as(header_id::cseq, parse_cseq); }
    result<std::string_view> call_id() const noexcept { return first_as(header_id::call_id, parse_call_id); }
    result<std::uint8_t> max_forwards() const noexcept { return first_as(header_id::max_forwards, parse_max_forwards); }
    result<std::uint32_t> expires() const noexcept { return first_as(header_id::expires, parse_delta_seconds); }
    result<std::uint32_t> min_expires() const noexcept { return first_as(header_id::min_expires, parse_delta_seconds); }
    result<media_type> content_type() const noexcept { return first_as(header_id::content_type, parse_media_type); }
    /// Content-Length: every Content-Length header must agree (errc::inconsistent otherwise).
    result<std::uint32_t> content_length() const noexcept {
        header_field const* first = find(header_id::content_length);
        if (!first) return missing(header_id::content_length);
        auto r = parse_field(*first, parse_content_length);
        if (!r) return r;
        for (auto const& h : all(header_id::content_length)) {
            auto o = parse_field(h, parse_content_length);
            if (!o) return o;
            if (*o != *r)
                return parse_error{h.value_offset, "the same Content-Length as before", "several different Content-Length values",
                                   "send exactly one Content-Length header", errc::inconsistent};
        }
        return r;
    }
    /// All Via entries over all Via headers (each header validated).
    result<via_range> vias() const noexcept { return list_of<via_range>(header_id::via, parse_via_list); }
    /// The topmost Via entry.
    result<via> top_via() const noexcept {
        result<via> top(std::in_place);  // returned by name (NRVO)
        if (header_field const* h = find(header_id::via)) {
            auto const r = parse_field(*h, parse_via_list);
            if (r) *top = r->front();
            else top.set_error(r.error());
        } else {
            top.set_error(missing(header_id::via));
        }
        return top;
    }
    /// All Contact elements over all Contact headers; is_star() for `Contact: *`.
    result<contact_range> contacts() const noexcept { return list_of<contact_range>(header_id::contact, parse_contact_list); }
    result<route_range> routes() const noexcept { return list_of<route_range>(header_id::route, parse_route_list); }
    result<route_range> record_routes() const noexcept { return list_of<route_range>(header_id::record_route, parse_route_list); }
    /// The first Authorization / Proxy-Authorization header's credentials
    /// (use all() and parse_field(h, parse_credentials) for the others).
    result<credentials> authorization() const noexcept { return first_as(header_id::authorization, parse_credentials); }
    result<credentials> proxy_authorization() const noexcept { return first_as(header_id::proxy_authorization, parse_credentials); }
    /// The first WWW-Authenticate / Proxy-Authenticate header's challenge.
    result<challenge> www_authenticate() const noexcept { return first_as(header_id::www_authenticate, parse_challenge); }
    result<challenge> proxy_authenticate() const noexcept { return first_as(header_id::proxy_authenticate, parse_challenge); }

    // --- validation --------------------------------------------------------
    /// Warnings found while parsing/validating (Date not in GMT, repeated
    /// single-valued headers, missing mandatory headers, trailing octets...).
    warning_list const& warnings() const noexcept { return warnings_; }
    /// The strict pass: parses every typed header in message order (From, To,
    /// Via, CSeq and its agreement with the method, Call-ID, Max-Forwards,
    /// Expires, Content-Type, Contact, Route, Record-Route, credentials and
    /// challenges, Date...) and returns the first error. Adds warnings.
    /// parse_message runs it unless options.validate is false.
    std::optional<parse_error> validate(message_options const& opts = {}) noexcept {
        return detail::message_impl::validate(*this, opts, static_cast<std::size_t>(-1));
    }

private:
    friend struct detail::message_impl::parser;
    friend std::optional<parse_error> detail::message_impl::validate(message&, message_options const&, std::size_t) noexcept;

    parse_error missing(header_id id) const noexcept {
        return parse_error{body_offset_ >= 2 ? body_offset_ - 2 : body_offset_, to_string(id), "the message has no such header", "",
                           errc::syntax};
    }
    template <class T, class Text>  // Text: borrowed_text, or std::string_view for the number parsers
    result<T> first_as(header_id id, result<T> (*parse)(Text) noexcept) const noexcept {
        header_field const* h = find(id);
        if (!h) return missing(id);
        return parse_field(*h, parse);
    }
    template <class Range, class List>
    result<Range> list_of(header_id id, result<List> (*parse)(borrowed_text) noexcept) const noexcept {
        std::size_t count = 0;
        bool star = false;
        for (std::size_t i = 0; i < header_count_; ++i) {
            header_field const& h = headers_[i];
            if (h.id != id) continue;
            auto r = parse_field(h, parse);
            if (!r) return r.error();
            count += r->size();
            if constexpr (std::is_same_v<List, name_addr_list>) star = star || r->is_star();
        }
        return Range(headers(), id, count, star);
    }

    std::string_view text_;
    std::string_view start_line_;
    message_kind kind_ = message_kind::request;
    std::string_view method_;
    sipview::uri request_uri_;
    std::string_view version_;
    std::uint16_t status_ = 0;
    std::string_view reason_;
    header_field* headers_ = nullptr;
    std::size_t header_count_ = 0;
    std::size_t body_offset_ = 0;
    warning_list warnings_;
    std::size_t framing_warnings_ = 0;  // warnings_ before validate(): validate() is repeatable
};

namespace detail {
namespace message_impl {

inline parse_error make_error(std::size_t offset, char const* expected, char const* message, char const* hint = "",
                              errc code = errc::syntax) noexcept {
    return parse_error{offset, expected, message, hint, code};
}

/// Keeps the error with the smallest offset (the first in message order).
inline void keep_first(std::optional<parse_error>& slot, parse_error const& e) noexcept {
    if (!slot || e.offset < slot->offset) slot = e;
}

/// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (case-insensitive). Returns the
/// length matched (0 when it does not match); `supported` is set for 2.0.
inline std::size_t version_length(iter p, iter e, bool& supported) noexcept {
    supported = false;
    if (e - p < 4 || ascii_lower(p[0]) != 's' || ascii_lower(p[1]) != 'i' || ascii_lower(p[2]) != 'p' || p[3] != '/') return 0;
    iter q = p + 4;
    iter const major = q;
    while (q != e && is(*q, c_digit)) ++q;
    if (q == major || q == e || *q != '.') return 0;
    iter const major_end = q++;
    iter const minor = q;
    while (q != e && is(*q, c_digit)) ++q;
    if (q == minor) return 0;
    supported = major_end - major == 1 && *major == '2' && q - minor == 1 && *minor == '0';
    return static_cast<std::size_t>(q - p);
}

/// The parser state of one parse_message call.
struct parser {
    message& m;
    message_options const& opts;
    header_field* storage;
    std::size_t capacity;
    iter base = nullptr;  // input start
    iter end = nullptr;   // input end
    std::optional<parse_error> failure;  // first error in message order

    parser(message& msg, message_options const& o, header_field* hs, std::size_t cap, std::string_view in) noexcept
        : m(msg), opts(o), storage(hs), capacity(cap), base(in.data()), end(in.data() + in.size()) {}

    std::size_t off(iter p) const noexcept { return static_cast<std::size_t>(p - base); }

    /// Finds the end of the line starting at p: returns the '\n' (or nullptr)
    /// and sets `content_end` to the CR (or the LF when bare LFs are allowed).
    iter line_end(iter p, iter& content_end) noexcept {
        void const* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        if (!nl) return nullptr;
        iter const lf = static_cast<iter>(nl);
        content_end = (lf > base && lf[-1] == '\r') ? lf - 1 : lf;
        return lf;
    }

    // -- start line ----------------------------------------------------------
    bool start_line(iter& next) noexcept {
        if (*base == '\r' || *base == '\n') {
            failure = make_error(0, "start line", "the message starts with an empty line",
                                 "CRLF keep-alives before a message are only skipped on streams (see frame_message)");
            return false;
        }
        iter cr = nullptr;
        iter const lf = line_end(base, cr);
        if (!lf) {
            failure = make_error(off(end), "CRLF after the start line", "the message ends inside the start line",
                                 "a SIP message is a start line, headers and an empty line, each ended by CRLF");
            return false;
        }
        if (cr == lf && !opts.allow_bare_lf) {
            failure = make_error(off(lf), "CRLF", "the start line ends with a bare LF", "end every line with CRLF (RFC 3261 §7)");
            return false;
        }
        m.start_line_ = std::string_view(base, static_cast<std::size_t>(cr - base));
        next = lf + 1;
        if (cr - base >= 4 && ascii_lower(base[0]) == 's' && ascii_lower(base[1]) == 'i' && ascii_lower(base[2]) == 'p' &&
            base[3] == '/')
            return status_line(cr);
        return request_line(cr);
    }

    bool version(iter p, iter cr, iter& after) noexcept {
        bool supported = false;
        std::size_t const n = version_length(p, cr, supported);
        if (n == 0) {
            failure = make_error(off(p), "SIP-Version (SIP/2.0)", "malformed SIP version", "write SIP/2.0");
            return false;
        }
        if (!supported) {
            failure = make_error(off(p), "SIP/2.0", "unsupported SIP version", "only SIP/2.0 is supported (RFC 3261 §7.1)",
                                 errc::out_of_range);
            return false;
        }
        m.version_ = std::string_view(p, n);
        after = p + n;
        return true;
    }

    bool one_sp(iter p, iter cr, char const* expected) noexcept {
        if (p == cr || *p != ' ') {
            failure = make_error(off(p), expected, p == cr ? "the start line ends too early" : "expected a single SP here",
                                 "the start line elements are separated by exactly one SP");
            return false;
        }
        if (p + 1 != cr && (p[1] == ' ' || p[1] == '\t')) {
            failure = make_error(off(p + 1), expected, "more than one SP between start line elements",
                                 "separate the start line elements with exactly one SP (RFC 3261 §7.1)");
            return false;
        }
        return true;
    }

    bool request_line(iter cr) noexcept {
        m.kind_ = message_kind::request;
        iter p = base;
        while (p != cr && is(*p, token_chars)) ++p;
        if (p == base) {
            failure = make_error(0, "method (token)", is(*base, c_wsp) ? "whitespace before the method" : "the request line must start with a method",
                                 "a request starts with Method SP Request-URI SP SIP/2.0");
            return false;
        }
        m.method_ = std::string_view(base, static_cast<std::size_t>(p - base));
        if (!one_sp(p, cr, "SP after the method")) return false;
        iter const u = p + 1;
        if (*u == '<') {
            failure = make_error(off(u), "Request-URI", "the Request-URI must not be enclosed in <>",
                                 "write the Request-URI without angle brackets (RFC 3261 §25.1)");
            return false;
        }
        {
            // Fast path: the URI grammar finds its own end (no URI byte is SP or
            // HTAB), and exactly SP SIP/2.0 must end the line. Anything else
            // takes the diagnostic path below, which reports as before.
            sipview::uri& parsed = m.request_uri_;  // fresh: parse_message built m in place
            auto const ctx = x3::make_context<ast_tag<sipview::uri>>(parsed);
            iter q = u;
            if (grammar::uri.parse(q, cr, ctx, x3::unused, x3::unused) && q != cr && *q == ' ' &&
                !(parsed.is_sip() && parsed.headers_text)) {
                bool supported = false;
                std::size_t const n = version_length(q + 1, cr, supported);
                if (n != 0 && supported && q + 1 + static_cast<std::ptrdiff_t>(n) == cr) {
                    m.version_ = std::string_view(q + 1, n);
                    return true;
                }
            }
            parsed = sipview::uri{};
        }
        iter ue = u;
        while (ue != cr && *ue != ' ' && *ue != '\t') ++ue;
        std::string_view const slice(u, static_cast<std::size_t>(ue - u));
        // Elements after the URI: more than one, the first not a SIP-Version,
        // means the URI itself holds whitespace (RFC 4475 §3.1.2.8).
        std::size_t words_after = 0;
        iter first_word = cr;
        for (iter q = ue; q != cr;) {
            while (q != cr && (*q == ' ' || *q == '\t')) ++q;
            if (q == cr) break;
            if (words_after++ == 0) first_word = q;
            while (q != cr && *q != ' ' && *q != '\t') ++q;
        }
        bool version_follows = false;
        bool const split_uri = words_after > 1 && version_length(first_word, cr, version_follows) == 0;
        parse_error err;
        sipview::uri parsed;
        if (!run(slice, grammar::uri >> describe("end of the Request-URI")[x3::eoi], parsed, err)) {
            explain_uri_error(slice, 0, err);
            err.offset += off(u);
            if (split_uri) {
                err.offset = off(ue);
                err.message = "whitespace inside the Request-URI";
                err.hint = "a Request-URI cannot contain spaces: remove them or escape them as %20";
            }
            failure = err;
            return false;
        }
        if (parsed.is_sip() && parsed.headers_text) {
            failure = make_error(off(parsed.headers_text->data() - 1), "Request-URI without headers",
                                 "a Request-URI must not contain headers ('?')",
                                 "headers are allowed in From/To/Contact URIs, not in the Request-URI (RFC 3261 §19.1.5)");
            return false;
        }
        m.request_uri_ = parsed;
        if (ue == cr) {
            failure = make_error(off(cr), "SP SIP-Version", "the request line ends after the Request-URI",
                                 "a request line is Method SP Request-URI SP SIP/2.0");
            return false;
        }
        if (split_uri) {
            failure = make_error(off(ue), "SP SIP-Version", "whitespace inside the Request-URI",
                                 "a Request-URI cannot contain spaces: remove them or escape them as %20");
            return false;
        }
        if (!one_sp(ue, cr, "SP before the SIP-Version")) return false;
        iter after = nullptr;
        if (!version(ue + 1, cr, after)) return false;
        if (after != cr) {
            bool const ws = *after == ' ' || *after == '\t';
            failure = make_error(off(after), "CRLF after the SIP-Version",
                                 ws ? "trailing whitespace after the SIP-Version" : "unexpected character after the SIP-Version",
                                 ws ? "end the request line right after SIP/2.0" : "");
            return false;
        }
        return true;
    }

    bool status_line(iter cr) noexcept {
        m.kind_ = message_kind::response;
        iter p = nullptr;
        if (!version(base, cr, p)) return false;
        if (!one_sp(p, cr, "SP after the SIP-Version")) return false;
        iter const c = p + 1;
        iter q = c;
        while (q != cr && is(*q, c_digit)) ++q;
        if (q == c) {
            failure = make_error(off(c), "Status-Code (3 digits)", "the status code is missing", "a status line is SIP/2.0 SP 3DIGIT SP Reason-Phrase");
            return false;
        }
        if (q - c != 3) {
            failure = make_error(off(c), "Status-Code (3 digits)",
                                 q - c > 3 ? "the status code has more than three digits" : "the status code has fewer than three digits",
                                 "a status code is three digits, 100-699 (RFC 3261 §7.2)", errc::out_of_range);
            return false;
        }
        unsigned const code = static_cast<unsigned>(c[0] - '0') * 100u + static_cast<unsigned>(c[1] - '0') * 10u +
                              static_cast<unsigned>(c[2] - '0');
        if (code < 100 || code > 699) {
            failure = make_error(off(c), "Status-Code (100-699)", "the status code is outside 100-699",
                                 "status classes are 1xx to 6xx (RFC 3261 §21)", errc::out_of_range);
            return false;
        }
        m.status_ = static_cast<std::uint16_t>(code);
        if (q == cr || *q != ' ') {
            failure = make_error(off(q), "SP after the status code",
                                 q == cr ? "the status line ends right after the status code" : "unexpected character after the status code",
                                 "the SP after the status code is required even when the reason phrase is empty");
            return false;
        }
        // Reason-Phrase = *( reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB )
        iter const r = q + 1;
        for (iter x = r; x != cr;) {
            unsigned char const ch = static_cast<unsigned char>(*x);
            if (ch == '%') {
                if (cr - x >= 3 && is(x[1], c_hex) && is(x[2], c_hex)) { x += 3; continue; }
                failure = make_error(off(x), "two hex digits after '%'", "malformed percent-escape in the reason phrase", "write '%' itself as %25");
                return false;
            }
            if (ch < 0x80 && is(*x, alphanum | c_reason_x)) { ++x; continue; }
            if (ch >= 0x80 && ch <= 0xBF) { ++x; continue; }  // UTF8-CONT
            if (ch >= 0x80) {
                if (std::size_t const n = utf8_nonascii_length(x, cr)) { x += n; continue; }
                failure = make_error(off(x), "UTF-8 text", "invalid UTF-8 in the reason phrase");
                return false;
            }
            failure = make_error(off(x), "Reason-Phrase character", "character not allowed in the reason phrase",
                                 "escape it as %HH (RFC 3261 §25.1 Reason-Phrase)");
            return false;
        }
        m.reason_ = std::string_view(r, static_cast<std::size_t>(cr - r));
        return true;
    }

    // -- headers ---------------------------------------------------------------
    struct cl_state {
        header_field const* first = nullptr;
        std::uint32_t value = 0;
        bool bad = false;        // a Content-Length value is malformed (error recorded)
        bool conflict = false;   // two different values
        header_field const* conflicting = nullptr;
    };

    /// Splits the header section starting at p. Fills m.headers_; returns the
    /// offset just past the empty line, or nullptr when it is missing (an
    /// error is recorded either way when something is wrong).
    iter split(iter p, cl_state& cl) noexcept {
        std::size_t n = 0;
        m.headers_ = storage;
        for (;;) {
            m.header_count_ = n;
            if (p == end || (*p == '\r' && end - p == 1)) {
                keep_first(failure, make_error(off(p), "empty line (CRLF) after the headers", "the message ends before the empty line that closes the headers",
                                               "end the header section with an empty line, even when there is no body"));
                return nullptr;
            }
            if (*p == '\r' && p[1] == '\n') return p + 2;
            if (*p == '\n') {
                if (opts.allow_bare_lf) return p + 1;
                keep_first(failure, make_error(off(p), "CRLF", "bare LF line end", "end every line with CRLF (RFC 3261 §7)"));
                return nullptr;
            }
            if (*p == '\r') {
                keep_first(failure, make_error(off(p), "CRLF", "bare CR in the header section", "end every line with CRLF (RFC 3261 §7)"));
                return nullptr;
            }
            if (is(*p, c_wsp)) {
                keep_first(failure, make_error(off(p), "header name", "a header line starts with whitespace",
                                               "a continuation line must follow a header line; remove the leading whitespace"));
                return nullptr;
            }
            iter q = skip_class<token_chars>(p, end);
            if (q == p) {
                keep_first(failure, make_error(off(p), "header name (token)", "malformed header name",
                                               "a header line is Name: value, the name a token"));
                return nullptr;
            }
            iter const name_end = q;
            while (q != end && is(*q, c_wsp)) ++q;
            if (q == end || *q != ':') {
                keep_first(failure, make_error(off(q), "':' after the header name", "the header name must be followed by ':'",
                                               "a header line is Name: value"));
                return nullptr;
            }
            iter const v = q + 1;
            // logical line: memchr for LF, continuing over folds (CRLF SP/HTAB)
            iter s = v;
            iter lf = nullptr;
            iter content_end = nullptr;
            bool terminated = true;
            for (;;) {
                lf = line_end(s, content_end);
                if (!lf) { lf = end; content_end = end; terminated = false; break; }
                if (content_end == lf && !opts.allow_bare_lf) {
                    keep_first(failure, make_error(off(lf), "CRLF", "bare LF line end", "end every line with CRLF (RFC 3261 §7)"));
                    return nullptr;
                }
                if (lf + 1 != end && is(lf[1], c_wsp)) { s = lf + 1; continue; }
                break;
            }
            // value: skip leading LWS (folds included), trim trailing LWS
            iter vb = v;
            while (vb < content_end) {
                if (is(*vb, c_wsp) || *vb == '\n') ++vb;
                else if (*vb == '\r' && vb + 1 < content_end && vb[1] == '\n') vb += 2;
                else break;
            }
            iter ve = content_end;
            while (ve > vb) {
                if (is(ve[-1], c_wsp)) --ve;
                else if (ve[-1] == '\n') { --ve; if (ve > vb && ve[-1] == '\r') --ve; }  // a fold
                else break;
            }
            if (n == capacity) {
                keep_first(failure, make_error(off(p), "fewer headers", "too many headers for the header storage",
                                               "pass a larger header_field array", errc::too_many_headers));
                return nullptr;
            }
            header_field& h = storage[n++];
            h.name = std::string_view(p, static_cast<std::size_t>(name_end - p));
            h.value = std::string_view(vb, static_cast<std::size_t>(ve - vb));
            h.offset = off(p);
            h.value_offset = off(vb);
            h.id = lookup_nonempty(h.name);
            if (h.id == header_id::content_length) content_length(h, cl);
            if (!terminated) {
                m.header_count_ = n;
                keep_first(failure, make_error(off(end), "CRLF", "the message ends inside a header line",
                                               "end every header line with CRLF and the header section with an empty line"));
                return nullptr;
            }
            p = lf + 1;
        }
    }

    void content_length(header_field const& h, cl_state& cl) noexcept {
        auto r = parse_content_length(h.value);
        if (!r) {
            parse_error e = r.error();
            e.offset += h.value_offset;
            keep_first(failure, e);
            cl.bad = true;
            return;
        }
        if (!cl.first) {
            cl.first = &h;
            cl.value = *r;
        } else if (*r != cl.value && !cl.conflict) {
            cl.conflict = true;
            cl.conflicting = &h;
        }
    }

    /// Sets the message and body extents.
    void frame(iter head_end, cl_state const& cl) noexcept {
        m.framing_warnings_ = 0;
        if (!head_end) {  // no empty line: the message is everything (an error is recorded)
            m.body_offset_ = off(end);
            m.text_ = std::string_view(base, off(end));
            return;
        }
        m.body_offset_ = off(head_end);
        std::size_t const available = static_cast<std::size_t>(end - head_end);
        std::size_t length = available;
        if (cl.conflict) {
            parse_error const e = make_error(cl.conflicting->value_offset, "one Content-Length value",
                                             "several different Content-Length values",
                                             "send exactly one Content-Length header", errc::inconsistent);
            if (opts.strict_content_length || opts.require_content_length) keep_first(failure, e);
            else m.warnings_.add(e);  // RFC 4475 §3.3.9: the rest of the datagram is the body
        } else if (cl.first && !cl.bad) {
            if (cl.value > available) {
                keep_first(failure, make_error(cl.first->value_offset, "Content-Length at most the octets present",
                                               "Content-Length is larger than the body that follows",
                                               "Content-Length must count the body octets exactly", errc::inconsistent));
            } else {
                length = cl.value;
                if (length < available)
                    m.warnings_.add(make_error(off(head_end + length), "end of the datagram",
                                               "octets after the end of the message (Content-Length ends it) were ignored", "",
                                               errc::inconsistent));
            }
        } else if (!cl.first && opts.require_content_length) {
            keep_first(failure, make_error(m.body_offset_ >= 2 ? m.body_offset_ - 2 : m.body_offset_, "Content-Length header",
                                           "Content-Length is required on a stream transport",
                                           "add Content-Length (0 for no body), RFC 3261 §18.3"));
        }
        m.text_ = std::string_view(base, m.body_offset_ + length);
        m.framing_warnings_ = m.warnings_.size();
    }
};

// ---------------------------------------------------------------------------
// Validation helpers.

/// Date = rfc1123-date = wkday "," SP date1 SP time SP "GMT";
/// date1 = 2DIGIT SP month SP 4DIGIT; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT.
/// Returns nullptr when valid, else a message; `at` is the offset of the problem.
inline char const* check_date(std::string_view v, std::size_t& at) noexcept {
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
    if (!ok) return "malformed Date: expected a weekday (Mon-Sun)";
    at = 3;
    if (!ch(3, ',') || !ch(4, ' ')) return "malformed Date: expected \", \" after the weekday";
    at = 5;
    if (!digits(5, 2) || !ch(7, ' ')) return "malformed Date: expected a two-digit day";
    at = 8;
    ok = false;
    for (char const* mo : months) ok = ok || ci(8, mo);
    if (!ok || !ch(11, ' ')) return "malformed Date: expected a month (Jan-Dec)";
    at = 12;
    if (!digits(12, 4) || !ch(16, ' ')) return "malformed Date: expected a four-digit year";
    at = 17;
    if (!digits(17, 2) || !ch(19, ':') || !digits(20, 2) || !ch(22, ':') || !digits(23, 2) || !ch(25, ' '))
        return "malformed Date: expected the time as HH:MM:SS";
    at = 26;
    if (v.size() != 29 || !(v[26] == 'G' && v[27] == 'M' && v[28] == 'T')) return "the Date is not in GMT";
    return nullptr;
}

/// header-value = *( TEXT-UTF8char / UTF8-CONT / LWS ): no control characters
/// except HTAB and the CRLF of a fold, and no 0xFE / 0xFF (outside UTF-8).
/// Every header value gets this check, whatever else its grammar checks.
/// With `quoted_pairs` (headers whose grammar has quoted-string or comment,
/// already checked by it), the byte after a '\\' inside "..." or (...) is
/// exempt: quoted-pair = "\\" (%x00-09 / %x0B-0C / %x0E-7F), RFC 3261 §25.1.
/// Returns the offending index or npos.
inline std::size_t check_text_value(std::string_view v, bool quoted_pairs = false) noexcept {
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

/// Headers that may appear once.
inline constexpr bool single_valued(header_id id) noexcept {
    switch (id) {
    case header_id::call_id: case header_id::content_disposition: case header_id::content_length:
    case header_id::content_type: case header_id::cseq: case header_id::date: case header_id::expires:
    case header_id::from: case header_id::max_forwards: case header_id::mime_version: case header_id::min_expires:
    case header_id::organization: case header_id::priority: case header_id::reply_to: case header_id::retry_after:
    case header_id::server: case header_id::subject: case header_id::timestamp: case header_id::to:
    case header_id::user_agent:
        return true;
    default:
        return false;
    }
}

inline char const* missing_message(header_id id) noexcept {
    switch (id) {
    case header_id::to: return "the mandatory To header is missing";
    case header_id::from: return "the mandatory From header is missing";
    case header_id::cseq: return "the mandatory CSeq header is missing";
    case header_id::call_id: return "the mandatory Call-ID header is missing";
    case header_id::max_forwards: return "the Max-Forwards header a request must carry is missing";
    case header_id::via: return "the mandatory Via header is missing";
    default: return "a mandatory header is missing";
    }
}

inline std::optional<parse_error> validate(message& m, message_options const& opts, std::size_t limit) noexcept {
    m.warnings_.truncate(m.framing_warnings_);  // running it again gives the same warnings
    std::uint64_t seen[2] = {0, 0};
    auto shifted = [](parse_error e, header_field const& h) {
        e.offset += h.value_offset;
        return e;
    };
    for (header_field const& h : m.headers()) {
        if (h.offset >= limit) break;
        unsigned const idx = static_cast<unsigned>(h.id);
        if (h.id != header_id::other) {
            std::uint64_t const bit = std::uint64_t{1} << (idx % 64);
            if ((seen[idx / 64] & bit) && single_valued(h.id) && h.id != header_id::content_length)  // framing reports those
                m.warnings_.add(make_error(h.offset, "one header of this name", "a single-valued header appears more than once",
                                           "", errc::inconsistent));
            seen[idx / 64] |= bit;
        }
        std::optional<parse_error> e;
        bool quoted_pairs = true;  // the header's grammar has quoted-string or comment (cleared below where not)
        switch (h.id) {
        case header_id::from:
        case header_id::to:
        case header_id::reply_to:
        case header_id::refer_to:
        case header_id::referred_by:
            if (auto r = parse_name_addr(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::contact:
            if (auto r = parse_contact_list(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::route:
        case header_id::record_route:
        case header_id::path:
        case header_id::service_route:
            if (auto r = parse_route_list(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::via:
            if (auto r = parse_via_list(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::cseq:
            if (auto r = parse_cseq(h.value); !r) {
                e = shifted(r.error(), h);
            } else if (m.is_request() && r->method != m.method()) {
                e = make_error(m.offset_of(r->method), "the request method", "the CSeq method differs from the request method",
                               "CSeq carries the method of the request line (RFC 3261 §8.1.1.5)", errc::inconsistent);
            }
            break;
        case header_id::call_id:
            if (auto r = parse_call_id(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::authorization:
        case header_id::proxy_authorization:
            if (auto r = parse_credentials(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::www_authenticate:
        case header_id::proxy_authenticate:
            if (auto r = parse_challenge(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::max_forwards:
            if (auto r = parse_max_forwards(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::expires:
        case header_id::min_expires:
            if (auto r = parse_delta_seconds(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::content_type:
            if (auto r = parse_media_type(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::content_length:
            if (auto r = parse_content_length(h.value); !r) e = shifted(r.error(), h);
            break;
        case header_id::retry_after: {
            // Retry-After = delta-seconds [ comment ] *( SEMI retry-param ): the number must fit 32 bits,
            // and a comment or a parameter (after optional LWS) is all that may follow it
            std::size_t n = 0;
            while (n < h.value.size() && is(h.value[n], c_digit)) ++n;
            if (auto r = parse_delta_seconds(h.value.substr(0, n)); !r) {
                e = shifted(r.error(), h);
            } else {
                std::size_t k = n;
                while (k < h.value.size() && (is(h.value[k], c_wsp) || h.value[k] == '\r' || h.value[k] == '\n')) ++k;
                if (k < h.value.size() && h.value[k] != '(' && h.value[k] != ';')
                    e = make_error(h.value_offset + k, "a comment or ';' after delta-seconds", "unexpected text after the Retry-After seconds",
                                   "Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §20.33)");
            }
            break;
        }
        case header_id::date: {
            quoted_pairs = false;  // checked softly (a warning), so its bytes get the plain check
            std::size_t at = 0;
            if (char const* msg = check_date(h.value, at)) {
                parse_error const w = make_error(h.value_offset + at, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)", msg,
                                                 "SIP dates are always GMT (RFC 3261 §20.17)");
                if (opts.strict_date) e = w;
                else m.warnings_.add(w);
            }
            break;
        }
        default:
            quoted_pairs = false;
            break;
        }
        // Every value, typed or not, also gets the header-value byte check
        // (after its own grammar, whose error is the more precise one).
        if (!e) {
            if (std::size_t const bad = check_text_value(h.value, quoted_pairs); bad != std::string_view::npos)
                e = make_error(h.value_offset + bad, "header value text", "control character in a header value",
                               "header values are UTF-8 text without control characters");
        }
        if (e) return e;
    }
    if (limit == static_cast<std::size_t>(-1)) {
        static constexpr header_id required[] = {header_id::to, header_id::from, header_id::cseq,
                                                 header_id::call_id, header_id::via, header_id::max_forwards};
        std::size_t const at = m.body_offset() >= 2 ? m.body_offset() - 2 : m.body_offset();
        for (header_id id : required) {
            if (id == header_id::max_forwards && m.is_response()) continue;
            unsigned const idx = static_cast<unsigned>(id);
            if (!(seen[idx / 64] & (std::uint64_t{1} << (idx % 64))))
                m.warnings_.add(make_error(at, "mandatory header", missing_message(id), "RFC 3261 §8.1.1 lists the headers every request carries",
                                           errc::inconsistent));
        }
    }
    return std::nullopt;
}

} // namespace message_impl
} // namespace detail

/// Parses one SIP message from a datagram (or a frame cut by stream framing):
/// start line, headers into `headers[0..capacity)`, body bounded by
/// Content-Length (the rest of the input when there is none; octets after
/// Content-Length are left out of text()). With options.validate (default),
/// every typed header is checked and the first error in message order is
/// returned. Allocation-free; never throws.
inline result<message> parse_message(borrowed_text input, header_field* headers, std::size_t capacity,
                                     message_options const& opts = {}) noexcept {
    // Built in place and returned by name (NRVO): a message is ~800 bytes.
    result<message> r(std::in_place);
    message& m = *r;
    detail::message_impl::parser p(m, opts, headers, capacity, input);
    if (input.empty()) {
        r.set_error(parse_error{0, "start line", "empty message", "", errc::syntax});
        return r;
    }
    detail::iter next = nullptr;
    if (!p.start_line(next)) {
        r.set_error(*p.failure);
        return r;
    }
    detail::message_impl::parser::cl_state cl;
    detail::iter const head_end = p.split(next, cl);
    p.frame(head_end, cl);
    if (opts.validate) {
        std::size_t const limit = p.failure ? p.failure->offset : static_cast<std::size_t>(-1);
        if (auto e = detail::message_impl::validate(m, opts, limit)) detail::message_impl::keep_first(p.failure, *e);
    }
    if (p.failure) r.set_error(*p.failure);
    return r;
}

/// parse_message with a header_field array: `header_field h[64]; parse_message(text, h)`.
template <std::size_t N>
inline result<message> parse_message(borrowed_text input, header_field (&headers)[N], message_options const& opts = {}) noexcept {
    return parse_message(input, headers, N, opts);
}

} // namespace sipview

#endif
