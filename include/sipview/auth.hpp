// sipview — SIP authentication: credentials (Authorization,
// Proxy-Authorization) and challenges (WWW-Authenticate, Proxy-Authenticate),
// RFC 3261 §25.1 as updated by RFC 7616 and RFC 8760, as read-only views over
// the caller's text; and the Digest computation (HA1, HA2, response,
// userhash) with the hash function supplied by the caller.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_AUTH_HPP
#define SIPVIEW_AUTH_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>  // std::less_equal
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>

#include <sipview/core.hpp>
#include <sipview/digest.hpp>
#include <sipview/uri.hpp>

namespace sipview {

// ===========================================================================
// Values

/// One auth-param value as it came on the wire: a quoted-string (with its
/// DQUOTEs in `raw`) or a token.
struct auth_value {
    std::string_view raw;  ///< as written: `"company1"` or `MD5`
    bool quoted = false;   ///< raw is a quoted-string

    /// The value without its quotes; quoted-pairs (`\"`) and line folds kept.
    /// Equal to the decoded value whenever the value holds no backslash and no fold.
    /// Unchecked: a quoted value may hold ill-formed UTF-8 such as an overlong
    /// `C0 80` (see decode_mode); check_text() or decode() checks it.
    std::string_view text() const noexcept { return quoted ? unquote(raw) : raw; }

    /// The value with quotes removed, quoted-pairs resolved and folds removed,
    /// written to [out, out + cap); always a view of `out`. In
    /// decode_mode::text (the default) a value that decodes to NUL, another
    /// control character or ill-formed UTF-8 (`username="alice\<NUL>evil"`)
    /// is errc::syntax at its offset in `raw`; see decode_quoted.
    result<std::string_view> decode(char* out, std::size_t cap, decode_mode mode = decode_mode::text) const noexcept {
        if (quoted) return decode_quoted(raw, out, cap, mode);
        if (raw.size() > cap) return make_error(diag::decode_buffer_full, cap);
        if (mode == decode_mode::text) {
            auto const checked = check_text(raw);  // a token is ASCII text; a hand-made value may not be
            if (!checked) return checked.error();
        }
        for (std::size_t i = 0; i < raw.size(); ++i) out[i] = raw[i];
        return std::string_view(out, raw.size());
    }
};

namespace detail {
inline std::optional<auth_value> auth_param_value(std::string_view params_text, std::string_view name) noexcept {
    auto p = param_range(params_text, ',').find(name);
    if (!p || !p->value) return std::nullopt;
    std::string_view const v = *p->value;
    return auth_value{v, !v.empty() && v.front() == '"'};
}
/// A Digest field: the grammar's capture when it ran (`captured`), else a
/// scan of the auth-params (non-Digest schemes).
inline std::optional<auth_value> captured_value(bool captured, std::string_view raw, std::string_view params_text,
                                                std::string_view name) noexcept {
    if (!captured) return auth_param_value(params_text, name);
    if (raw.data() == nullptr) return std::nullopt;
    return auth_value{raw, !raw.empty() && raw.front() == '"'};
}
} // namespace detail

/// The qop-values of a challenge's `qop="auth,auth-int"`: an input range of
/// tokens (std::string_view into the parsed text). Whitespace and line folds
/// around the commas are skipped.
class qop_range {
public:
    constexpr qop_range() noexcept = default;
    /// `list` is the text between the quotes.
    explicit constexpr qop_range(std::string_view list) noexcept : list_(list) {}

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // *it is held in the iterator
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = std::string_view const*;
        using reference = std::string_view const&;

        constexpr iterator() noexcept = default;
        iterator(char const* p, char const* end) noexcept : next_(p), end_(end) { advance(); }

        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept { advance(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; advance(); return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.current_.data() == b.current_.data(); }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }

    private:
        static bool separator(char c) noexcept { return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
        void advance() noexcept {
            while (next_ != end_ && separator(*next_)) ++next_;
            if (next_ == end_) { current_ = std::string_view(); return; }
            char const* b = next_;
            while (next_ != end_ && !separator(*next_)) ++next_;
            current_ = std::string_view(b, static_cast<std::size_t>(next_ - b));
        }
        char const* next_ = nullptr;
        char const* end_ = nullptr;
        std::string_view current_;  // data() == nullptr at the end
    };

    iterator begin() const noexcept { return iterator(list_.data(), list_.data() + list_.size()); }
    iterator end() const noexcept { return iterator(); }
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
    /// Whether `qop` (e.g. "auth-int") is offered, case-insensitively.
    bool contains(std::string_view qop) const noexcept {
        for (std::string_view q : *this)
            if (iequals(q, qop)) return true;
        return false;
    }
    std::string_view text() const noexcept { return list_; }

private:
    std::string_view list_;
};

// ===========================================================================
// Credentials and challenges

namespace detail {
struct auth_access;  // the grammar's only way to the parser caches below
} // namespace detail

/// credentials = ("Digest" LWS digest-response) / other-response.
/// Every view points into the parsed text; accessors scan params_text lazily.
struct credentials {
    std::string_view text;         ///< the whole value
    std::string_view scheme;       ///< "Digest", "digest", "NoOneKnowsThisScheme", ...
    std::string_view params_text;  ///< the auth-params after the scheme and its LWS

    bool is_digest() const noexcept { return iequals(scheme, "Digest"); }
    /// The Bearer scheme (RFC 8898): params_text is the token, there are no auth-params.
    bool is_bearer() const noexcept { return iequals(scheme, "Bearer"); }
    /// bearer-response = b64token (RFC 8898 §6, RFC 6750 §2.1), for the Bearer scheme.
    std::optional<std::string_view> bearer_token() const noexcept {
        if (!is_bearer()) return std::nullopt;
        return params_text;
    }
    /// All auth-params, in order, as {name, value}; values raw (quoted ones
    /// keep their quotes). Empty for Bearer, whose credentials are a token.
    param_range params() const noexcept { return is_bearer() ? param_range() : param_range(params_text, ','); }
    /// The first auth-param named `name` (case-insensitive).
    std::optional<auth_value> param_value(std::string_view name) const noexcept {
        if (is_bearer()) return std::nullopt;
        return detail::auth_param_value(params_text, name);
    }

    std::optional<auth_value> username() const noexcept { return field(username_raw, "username"); }
    std::optional<auth_value> realm() const noexcept { return field(realm_raw, "realm"); }
    std::optional<auth_value> nonce() const noexcept { return field(nonce_raw, "nonce"); }
    std::optional<auth_value> uri() const noexcept { return field(uri_raw, "uri"); }          ///< digest-uri, quoted
    std::optional<auth_value> response() const noexcept { return field(response_raw, "response"); }
    std::optional<auth_value> algorithm() const noexcept { return field(algorithm_raw, "algorithm"); }
    std::optional<auth_value> cnonce() const noexcept { return field(cnonce_raw, "cnonce"); }
    std::optional<auth_value> opaque() const noexcept { return field(opaque_raw, "opaque"); }
    std::optional<auth_value> qop() const noexcept { return field(qop_raw, "qop"); }          ///< message-qop, a token
    std::optional<auth_value> nc() const noexcept { return field(nc_raw, "nc"); }            ///< 8 LHEX
    std::optional<auth_value> userhash() const noexcept { return field(userhash_raw, "userhash"); }

private:
    friend struct detail::auth_access;
    // Parser caches: the Digest fields captured by the grammar (first
    // occurrence, raw as on the wire; data() == nullptr when absent), valid
    // when `captured` is true. Otherwise (an AST filled by other means) the
    // accessors scan params_text.
    std::string_view username_raw, realm_raw, nonce_raw, uri_raw, response_raw, algorithm_raw, cnonce_raw, opaque_raw,
        qop_raw, nc_raw, userhash_raw;
    bool captured = false;

