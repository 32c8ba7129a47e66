// sipview — name-addr / addr-spec with header parameters (From, To, Contact,
// Route, Record-Route, Reply-To...), RFC 3261 §20.10, §20.20, §20.39, §25.1.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_NAME_ADDR_HPP
#define SIPVIEW_NAME_ADDR_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include <sipview/core.hpp>
#include <sipview/uri.hpp>

namespace sipview {

/// A name-addr (`"Alice" <sip:alice@host>;tag=1`) or bare addr-spec
/// (`sip:alice@host;tag=1`) with its header parameters. For an addr-spec
/// without <>, trailing `;params` are header parameters (RFC 3261 §20.10).
struct name_addr {
    std::string_view text;                          ///< the whole element, parameters included
    std::optional<std::string_view> display_name;   ///< as written: with its quotes when quoted
    bool display_name_quoted = false;
    bool bracketed = false;                         ///< the URI was inside <>
    sipview::uri uri;
    std::string_view params_text;                   ///< header parameters, each with its leading SEMI

    /// Header parameters as {name, optional value}, in order.
    param_range params() const noexcept { return {params_text, ';'}; }
    /// The value of header parameter `name` (case-insensitive); absent for a flag.
    std::optional<std::string_view> param_value(std::string_view name) const noexcept { return params().value(name); }
    /// tag-param = "tag" EQUAL token
    std::optional<std::string_view> tag() const noexcept { return param_value("tag"); }
    /// c-p-expires = "expires" EQUAL delta-seconds (validated to fit 32 bits)
    std::optional<std::uint32_t> expires() const noexcept { return params().number_value("expires"); }
    /// c-p-q = "q" EQUAL qvalue, in thousandths (q=0.5 -> 500).
    std::optional<std::uint16_t> q() const noexcept {
        auto v = param_value("q");
        if (!v || v->empty()) return std::nullopt;
        unsigned milli = static_cast<unsigned>((*v)[0] - '0') * 1000u;
        unsigned scale = 100;
        for (std::size_t i = 2; i < v->size() && scale > 0; ++i, scale /= 10)
            milli += static_cast<unsigned>((*v)[i] - '0') * scale;
        return static_cast<std::uint16_t>(milli);
    }
    /// The display name without quotes, quoted-pairs resolved, line folds
    /// removed, into caller storage. In decode_mode::text (the default) a
    /// name that decodes to NUL, another control character or ill-formed
    /// UTF-8 (`"Bob\<NUL>" <sip:...>`, an overlong `C0 80`) is errc::syntax
    /// at its offset in display_name; see decode_quoted and decode_mode.
    result<std::string_view> decode_display_name(char* out, std::size_t capacity,
                                                 decode_mode mode = decode_mode::text) const noexcept {
        if (!display_name) return std::string_view{};
        // *(token LWS) has no quotes and no backslashes: only its folds are removed.
        if (!display_name_quoted) return detail::decode_quoted_body(*display_name, 0, out, capacity, mode);
        return decode_quoted(*display_name, out, capacity, mode);
    }
};

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace name_addr_rules {
using namespace detail;
using x3::lit;
using sipview::name_addr;

/// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
/// Why hand-written: PEG greediness (0*3DIGIT then no further token character).
struct qvalue_parser : primitive<qvalue_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last || (*first != '0' && *first != '1')) return false;
        bool const one = *first == '1';
        It p = first + 1;
        if (p != last && *p == '.') {
            ++p;
            for (int i = 0; i < 3 && p != last && is(*p, c_digit); ++i, ++p)
                if (one && *p != '0') return false;
        }
        if (p != last && is(*p, token_chars)) return false;
        first = p;
        return true;
    }
};

/// delta-seconds = 1*DIGIT (at most 2^32 - 1 here)
/// Why hand-written: exact error position (a too-large value, at its first digit).
struct delta_seconds_parser : primitive<delta_seconds_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        std::uint64_t v = 0;
        std::size_t const n = bounded_uint(first, last, 0xFFFFFFFFu, v);
        if (n == 0) {
            if (v != 0) report(ctx, first, diag::na_expires_range);
            return false;
        }
        if (first + static_cast<std::ptrdiff_t>(n) != last && is(first[n], token_chars)) return false;
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};

