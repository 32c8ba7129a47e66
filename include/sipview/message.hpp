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
//       auto se = r->get<sipview::header::session_expires>();  // any header of the registry
//   }
//
// The pieces: headers.hpp (the header registry, name lookup, typed tags),
// scalar_headers.hpp (CSeq, Call-ID, numbers, Content-Type), message_ranges.hpp
// (options, warnings, ranges), message_split.hpp (start line and header
// scanning shared with stream.hpp), validate.hpp (validation, returning its
// findings); this file: the message class and parse_message.
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
#include <sipview/header_cache.hpp>
#include <sipview/headers.hpp>
#include <sipview/message_ranges.hpp>
#include <sipview/message_split.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/scalar_headers.hpp>
#include <sipview/uri.hpp>
#include <sipview/validate.hpp>
#include <sipview/via.hpp>

namespace sipview {

// ===========================================================================
// Messages.

enum class message_kind : unsigned char { request, response };

class message;
namespace detail {
namespace message_impl {
struct parser;
} // namespace message_impl
} // namespace detail

namespace detail {
/// parse(value), or parse(value, options with `lenient`) for a value parser
/// that takes parse_options (parse_name_addr, parse_challenge...).
template <class Parse>
inline auto call_field_parser(Parse& parse, std::string_view value, leniency_set lenient) noexcept {
    if constexpr (std::is_invocable_v<Parse&, std::string_view, parse_options const&>) {
        parse_options o;
        o.lenient = lenient;
        return parse(value, o);
    } else {
        return parse(value);
    }
}
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
    /// A parser that takes parse_options (parse_name_addr, parse_challenge...)
    /// runs under the message's leniency flags (lenient()).
    template <class Parse>
    auto parse_field(header_field const& h, Parse&& parse) const noexcept
        -> decltype(detail::call_field_parser(parse, h.value, leniency_set{})) {
        auto r = detail::call_field_parser(parse, h.value, lenient_);  // one object returned on both paths: NRVO, no copy of the value
        if (!r) {
            parse_error e = r.error();
            e.offset += h.value_offset;
            r.set_error(e);
        }
        return r;
    }

    /// Typed access through the header registry (headers.hpp): the value(s)
    /// of header H = header::NAME, parsed on demand, errors at their offset
    /// in the message; diag::msg_no_such_header (errc::missing_header,
    /// expected = the header's name) when it is absent. A single-valued header gives result<H::ast> (its first
    /// line; for Content-Length, every line must agree: errc::inconsistent
    /// otherwise); a list header (Via, Contact, Route...) the elements of all
    /// its lines, every line validated; a header that repeats one value per
    /// line (Authorization, Warning...) each line's value, every line validated.
    ///   auto se = m.get<header::session_expires>();   // result<session_expires>
    ///   auto vias = m.get<header::via>();             // result<via_range>
    template <class H>
    typed_access_t<H> get() const noexcept {
        if constexpr (H::id == header_id::content_length) {
            return content_length();
        } else if constexpr (H::arity == header_arity::single) {
            if constexpr (header_cache::keeps(H::id))
                if (typename H::ast const* v = kept<typename H::ast>(H::id)) return *v;
            header_field const* h = find(H::id);
            if (!h) return missing(H::id);
            return parse_field(*h, H::parse_with);
        } else if constexpr (H::arity == header_arity::list) {
            return list_of<header_list_range<typename H::ast, H::parse_with>>(H::id, H::parse_with);
        } else {
            std::size_t count = 0;
            for (std::size_t i = 0; i < header_count_; ++i) {
                header_field const& h = headers_[i];
                if (h.id != H::id) continue;
                auto r = parse_field(h, H::parse_with);
                if (!r) return r.error();
                ++count;
            }
            return header_value_range<H>(headers(), count, lenient_);
        }
    }
    /// Parses one header line with its registry row and calls
    /// f(header::NAME{}, result<ast>), error offsets in the message. False
    /// (f not called) for headers sipview does not know.
    template <class F>
    bool visit_typed(header_field const& h, F&& f) const {
        return visit_header(h.id, [&](auto tag) { f(tag, parse_field(h, decltype(tag)::parse_with)); });
    }