    std::optional<auth_value> field(std::string_view raw, std::string_view name) const noexcept {
        return detail::captured_value(captured, raw, params_text, name);
    }
};

/// challenge = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge.
struct challenge {
    std::string_view text;
    std::string_view scheme;
    std::string_view params_text;
    /// Under the leniency flag allow_multiple_challenges: the further
    /// challenges written in the same header field after a ',' (`Digest
    /// realm="a", nonce="1", Digest realm="a", nonce="1", algorithm=SHA-256`),
    /// as text for parse_challenge (with the same flag); empty otherwise.
    std::string_view following;

    bool is_digest() const noexcept { return iequals(scheme, "Digest"); }
    param_range params() const noexcept { return {params_text, ','}; }
    std::optional<auth_value> param_value(std::string_view name) const noexcept { return detail::auth_param_value(params_text, name); }

    std::optional<auth_value> realm() const noexcept { return field(realm_raw, "realm"); }
    std::optional<auth_value> nonce() const noexcept { return field(nonce_raw, "nonce"); }
    std::optional<auth_value> opaque() const noexcept { return field(opaque_raw, "opaque"); }
    std::optional<auth_value> stale() const noexcept { return field(stale_raw, "stale"); }
    std::optional<auth_value> algorithm() const noexcept { return field(algorithm_raw, "algorithm"); }
    std::optional<auth_value> domain() const noexcept { return field(domain_raw, "domain"); }    ///< quoted, space-separated URIs
    std::optional<auth_value> charset() const noexcept { return param_value("charset"); }  ///< RFC 7616: UTF-8
    std::optional<auth_value> userhash() const noexcept { return field(userhash_raw, "userhash"); }
    std::optional<auth_value> qop() const noexcept { return field(qop_raw, "qop"); }          ///< the raw quoted qop-options
    /// The Bearer scheme (RFC 8898): realm, scope, authz_server, error.
    bool is_bearer() const noexcept { return iequals(scheme, "Bearer"); }
    std::optional<auth_value> scope() const noexcept { return param_value("scope"); }                ///< Bearer: quoted
    std::optional<auth_value> authz_server() const noexcept { return param_value("authz_server"); }  ///< Bearer: quoted URI of the authorization server
    std::optional<auth_value> error() const noexcept { return param_value("error"); }                ///< Bearer: quoted, e.g. "invalid_token"
    /// The qop-values offered (`qop="auth,auth-int"`); empty when there is no qop.
    qop_range qop_options() const noexcept {
        auto q = qop();
        return q ? qop_range(q->text()) : qop_range();
    }
    /// stale=true (case-insensitive).
    bool is_stale() const noexcept {
        auto s = stale();
        return s && iequals(s->text(), "true");
    }

private:
    friend struct detail::auth_access;
    // Parser caches (see credentials).
    std::string_view realm_raw, nonce_raw, opaque_raw, stale_raw, algorithm_raw, domain_raw, qop_raw, userhash_raw;
    bool captured = false;

    std::optional<auth_value> field(std::string_view raw, std::string_view name) const noexcept {
        return detail::captured_value(captured, raw, params_text, name);
    }
};

namespace detail {
/// The member pointers the grammar writes the parser caches through (the
/// caches are private: a static member's initialiser has the friend's access).
struct auth_access {
    static constexpr auto cred_username = &credentials::username_raw;
    static constexpr auto cred_realm = &credentials::realm_raw;
    static constexpr auto cred_nonce = &credentials::nonce_raw;
    static constexpr auto cred_uri = &credentials::uri_raw;
    static constexpr auto cred_response = &credentials::response_raw;
    static constexpr auto cred_algorithm = &credentials::algorithm_raw;
    static constexpr auto cred_cnonce = &credentials::cnonce_raw;
    static constexpr auto cred_opaque = &credentials::opaque_raw;
    static constexpr auto cred_qop = &credentials::qop_raw;
    static constexpr auto cred_nc = &credentials::nc_raw;
    static constexpr auto cred_userhash = &credentials::userhash_raw;
    static constexpr auto cred_captured = &credentials::captured;
    static constexpr auto chal_realm = &challenge::realm_raw;
    static constexpr auto chal_nonce = &challenge::nonce_raw;
    static constexpr auto chal_opaque = &challenge::opaque_raw;
    static constexpr auto chal_stale = &challenge::stale_raw;
    static constexpr auto chal_algorithm = &challenge::algorithm_raw;
    static constexpr auto chal_domain = &challenge::domain_raw;
    static constexpr auto chal_qop = &challenge::qop_raw;
    static constexpr auto chal_userhash = &challenge::userhash_raw;
    static constexpr auto chal_captured = &challenge::captured;
};
} // namespace detail

// ===========================================================================
// Grammar

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace auth_detail {

using detail::keyword;

constexpr bool upper_hex(char c) noexcept { return c >= 'A' && c <= 'F'; }

/// request-digest = LDQUOT (32LHEX / 64LHEX) RDQUOT (RFC 3261, RFC 7616, RFC 8760),
/// without the SWS (EQUAL has taken it). Reports the exact byte.
/// Why hand-written: exact error position (an uppercase or missing hex digit).
struct request_digest_parser : primitive<request_digest_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first != '"') return false;
        It const digits = first + 1;
        It const limit = digits + std::min<std::ptrdiff_t>(64, last - digits);
        It q = digits;
        while (q != limit && is(*q, c_lhex)) ++q;
        if (q != limit && upper_hex(*q)) {
            report(ctx, q, diag::auth_response_case);
            return false;
        }
        std::ptrdiff_t const n = q - digits;
        if ((n == 32 || n == 64) && q != last && *q == '"') {
            first = q + 1;
            return true;
        }
        report(ctx, q, diag::auth_response_digits);
        return false;
    }
};

/// nc-value = 8LHEX, not followed by another token character.
/// Why hand-written: exact error position (an uppercase hex digit) and PEG
/// greediness (exactly 8, then no token character).
struct nc_value_parser : primitive<nc_value_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || !is(*first, c_hex)) return false;  // reported by describe
        It const limit = first + std::min<std::ptrdiff_t>(8, last - first);
        It q = first;
        while (q != limit && is(*q, c_lhex)) ++q;
        if (q != limit && upper_hex(*q)) {
            report(ctx, q, diag::auth_nc_case);
            return false;
        }
        if (q - first == 8 && (q == last || !is(*q, token_chars))) {
            first = q;
            return true;
        }
        report(ctx, q, diag::auth_nc);
        return false;
    }
};

} // namespace auth_detail
} // namespace detail