/// from-param / to-param / contact-params / rr-param:
///   tag-param = "tag" EQUAL token; c-p-q = "q" EQUAL qvalue;
///   c-p-expires = "expires" EQUAL delta-seconds; generic-param otherwise.
/// Known names must carry a well-formed value.
inline constexpr auto header_param = by_name(
    generic_param,
    when("tag", describe(diag::na_tag_equal)[EQUAL] >> describe(diag::na_tag_value)[token]),
    when("q", describe(diag::na_q_equal)[EQUAL] >> describe(diag::na_q_value)[qvalue_parser{}]),
    when("expires", describe(diag::na_expires_equal)[EQUAL] >> describe(diag::na_expires_value)[delta_seconds_parser{}]));
inline constexpr auto header_params =
    set<&name_addr::params_text>[*(SEMI >> describe(diag::na_header_param)[header_param])];

/// display-name = *(token LWS) / quoted-string. RFC 4475 §3.1.1.6: no LWS is
/// needed between the last token and LAQUOT (LAQUOT = SWS "<").
inline constexpr auto display_name =
    (mark<&name_addr::display_name_quoted, true>[set<&name_addr::display_name>[quoted]]) |
    set<&name_addr::display_name>[token >> *(LWS >> token)];

/// quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE: whitespace may
/// come before a quoted display name, as before LAQUOT (` "User" <sip:u@h>`
/// like ` <sip:u@h>`). Only a value's first element can start with it (COMMA
/// takes the SWS before the others, and a message's values are trimmed), so
/// the entry points skip it, not every element: display_name starts at its DQUOTE.
/// Why hand-written: it runs on every value, and most start with no whitespace
/// (one byte test, instead of an optional sequence with a lookahead).
struct quoted_lead_parser : primitive<quoted_lead_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last || !is(*first, c_lws_first)) return true;
        It const p = first + static_cast<std::ptrdiff_t>(lws_length(first, last));
        if (p != last && *p == '"') first = p;
        return true;
    }
};
inline constexpr quoted_lead_parser quoted_lead{};

/// Leniency allow_lws_in_brackets: whitespace right after '<' or right
/// before '>' (`< sip:alice@example.com >`); name-addr = [ display-name ]
/// LAQUOT addr-spec RAQUOT has none there.
struct lws_in_brackets_parser : primitive<lws_in_brackets_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || !is(*first, c_lws_first)) return false;
        std::size_t const n = lws_length(first, last);
        if (n == 0 || !lenient(ctx, leniency::allow_lws_in_brackets)) return false;
        accept_deviation(ctx, first, leniency::allow_lws_in_brackets);
        first += static_cast<std::ptrdiff_t>(n);
        return true;
    }
};
inline constexpr lws_in_brackets_parser lws_in_brackets{};

/// name-addr = [ display-name ] LAQUOT addr-spec RAQUOT. Every caller
/// starts each element with a fresh name_addr (parse_name_addr, the list
/// parser and the list iterator reset it), so a failure just resets it.
inline constexpr auto name_addr_form =
    reset_on_failure<name_addr>[-display_name >> SWS >> describe(diag::na_laquot)[lit('<')] >>
                        mark<&name_addr::bracketed, true>[x3::eps] >> -lws_in_brackets >>
                        into<&name_addr::uri>[ref<grammar::uri>] >> -lws_in_brackets >>
                        describe(diag::na_raquot)[lit('>')]];

/// addr-spec = SIP-URI / SIPS-URI / absoluteURI, outside <> (no ',' ';' '?').
inline constexpr auto addr_spec_form = into<&name_addr::uri>[ref<grammar::bare_uri>];

/// ( name-addr / addr-spec ) *( SEMI param ): from-spec, to-spec, contact-param.
inline constexpr auto element = set<&name_addr::text>[(ref<name_addr_form> | addr_spec_form) >> ref<header_params>];
/// route-param / rec-route = name-addr *( SEMI rr-param )
inline constexpr auto bracketed_element = set<&name_addr::text>[ref<name_addr_form> >> ref<header_params>];