    // Named accessors (the same as get<header::NAME>()).
    result<name_addr> from() const noexcept { return get<header::from>(); }
    result<name_addr> to() const noexcept { return get<header::to>(); }
    result<sipview::cseq> cseq() const noexcept { return get<header::cseq>(); }
    result<std::string_view> call_id() const noexcept { return get<header::call_id>(); }
    result<std::uint8_t> max_forwards() const noexcept { return get<header::max_forwards>(); }
    result<std::uint32_t> expires() const noexcept { return get<header::expires>(); }
    result<std::uint32_t> min_expires() const noexcept { return get<header::min_expires>(); }
    result<media_type> content_type() const noexcept { return get<header::content_type>(); }
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
                return make_error(diag::msg_content_length_changed, h.value_offset);
        }
        return r;
    }
    /// All Via entries over all Via headers (each header validated).
    result<via_range> vias() const noexcept { return get<header::via>(); }
    /// The topmost Via entry.
    result<via> top_via() const noexcept {
        result<via> top(std::in_place);  // returned by name (NRVO)
        if (via const* v = kept<via>(header_id::via)) {
            *top = *v;
        } else if (header_field const* h = find(header_id::via)) {
            auto const r = parse_field(*h, parse_via_list);
            if (r) *top = r->front();
            else top.set_error(r.error());
        } else {
            top.set_error(missing(header_id::via));
        }
        return top;
    }
    /// All Contact elements over all Contact headers; is_star() for `Contact: *`.
    result<contact_range> contacts() const noexcept { return get<header::contact>(); }
    result<route_range> routes() const noexcept { return get<header::route>(); }
    /// (The same range type as routes(): get<header::record_route>() gives a
    /// range of the same elements typed by its own registry row.)
    result<route_range> record_routes() const noexcept {
        return list_of<route_range>(header_id::record_route, header::record_route::parse_with);
    }
    /// The first Authorization / Proxy-Authorization header's credentials
    /// (get<header::authorization>() gives every line's).
    result<credentials> authorization() const noexcept { return first_as(header_id::authorization, parse_credentials); }
    result<credentials> proxy_authorization() const noexcept { return first_as(header_id::proxy_authorization, parse_credentials); }
    /// The first WWW-Authenticate / Proxy-Authenticate header's challenge.
    result<challenge> www_authenticate() const noexcept { return first_as(header_id::www_authenticate, parse_challenge); }
    result<challenge> proxy_authenticate() const noexcept { return first_as(header_id::proxy_authenticate, parse_challenge); }
    /// The header_cache the strict pass filled for this message
    /// (message_options::cache), or nullptr.
    header_cache const* cache() const noexcept { return kept_by(cache_) ? cache_ : nullptr; }

    // --- validation --------------------------------------------------------
    /// Warnings found while parsing/validating (Date not in GMT, repeated
    /// single-valued headers, missing mandatory headers, trailing octets...).
    warning_list const& warnings() const noexcept { return warnings_; }
    /// The leniency flags the message was parsed under (message_options::lenient):
    /// typed access reads the values under them.
    leniency_set lenient() const noexcept { return lenient_; }
    /// The strict pass: parses every typed header in message order (From, To,
    /// Via, CSeq and its agreement with the method, Call-ID, Max-Forwards,
    /// Expires, Content-Type, Contact, Route, Record-Route, credentials and
    /// challenges, Date...) and returns the first error. Adds warnings.
    /// parse_message runs it unless options.validate is false.
    /// (validate_fields(), validate.hpp, gives the findings without changing the message.)
    /// With opts.cache, keeps what it parsed there (only when opts.lenient
    /// is the message's lenient(): the accessors read under those flags).
    std::optional<parse_error> validate(message_options const& opts) noexcept {
        message_options o = opts;
        if (o.cache && o.lenient.bits() != lenient_.bits()) o.cache = nullptr;
        validation_result const v = validate_fields(*this, headers(), o, true);
        if (o.cache) cache_ = o.cache;
        warnings_.truncate(framing_warnings_);  // running it again gives the same warnings
        warnings_.append(v.warnings);
        return v.error;
    }
    /// The strict pass under the leniency flags the message was parsed with
    /// (lenient()) and otherwise default options.
    std::optional<parse_error> validate() noexcept {
        message_options o;
        o.lenient = lenient_;
        return validate(o);
    }