namespace detail {
namespace grammar {
namespace auth_rules {
using namespace detail;
using namespace detail::auth_detail;
using x3::lit;

inline constexpr run_of<token_chars> tok{};

/// Separator between auth-params: COMMA = SWS "," SWS. The ',' is described
/// after the SWS so a missing comma is reported at the next name.
inline constexpr auto sep = SWS >> describe(diag::auth_comma)[lit(',')] >> SWS;
inline constexpr auto equal = describe(diag::auth_equal)[EQUAL];

/// A quoted-string-valued field: name EQUAL quoted-string (a by_name case).
#define SIPVIEW_AUTH_QUOTED_FIELD(NAME, MEMBER, ID) when(NAME, equal >> describe(diag::ID)[set_first<MEMBER>[quoted]])

/// auth-param = auth-param-name EQUAL ( token / quoted-string )
inline constexpr auto auth_param =
    describe(diag::auth_param_name)[tok] >> equal >> describe(diag::auth_param_value)[quoted | tok];

/// abs-path for HTTP-style digest-uris ("/dir/index.html", RFC 2617/7616 examples).
inline constexpr auto abs_path = lit('/') >> -escaped_run_of<uric_chars>{};
inline constexpr auto any_uri = describe(diag::auth_uri)[ref<sipview::detail::grammar::uri> | abs_path];

inline constexpr auto true_false = describe(diag::auth_bool)[keyword("true") | keyword("false")];

// --- credentials (dig-resp) --------------------------------------------------
// Each rule below is what follows its auth-param name; by_name reads the name
// once and picks the rule.

/// digest-uri = "uri" EQUAL LDQUOT digest-uri-value RDQUOT
inline constexpr auto digest_uri =
    when("uri", equal >>
                    set_first<detail::auth_access::cred_uri>[
                        describe(diag::auth_uri_quote)[lit('"')] >>
                        scratch<sipview::uri>[ref<any_uri>] >>
                        describe(diag::auth_uri_close)[lit('"')]]);
/// dresponse = "response" EQUAL request-digest
inline constexpr auto dresponse =
    when("response", equal >> describe(diag::auth_response)[
                                  set_first<detail::auth_access::cred_response>[request_digest_parser{}]]);
/// algorithm = "algorithm" EQUAL ( "MD5" / "MD5-sess" / token )
template <auto Member>
inline constexpr auto algorithm =
    when("algorithm", equal >> describe(diag::auth_algorithm)[set_first<Member>[tok]]);
/// message-qop = "qop" EQUAL qop-value
inline constexpr auto message_qop =
    when("qop", equal >> describe(diag::auth_qop_token)[
                             set_first<detail::auth_access::cred_qop>[tok]]);
/// nonce-count = "nc" EQUAL nc-value
inline constexpr auto nonce_count =
    when("nc", equal >> describe(diag::auth_nc)[
                            set_first<detail::auth_access::cred_nc>[nc_value_parser{}]]);
/// userhash = "userhash" EQUAL ( "true" / "false" )  (RFC 7616)
template <auto Member>
inline constexpr auto userhash = when("userhash", equal >> set_first<Member>[true_false]);

/// dig-resp = username / realm / nonce / digest-uri / dresponse / algorithm /
/// cnonce / opaque / message-qop / nonce-count / auth-param (RFC 3261), plus
/// userhash (RFC 7616). The value form of a known name is enforced; other
/// names are auth-params.
inline constexpr auto dig_resp = describe(diag::auth_param)[by_name(
    ref<auth_param>, SIPVIEW_AUTH_QUOTED_FIELD("username", detail::auth_access::cred_username, auth_username_quoted),
    SIPVIEW_AUTH_QUOTED_FIELD("realm", detail::auth_access::cred_realm, auth_realm_quoted),
    SIPVIEW_AUTH_QUOTED_FIELD("nonce", detail::auth_access::cred_nonce, auth_nonce_quoted), digest_uri, dresponse,
    algorithm<detail::auth_access::cred_algorithm>, SIPVIEW_AUTH_QUOTED_FIELD("cnonce", detail::auth_access::cred_cnonce, auth_cnonce_quoted),
    SIPVIEW_AUTH_QUOTED_FIELD("opaque", detail::auth_access::cred_opaque, auth_opaque_quoted), message_qop, nonce_count,
    userhash<detail::auth_access::cred_userhash>)];

/// digest-response = dig-resp *(COMMA dig-resp)
inline constexpr auto digest_response = ref<dig_resp> >> *(sep >> ref<dig_resp>);

// --- challenges (digest-cln) -------------------------------------------------
/// domain = "domain" EQUAL LDQUOT URI *( 1*SP URI ) RDQUOT
inline constexpr auto domain =
    when("domain", equal >> set_first<detail::auth_access::chal_domain>[
                                describe(diag::auth_domain_quote)[lit('"')] >>
                                scratch<sipview::uri>[ref<any_uri> >> *(+lit(' ') >> ref<any_uri>)] >>
                                describe(diag::auth_domain_close)[lit('"')]]);
/// stale = "stale" EQUAL ( "true" / "false" )
inline constexpr auto stale = when("stale", equal >> set_first<detail::auth_access::chal_stale>[true_false]);
/// qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
/// (whitespace allowed around the commas, as in RFC 7616's `qop="auth, auth-int"`)
inline constexpr auto qop_value = describe(diag::auth_qop_value)[tok];
inline constexpr auto qop_options =
    when("qop", equal >> set_first<detail::auth_access::chal_qop>[
                             describe(diag::auth_qop_list)[lit('"')] >>
                             qop_value >>
                             *(SWS >> describe(diag::auth_qop_separator)[lit(',')] >>
                               SWS >> qop_value) >>
                             lit('"')]);
/// charset = "charset" EQUAL "UTF-8"  (RFC 7616)
inline constexpr auto charset =
    when("charset", equal >> describe(diag::auth_charset)[keyword("utf-8")]);

/// digest-cln = realm / domain / nonce / opaque / stale / algorithm /
/// qop-options / auth-param (RFC 3261), plus charset and userhash (RFC 7616).
inline constexpr auto digest_cln = describe(diag::auth_param)[by_name(
    ref<auth_param>, SIPVIEW_AUTH_QUOTED_FIELD("realm", detail::auth_access::chal_realm, auth_realm_quoted), domain,
    SIPVIEW_AUTH_QUOTED_FIELD("nonce", detail::auth_access::chal_nonce, auth_nonce_quoted),
    SIPVIEW_AUTH_QUOTED_FIELD("opaque", detail::auth_access::chal_opaque, auth_opaque_quoted), stale, algorithm<detail::auth_access::chal_algorithm>,
    qop_options, charset, userhash<detail::auth_access::chal_userhash>)];
inline constexpr auto digest_challenge = ref<digest_cln> >> *(sep >> ref<digest_cln>);

#undef SIPVIEW_AUTH_QUOTED_FIELD

// --- Bearer (RFC 8898 §6) ---------------------------------------------------
/// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
/// (RFC 6750 §2.1), the bearer-response of credentials.
/// Why hand-written: a character set no other SIP rule uses (no class bit
/// spent on it), and "=" only as trailing padding.
struct b64token_parser : primitive<b64token_parser> {
    static constexpr bool b64(char c) noexcept {
        return is(c, alphanum) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        It p = first;
        while (p != last && b64(*p)) ++p;
        if (p == first) return false;
        while (p != last && *p == '=') ++p;
        if (p != last && !is(*p, c_wsp) && *p != '\r' && *p != '\n') {  // `Bearer realm="x"`: not one token
            report(ctx, p, diag::auth_bearer_token);
            return false;
        }
        first = p;
        return true;
    }
};
inline constexpr auto bearer_response = describe(diag::auth_bearer_token)[b64token_parser{}];
/// bearer-cln = realm / scope / authz-server / error / auth-param, each of
/// the four named ones EQUAL quoted-string.
inline constexpr auto bearer_cln = describe(diag::auth_param)[by_name(
    ref<auth_param>, when("realm", equal >> describe(diag::auth_realm_quoted)[quoted]),
    when("scope", equal >> describe(diag::auth_bearer_scope_quoted)[quoted]),
    when("authz_server", equal >> describe(diag::auth_bearer_authz_server_quoted)[quoted]),
    when("error", equal >> describe(diag::auth_bearer_error_quoted)[quoted]))];
inline constexpr auto bearer_challenge = ref<bearer_cln> >> *(sep >> ref<bearer_cln>);
inline constexpr keyword bearer_kw("bearer");

// --- other schemes ---------------------------------------------------------
inline constexpr auto auth_params = ref<auth_param> >> *(sep >> ref<auth_param>);
inline constexpr keyword digest_kw("digest");
inline constexpr auto scheme_token =
    describe(diag::auth_scheme)[tok];
inline constexpr auto after_scheme =
    describe(diag::auth_after_scheme)[LWS];

} // namespace auth_rules

/// credentials = ("Digest" LWS digest-response) / ("Bearer" LWS
/// bearer-response) (RFC 8898) / other-response;
/// other-response = auth-scheme LWS auth-param *(COMMA auth-param).
/// Fills sipview::credentials. "Digest" and "Bearer" never fall back to other-response.
inline constexpr auto credentials = detail::set<&sipview::credentials::text>[
    detail::mark<detail::auth_access::cred_captured, true>[
        &auth_rules::digest_kw >> detail::set<&sipview::credentials::scheme>[auth_rules::tok] >> auth_rules::after_scheme >>
        detail::set<&sipview::credentials::params_text>[auth_rules::digest_response]] |
    (&auth_rules::bearer_kw >> detail::set<&sipview::credentials::scheme>[auth_rules::tok] >> auth_rules::after_scheme >>
     detail::set<&sipview::credentials::params_text>[auth_rules::bearer_response]) |
    (!auth_rules::digest_kw >> !auth_rules::bearer_kw >> detail::set<&sipview::credentials::scheme>[auth_rules::scheme_token] >>
     auth_rules::after_scheme >> detail::set<&sipview::credentials::params_text>[auth_rules::auth_params])];

/// challenge = ("Digest" LWS digest-cln *(COMMA digest-cln)) / ("Bearer"
/// LWS bearer-cln *(COMMA bearer-cln)) (RFC 8898) / other-challenge.
/// Fills sipview::challenge.
inline constexpr auto challenge = detail::set<&sipview::challenge::text>[
    detail::mark<detail::auth_access::chal_captured, true>[
        &auth_rules::digest_kw >> detail::set<&sipview::challenge::scheme>[auth_rules::tok] >> auth_rules::after_scheme >>
        detail::set<&sipview::challenge::params_text>[auth_rules::digest_challenge]] |
    (&auth_rules::bearer_kw >> detail::set<&sipview::challenge::scheme>[auth_rules::tok] >> auth_rules::after_scheme >>
     detail::set<&sipview::challenge::params_text>[auth_rules::bearer_challenge]) |
    (!auth_rules::digest_kw >> !auth_rules::bearer_kw >> detail::set<&sipview::challenge::scheme>[auth_rules::scheme_token] >>
     auth_rules::after_scheme >> detail::set<&sipview::challenge::params_text>[auth_rules::auth_params])];

/// Leniency allow_multiple_challenges: `, challenge` after a challenge (RFC
/// 3261 §25.1 has one challenge per WWW-Authenticate / Proxy-Authenticate
/// field; RFC 7235 writes a list, and servers offering SHA-256 and MD5 send
/// it). Each further challenge is validated with the same grammar and
/// context; the first stays in the AST and the others become `following`.
struct following_challenges_parser : detail::primitive<following_challenges_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        It p = first;
        SWS.parse(p, last, ctx, rctx, attr);
        if (p == last || *p != ',' || !detail::lenient(ctx, leniency::allow_multiple_challenges)) return false;
        It const comma = p;
        sipview::challenge& ast = detail::ast_of<sipview::challenge>(ctx);
        sipview::challenge const head = ast;
        It begin = nullptr;
        It end = nullptr;
        while (p != last && *p == ',') {
            It q = p + 1;
            SWS.parse(q, last, ctx, rctx, attr);
            if (begin == nullptr) begin = q;
            ast = sipview::challenge{};
            if (!challenge.parse(q, last, ctx, rctx, attr)) {
                ast = head;
                return false;
            }
            end = q;
            SWS.parse(q, last, ctx, rctx, attr);
            p = q;
        }
        ast = head;
        ast.following = std::string_view(begin, static_cast<std::size_t>(end - begin));
        detail::accept_deviation(ctx, comma, leniency::allow_multiple_challenges);
        first = end;
        return true;
    }
};