/// Leniency allow_unbracketed_info_uri: an Alert-Info / Call-Info /
/// Error-Info / Geolocation value whose URI is not in <> (`Alert-Info:
/// http://example.com/ring.wav`, `Alert-Info: Ring Answer`): the text up to
/// ';', ',' or the end becomes the URI view (a URI without ',' ';' '?' is
/// parsed as one; anything else is kept as text, with no scheme).
struct unbracketed_info_uri_parser : primitive<unbracketed_info_uri_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        if (first == last || *first == '<' || *first == '"' || *first == ';' || *first == ',' || is(*first, c_lws_first))
            return false;
        It end = first;
        while (end != last && *end != ';' && *end != ',' && *end != '<' && *end != '>' && *end != '"' &&
               (is(*end, c_wsp) || static_cast<unsigned char>(*end) > 0x20) && *end != 0x7f)
            ++end;
        It text_end = end;
        while (text_end != first && is(text_end[-1], c_wsp)) --text_end;
        if (text_end == first || !lenient(ctx, leniency::allow_unbracketed_info_uri)) return false;
        name_addr& ast = ast_of<name_addr>(ctx);
        It p = first;
        if (!(into<&name_addr::uri>[ref<grammar::bare_uri>].parse(p, text_end, ctx, rctx, attr) && p == text_end)) {
            ast.uri = sipview::uri{};
            ast.uri.text = ast.uri.opaque = std::string_view(first, static_cast<std::size_t>(text_end - first));
        }
        accept_deviation(ctx, first, leniency::allow_unbracketed_info_uri);
        first = text_end;
        return true;
    }
};
/// info = LAQUOT absoluteURI RAQUOT *( SEMI info-param ), or the unbracketed
/// form under allow_unbracketed_info_uri.
inline constexpr auto info_element =
    set<&name_addr::text>[(ref<name_addr_form> | unbracketed_info_uri_parser{}) >> ref<header_params>];

} // namespace name_addr_rules

/// Both expect a fresh (value-initialised) name_addr in the context for each
/// element: a failed name-addr attempt resets it rather than restoring it.
inline constexpr auto name_addr = name_addr_rules::element;
inline constexpr auto route_param = name_addr_rules::bracketed_element;
inline constexpr auto info_param = name_addr_rules::info_element;
/// A whole input that is one from-spec / to-spec.
inline constexpr auto name_addr_entry = name_addr_rules::quoted_lead >> ref<name_addr> >> detail::describe(diag::na_end)[x3::eoi];

} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// A comma-separated list of name-addr elements (Contact, Route,
/// Record-Route...) or Contact's `*`. Iterating re-reads each element from
/// the validated text: no allocation. `Element` is name_addr, or a type
/// derived from it that adds accessors for its header's own parameters
/// (diversion, history_entry).
/// Which grammar a name-addr list's elements follow.
enum class name_addr_form : unsigned char {
    any,        ///< ( name-addr / addr-spec ) *( SEMI param ): Contact, Reply-To, P-Asserted-Identity...
    bracketed,  ///< name-addr *( SEMI param ): Route, Record-Route, Path, Diversion, History-Info
    info,       ///< LAQUOT URI RAQUOT *( SEMI param ): Alert-Info, Call-Info, Error-Info, Geolocation
};

template <class Element>
class basic_name_addr_list {
public:
    constexpr basic_name_addr_list() noexcept = default;
    /// `lenient`: the leniency flags the text was validated under (the
    /// iterator re-reads it under the same ones).
    basic_name_addr_list(std::string_view text, bool star, name_addr_form form, std::size_t count,
                         leniency_set lenient = {}) noexcept
        : text_(text), star_(star), form_(form), count_(count), lenient_(lenient) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // *it is held in the iterator
        using value_type = Element;
        using difference_type = std::ptrdiff_t;
        using pointer = Element const*;
        using reference = Element const&;