private:
    friend struct detail::message_impl::parser;

    parse_error missing(header_id id) const noexcept {
        parse_error e = make_error(diag::msg_no_such_header, body_offset_ >= 2 ? body_offset_ - 2 : body_offset_);
        e.expected = to_string(id);  // the header's name
        return e;
    }
    /// Whether `c` holds values the strict pass kept for this message.
    bool kept_by(header_cache const* c) const noexcept {
        return c && c->text().data() == text_.data() && c->text().size() == text_.size();
    }
    /// The value of the first `id` line kept in the cache, or nullptr.
    template <class T>
    T const* kept(header_id id) const noexcept {
        return kept_by(cache_) ? cache_->find<T>(id) : nullptr;
    }
    template <class Parse>
    auto first_as(header_id id, Parse parse) const noexcept
        -> decltype(detail::call_field_parser(parse, std::string_view{}, leniency_set{})) {
        using value_type = typename decltype(detail::call_field_parser(parse, std::string_view{}, leniency_set{}))::value_type;
        if (value_type const* v = kept<value_type>(id)) return *v;
        header_field const* h = find(id);
        if (!h) return missing(id);
        return parse_field(*h, parse);
    }
    template <class Range, class List>
    result<Range> list_of(header_id id, result<List> (*parse)(std::string_view, parse_options const&) noexcept) const noexcept {
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
        return Range(headers(), id, count, star, lenient_);
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
    leniency_set lenient_{};
    header_cache const* cache_ = nullptr;  // message_options::cache, when validation filled it
};

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace message_impl {

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
        : m(msg), opts(o), storage(hs), capacity(cap), base(in.data()), end(in.data() + in.size()) {
        m.lenient_ = o.lenient;
    }

    std::size_t off(iter p) const noexcept { return static_cast<std::size_t>(p - base); }

    /// The shared line scanner (message_split.hpp) over the whole input.
    line_scanner lines() const noexcept { return {base, end, opts.lenient.has(leniency::allow_bare_lf), true}; }

    // -- start line ----------------------------------------------------------
    bool start_line(iter& next) noexcept {
        if (*base == '\r' || *base == '\n') {
            failure = make_error(diag::msg_leading_empty_line, 0);
            return false;
        }
        line_scanner const scanner = lines();
        line_end const e = scanner.physical(base);
        if (e.status == line_status::need_more) {
            failure = make_error(diag::msg_start_line_unterminated, off(end));
            return false;
        }
        if (e.status == line_status::bare_lf) {
            failure = make_error(diag::msg_start_line_bare_lf, off(e.lf));
            failure->would_accept = detail::flag_that_would_accept(leniency::allow_bare_lf);
            return false;
        }
        iter const cr = scanner.content_end(e.lf);
        m.start_line_ = std::string_view(base, static_cast<std::size_t>(cr - base));
        next = e.lf + 1;
        if (cr - base >= 4 && ascii_lower(base[0]) == 's' && ascii_lower(base[1]) == 'i' && ascii_lower(base[2]) == 'p' &&
            base[3] == '/')
            return status_line(cr);
        return request_line(cr);
    }

    bool version(iter p, iter cr, iter& after) noexcept {
        bool supported = false;
        std::size_t const n = version_length(p, cr, supported);
        if (n == 0) {
            failure = make_error(diag::msg_version_malformed, off(p));
            return false;
        }
        if (!supported) {
            failure = make_error(diag::msg_version_unsupported, off(p));
            return false;
        }
        m.version_ = std::string_view(p, n);
        after = p + n;
        return true;
    }

    /// The diagnostics of one SP position of the start line: the line ends,
    /// another byte, several SP.
    struct sp_diags {
        diag missing;
        diag not_sp;
        diag several;
    };
    static constexpr sp_diags sp_after_method{diag::msg_sp_after_method_missing, diag::msg_sp_after_method_not_sp,
                                              diag::msg_sp_after_method_several};
    static constexpr sp_diags sp_before_version{diag::msg_sp_before_version_missing, diag::msg_sp_before_version_not_sp,
                                                diag::msg_sp_before_version_several};
    static constexpr sp_diags sp_after_version{diag::msg_sp_after_version_missing, diag::msg_sp_after_version_not_sp,
                                               diag::msg_sp_after_version_several};

    bool one_sp(iter p, iter cr, sp_diags const& d) noexcept {
        if (p == cr || *p != ' ') {
            failure = make_error(p == cr ? d.missing : d.not_sp, off(p));
            return false;
        }
        if (p + 1 != cr && (p[1] == ' ' || p[1] == '\t')) {
            failure = make_error(d.several, off(p + 1));
            return false;
        }
        return true;
    }

    SIPVIEW_HOT bool request_line(iter cr) noexcept {
        m.kind_ = message_kind::request;
        iter p = base;
        while (p != cr && is(*p, token_chars)) ++p;
        if (p == base) {
            failure = make_error(is(*base, c_wsp) ? diag::msg_method_whitespace : diag::msg_method_missing, 0);
            return false;
        }
        m.method_ = std::string_view(base, static_cast<std::size_t>(p - base));
        if (!one_sp(p, cr, sp_after_method)) return false;
        iter const u = p + 1;
        if (*u == '<') {
            failure = make_error(diag::msg_request_uri_brackets, off(u));
            return false;
        }
        if constexpr (fast_paths) {
            // Fast path: the URI grammar finds its own end (no URI byte is SP or
            // HTAB), and exactly SP SIP/2.0 must end the line. Anything else
            // takes the diagnostic path below, which reports as before.
            // (SIPVIEW_NO_FAST_PATHS: the path below alone, one URI parse fewer in the code.)
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
        warning_list accepted;  // deviations the leniency flags accepted in the URI
        parse_options uri_opts;
        uri_opts.lenient = opts.lenient;
        uri_opts.warnings = &accepted;
        if (!run(slice, grammar::uri >> describe(diag::msg_request_uri_end)[x3::eoi], parsed, err, uri_opts)) {
            explain_uri_error(slice, 0, err);
            err.offset += off(u);
            if (split_uri) {
                err.offset = off(ue);
                err.refine(diag::msg_request_uri_space);
            }
            failure = err;
            return false;
        }
        if (parsed.is_sip() && parsed.headers_text) {
            failure = make_error(diag::msg_request_uri_headers, off(parsed.headers_text->data() - 1));
            return false;
        }
        m.request_uri_ = parsed;
        for (parse_error w : accepted) {
            w.offset += off(u);
            m.warnings_.add(w);
        }
        if (ue == cr) {
            failure = make_error(diag::msg_request_line_no_version, off(cr));
            return false;
        }
        if (split_uri) {
            failure = make_error(diag::msg_request_uri_split, off(ue));
            return false;
        }
        if (!one_sp(ue, cr, sp_before_version)) return false;
        iter after = nullptr;
        if (!version(ue + 1, cr, after)) return false;
        if (after != cr) {
            bool const ws = *after == ' ' || *after == '\t';
            failure = make_error(ws ? diag::msg_version_trailing_space : diag::msg_version_trailing_text, off(after));
            return false;
        }
        return true;
    }

    bool status_line(iter cr) noexcept {
        m.kind_ = message_kind::response;
        iter p = nullptr;
        if (!version(base, cr, p)) return false;
        if (!one_sp(p, cr, sp_after_version)) return false;
        iter const c = p + 1;
        iter q = c;
        while (q != cr && is(*q, c_digit)) ++q;
        if (q == c) {
            failure = make_error(diag::msg_status_missing, off(c));
            return false;
        }
        if (q - c != 3) {
            failure = make_error(q - c > 3 ? diag::msg_status_too_long : diag::msg_status_too_short, off(c));
            return false;
        }
        unsigned const code = static_cast<unsigned>(c[0] - '0') * 100u + static_cast<unsigned>(c[1] - '0') * 10u +
                              static_cast<unsigned>(c[2] - '0');
        if (code < 100 || code > 699) {
            failure = make_error(diag::msg_status_range, off(c));
            return false;
        }
        m.status_ = static_cast<std::uint16_t>(code);
        if (q == cr || *q != ' ') {
            failure = make_error(q == cr ? diag::msg_status_sp_missing : diag::msg_status_sp_not_sp, off(q));
            return false;
        }
        // Reason-Phrase = *( reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB )
        iter const r = q + 1;
        for (iter x = r; x != cr;) {
            unsigned char const ch = static_cast<unsigned char>(*x);
            if (ch == '%') {
                if (cr - x >= 3 && is(x[1], c_hex) && is(x[2], c_hex)) { x += 3; continue; }
                failure = make_error(diag::msg_reason_escape, off(x));
                return false;
            }
            if (ch < 0x80 && is(*x, alphanum | c_reason_x)) { ++x; continue; }
            if (ch >= 0x80 && ch <= 0xBF) { ++x; continue; }  // UTF8-CONT
            if (ch >= 0x80) {
                if (std::size_t const n = utf8_nonascii_length(x, cr)) { x += n; continue; }
                failure = make_error(diag::msg_reason_utf8, off(x));
                return false;
            }
            failure = make_error(diag::msg_reason_char, off(x));
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
    SIPVIEW_HOT iter split(iter p, cl_state& cl) noexcept {
        m.headers_ = storage;
        // A pointer cursor, not a count: the stores into header_field
        // (size_t, char const*) cannot alias it, so it stays in a register.
        header_field* next = storage;
        header_field* const limit = storage + capacity;
        iter const head_end = split_header_lines(lines(), p, base, failure, [&](header_line const& line) {
            if (next == limit) return false;
            header_field& h = *next++;
            h.name = line.name;
            h.value = line.value;
            h.offset = off(line.name.data());
            h.value_offset = off(line.value.data());
            h.id = lookup_nonempty(h.name);
            if (h.id == header_id::content_length) content_length(h, cl);
            return true;
        });
        m.header_count_ = static_cast<std::size_t>(next - storage);
        return head_end;
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
            parse_error const e = make_error(diag::msg_content_length_conflict, cl.conflicting->value_offset);
            if (opts.strict_content_length || opts.require_content_length) keep_first(failure, e);
            else m.warnings_.add(e);  // RFC 4475 §3.3.9: the rest of the datagram is the body
        } else if (cl.first && !cl.bad) {
            if (cl.value > available) {
                keep_first(failure, make_error(diag::msg_content_length_too_large, cl.first->value_offset));
            } else {
                length = cl.value;
                if (length < available)
                    m.warnings_.add(make_error(diag::msg_trailing_octets, off(head_end + length)));
            }
        } else if (!cl.first && opts.require_content_length) {
            keep_first(failure, make_error(diag::msg_content_length_required, m.body_offset_ >= 2 ? m.body_offset_ - 2 : m.body_offset_));
        }
        m.text_ = std::string_view(base, m.body_offset_ + length);
        if (opts.lenient.has(leniency::allow_bare_lf)) {
            // RFC 3261 §7: CRLF; the first bare LF of the head is the warning
            for (iter q = base; q != head_end; ++q)
                if (*q == '\n' && (q == base || q[-1] != '\r')) {
                    m.warnings_.add(make_error(diag::lenient_bare_lf, off(q)));
                    break;
                }
        }
        m.framing_warnings_ = m.warnings_.size();
    }

    /// Adds what validation found.
    void apply(validation_result const& v) noexcept {
        if (opts.cache) m.cache_ = opts.cache;
        m.warnings_.append(v.warnings);
        if (v.error) keep_first(failure, *v.error);
    }
};

} // namespace message_impl
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Parses one SIP message from a datagram (or a frame cut by stream framing):
/// start line, headers into `headers[0..capacity)`, body bounded by
/// Content-Length (the rest of the input when there is none; octets after
/// Content-Length are left out of text()). With options.validate (default),
/// every typed header is checked and the first error in message order is
/// returned. Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<message> parse_message(borrowed_text input, header_field* headers, std::size_t capacity,
                                     message_options const& opts = {}) noexcept {
    // Built in place and returned by name (NRVO): a message is ~800 bytes.
    result<message> r(std::in_place);
    message& m = *r;
    detail::message_impl::parser p(m, opts, headers, capacity, input);
    if (input.empty()) {
        r.set_error(make_error(diag::msg_empty_message, 0));
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
        // after a framing error, only the header lines before it
        header_list fields = m.headers();
        if (p.failure) {
            std::size_t n = 0;
            while (n < fields.size() && fields[n].offset < p.failure->offset) ++n;
            fields = header_list(fields.begin(), n);
        }
        validation_result const v = validate_fields(m, fields, opts, !p.failure);
        p.apply(v);
    }
    if (p.failure) r.set_error(*p.failure);
    return r;
}
#else
result<message> parse_message(borrowed_text input, header_field* headers, std::size_t capacity,
                                     message_options const& opts = {}) noexcept;
#endif

/// parse_message with a header_field array: `header_field h[64]; parse_message(text, h)`.
template <std::size_t N>
inline result<message> parse_message(borrowed_text input, header_field (&headers)[N], message_options const& opts = {}) noexcept {
    return parse_message(input, headers, N, opts);
}

} // namespace sipview

#endif