/// Whole values (kept as objects: a grammar built inside a call is copied on every call).
inline constexpr auto credentials_entry = credentials >> SWS >> detail::describe(diag::auth_credentials_end)[boost::spirit::x3::eoi];
inline constexpr auto challenge_entry =
    challenge >> -following_challenges_parser{} >> SWS >> detail::describe(diag::auth_challenge_end)[boost::spirit::x3::eoi];

} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

// ===========================================================================
// Errors and entry points

#if SIPVIEW_HAS_GRAMMARS
namespace detail {

inline bool auth_token_then_equal(std::string_view text, std::size_t at) noexcept {
    std::size_t i = at;
    while (i < text.size() && is(text[i], token_chars)) ++i;
    if (i == at) return false;
    char const* p = text.data() + i;
    p += lws_length(p, text.data() + text.size());
    return p != text.data() + text.size() && *p == '=';
}

/// RFC 7235 §2.1: "each parameter name MUST only occur once per
/// challenge"; credentials share the auth-param syntax (RFC 7235 §4.2) and
/// the rule. The names the fast paths below see outside their cached
/// fields: a name seen before, or more names than fit, sends the value to
/// the grammar, whose result check_auth_param_names checks.
struct auth_names_seen {
    std::string_view names[4];
    std::size_t count = 0;
    /// False when `name` was added before (any case) or there is no room.
    bool add(std::string_view name) noexcept {
        for (std::size_t i = 0; i < count; ++i)
            if (iequals(names[i], name)) return false;
        if (count == sizeof names / sizeof names[0]) return false;
        names[count++] = name;
        return true;
    }
};

/// The auth-param names RFC 7616, RFC 8760 and RFC 8898 define for Digest
/// and Bearer (credentials and challenges): each is checked for repetition
/// over the whole list.
inline constexpr std::string_view auth_directives[] = {
    "username", "username*", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc",
    "userhash", "domain", "stale", "charset", "scope", "authz_server", "error"};

/// What check_auth_param_names found: the name at fault and why, or none.
struct auth_param_name_error {
    char const* at = nullptr;  // the offending name's first byte; nullptr: none
    diag id = diag::auth_param_repeated;
    explicit operator bool() const noexcept { return at != nullptr; }
};

/// Checks the auth-param names of one credentials or challenge value:
/// - RFC 7235 §2.1: each name once. The second occurrence is the error
///   (auth_param_repeated). In linear time: a defined name (auth_directives)
///   is checked against the whole list; an extension name against the first
///   16 extension names (an extension parameter repeated after 16 others of
///   distinct names is not found; no RFC gives such a parameter a meaning).
/// - RFC 7616 §3.4, credentials only: username and username* together are
///   an error, at the second of them (auth_username_both).
inline auth_param_name_error check_auth_param_names(param_range params, bool credentials) noexcept {
    constexpr std::size_t directive_count = sizeof auth_directives / sizeof auth_directives[0];
    static_assert(directive_count <= 32, "one bit per directive");
    static_assert(auth_directives[0] == "username" && auth_directives[1] == "username*", "bits 0 and 1");
    constexpr std::uint32_t both_usernames = 0x3;
    std::uint32_t directives_seen = 0;
    std::string_view others[16];
    std::size_t other_count = 0;
    for (param const& p : params) {
        std::size_t d = 0;
        while (d < directive_count && !iequals(p.name, auth_directives[d])) ++d;
        if (d < directive_count) {
            std::uint32_t const bit = std::uint32_t{1} << d;
            if (directives_seen & bit) return {p.name.data(), diag::auth_param_repeated};
            directives_seen |= bit;
            if (credentials && (directives_seen & both_usernames) == both_usernames)
                return {p.name.data(), diag::auth_username_both};
            continue;
        }
        for (std::size_t i = 0; i < other_count; ++i)
            if (iequals(others[i], p.name)) return {p.name.data(), diag::auth_param_repeated};
        if (other_count < sizeof others / sizeof others[0]) others[other_count++] = p.name;
    }
    return {};
}

/// The fast path of parse_credentials and parse_challenge (strict parses
/// only): the common shape of a Digest value (`Digest name=value, ...` with
/// quoted values of plain qdtext bytes) scanned once with the character
/// tables, filling the AST exactly as the grammar would. It accepts a subset
/// of what the grammar accepts and never rejects: on anything else (another
/// scheme, a quoted-pair or UTF-8 in a quoted string, a field whose value
/// does not have its form, a domain, trailing whitespace, any error) it
/// returns false and the caller runs the grammar, which gives the result or
/// the exact error. A digest-uri is checked with the grammar's own rule.
#if defined(__GNUC__) || defined(__clang__)
#define SIPVIEW_DIGEST_FAST_INLINE __attribute__((always_inline))  // clang outlined these (g++ inlines them)
#else
#define SIPVIEW_DIGEST_FAST_INLINE
#endif
struct digest_fast {
    iter p;
    iter end;