        iterator() noexcept = default;
        iterator(char const* p, char const* end, name_addr_form form, leniency_set lenient) noexcept
            : next_(p), end_(end), form_(form), lenient_(lenient) {
            advance();
        }
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.at_ == b.at_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.at_ != b.at_; }

    private:
        void advance() noexcept;  // re-reads the next element with its grammar (defined below)
        char const* next_ = nullptr;
        char const* end_ = nullptr;
        char const* at_ = nullptr;
        name_addr_form form_ = name_addr_form::any;
        leniency_set lenient_{};
        Element current_{};
    };

    iterator begin() const noexcept {
        if (star_) return iterator();
        return iterator(text_.data(), text_.data() + text_.size(), form_, lenient_);
    }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }
    Element front() const noexcept { return empty() ? Element{} : *begin(); }
    /// Contact: * (RFC 3261 §10.2.2: remove all bindings)
    bool is_star() const noexcept { return star_; }
    std::string_view text() const noexcept { return text_; }
    name_addr_form form() const noexcept { return form_; }
    leniency_set lenient() const noexcept { return lenient_; }

private:
    std::string_view text_;
    bool star_ = false;
    name_addr_form form_ = name_addr_form::any;
    std::size_t count_ = 0;
    leniency_set lenient_{};
};

#if SIPVIEW_HAS_GRAMMARS  // separate mode: instantiated in src.hpp
template <class Element>
SIPVIEW_DECL void basic_name_addr_list<Element>::iterator::advance() noexcept {
    namespace x3 = boost::spirit::x3;
    // skip COMMA (and the leading SWS of the first element)
    char const* p = next_;
    while (p != end_ && (detail::is(*p, detail::c_wsp) || *p == '\r' || *p == '\n' || *p == ',')) ++p;
    if (p == end_) { at_ = nullptr; current_ = Element{}; return; }
    at_ = p;
    current_ = Element{};
    // the context of run() (an error sink carrying the leniency flags):
    // the element grammar is the one instantiated for validation
    detail::error_sink sink;
    sink.begin = p;
    sink.lenient = lenient_;
    auto const sink_ctx = x3::make_context<detail::error_tag>(sink);
    auto const ctx = x3::make_context<detail::ast_tag<name_addr>>(static_cast<name_addr&>(current_), sink_ctx);
    bool const ok = form_ == name_addr_form::bracketed ? detail::grammar::route_param.parse(p, end_, ctx, x3::unused, x3::unused)
                    : form_ == name_addr_form::info   ? detail::grammar::info_param.parse(p, end_, ctx, x3::unused, x3::unused)
                                                      : detail::grammar::name_addr.parse(p, end_, ctx, x3::unused, x3::unused);
    if (!ok) { at_ = nullptr; current_ = Element{}; return; }  // unreachable on validated text
    next_ = p;
}
#endif

/// The name-addr list of Contact, Route, Record-Route, Path, P-Asserted-Identity...
using name_addr_list = basic_name_addr_list<name_addr>;

/// A Diversion element (RFC 5806 §3): name-addr *( ";" diversion-params ).
struct diversion : name_addr {
    /// diversion-reason: "unknown", "user-busy", "no-answer", "unavailable", "unconditional", ... or a token / quoted-string.
    std::optional<std::string_view> reason() const noexcept { return param_value("reason"); }
    /// diversion-counter = 1*2DIGIT
    std::optional<std::uint32_t> counter() const noexcept { return number("counter"); }
    /// diversion-limit = 1*2DIGIT
    std::optional<std::uint32_t> limit() const noexcept { return number("limit"); }
    std::optional<std::string_view> privacy() const noexcept { return param_value("privacy"); }
    std::optional<std::string_view> screen() const noexcept { return param_value("screen"); }

private:
    std::optional<std::uint32_t> number(std::string_view name) const noexcept {
        auto v = param_value(name);
        if (!v) return std::nullopt;
        auto n = to_uint(*v, 99);
        if (!n) return std::nullopt;
        return static_cast<std::uint32_t>(*n);
    }
};