    /// [a, a + n) is `lower` (lower-case letters only) in any case.
    static bool ci_equal(iter a, std::size_t n, char const* lower) noexcept {
        for (std::size_t i = 0; i < n; ++i)
            if (static_cast<char>(a[i] | 0x20) != lower[i]) return false;
        return true;
    }
    /// `name` (lower-case letters, length N - 1) as the whole token [a, a + len).
    template <std::size_t N>
    SIPVIEW_DIGEST_FAST_INLINE static bool named(iter a, std::size_t len, char const (&name)[N]) noexcept {
        constexpr std::size_t n = N - 1;
        static_assert(n >= 1 && n <= 16, "a short name");
        if (len != n) return false;
        // eight bytes at a time: the token's bytes with the case bit set against the name
        constexpr std::size_t head = n < 8 ? n : 8;
        std::uint64_t v = 0, w = 0;
        std::memcpy(&v, a, head);
        std::memcpy(&w, name, head);
        std::uint64_t const fold = 0x2020202020202020ull >> (8 * (8 - head));
        if ((v | fold) != w) return false;
        if constexpr (n > 8) {
            std::uint64_t v2 = 0, w2 = 0;
            std::memcpy(&v2, a + 8, n - 8);
            std::memcpy(&w2, name + 8, n - 8);
            if ((v2 | (0x2020202020202020ull >> (8 * (16 - n)))) != w2) return false;
        }
        return true;
    }
    SIPVIEW_DIGEST_FAST_INLINE void sws() noexcept {
        if (p != end && *p == ' ') ++p;  // the usual single space (SWS is greedy: the same end)
        if (lws_may_start(p, end)) p += lws_length(p, end);
    }
    SIPVIEW_DIGEST_FAST_INLINE std::size_t token() noexcept {
        iter const b = p;
        p = skip_class<token_chars>(p, end);
        return static_cast<std::size_t>(p - b);
    }
    /// quoted-string of c_qd_fast bytes only.
    SIPVIEW_DIGEST_FAST_INLINE bool quoted() noexcept {
        if (p == end || *p != '"') return false;
        iter const q = skip_class<c_qd_fast>(p + 1, end);
        if (q == end || *q != '"') return false;
        p = q + 1;
        return true;
    }
    /// keyword: `lower` as a whole token.
    template <std::size_t N>
    SIPVIEW_DIGEST_FAST_INLINE bool keyword_value(char const (&lower)[N]) noexcept {
        iter const b = p;
        std::size_t const n = token();
        if (named(b, n, lower)) return true;
        return false;
    }
    /// "Digest" LWS: the scheme and the start of the params, or false.
    bool scheme(std::string_view& scheme_out) noexcept {
        if (end - p < 6 || !ci_equal(p, 6, "digest")) return false;
        iter const b = p;
        p += 6;
        if (p != end && is(*p, token_chars)) return false;
        scheme_out = std::string_view(b, 6);
        std::size_t const n = lws_may_start(p, end) ? lws_length(p, end) : 0;
        if (n == 0) return false;
        p += n;
        return true;
    }
    /// After a param: true with `done` at the end of the value, after a
    /// COMMA otherwise; false on anything else.
    SIPVIEW_DIGEST_FAST_INLINE bool next(bool& done) noexcept {
        if (p == end) {
            done = true;
            return true;
        }
        if (*p != ',') {  // the usual ", " needs no SWS scan before the comma
            sws();
            if (p == end || *p != ',') return false;
        }
        ++p;
        sws();
        return true;
    }
    /// name EQUAL: the name, or an empty view.
    SIPVIEW_DIGEST_FAST_INLINE std::string_view name_equal() noexcept {
        iter const b = p;
        std::size_t const n = token();
        if (n == 0) return {};
        if (p == end || *p != '=') {  // the usual name=value has no SWS around the '='
            sws();
            if (p == end || *p != '=') return {};
        }
        ++p;
        if (lws_may_start(p, end)) sws();
        return std::string_view(b, n);
    }
    /// auth-param's value: quoted-string / token.
    SIPVIEW_DIGEST_FAST_INLINE bool other_value() noexcept {
        if (p != end && *p == '"') return quoted();
        return token() != 0;
    }
};

/// The credentials fast path (see digest_fast).
SIPVIEW_HOT inline bool fast_credentials(std::string_view value, credentials& c) noexcept {
    digest_fast f{value.data(), value.data() + value.size()};
    iter const begin = f.p;
    if (!f.scheme(c.scheme)) return false;
    iter const params = f.p;
    auth_names_seen others;
    for (bool done = false; !done;) {
        std::string_view const name = f.name_equal();
        if (name.empty()) return false;
        iter const v = f.p;
        std::string_view credentials::*field = nullptr;
        iter const n = name.data();
        std::size_t const len = name.size();
        switch (ascii_lower(name[0])) {
        case 'u':
            if (digest_fast::named(n, len, "username")) {
                if (!f.quoted()) return false;
                field = auth_access::cred_username;
            } else if (digest_fast::named(n, len, "uri")) {
                // digest-uri: a whole SIP URI between the quotes (no URI holds
                // a '"'), checked with the URI's fast path, else with the URI
                // grammar; an abs-path or anything else goes to the
                // credentials grammar
                if (f.p == f.end || *f.p != '"') return false;
                iter const q = skip_class<c_qd_fast>(f.p + 1, f.end);
                if (q == f.end || *q != '"') return false;
                sipview::uri u;
                parse_error err;
                if (fast_sip_uri(f.p + 1, q, false, u) != q &&
                    !run(std::string_view(f.p + 1, static_cast<std::size_t>(q - (f.p + 1))), grammar::uri_entry, u, err))
                    return false;
                f.p = q + 1;
                field = auth_access::cred_uri;
            } else if (digest_fast::named(n, len, "userhash")) {
                if (!f.keyword_value("true")) {
                    f.p = v;
                    if (!f.keyword_value("false")) return false;
                }
                field = auth_access::cred_userhash;
            } else if (digest_fast::named(n, len, "username*") || !f.other_value()) {
                return false;  // username*: the grammar, then check_auth_param_names (username with it)
            }
            break;
        case 'r':
            if (digest_fast::named(n, len, "realm")) {
                if (!f.quoted()) return false;
                field = auth_access::cred_realm;
            } else if (digest_fast::named(n, len, "response")) {
                // request-digest = LDQUOT (32LHEX / 64LHEX) RDQUOT
                if (f.p == f.end || *f.p != '"') return false;
                iter const q = skip_class<c_lhex>(f.p + 1, f.end);
                std::ptrdiff_t const digits = q - (f.p + 1);
                if ((digits != 32 && digits != 64) || q == f.end || *q != '"') return false;
                f.p = q + 1;
                field = auth_access::cred_response;
            } else if (!f.other_value())
                return false;
            break;
        case 'n':
            if (digest_fast::named(n, len, "nonce")) {
                if (!f.quoted()) return false;
                field = auth_access::cred_nonce;
            } else if (digest_fast::named(n, len, "nc")) {
                // nc-value = 8LHEX, not followed by a token character
                if (f.end - f.p < 8) return false;
                for (int i = 0; i < 8; ++i)
                    if (!is(f.p[i], c_lhex)) return false;
                f.p += 8;
                if (f.p != f.end && is(*f.p, token_chars)) return false;
                field = auth_access::cred_nc;
            } else if (!f.other_value())
                return false;
            break;
        case 'c':
            if (digest_fast::named(n, len, "cnonce")) {
                if (!f.quoted()) return false;
                field = auth_access::cred_cnonce;
            } else if (!f.other_value())
                return false;
            break;
        case 'o':
            if (digest_fast::named(n, len, "opaque")) {
                if (!f.quoted()) return false;
                field = auth_access::cred_opaque;
            } else if (!f.other_value())
                return false;
            break;
        case 'a':
            if (digest_fast::named(n, len, "algorithm")) {
                if (f.token() == 0) return false;
                field = auth_access::cred_algorithm;
            } else if (!f.other_value())
                return false;
            break;
        case 'q':
            if (digest_fast::named(n, len, "qop")) {
                if (f.token() == 0) return false;
                field = auth_access::cred_qop;
            } else if (!f.other_value())
                return false;
            break;
        default:
            if (!f.other_value()) return false;
        }
        if (field == nullptr ? !others.add(name) : (c.*field).data() != nullptr) return false;  // repeated (RFC 7235 §2.1)
        if (field != nullptr) c.*field = std::string_view(v, static_cast<std::size_t>(f.p - v));
        iter const value_end = f.p;
        if (!f.next(done)) return false;
        if (done) c.params_text = std::string_view(params, static_cast<std::size_t>(value_end - params));
    }
    c.text = std::string_view(begin, value.size());
    c.*auth_access::cred_captured = true;
    return true;
}

/// The challenge fast path (see digest_fast): a domain, a charset, a
/// following challenge or anything unusual goes to the grammar.
inline bool fast_challenge(std::string_view value, challenge& c) noexcept {
    digest_fast f{value.data(), value.data() + value.size()};
    iter const begin = f.p;
    if (!f.scheme(c.scheme)) return false;
    iter const params = f.p;
    auth_names_seen others;
    for (bool done = false; !done;) {
        std::string_view const name = f.name_equal();
        if (name.empty()) return false;
        iter const v = f.p;
        std::string_view challenge::*field = nullptr;
        iter const n = name.data();
        std::size_t const len = name.size();
        if (digest_fast::named(n, len, "realm")) {
            if (!f.quoted()) return false;
            field = auth_access::chal_realm;
        } else if (digest_fast::named(n, len, "nonce")) {
            if (!f.quoted()) return false;
            field = auth_access::chal_nonce;
        } else if (digest_fast::named(n, len, "opaque")) {
            if (!f.quoted()) return false;
            field = auth_access::chal_opaque;
        } else if (digest_fast::named(n, len, "algorithm")) {
            if (f.token() == 0) return false;
            field = auth_access::chal_algorithm;
        } else if (digest_fast::named(n, len, "qop")) {
            // qop-options = LDQUOT qop-value *("," qop-value) RDQUOT, SWS around the commas
            if (f.p == f.end || *f.p != '"') return false;
            ++f.p;
            for (;;) {
                if (f.token() == 0) return false;
                iter const after = f.p;
                f.sws();
                if (f.p != f.end && *f.p == ',') {
                    ++f.p;
                    f.sws();
                    continue;
                }
                f.p = after;
                break;
            }
            if (f.p == f.end || *f.p != '"') return false;
            ++f.p;
            field = auth_access::chal_qop;
        } else if (digest_fast::named(n, len, "stale") || digest_fast::named(n, len, "userhash")) {
            if (!f.keyword_value("true")) {
                f.p = v;
                if (!f.keyword_value("false")) return false;
            }
            field = (len == 5) ? auth_access::chal_stale : auth_access::chal_userhash;
        } else if (digest_fast::named(n, len, "domain") || digest_fast::named(n, len, "charset")) {
            return false;
        } else if (!f.other_value())
            return false;
        if (field == nullptr ? !others.add(name) : (c.*field).data() != nullptr) return false;  // repeated (RFC 7235 §2.1)
        if (field != nullptr) c.*field = std::string_view(v, static_cast<std::size_t>(f.p - v));
        iter const value_end = f.p;
        if (!f.next(done)) return false;
        if (done) c.params_text = std::string_view(params, static_cast<std::size_t>(value_end - params));
    }
    c.text = std::string_view(begin, value.size());
    c.*auth_access::chal_captured = true;
    return true;
}

#undef SIPVIEW_DIGEST_FAST_INLINE

/// Turns a raw failure in credentials or a challenge into what a person needs
/// to hear: missing commas, quoting mistakes, and (through explain_uri_error)
/// problems inside a digest-uri or domain URI.
inline void explain_auth_error(std::string_view text, parse_error& e) noexcept {
    std::size_t const at = e.offset;
    char const ch = at < text.size() ? text[at] : '\0';
    diag const id = e.id;

    // Inside uri="..." or domain="...": let the URI explainer speak.
    for (auto const& p : param_range(text, ',')) {
        if (!p.value || p.value->empty() || p.value->front() != '"') continue;
        if (!iequals(p.name, "uri") && !iequals(p.name, "domain")) continue;
        std::size_t const vb = static_cast<std::size_t>(p.value->data() - text.data());
        std::size_t const ve = vb + p.value->size();
        if (at <= vb || at > ve) continue;
        bool const list = iequals(p.name, "domain");  // space-separated URIs
        std::size_t b = vb + 1;
        if (list)
            for (std::size_t i = vb + 1; i < at; ++i)
                if (text[i] == ' ') b = i + 1;
        std::size_t end = b;
        while (end < ve && text[end] != '"' && !(list && text[end] == ' ')) ++end;
        if (id == diag::auth_uri) e.refine(diag::auth_uri_invalid);
        explain_uri_error(text.substr(b, end - b), b, e);
        return;
    }

    if (id == diag::core_quoted_unterminated) {
        e.add_hint(diag::auth_close_quote_hint);
        return;
    }
    if (ch == '\r' || ch == '\n') {
        e.refine(diag::auth_line_break);
        return;
    }
    if (id == diag::auth_comma || id == diag::auth_credentials_end || id == diag::auth_challenge_end) {
        if (auth_token_then_equal(text, at))
            e.refine(diag::auth_missing_comma);
        else if (at > 0 && text[at - 1] == '"')
            e.refine(diag::auth_text_after_quoted);
        return;
    }
    bool const token_field = id == diag::auth_algorithm || id == diag::auth_qop_token || id == diag::auth_nc ||
                             id == diag::auth_bool || id == diag::auth_charset;
    if (ch == '"' && token_field) {
        e.add_hint(diag::auth_unquote_hint);
        return;
    }
    bool const quoted_field = id == diag::auth_username_quoted || id == diag::auth_realm_quoted ||
                              id == diag::auth_nonce_quoted || id == diag::auth_cnonce_quoted ||
                              id == diag::auth_opaque_quoted || id == diag::auth_response || id == diag::auth_qop_list ||
                              id == diag::auth_uri_quote || id == diag::auth_domain_quote;
    if (ch != '"' && quoted_field) {
        e.add_hint(diag::auth_quote_hint);
        return;
    }
    if (id == diag::auth_response_case || id == diag::auth_nc_case) {
        e.add_hint(diag::auth_lowercase_hint);
        return;
    }
    if (at == text.size() || ch == ',') {
        std::size_t i = at;
        while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\r' || text[i - 1] == '\n')) --i;
        if (i > 0 && text[i - 1] == ',') {
            e.refine(at == text.size() ? diag::auth_trailing_comma : diag::auth_empty_param);
            return;
        }
    }
    if (id == diag::auth_response_digits) {
        e.add_hint(diag::auth_digest_length_hint);
        return;
    }
    // A Basic or token68-style value: SIP credentials are name=value auth-params.
    std::size_t s = 0;
    while (s < text.size() && is(text[s], token_chars)) ++s;
    if (iequals(text.substr(0, s), "Basic"))
        e.add_hint(diag::auth_basic_hint);
}

} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Parses the value of an Authorization or Proxy-Authorization header
/// (RFC 3261 §25.1, RFC 7616, RFC 8760). Trailing whitespace is allowed.
/// Besides the grammar, a Digest response whose length does not fit the
/// algorithm (32 hex for MD5, 64 for SHA-256 / SHA-512-256) is rejected with
/// errc::inconsistent. Allocation-free; never throws.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_HOT SIPVIEW_DECL result<credentials> parse_credentials_impl(borrowed_text value, parse_options const& opts) noexcept {
    result<credentials> r(std::in_place);  // built in place, returned by name (NRVO)
    credentials& c = *r;
    parse_error err;
    if (fast_paths && opts.lenient.bits() == 0 && fast_credentials(value, c)) {
        // the common Digest shape, as the grammar would have filled it
    } else if (c = credentials{}; !detail::run(value, detail::grammar::credentials_entry, c, err, opts)) {
        detail::explain_auth_error(value, err);
        r.set_error(err);
        return r;
    } else if (auth_param_name_error const bad = check_auth_param_names(c.params(), true)) {
        r.set_error(make_error(bad.id, static_cast<std::size_t>(bad.at - value.data())));
        return r;
    }
    if (c.is_digest()) {
        auto const resp = c.response();
        auto const a = c.algorithm();
        std::size_t const want = digest_hex_length(a ? a->text() : std::string_view());
        if (resp && want != 0 && resp->text().size() != want) {
            std::size_t const at = static_cast<std::size_t>(resp->raw.data() - value.data()) + 1;
            r.set_error(make_error(want == 32 ? diag::auth_response_length_32 : diag::auth_response_length_64, at));
        }
    }
    return r;
}
#else
result<credentials> parse_credentials_impl(borrowed_text value, parse_options const& opts) noexcept;
#endif
} // namespace detail
/// (With `opts`: the Digest uri's host under the leniency flags of hosts.)
inline constexpr detail::parser_with_options<result<credentials>, detail::parse_credentials_impl> parse_credentials{};

/// Parses the value of a WWW-Authenticate or Proxy-Authenticate header.
/// Trailing whitespace is allowed. Under allow_multiple_challenges
/// (`opts`), a field holding several challenges gives the first, the others
/// in challenge::following. Allocation-free; never throws.
namespace detail {
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<challenge> parse_challenge_impl(borrowed_text value, parse_options const& opts) noexcept {
    result<challenge> r(std::in_place);
    parse_error err;
    if (fast_paths && opts.lenient.bits() == 0 && fast_challenge(value, *r)) {
        // the common Digest shape, as the grammar would have filled it
    } else if (*r = challenge{}; !detail::run(value, detail::grammar::challenge_entry, *r, err, opts)) {
        detail::explain_auth_error(value, err);
        r.set_error(err);
    } else if (auth_param_name_error const bad = check_auth_param_names(r->params(), false)) {
        r.set_error(make_error(bad.id, static_cast<std::size_t>(bad.at - value.data())));
    }
    return r;
}
#else
result<challenge> parse_challenge_impl(borrowed_text value, parse_options const& opts) noexcept;
#endif
} // namespace detail
inline constexpr detail::parser_with_options<result<challenge>, detail::parse_challenge_impl> parse_challenge{};

// ===========================================================================
// Digest inputs from parsed credentials (the computation is in digest.hpp)