/// A History-Info entry (RFC 7044 §4.1): hi-targeted-to-uri *( SEMI hi-param ).
struct history_entry : name_addr {
    /// hi-index: "1", "1.1", "1.1.2"...: where the entry sits in the retargeting tree.
    std::optional<std::string_view> index() const noexcept { return param_value("index"); }
    /// rc / mp / np: the index of the entry this one was retargeted from (RFC 7044 §4.1).
    std::optional<std::string_view> rc() const noexcept { return param_value("rc"); }
    std::optional<std::string_view> mp() const noexcept { return param_value("mp"); }
    std::optional<std::string_view> np() const noexcept { return param_value("np"); }
};

/// The fields each adds to the name-addr, by name, for generic consumers (JSON).
template <class F>
inline void visit_fields(diversion const& v, F&& f) {
    f("reason", v.reason());
    f("counter", v.counter());
}
template <class F>
inline void visit_fields(history_entry const& v, F&& f) {
    f("index", v.index());
}

using diversion_list = basic_name_addr_list<diversion>;
using history_info_list = basic_name_addr_list<history_entry>;

#if SIPVIEW_HAS_GRAMMARS
namespace detail {

/// The strict path's fast path for one element of a name-addr header in its
/// common shape, filling `na` as grammar::name_addr (grammar::route_param
/// when `bracketed`) would; returns the element's end, or nullptr where the
/// grammar must decide (the caller then runs it on the whole value). It takes
///   name-addr = [ display-name ] LAQUOT addr-spec RAQUOT, the display-name a
///     quoted-string of c_qd_fast bytes and quoted-pairs (no UTF-8) or
///     *(token LWS) with SP / HTAB only, addr-spec a SIP-URI / SIPS-URI
///     (fast_sip_uri), no LWS in the brackets;
///   addr-spec = SIP-URI / SIPS-URI outside <> (not when `bracketed`);
///   then *( SEMI param ), SWS around ';' and '=': tag-param = "tag" EQUAL token,
///     c-p-q = "q" EQUAL qvalue, c-p-expires = "expires" EQUAL delta-seconds,
///     generic-param = token [ EQUAL token ].
/// Whatever follows is the caller's to check.
SIPVIEW_HOT inline iter fast_name_addr(iter p, iter last, bool bracketed, name_addr& na) noexcept {
    iter const start = p;
    if (p == last) return nullptr;
    bool addr_spec = false;
    // SWS = [LWS], LWS = [*WSP CRLF] 1*WSP: one fold at most, as the grammar
    auto const sws = [last](iter i) noexcept { return lws_may_start(i, last) ? i + lws_length(i, last) : i; };
    if (*p == '"') {  // display-name = quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE
        iter q = p + 1;
        for (;;) {
            q = skip_class<c_qd_fast>(q, last);
            if (q == last) return nullptr;
            if (*q == '"') break;
            // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); UTF-8 and folds go to the grammar
            if (*q != '\\' || last - q < 2 || !is(q[1], c_qpair)) return nullptr;
            q += 2;
        }
        na.display_name = std::string_view(p, static_cast<std::size_t>(q + 1 - p));
        na.display_name_quoted = true;
        p = sws(q + 1);  // LAQUOT = SWS "<"
    } else if (*p != '<') {  // display-name = *(token LWS)
        iter end = skip_class<token_chars>(p, last);
        if (end == p) return nullptr;
        // a token then ':' is no display-name (LAQUOT must follow it): only
        // the addr-spec can match, here a SIP or SIPS URI
        addr_spec = end != last && *end == ':';
        if (addr_spec && (bracketed || (p = fast_sip_uri(p, last, true, na.uri)) == nullptr)) return nullptr;
        if (!addr_spec) {
            for (iter q = skip_class<c_wsp>(end, last); q != last && is(*q, token_chars); q = skip_class<c_wsp>(end, last))
                end = skip_class<token_chars>(q, last);
            na.display_name = std::string_view(p, static_cast<std::size_t>(end - p));
            p = skip_class<c_wsp>(end, last);
        }
    }
    if (!addr_spec) {
        // LAQUOT addr-spec RAQUOT
        if (p == last || *p != '<') return nullptr;
        p = fast_sip_uri(p + 1, last, false, na.uri);
        if (p == nullptr || p == last || *p != '>') return nullptr;
        na.bracketed = true;
        ++p;
    }
    // *( SEMI param ): from-param, to-param, contact-params, rr-param, with
    // SEMI = SWS ";" SWS and EQUAL = SWS "=" SWS
    iter const params = p;
    for (;;) {
        iter q = sws(p);
        if (q == last || *q != ';') break;  // the params end before that SWS
        iter const name = sws(q + 1);
        iter const name_end = skip_class<token_chars>(name, last);
        std::string_view const pname(name, static_cast<std::size_t>(name_end - name));
        if (pname.empty()) return nullptr;
        q = sws(name_end);
        bool const eq = q != last && *q == '=';
        iter const value = eq ? sws(q + 1) : name_end;
        if (iequals_lower(pname, "q")) {  // c-p-q = "q" EQUAL qvalue
            if (!eq) return nullptr;
            p = value;
            if (!grammar::name_addr_rules::qvalue_parser{}.parse(p, last, x3::unused, x3::unused, x3::unused)) return nullptr;
        } else if (iequals_lower(pname, "expires")) {  // c-p-expires = "expires" EQUAL delta-seconds
            std::uint64_t v = 0;
            std::size_t const n = eq ? bounded_uint(value, last, 0xFFFFFFFFu, v) : 0;
            if (n == 0 || (value + n != last && is(value[n], token_chars))) return nullptr;
            p = value + n;
        } else if (eq) {  // tag-param = "tag" EQUAL token; generic-param = token [ EQUAL token ]
            p = skip_class<token_chars>(value, last);
            if (p == value) return nullptr;
        } else if (iequals_lower(pname, "tag")) {
            return nullptr;
        } else {
            p = name_end;
        }
    }
    na.params_text = std::string_view(params, static_cast<std::size_t>(p - params));
    na.text = std::string_view(start, static_cast<std::size_t>(p - start));
    return p;
}

/// fast_name_addr over `element *(COMMA element)` (COMMA without line
/// folds), counting the elements; false where the grammar must decide.
inline bool fast_name_addr_list(std::string_view text, bool bracketed, std::size_t& count) noexcept {
    iter p = text.data();
    iter const last = p + text.size();
    std::size_t n = 0;
    for (;;) {
        name_addr scratch;
        p = fast_name_addr(p, last, bracketed, scratch);
        if (p == nullptr) return false;
        ++n;
        if (p == last) break;
        p = skip_class<c_wsp>(p, last);  // COMMA = SWS "," SWS
        if (p == last || *p != ',') return false;
        p = skip_class<c_wsp>(p + 1, last);
    }
    count = n;
    return true;
}

/// Validates `element *(COMMA element)`, counting the elements. The AST in
/// context is scratch space for each element in turn.
/// Why hand-written: exact error position (a missing separator is reported
/// where the element ended) and the per-element count and scratch reset,
/// which X3's kleene has no place for.
template <class Element>
struct counted_list_parser : primitive<counted_list_parser<Element>> {
    Element element;
    std::size_t* count;
    constexpr counted_list_parser(Element e, std::size_t* n) : element(e), count(n) {}
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        auto& scratch = ast_of<name_addr>(ctx);
        if (!element.parse(first, last, ctx, rctx, attr)) return false;
        ++*count;
        for (;;) {
            It p = first;
            if (!grammar::COMMA.parse(p, last, ctx, rctx, attr)) {
                if (first == last) return true;
                report(ctx, first, diag::na_list_separator);
                return false;
            }
            scratch = name_addr{};
            if (!describe(diag::na_list_element)[element].parse(p, last, ctx, rctx, attr)) return false;
            ++*count;
            first = p;
        }
    }
};

/// Adds what a person needs to hear to a name-addr failure.
inline void explain_name_addr_error(std::string_view text, parse_error& e) noexcept {
    std::size_t const at = e.offset;
    char const ch = at < text.size() ? text[at] : '\0';
    // The element (and URI) the error is in: after the nearest '<' or ',' before it.
    std::size_t start = 0;
    bool in_brackets = false;
    bool after_brackets = false;  // in the header parameters after '>'
    for (std::size_t i = at < text.size() ? at : text.size(); i > 0; --i) {
        char const c = text[i - 1];
        if (c == '<') { start = i; in_brackets = true; break; }
        if (c == ',' || c == '>') { start = i; after_brackets = c == '>'; break; }
    }
    if (e.id == diag::core_quoted_unterminated) {
        e.add_hint(diag::na_close_quote_hint);
        return;
    }
    // ` Alice <sip:...>`: display-name = *(token LWS) does not start with
    // whitespace (quoted-string and LAQUOT do); the culprit is the whitespace.
    if (e.id == diag::na_laquot && !in_brackets && !after_brackets && at > start && is(ch, token_chars)) {
        std::size_t k = start;
        while (k < at && (text[k] == ' ' || text[k] == '\t')) ++k;
        if (k == at) {
            e.offset = start;
            e.refine(diag::na_leading_whitespace);
            return;
        }
    }
    if (after_brackets) {  // the URI ended at '>': what the parameter grammar said stands
        if (ch == ' ' || ch == '\t' || ch == '\r') e.add_hint(diag::na_param_whitespace_hint);
        return;
    }
    if (in_brackets && (ch == ' ' || ch == '\t') && (at == start || e.id == diag::na_raquot)) {
        e.refine(diag::na_whitespace_in_brackets);
        return;
    }
    if (!in_brackets && (ch == ',' || ch == '.' || ch == ':' || ch == '"' || ch == '@') &&
        text.find('<', at) != std::string_view::npos && text.substr(start, at - start).find(':') == std::string_view::npos) {
        e.refine(diag::na_unquoted_display_name);
        return;
    }
    if (!in_brackets && (ch == '?' || ch == ';' || ch == ',')) e.add_hint(diag::na_brackets_hint);
    // URI-level explanations (second '@', missing host, IPv6 brackets...)
    std::size_t s = start;
    while (s < text.size() && (text[s] == ' ' || text[s] == '\t')) ++s;
    if (!in_brackets) {
        // skip a display name that precedes nothing: bare addr-spec starts at s
    }
    if (e.hint.empty() || ch == '@') explain_uri_error(text.substr(s), s, e);
}