/// Fills digest_inputs from parsed Digest credentials plus what the header
/// does not carry (password, method, body). Quoted values are decoded into
/// [scratch, scratch + cap) (their total length always suffices).
/// With userhash=true the username field holds H(username:realm): the real
/// user name must then be put into the result's `username` by the caller.
/// Errors: errc::inconsistent when username, realm, nonce or uri is missing;
/// errc::too_large when scratch is too small (offset: the scratch bytes used);
/// in decode_mode::text (the default), errc::syntax when username, realm,
/// nonce or cnonce decodes to NUL, another control character or ill-formed
/// UTF-8 (offset: in c.text when the value lies in it), so that no user
/// lookup sees "alice" where the hash sees "alice<NUL>evil".
inline result<digest_inputs> make_digest_inputs(credentials const& c, borrowed_text password, borrowed_text method,
                                                borrowed_text body, char* scratch, std::size_t cap,
                                                decode_mode mode = decode_mode::text) noexcept {
    digest_inputs in;
    in.password = password;
    in.method = method;
    in.body = body;
    std::size_t used = 0;
    bool fits = true;
    std::optional<parse_error> bad;  // the first value that is not text
    auto const take = [&](std::optional<auth_value> const& v) noexcept -> std::string_view {
        if (!v || !fits || bad) return {};
        auto d = v->decode(scratch + used, cap - used, mode);
        if (!d) {
            if (d.error().code != errc::syntax) {
                fits = false;
                return {};
            }
            parse_error e = d.error();
            char const* const t = c.text.data();
            if (std::less_equal<char const*>()(t, v->raw.data()) &&
                std::less_equal<char const*>()(v->raw.data() + v->raw.size(), t + c.text.size()))
                e.offset += static_cast<std::size_t>(v->raw.data() - t);
            bad = e;
            return {};
        }
        used += d->size();
        return *d;
    };
    auto const user = c.username();
    auto const realm = c.realm();
    auto const nonce = c.nonce();
    auto const uri = c.uri();
    if (!user || !realm || !nonce || !uri)
        return make_error(diag::auth_missing_field, 0);
    in.username = take(user);
    in.realm = take(realm);
    in.nonce = take(nonce);
    in.digest_uri = uri->text();  // a URI holds no quoted-pair
    in.cnonce = take(c.cnonce());
    if (auto v = c.nc()) in.nc = v->text();
    if (auto v = c.qop()) in.qop = v->text();
    if (auto v = c.algorithm()) in.algorithm = v->text();
    if (auto v = c.userhash()) in.userhash = iequals(v->text(), "true");
    if (bad) return *bad;
    if (!fits) return make_error(diag::auth_scratch_full, used);
    return in;
}

} // namespace sipview