template <class Element>
SIPVIEW_HOT inline result<name_addr_list> parse_list(std::string_view text, Element const& element, name_addr_form form,
                                         parse_options const& opts) noexcept {
    std::size_t count = 0;
    name_addr scratch;
    parse_error err;
    if (fast_paths && opts.lenient.bits() == 0 && form != name_addr_form::info &&
        fast_name_addr_list(text, form == name_addr_form::bracketed, count))
        return name_addr_list(text, false, form, count, opts.lenient);
    counted_list_parser<Element> const list(element, &count);
    if (run(text, grammar::name_addr_rules::quoted_lead >> list, scratch, err, opts) && count != 0)
        return name_addr_list(text, false, form, count, opts.lenient);
    explain_name_addr_error(text, err);
    return err;
}

} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// from-spec / to-spec / a single contact-param: ( name-addr / addr-spec ) *( SEMI param ).
/// With `opts`, under the leniency flags of URIs and hosts and
/// allow_lws_in_brackets, reporting what they accepted to opts.warnings.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<name_addr> parse_name_addr_impl(borrowed_text text, parse_options const& opts) noexcept {
    result<name_addr> r(std::in_place);
    if (fast_paths && opts.lenient.bits() == 0) {
        iter const last = text.data() + text.size();
        iter const e = fast_name_addr(text.data(), last, false, *r);
        if (e != nullptr && e == last) return r;  // the common shape, as the grammar would have filled it
        *r = name_addr{};
    }
    parse_error err;
    if (!detail::run(text, detail::grammar::name_addr_entry, *r, err, opts)) {
        detail::explain_name_addr_error(text, err);
        r.set_error(err);
    }
    return r;
}
#else
result<name_addr> parse_name_addr_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr>, detail::parse_name_addr_impl> parse_name_addr{};

/// Contact value: STAR / ( contact-param *( COMMA contact-param ) ).
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<name_addr_list> parse_contact_list_impl(borrowed_text text, parse_options const& opts) noexcept {
    if (text.size() == 1 && text[0] == '*') return name_addr_list(text, true, name_addr_form::any, 0, opts.lenient);
    return detail::parse_list(text, detail::grammar::name_addr, name_addr_form::any, opts);
}
#else
result<name_addr_list> parse_contact_list_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr_list>, detail::parse_contact_list_impl> parse_contact_list{};

/// Route / Record-Route value: name-addr *( SEMI rr-param ), comma-separated;
/// the URI must be inside <>.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<name_addr_list> parse_route_list_impl(borrowed_text text, parse_options const& opts) noexcept {
    return detail::parse_list(text, detail::grammar::route_param, name_addr_form::bracketed, opts);
}
#else
result<name_addr_list> parse_route_list_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr_list>, detail::parse_route_list_impl> parse_route_list{};

/// P-Asserted-Identity / P-Preferred-Identity value (RFC 3325 §9.1):
/// PAssertedID-value *(COMMA PAssertedID-value), each name-addr / addr-spec
/// with no parameters (a ';' after an element is an error at the ';').
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<name_addr_list> parse_identity_list_impl(borrowed_text text, parse_options const& opts) noexcept {
    auto r = detail::parse_list(text, detail::grammar::name_addr, name_addr_form::any, opts);
    if (!r) return r;
    for (name_addr const& n : *r)
        if (!n.params_text.empty()) {
            std::size_t at = static_cast<std::size_t>(n.params_text.data() - text.data());
            while (at < text.size() && text[at] != ';') ++at;
            return make_error(diag::na_identity_params, at);
        }
    return r;
}
#else
result<name_addr_list> parse_identity_list_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr_list>, detail::parse_identity_list_impl> parse_identity_list{};

/// Diversion value (RFC 5806 §3): name-addr *( ";" diversion-params ), comma-separated, <> required.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<diversion_list> parse_diversion_impl(borrowed_text text, parse_options const& opts) noexcept {
    auto r = parse_route_list(text, opts);
    if (!r) return r.error();
    return diversion_list(r->text(), false, name_addr_form::bracketed, r->size(), opts.lenient);
}
#else
result<diversion_list> parse_diversion_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<diversion_list>, detail::parse_diversion_impl> parse_diversion{};

/// History-Info value (RFC 7044 §4.1): hi-entry *(COMMA hi-entry), <> required.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<history_info_list> parse_history_info_impl(borrowed_text text, parse_options const& opts) noexcept {
    auto r = parse_route_list(text, opts);
    if (!r) return r.error();
    return history_info_list(r->text(), false, name_addr_form::bracketed, r->size(), opts.lenient);
}
#else
result<history_info_list> parse_history_info_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<history_info_list>, detail::parse_history_info_impl> parse_history_info{};

/// Alert-Info, Call-Info, Error-Info (RFC 3261 §20.4, §20.9, §20.18) and
/// Geolocation (RFC 6442 §4.1) values: LAQUOT absoluteURI RAQUOT *( SEMI
/// generic-param ), comma-separated, no display name (an error at it).
/// Under allow_unbracketed_info_uri the URI may come without <>.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<name_addr_list> parse_info_list_impl(borrowed_text text, parse_options const& opts) noexcept {
    auto r = detail::parse_list(text, detail::grammar::info_param, name_addr_form::info, opts);
    if (!r) return r;
    for (name_addr const& n : *r)
        if (n.display_name)
            return make_error(diag::na_info_display_name, static_cast<std::size_t>(n.display_name->data() - text.data()));
    return r;
}
#else
result<name_addr_list> parse_info_list_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr_list>, detail::parse_info_list_impl> parse_info_list{};

/// Any comma-separated list of ( name-addr / addr-spec ) *( SEMI param )
/// (Reply-To, Refer-To lists, P-Asserted-Identity...).
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<name_addr_list> parse_name_addr_list_impl(borrowed_text text, parse_options const& opts) noexcept {
    return detail::parse_list(text, detail::grammar::name_addr, name_addr_form::any, opts);
}
#else
result<name_addr_list> parse_name_addr_list_impl(borrowed_text text, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<name_addr_list>, detail::parse_name_addr_list_impl> parse_name_addr_list{};

} // namespace sipview

#endif