// ===========================================================================
// Authentication-Info (RFC 3261 §20.6, §25.1; RFC 7616 §3.5)
//
//   Authentication-Info = "Authentication-Info" HCOLON ainfo *(COMMA ainfo)
//   ainfo           = nextnonce / message-qop / response-auth / cnonce / nonce-count
//   nextnonce       = "nextnonce" EQUAL nonce-value
//   response-auth   = "rspauth" EQUAL response-digest
//   response-digest = LDQUOT *LHEX RDQUOT
//
// message-qop, cnonce and nonce-count are the credentials' rules. RFC 7616
// §3.5 lists the same five names; RFC 7615 §3, which it builds on, makes the
// field a list of auth-params, so other names are auth-params (name EQUAL
// token / quoted-string). Each of the five may appear once: a second one is
// an error at its name (diag::ainfo_duplicate).
//
//   auto r = sipview::parse_authentication_info("nextnonce=\"47364c23432d2e131a5fb210812c\"");
//   if (r) use(r->nextnonce()->text());     // 47364c23432d2e131a5fb210812c
//
// Offsets in errors are in the value. Nothing allocates; nothing throws.

#if SIPVIEW_HAS_GRAMMARS
#include <sipview/detail/once_each.hpp>
#endif // SIPVIEW_HAS_GRAMMARS
#include <sipview/detail/write.hpp>

namespace sipview {

/// Authentication-Info value: the ainfo parameters, read lazily from params_text.
struct authentication_info {
    std::string_view text;         ///< the whole value
    std::string_view params_text;  ///< the ainfo parameters, comma separated (= text)

    /// All parameters, in order, as {name, value}; values raw (quoted ones keep their quotes).
    param_range params() const noexcept { return {params_text, ','}; }
    /// The parameter named `name` (case-insensitive).
    std::optional<auth_value> param_value(std::string_view name) const noexcept { return detail::auth_param_value(params_text, name); }

    std::optional<auth_value> nextnonce() const noexcept { return param_value("nextnonce"); }  ///< quoted nonce-value
    std::optional<auth_value> qop() const noexcept { return param_value("qop"); }              ///< message-qop, a token
    std::optional<auth_value> rspauth() const noexcept { return param_value("rspauth"); }      ///< quoted LHEX digits
    std::optional<auth_value> cnonce() const noexcept { return param_value("cnonce"); }        ///< quoted
    std::optional<auth_value> nc() const noexcept { return param_value("nc"); }                ///< 8 LHEX
};

namespace detail {
inline std::optional<std::string_view> ainfo_raw(std::optional<auth_value> const& v) noexcept {
    if (!v) return std::nullopt;
    return v->raw;
}
} // namespace detail

/// The fields of an authentication_info by name (values raw, quotes kept),
/// for generic consumers (equality).
template <class F>
inline void visit_fields(authentication_info const& v, F&& f) {
    f("nextnonce", detail::ainfo_raw(v.nextnonce()));
    f("qop", detail::ainfo_raw(v.qop()));
    f("rspauth", detail::ainfo_raw(v.rspauth()));
    f("cnonce", detail::ainfo_raw(v.cnonce()));
    f("nc", detail::ainfo_raw(v.nc()));
    f("params", v.params());
}

#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace grammar {
namespace auth_info_rules {
using detail::describe;
using detail::when;

/// response-digest = LDQUOT *LHEX RDQUOT, without the SWS (EQUAL has taken it).
/// Why hand-written: exact error position (an uppercase hex digit, or the
/// byte that is neither a hex digit nor the closing quote).
struct response_digest_parser : primitive<response_digest_parser> {
    template <class It, class Ctx, class RCtx, class Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if (first == last || *first != '"') return false;
        It q = first + 1;
        while (q != last && is(*q, c_lhex)) ++q;
        if (q != last && auth_detail::upper_hex(*q)) {
            report(ctx, q, diag::ainfo_rspauth_case);
            return false;
        }
        if (q == last || *q != '"') {
            report(ctx, q, diag::ainfo_rspauth);
            return false;
        }
        first = q + 1;
        return true;
    }
};

/// ainfo = nextnonce / message-qop / response-auth / cnonce / nonce-count
/// (RFC 3261), other names auth-params (RFC 7615 §3).
inline constexpr auto ainfo = describe(diag::ainfo_param)[by_name(
    auth_rules::auth_param,
    when("nextnonce", auth_rules::equal >> describe(diag::ainfo_nextnonce_quoted)[quoted]),
    when("qop", auth_rules::equal >> describe(diag::auth_qop_token)[auth_rules::tok]),
    when("rspauth", auth_rules::equal >> describe(diag::ainfo_rspauth)[response_digest_parser{}]),
    when("cnonce", auth_rules::equal >> describe(diag::auth_cnonce_quoted)[quoted]),
    when("nc", auth_rules::equal >> describe(diag::auth_nc)[auth_detail::nc_value_parser{}]))];

/// ainfo *(COMMA ainfo), the five named ones at most once each.
inline constexpr auto ainfo_list =
    once_each(ainfo, auth_rules::sep, ainfo, diag::ainfo_duplicate, "nextnonce", "qop", "rspauth", "cnonce", "nc");

inline constexpr auto authentication_info_entry =
    set<&authentication_info::text>[set<&authentication_info::params_text>[ainfo_list]] >> SWS >>
    describe(diag::ainfo_end)[x3::eoi];

} // namespace auth_info_rules
} // namespace grammar
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

/// Authentication-Info value (RFC 3261 §20.6, RFC 7616 §3.5):
/// `nextnonce="47364c23432d2e131a5fb210812c"`,
/// `qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001`.
/// Trailing whitespace is allowed. Allocation-free; never throws.
#if SIPVIEW_HAS_DEFINITIONS
SIPVIEW_DECL result<authentication_info> parse_authentication_info(borrowed_text value) noexcept {
    result<authentication_info> r(std::in_place);
    parse_error err;
    if (!detail::run(value, detail::grammar::auth_info_rules::authentication_info_entry, *r, err)) {
        detail::explain_auth_error(value, err);
        r.set_error(err);
    }
    return r;
}
#else
result<authentication_info> parse_authentication_info(borrowed_text value) noexcept;
#endif

// Writer (format.hpp): `name=value` for each parameter, joined by ", ".
#if SIPVIEW_HAS_GRAMMARS
namespace detail {
namespace fmt {

template <class S, class O>
inline void write(S& s, authentication_info const& v, O const&) {
    check_rule(s, grammar::auth_info_rules::ainfo_list, v.params_text,
               {"ainfo *(\", \" ainfo): nextnonce=\"...\", qop=token, rspauth=\"lowercase hex\", cnonce=\"...\", nc=8 hex "
                "digits, name=value; each of the five once",
                "quote a value that is not a token; CR, LF and NUL cannot be written", rule_shape::verbatim});
    param_list(s, v.params(), ", ");
}

} // namespace fmt
} // namespace detail
#endif // SIPVIEW_HAS_GRAMMARS

} // namespace sipview

#endif
