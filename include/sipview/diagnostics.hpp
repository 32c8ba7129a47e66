// sipview — the catalogue of diagnostics: every error sipview reports, by id.
//
// One constexpr table, generated from the X-macro lists below, gives each
// `diag` id its errc, what was expected at the failing byte, the message and
// a hint. Grammars report ids (detail::describe(diag::x)[p],
// detail::report(ctx, at, diag::x)); run() and make_error() turn an id and an
// offset into a parse_error whose `id` says what went wrong and whose strings
// are views of this table. The explain_* functions look at e.id and at the
// bytes where parsing stopped, never at the strings, and refine an error to a
// more specific id with parse_error::refine() (or add a hint with add_hint()).
// Code that reacts to errors compares ids: `e.id == diag::uri_second_at`.
//
// No X3, no Boost: tools may include this alone to list or document the ids.
//
// A row is X(id, errc, expected, message, hint):
//   * id        the enumerator, and its text (to_string(diag::uri_host) == "uri_host");
//   * errc      the errc the error carries (errc::ok marks a hint row, below);
//   * expected  what the grammar wanted at the byte, e.g. "host", "'>' after the URI";
//   * message   one short sentence;
//   * hint      how to fix it, or "".
// Three kinds of rows bend the "every string set" rule, each for a reason:
//   * positional rows (empty message): a grammar site that only names what it
//     expected (describe(diag::uri_param_name)). The message is then that of
//     diag::unexpected_character, or diag::unexpected_end when the error is
//     at the end of the input: run() and make_error(id, offset, at_end)
//     choose. This is how sipview has always worded these errors.
//   * refinement rows (empty expected): used only with parse_error::refine()
//     by an explainer, which keeps the `expected` of the error it refines
//     (what the grammar wanted at that byte does not change because the
//     explanation got better).
//   * hint rows (errc::ok, empty expected and message): used only with
//     parse_error::add_hint(): the error keeps its id, message and expected
//     and gains the row's hint (e.g. a port range error gains "a port is a
//     number from 0 to 65535").
// No row has both an empty expected and an empty message except hint rows
// (static_assert below; tests/test_diagnostics.cpp checks the rest).
//
// Adding a diagnostic: add a row to the list of its concept (ids are grouped
// by prefix: core_/decode_, uri_, na_, via_, auth_, stream_, message rows in
// their own block), use the id at the grammar site, and test on the id.
// Ids are not stable across versions: compare them, do not store their values.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DIAGNOSTICS_HPP
#define SIPVIEW_DIAGNOSTICS_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipview {

/// What kind of failure a parse_error reports.
enum class errc : unsigned char {
    ok = 0,
    syntax,            ///< the input does not match the grammar
    out_of_range,      ///< a number is syntactically fine but too large/small
    too_many_headers,  ///< caller-provided header storage is full
    too_large,         ///< a configured size limit was exceeded
    need_more,         ///< (framing) the input ends before the message does
    inconsistent,      ///< parts of a message contradict each other (CSeq method, Content-Length)
    missing_header,    ///< a mandatory header is absent (RFC 3261 §8.1.1; Content-Length on streams, §18.3)
    duplicate_header,  ///< a header that may appear once appears several times (RFC 3261 §7.3.1)
};

inline constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
    case errc::ok: return "ok";
    case errc::syntax: return "syntax error";
    case errc::out_of_range: return "value out of range";
    case errc::too_many_headers: return "too many headers";
    case errc::too_large: return "too large";
    case errc::need_more: return "need more data";
    case errc::inconsistent: return "inconsistent message";
    case errc::missing_header: return "missing header";
    case errc::duplicate_header: return "duplicate header";
    }
    return "unknown";
}

// ===========================================================================
// The catalogue. X(id, errc, expected, message, hint); see the top of the file.

/// Shared rules (detail/x3.hpp, core.hpp): RFC 3261 §25.1 basic rules, the
/// fallbacks of run(), and the decoders (decode_percent, decode_quoted, check_text).
#define SIPVIEW_DIAGS_CORE(X)                                                                                          \
    /* run(): the grammar stopped before the end and nothing said why */                                               \
    X(unexpected_character, syntax, "end of input", "unexpected character", "")                                        \
    X(unexpected_end, syntax, "more input", "unexpected end of input", "")                                             \
    /* escaped = "%" HEXDIG HEXDIG */                                                                                  \
    X(core_percent_escape, syntax, "two hex digits after '%'", "malformed percent-escape", "")                         \
    /* quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE */                                                    \
    X(core_quoted_pair, syntax, "a character after '\\'", "invalid quoted-pair in quoted string", "")                  \
    X(core_quoted_utf8, syntax, "UTF-8 text", "invalid UTF-8 in quoted string", "")                                    \
    X(core_quoted_unterminated, syntax, "closing '\"'", "unterminated quoted string", "")                              \
    /* port = 1*DIGIT, 16 bits */                                                                                      \
    X(core_port_range, syntax, "port (0-65535)", "port number does not fit in 16 bits", "")                            \
    /* generic-param = token [ EQUAL gen-value ] */                                                                    \
    X(core_param_value, syntax, "parameter value (token, host or quoted-string)", "", "")                              \
    X(core_param_name, syntax, "parameter name (token)", "", "")                                                       \
    /* decode_percent / decode_quoted / check_text */                                                                  \
    X(decode_truncated_escape, syntax, "two hex digits after '%'", "truncated percent-escape", "")                     \
    X(decode_malformed_escape, syntax, "two hex digits after '%'", "malformed percent-escape",                         \
      "write '%' itself as %25")                                                                                       \
    X(decode_buffer_full, too_large, "", "output buffer too small", "")                                                \
    /* decode_mode::text: UTF-8 as RFC 3629 restricts it, no controls */                                               \
    X(decode_truncated_utf8, syntax, "UTF-8 text", "truncated UTF-8 sequence",                                         \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_overlong_utf8, syntax, "UTF-8 text", "overlong UTF-8 sequence (C0 80 is an overlong NUL)",                \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_surrogate, syntax, "UTF-8 text", "UTF-8 sequence encodes a surrogate (U+D800-U+DFFF)",                    \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_beyond_unicode, syntax, "UTF-8 text", "UTF-8 sequence beyond U+10FFFF",                                   \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_stray_continuation, syntax, "UTF-8 text", "UTF-8 continuation byte without a lead byte",                  \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_fe_ff, syntax, "UTF-8 text", "FE or FF is never UTF-8",                                                   \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_nul, syntax, "text without control characters", "NUL in the decoded value",                               \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_cr_lf, syntax, "text without control characters", "CR or LF in the decoded value",                        \
      "decode with decode_mode::octets to get the bytes as they are")                                                  \
    X(decode_control, syntax, "text without control characters", "control character in the decoded value",            \
      "decode with decode_mode::octets to get the bytes as they are")

/// SIP-URI / SIPS-URI / absoluteURI (uri.hpp), RFC 3261 §19.1, §25.1.
#define SIPVIEW_DIAGS_URI(X)                                                                                           \
    /* hostport = host [ ":" port ] */                                                                                 \
    X(uri_host, syntax, "host", "the host is missing or malformed", "")                                                \
    X(uri_port, syntax, "port (0-65535)", "the port is missing or malformed", "")                                      \
    /* uri-parameters, headers */                                                                                      \
    X(uri_param_name, syntax, "URI parameter name", "", "")                                                            \
    X(uri_param_value, syntax, "URI parameter value", "", "")                                                          \
    X(uri_header_name, syntax, "URI header name", "", "")                                                              \
    X(uri_header_equal, syntax, "'=' after a URI header name", "", "")                                                 \
    /* absoluteURI = scheme ":" ( hier-part / opaque-part ) */                                                         \
    X(uri_opaque, syntax, "URI text after the scheme", "", "")                                                         \
    X(uri_expected, syntax, "URI (sip:, sips: or scheme:...)", "", "")                                                 \
    X(uri_end, syntax, "end of URI", "", "")                                                                           \
    /* explain_uri_error's refinements */                                                                              \
    X(uri_ipv6_unbracketed, syntax, "", "an IPv6 address must be enclosed in brackets",                                \
      "write the host as an IPv6reference, e.g. sip:[2001:db8::1]:5060 (RFC 5118)")                                   \
    X(uri_ipv6_unbracketed_port, syntax, "", "an IPv6 address must be enclosed in brackets",                           \
      "write the host as [2001:db8::1]")                                                                               \
    X(uri_second_at, syntax, "", "a second unescaped '@': the user part cannot hold '@'",                              \
      "escape it as %40 (e.g. 1001%40company1@host), or move the tenant into the host (1001@company1.example.com)")   \
    X(uri_host_missing, syntax, "", "the host is missing after the '@'", "write user@host, e.g. sip:1001@pbx.example.com") \
    X(uri_ipv6_malformed, syntax, "", "malformed IPv6 reference",                                                      \
      "an IPv6 host is written [2001:db8::1] with at most 8 groups and one '::'")                                      \
    X(uri_whitespace, syntax, "", "whitespace inside a URI", "remove it, or escape it as %20")                         \
    X(uri_port_hint, ok, "", "", "a port is a number from 0 to 65535 (5060 is SIP's default, 5061 for sips)")          \
    X(uri_percent_hint, ok, "", "", "write '%' itself as %25")                                                         \
    X(uri_escape_hint, ok, "", "", "escape the character (%3C, %3E, %22)")

/// name-addr / addr-spec with header parameters (name_addr.hpp), RFC 3261 §20.10, §20.20, §25.1.
#define SIPVIEW_DIAGS_NAME_ADDR(X)                                                                                     \
    /* tag-param, c-p-q, c-p-expires */                                                                                \
    X(na_tag_equal, syntax, "'=' after tag", "tag needs a value: tag=token", "")                                       \
    X(na_tag_value, syntax, "tag value (token)", "malformed tag", "")                                                  \
    X(na_q_equal, syntax, "'=' after q", "q needs a value: q=0.5", "")                                                 \
    X(na_q_value, syntax, "q value (0 to 1 with at most 3 decimals)", "malformed q value", "")                         \
    X(na_expires_equal, syntax, "'=' after expires", "expires needs a value: expires=3600", "")                        \
    X(na_expires_value, syntax, "expires value (delta-seconds)", "malformed expires value", "")                        \
    X(na_expires_range, syntax, "delta-seconds (0-4294967295)", "expires value does not fit in 32 bits", "")           \
    X(na_header_param, syntax, "header parameter (token [= value])", "", "")                                           \
    /* name-addr = [ display-name ] LAQUOT addr-spec RAQUOT */                                                         \
    X(na_laquot, syntax, "'<' before the URI", "", "")                                                                 \
    X(na_raquot, syntax, "'>' after the URI", "", "")                                                                  \
    X(na_end, syntax, "';' parameter or end of value", "", "")                                                         \
    /* element *( COMMA element ) */                                                                                   \
    X(na_list_separator, syntax, "',' or end of value", "", "")                                                        \
    X(na_list_element, syntax, "another element after ','", "", "")                                                    \
    /* explain_name_addr_error's refinements */                                                                        \
    X(na_whitespace_in_brackets, syntax, "", "whitespace inside <> around the URI",                                    \
      "write <sip:user@host> with no spaces inside the brackets")                                                      \
    X(na_unquoted_display_name, syntax, "", "a display name with characters other than token characters must be quoted", \
      "quote it: \"Bell, Alexander\" <sip:...>")                                                                       \
    X(na_identity_params, syntax, "',' or end of value", "an asserted or preferred identity takes no parameters",     \
      "remove the ;parameters (RFC 3325 §9.1: PAssertedID-value = name-addr / addr-spec)")                            \
    X(na_identity_pair, inconsistent, "one sip: or sips: URI and at most one tel: URI",                                \
      "an asserted or preferred identity has more than two values, or two of one kind",                              \
      "RFC 3325 §9.1: at most one sip/sips and one tel identity")                                                     \
    X(na_info_display_name, syntax, "'<' URI '>'", "this header takes <URI> without a display name",                   \
      "Alert-Info, Call-Info, Error-Info and Geolocation are <URI>;params (RFC 3261 §20.4)")                           \
    X(na_leading_whitespace, syntax, "", "whitespace before an unquoted display name",                                \
      "remove it, or quote the name: whitespace may come before '\"' and '<', not before a token (RFC 3261 §25.1)")     \
    X(na_close_quote_hint, ok, "", "", "close the quoted display name with '\"' before the '<'")                       \
    X(na_param_whitespace_hint, ok, "", "", "no whitespace inside a header parameter: write ;name=value")             \
    X(na_brackets_hint, ok, "", "", "a URI containing ',', ';' or '?' must be enclosed in <> (RFC 3261 §20)")

/// The Via header value (via.hpp), RFC 3261 §20.42, §25.1, RFC 3581, RFC 5118, RFC 5923.
#define SIPVIEW_DIAGS_VIA(X)                                                                                           \
    /* sent-protocol = protocol-name SLASH protocol-version SLASH transport */                                         \
    X(via_protocol_name, syntax, "sent-protocol (e.g. SIP/2.0/UDP)", "a Via entry starts with the protocol name", "")  \
    X(via_slash_version, syntax, "'/' after the protocol name", "sent-protocol is name/version/transport",             \
      "write the sent-protocol as SIP/2.0/UDP (name, version and transport separated by '/')")                         \
    X(via_version, syntax, "protocol version (e.g. 2.0)", "the protocol version is missing", "")                       \
    X(via_slash_transport, syntax, "'/' before the transport",                                                         \
      "the transport is missing: sent-protocol is name/version/transport",                                             \
      "write the sent-protocol as SIP/2.0/UDP (name, version and transport separated by '/')")                         \
    X(via_transport, syntax, "transport (UDP, TCP, TLS, SCTP, ...)", "the transport is missing", "")                   \
    /* sent-by = host [ COLON port ], after LWS */                                                                     \
    X(via_sent_by_missing, syntax, "sent-by (host[:port])", "sent-by (host[:port]) is missing after the transport",    \
      "add the host[:port] the response must go to, e.g. SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK...")              \
    X(via_sent_by_space, syntax, "sent-by (host[:port])", "whitespace is required between the transport and sent-by",  \
      "separate the transport and the host with a space, e.g. SIP/2.0/UDP host:5060")                                  \
    X(via_sent_by_bad, syntax, "sent-by (host[:port])", "the sent-by host is malformed", "")                           \
    X(via_sent_by_bad_ipv6, syntax, "sent-by (host[:port])", "malformed IPv6 reference in sent-by",                    \
      "an IPv6 sent-by is written [2001:db8::1] (at most 8 groups, one '::', closing ']'), port after the ']'")        \
    X(via_sent_by_ipv6, syntax, "sent-by (host[:port])", "an IPv6 sent-by host must be enclosed in brackets",          \
      "sent-by needs an IPv6reference: bracket the address, e.g. SIP/2.0/UDP [2001:db8::1]:5060 (RFC 5118)")           \
    X(via_port, syntax, "port (0-65535)", "the port after ':' is missing or malformed", "")                            \
    /* via-params */                                                                                                   \
    X(via_param, syntax, "Via parameter (token [= value])", "a ';' must be followed by a parameter name", "")          \
    X(via_branch_equal, syntax, "'=' after branch", "branch needs a value: branch=token", "")                          \
    X(via_received_equal, syntax, "'=' after received", "received needs a value: received=address", "")               \
    X(via_ttl_equal, syntax, "'=' after ttl", "ttl needs a value: ttl=0-255", "")                                      \
    X(via_maddr_equal, syntax, "'=' after maddr", "maddr needs a value: maddr=host", "")                               \
    X(via_alias_value, syntax, "';', ',' or end after alias", "alias is a flag and takes no value", "")                \
    /* via-ttl = "ttl" EQUAL ttl */                                                                                    \
    X(via_ttl_missing, syntax, "ttl value (0-255)", "the ttl value is missing", "")                                    \
    X(via_ttl_not_number, syntax, "ttl value (0-255)", "ttl must be a decimal number (0-255)", "")                     \
    X(via_ttl_range, out_of_range, "ttl value (0-255)", "ttl is larger than 255", "")                                  \
    X(via_ttl_digits, syntax, "ttl value (0-255)", "ttl has at most 3 digits", "")                                     \
    /* via-maddr = "maddr" EQUAL host */                                                                               \
    X(via_maddr_missing, syntax, "maddr value (hostname, IPv4 address or [IPv6 address])", "the maddr value is missing", "") \
    X(via_maddr_ipv6, syntax, "maddr value (hostname, IPv4 address or [IPv6 address])",                               \
      "an IPv6 maddr must be enclosed in brackets", "write maddr=[2001:db8::1]")                                       \
    X(via_maddr_bad, syntax, "maddr value (hostname, IPv4 address or [IPv6 address])",                                \
      "maddr must be a host (hostname, IPv4 address or [IPv6 address])", "")                                           \
    /* via-received = "received" EQUAL (IPv4address / IPv6address) */                                                  \
    X(via_received_missing, syntax, "received value (IPv4 or IPv6 address)", "the received value is missing", "")      \
    X(via_received_bad, syntax, "received value (IPv4 or IPv6 address)", "received must be an IPv4 or IPv6 address", "") \
    /* via-branch = "branch" EQUAL token */                                                                            \
    X(via_branch_missing, syntax, "branch value (token)", "the branch value is missing", "")                           \
    X(via_branch_bad, syntax, "branch value (token)", "branch must be a token", "")                                    \
    /* response-port = "rport" [EQUAL 1*DIGIT] (RFC 3581) */                                                           \
    X(via_rport_missing, syntax, "rport value (port number)", "rport with '=' needs a port number", "")                \
    X(via_rport_not_number, syntax, "rport value (port number)", "rport must be a decimal port number", "")            \
    X(via_rport_range, out_of_range, "rport value (port number)", "rport does not fit in 16 bits", "")                 \
    /* via-parm *( COMMA via-parm ) */                                                                                 \
    X(via_next_entry, syntax, "Via entry after ','", "a ',' must be followed by another Via entry", "")                \
    X(via_list_end, syntax, "';' (parameter), ',' (next Via entry) or end of value",                                   \
      "unexpected character after the Via entry", "")                                                                  \
    X(via_entry_end, syntax, "';' (parameter) or end of the Via entry", "unexpected character after the Via entry", "") \
    /* explain()'s refinements */                                                                                      \
    X(via_empty, syntax, "", "the Via value is empty", "a Via entry looks like SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK...") \
    X(via_no_sent_protocol, syntax, "", "the Via value starts without a sent-protocol",                                \
      "a Via entry looks like SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK...")                                           \
    X(via_empty_entry, syntax, "", "a ',' must be followed by another Via entry", "remove the extra ','")              \
    X(via_several_entries, syntax, "", "unexpected character after the Via entry",                                     \
      "this value holds several Via entries: use parse_via_list")

/// Credentials and challenges (auth.hpp), RFC 3261 §25.1, RFC 7616, RFC 8760; the Digest computation.
#define SIPVIEW_DIAGS_AUTH(X)                                                                                          \
    /* credentials / challenge = auth-scheme LWS ... */                                                                \
    X(auth_scheme, syntax, "auth-scheme (token, e.g. Digest)", "credentials and challenges start with an auth-scheme", "") \
    X(auth_after_scheme, syntax, "whitespace after the auth-scheme",                                                   \
      "the auth-scheme is followed by whitespace and name=value auth-params", "")                                      \
    X(auth_credentials_end, syntax, "end of credentials", "", "")                                                      \
    X(auth_challenge_end, syntax, "end of challenge", "", "")                                                          \
    /* auth-param = auth-param-name EQUAL ( token / quoted-string ), COMMA between */                                  \
    X(auth_comma, syntax, "',' between auth-params", "expected ',' or the end of the value", "")                       \
    X(auth_equal, syntax, "'=' after the auth-param name", "an auth-param is written name=value", "")                  \
    X(auth_param, syntax, "auth-param (name=value)", "expected an auth-param (name=value)", "")                        \
    X(auth_param_name, syntax, "auth-param name (token)", "expected an auth-param (name=value)", "")                   \
    X(auth_param_repeated, syntax, "an auth-param not given before", "an auth-param appears twice",                    \
      "each auth-param name appears once (RFC 7235 §2.1): remove the second")                                          \
    X(auth_username_both, inconsistent, "username or username*, not both",                                           \
      "credentials carry both username and username*",                                                                 \
      "send username* only when the name cannot be a quoted-string, and then without username (RFC 7616 §3.4)")      \
    X(auth_param_value, syntax, "auth-param value (token or quoted-string)",                                           \
      "the auth-param value is missing or malformed", "")                                                              \
    /* quoted-string fields: username, realm, nonce, cnonce, opaque */                                                 \
    X(auth_username_quoted, syntax, "quoted-string (username=\"...\")", "username must be a quoted string", "")        \
    X(auth_realm_quoted, syntax, "quoted-string (realm=\"...\")", "realm must be a quoted string", "")                 \
    X(auth_nonce_quoted, syntax, "quoted-string (nonce=\"...\")", "nonce must be a quoted string", "")                 \
    X(auth_cnonce_quoted, syntax, "quoted-string (cnonce=\"...\")", "cnonce must be a quoted string", "")              \
    X(auth_opaque_quoted, syntax, "quoted-string (opaque=\"...\")", "opaque must be a quoted string", "")              \
    /* digest-uri = "uri" EQUAL LDQUOT digest-uri-value RDQUOT */                                                      \
    X(auth_uri_quote, syntax, "'\"' before the digest-uri", "the digest-uri must be quoted: uri=\"sip:...\"", "")      \
    X(auth_uri, syntax, "URI (sip:, sips:, scheme:... or /path)", "expected a URI", "")                                \
    X(auth_uri_close, syntax, "closing '\"' after the digest-uri", "unexpected character in the digest-uri", "")       \
    /* dresponse = "response" EQUAL request-digest; request-digest = LDQUOT (32LHEX / 64LHEX) RDQUOT */                \
    X(auth_response, syntax, "request-digest: '\"' then 32 or 64 lowercase hex digits",                               \
      "response must be a quoted string of 32 or 64 lowercase hex digits", "")                                         \
    X(auth_response_case, syntax, "lowercase hex digit", "the response digest is written in lowercase hex (LHEX)", "") \
    X(auth_response_digits, syntax, "32 or 64 lowercase hex digits",                                                   \
      "a response digest is 32 (MD5) or 64 (SHA-256, SHA-512-256) lowercase hex digits", "")                           \
    X(auth_response_length_32, inconsistent, "32 lowercase hex digits", "the response length does not match the algorithm", \
      "MD5 and MD5-sess give 32 hex digits, SHA-256 and SHA-512-256 (and -sess) give 64")                              \
    X(auth_response_length_64, inconsistent, "64 lowercase hex digits", "the response length does not match the algorithm", \
      "MD5 and MD5-sess give 32 hex digits, SHA-256 and SHA-512-256 (and -sess) give 64")                              \
    /* algorithm, message-qop, nonce-count, userhash, stale */                                                         \
    X(auth_algorithm, syntax, "algorithm token (MD5, MD5-sess, SHA-256, SHA-512-256, ...)",                            \
      "algorithm is a token, e.g. algorithm=MD5", "")                                                                  \
    X(auth_qop_token, syntax, "qop token (auth or auth-int)", "qop in credentials is a single token, e.g. qop=auth", "") \
    X(auth_nc, syntax, "nc-value (8 lowercase hex digits)", "nc is exactly 8 lowercase hex digits, e.g. nc=00000001", "") \
    X(auth_nc_case, syntax, "lowercase hex digit", "nc is written in lowercase hex (LHEX)", "")                        \
    X(auth_bool, syntax, "true or false", "the value is true or false", "")                                            \
    /* domain = "domain" EQUAL LDQUOT URI *( 1*SP URI ) RDQUOT */                                                      \
    X(auth_domain_quote, syntax, "'\"' before the domain URI list", "domain is a quoted, space-separated list of URIs", "") \
    X(auth_domain_close, syntax, "closing '\"' after the domain URIs", "URIs in domain are separated by spaces", "")    \
    /* qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT */                                           \
    X(auth_qop_list, syntax, "'\"' starting the qop list", "qop in a challenge is a quoted list, e.g. qop=\"auth,auth-int\"", "") \
    X(auth_qop_value, syntax, "qop-value (token)", "expected a qop-value such as auth or auth-int", "")                \
    X(auth_qop_separator, syntax, "',' or closing '\"' in the qop list", "qop-values are separated by ','", "")        \
    /* charset = "charset" EQUAL "UTF-8" (RFC 7616) */                                                                 \
    X(auth_charset, syntax, "UTF-8", "the only charset RFC 7616 allows is UTF-8", "")                                  \
    /* Bearer (RFC 8898 §6): credentials = "Bearer" LWS b64token; bearer-cln = realm / scope / authz-server / error */ \
    X(auth_bearer_token, syntax, "bearer token (b64token: letters, digits, - . _ ~ + / then '=' padding)",             \
      "Bearer credentials are one token, not name=value auth-params", "")                                              \
    X(auth_bearer_scope_quoted, syntax, "quoted-string (scope=\"...\")", "scope must be a quoted string", "")          \
    X(auth_bearer_authz_server_quoted, syntax, "quoted-string (authz_server=\"...\")",                                \
      "authz_server must be a quoted string", "")                                                                      \
    X(auth_bearer_error_quoted, syntax, "quoted-string (error=\"...\")", "error must be a quoted string", "")          \
    /* explain_auth_error's refinements */                                                                             \
    X(auth_uri_invalid, syntax, "", "not a valid URI", "")                                                             \
    X(auth_line_break, syntax, "", "line break inside the value",                                                      \
      "a continuation line (line folding) is CRLF followed by a space or tab")                                         \
    X(auth_missing_comma, syntax, "", "missing ',' between auth-params", "separate auth-params with ','")              \
    X(auth_text_after_quoted, syntax, "", "unexpected text right after a quoted value",                                \
      "check the quoting: a '\"' inside a quoted string is written \\\"")                                              \
    X(auth_trailing_comma, syntax, "", "trailing ',' without an auth-param after it", "remove the extra ','")          \
    X(auth_empty_param, syntax, "", "empty auth-param between commas", "remove the extra ','")                        \
    X(auth_close_quote_hint, ok, "", "", "close the quoted string with '\"'; a '\"' inside it is written \\\"")        \
    X(auth_unquote_hint, ok, "", "", "this value is a token: write it without quotes")                                 \
    X(auth_quote_hint, ok, "", "", "put the value in double quotes")                                                   \
    X(auth_lowercase_hint, ok, "", "", "write a-f in lower case")                                                      \
    X(auth_digest_length_hint, ok, "", "", "MD5 gives 32 hex digits, SHA-256 and SHA-512-256 give 64")               \
    X(auth_basic_hint, ok, "", "", "SIP does not use Basic authentication (RFC 3261 §22.1); use Digest")              \
    /* digest_response / make_digest_inputs (RFC 2617 §3.2.2, RFC 7616 §3.4) */                                        \
    X(auth_unsupported_qop, inconsistent, "qop auth or auth-int", "unsupported qop", "")                               \
    X(auth_qop_needs_cnonce, inconsistent, "cnonce and nc", "qop requires cnonce and nc", "")                          \
    X(auth_sess_needs_cnonce, inconsistent, "cnonce", "a -sess algorithm requires cnonce", "")                         \
    X(auth_hash_failed, too_large, "", "output buffer too small, or the hasher failed", "")                            \
    X(auth_missing_field, inconsistent, "username, realm, nonce and uri", "the credentials lack a Digest field", "")   \
    X(auth_scratch_full, too_large, "", "scratch buffer too small", "")

/// Stream framing (stream.hpp), RFC 3261 §7.5, §18.3, RFC 5626 §3.5.1.
#define SIPVIEW_DIAGS_STREAM(X)                                                                                        \
    X(stream_failed, inconsistent, "a reset() state", "this stream already failed to frame",                           \
      "close the connection, or reset() the frame_state to start a new stream")                                        \
    X(stream_buffer_shrunk, inconsistent, "the octets of the previous call again, plus new ones",                     \
      "the buffer is shorter than what this frame_state was already given",                                            \
      "keep the unconsumed octets between calls, or reset() the state for a new stream")                               \
    X(stream_keepalive_bare_cr, syntax, "CRLF", "bare CR before the start line", "keep-alives are CRLF pairs (RFC 5626 §3.5.1)") \
    X(stream_keepalive_bare_lf, syntax, "CRLF", "bare LF before the start line", "keep-alives are CRLF pairs (RFC 5626 §3.5.1)") \
    X(stream_not_sip, syntax, "start line (Method or SIP-Version)", "the stream does not continue with a SIP message",  \
      "a message starts with a method (INVITE ...) or SIP/2.0")                                                        \
    X(stream_start_line_bare_lf, syntax, "CRLF", "the start line ends with a bare LF", "end every line with CRLF (RFC 3261 §7)") \
    X(stream_bare_cr, syntax, "CRLF", "bare CR in the header section", "end every line with CRLF (RFC 3261 §7)")       \
    X(stream_bare_lf, syntax, "CRLF", "bare LF line end", "end every line with CRLF (RFC 3261 §7)")                    \
    X(stream_headers_too_large, too_large, "a shorter header section", "the header section exceeds the size limit",    \
      "raise stream_options::max_header_bytes if such messages are legitimate")                                        \
    X(stream_too_many_headers, too_many_headers, "fewer headers", "too many headers",                                  \
      "raise stream_options::max_headers if such messages are legitimate")                                             \
    X(stream_content_length_conflict, inconsistent, "one Content-Length value", "several different Content-Length values", \
      "send exactly one Content-Length header")                                                                        \
    X(stream_content_length_missing, missing_header, "Content-Length header",                                          \
      "Content-Length is required on a stream transport", "add Content-Length (0 for no body), RFC 3261 §18.3")        \
    X(stream_body_too_large, too_large, "a smaller body", "Content-Length exceeds the body size limit",                \
      "raise stream_options::max_body_bytes if such messages are legitimate")

// ---------------------------------------------------------------------------
// BEGIN message block — owned by message.hpp (start line, header registry,
// validate()). Rows are prefixed msg_. Edit only between BEGIN and END.
#define SIPVIEW_DIAGS_MESSAGE(X)                                                                                       \
    /* start line (message.hpp), RFC 3261 §7.1, §7.2, §25.1 */                                                         \
    X(msg_empty_message, syntax, "start line", "empty message", "")                                                    \
    X(msg_leading_empty_line, syntax, "start line", "the message starts with an empty line",                           \
      "CRLF keep-alives before a message are only skipped on streams (see frame_message)")                             \
    X(msg_start_line_unterminated, syntax, "CRLF after the start line", "the message ends inside the start line",      \
      "a SIP message is a start line, headers and an empty line, each ended by CRLF")                                  \
    X(msg_start_line_bare_lf, syntax, "CRLF", "the start line ends with a bare LF", "end every line with CRLF (RFC 3261 §7)") \
    X(msg_version_malformed, syntax, "SIP-Version (SIP/2.0)", "malformed SIP version", "write SIP/2.0")                \
    X(msg_version_unsupported, out_of_range, "SIP/2.0", "unsupported SIP version",                                     \
      "only SIP/2.0 is supported (RFC 3261 §7.1)")                                                                     \
    /* exactly one SP between start line elements */                                                                   \
    X(msg_sp_after_method_missing, syntax, "SP after the method", "the start line ends too early",                     \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_after_method_not_sp, syntax, "SP after the method", "expected a single SP here",                          \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_after_method_several, syntax, "SP after the method", "more than one SP between start line elements",     \
      "separate the start line elements with exactly one SP (RFC 3261 §7.1)")                                          \
    X(msg_sp_before_version_missing, syntax, "SP before the SIP-Version", "the start line ends too early",             \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_before_version_not_sp, syntax, "SP before the SIP-Version", "expected a single SP here",                  \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_before_version_several, syntax, "SP before the SIP-Version", "more than one SP between start line elements", \
      "separate the start line elements with exactly one SP (RFC 3261 §7.1)")                                          \
    X(msg_sp_after_version_missing, syntax, "SP after the SIP-Version", "the start line ends too early",               \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_after_version_not_sp, syntax, "SP after the SIP-Version", "expected a single SP here",                    \
      "the start line elements are separated by exactly one SP")                                                       \
    X(msg_sp_after_version_several, syntax, "SP after the SIP-Version", "more than one SP between start line elements", \
      "separate the start line elements with exactly one SP (RFC 3261 §7.1)")                                          \
    /* Request-Line = Method SP Request-URI SP SIP-Version CRLF */                                                     \
    X(msg_method_whitespace, syntax, "method (token)", "whitespace before the method",                                  \
      "a request starts with Method SP Request-URI SP SIP/2.0")                                                        \
    X(msg_method_missing, syntax, "method (token)", "the request line must start with a method",                       \
      "a request starts with Method SP Request-URI SP SIP/2.0")                                                        \
    X(msg_request_uri_brackets, syntax, "Request-URI", "the Request-URI must not be enclosed in <>",                   \
      "write the Request-URI without angle brackets (RFC 3261 §25.1)")                                                 \
    X(msg_request_uri_end, syntax, "end of the Request-URI", "", "")                                                   \
    X(msg_request_uri_space, syntax, "", "whitespace inside the Request-URI",                                          \
      "a Request-URI cannot contain spaces: remove them or escape them as %20")                                        \
    X(msg_request_uri_split, syntax, "SP SIP-Version", "whitespace inside the Request-URI",                            \
      "a Request-URI cannot contain spaces: remove them or escape them as %20")                                        \
    X(msg_request_uri_headers, syntax, "Request-URI without headers", "a Request-URI must not contain headers ('?')",   \
      "headers are allowed in From/To/Contact URIs, not in the Request-URI (RFC 3261 §19.1.5)")                        \
    X(msg_request_line_no_version, syntax, "SP SIP-Version", "the request line ends after the Request-URI",            \
      "a request line is Method SP Request-URI SP SIP/2.0")                                                            \
    X(msg_version_trailing_space, syntax, "CRLF after the SIP-Version", "trailing whitespace after the SIP-Version",   \
      "end the request line right after SIP/2.0")                                                                      \
    X(msg_version_trailing_text, syntax, "CRLF after the SIP-Version", "unexpected character after the SIP-Version", "") \
    /* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF */                                               \
    X(msg_status_missing, syntax, "Status-Code (3 digits)", "the status code is missing",                              \
      "a status line is SIP/2.0 SP 3DIGIT SP Reason-Phrase")                                                           \
    X(msg_status_too_long, out_of_range, "Status-Code (3 digits)", "the status code has more than three digits",      \
      "a status code is three digits, 100-699 (RFC 3261 §7.2)")                                                        \
    X(msg_status_too_short, out_of_range, "Status-Code (3 digits)", "the status code has fewer than three digits",    \
      "a status code is three digits, 100-699 (RFC 3261 §7.2)")                                                        \
    X(msg_status_range, out_of_range, "Status-Code (100-699)", "the status code is outside 100-699",                   \
      "status classes are 1xx to 6xx (RFC 3261 §21)")                                                                 \
    X(msg_status_sp_missing, syntax, "SP after the status code", "the status line ends right after the status code",  \
      "the SP after the status code is required even when the reason phrase is empty")                                 \
    X(msg_status_sp_not_sp, syntax, "SP after the status code", "unexpected character after the status code",         \
      "the SP after the status code is required even when the reason phrase is empty")                                 \
    X(msg_reason_escape, syntax, "two hex digits after '%'", "malformed percent-escape in the reason phrase",           \
      "write '%' itself as %25")                                                                                       \
    X(msg_reason_utf8, syntax, "UTF-8 text", "invalid UTF-8 in the reason phrase", "")                                 \
    X(msg_reason_char, syntax, "Reason-Phrase character", "character not allowed in the reason phrase",                \
      "escape it as %HH (RFC 3261 §25.1 Reason-Phrase)")                                                               \
    /* header lines: message-header = field-name HCOLON field-value CRLF */                                            \
    X(msg_headers_unterminated, syntax, "empty line (CRLF) after the headers",                                         \
      "the message ends before the empty line that closes the headers",                                                \
      "end the header section with an empty line, even when there is no body")                                         \
    X(msg_bare_lf, syntax, "CRLF", "bare LF line end", "end every line with CRLF (RFC 3261 §7)")                       \
    X(msg_bare_cr, syntax, "CRLF", "bare CR in the header section", "end every line with CRLF (RFC 3261 §7)")          \
    X(msg_header_leading_space, syntax, "header name", "a header line starts with whitespace",                         \
      "a continuation line must follow a header line; remove the leading whitespace")                                  \
    X(msg_header_name, syntax, "header name (token)", "malformed header name",                                         \
      "a header line is Name: value, the name a token")                                                                \
    X(msg_header_colon, syntax, "':' after the header name", "the header name must be followed by ':'",                \
      "a header line is Name: value")                                                                                  \
    X(msg_too_many_headers, too_many_headers, "fewer headers", "too many headers for the header storage",              \
      "pass a larger header_field array")                                                                              \
    X(msg_header_unterminated, syntax, "CRLF", "the message ends inside a header line",                                \
      "end every header line with CRLF and the header section with an empty line")                                     \
    /* framing by Content-Length (RFC 3261 §18.3, §20.14) */                                                           \
    X(msg_content_length_conflict, inconsistent, "one Content-Length value", "several different Content-Length values", \
      "send exactly one Content-Length header")                                                                        \
    X(msg_content_length_changed, inconsistent, "the same Content-Length as before",                                   \
      "several different Content-Length values", "send exactly one Content-Length header")                             \
    X(msg_content_length_too_large, inconsistent, "Content-Length at most the octets present",                         \
      "Content-Length is larger than the body that follows", "Content-Length must count the body octets exactly")      \
    X(msg_trailing_octets, inconsistent, "end of the datagram",                                                        \
      "octets after the end of the message (Content-Length ends it) were ignored", "")                                 \
    X(msg_content_length_required, missing_header, "Content-Length header",                                            \
      "Content-Length is required on a stream transport", "add Content-Length (0 for no body), RFC 3261 §18.3")        \
    /* typed access: expected is then the header's name */                                                             \
    X(msg_no_such_header, missing_header, "header", "the message has no such header", "")                              \
    /* CSeq = 1*DIGIT LWS Method (scalar_headers.hpp) */                                                               \
    X(msg_cseq_number, syntax, "CSeq number (1*DIGIT)", "the CSeq value must start with a sequence number", "")        \
    X(msg_cseq_range, out_of_range, "CSeq number below 2**31", "the CSeq number must be less than 2**31", "")          \
    X(msg_cseq_lws, syntax, "LWS between the CSeq number and the method",                                              \
      "the CSeq number and method must be separated by whitespace", "")                                                \
    X(msg_cseq_method, syntax, "method (token)", "the CSeq method is missing or malformed", "")                        \
    X(msg_cseq_end, syntax, "end of the CSeq value", "unexpected character after the CSeq method", "")                 \
    X(msg_cseq_range_hint, ok, "", "", "CSeq numbers are 32-bit and below 2147483648 (RFC 3261 §8.1.1.5)")            \
    /* callid = word [ "@" word ] */                                                                                   \
    X(msg_call_id, syntax, "Call-ID (word [\"@\" word])", "the Call-ID is missing or malformed", "")                   \
    X(msg_call_id_word, syntax, "word after '@'", "the Call-ID needs a word after '@'", "")                            \
    X(msg_call_id_end, syntax, "end of the Call-ID", "unexpected character in the Call-ID", "")                        \
    X(msg_call_id_at_hint, ok, "", "", "a Call-ID holds at most one '@'")                                              \
    /* Max-Forwards, delta-seconds, Content-Length: 1*DIGIT within bounds */                                           \
    X(msg_max_forwards_number, syntax, "Max-Forwards (0-255)", "a decimal number is required", "")                     \
    X(msg_max_forwards_range, out_of_range, "Max-Forwards (0-255)", "Max-Forwards must be at most 255",                \
      "Max-Forwards is an integer in the range 0-255 (RFC 3261 §20.22)")                                               \
    X(msg_delta_number, syntax, "delta-seconds (0-4294967295)", "a decimal number is required", "")                    \
    X(msg_delta_range, out_of_range, "delta-seconds (0-4294967295)", "the value does not fit in 32 bits",              \
      "delta-seconds must fit in 32 bits (at most 4294967295)")                                                        \
    X(msg_number_end, syntax, "end of the number", "unexpected character after the number", "")                        \
    X(msg_content_length_number, syntax, "Content-Length (1*DIGIT)", "a decimal number is required", "")               \
    X(msg_content_length_range, out_of_range, "Content-Length (1*DIGIT)", "Content-Length does not fit in 32 bits", "") \
    X(msg_content_length_negative, syntax, "Content-Length (1*DIGIT)", "Content-Length cannot be negative",            \
      "write the body size in octets, 0 for no body")                                                                  \
    X(msg_content_length_not_number, syntax, "", "Content-Length must be a decimal number",                            \
      "write the body size in octets, 0 for no body")                                                                  \
    /* media-type = m-type SLASH m-subtype *( SEMI m-parameter ) */                                                    \
    X(msg_media_type, syntax, "media type (token)", "the media type is missing or malformed", "")                      \
    X(msg_media_slash, syntax, "'/' between type and subtype", "a media type is written type/subtype", "")             \
    X(msg_media_subtype, syntax, "media subtype (token)", "the media subtype is missing or malformed", "")             \
    X(msg_media_param, syntax, "media type parameter (token = value)", "malformed media type parameter", "")          \
    X(msg_media_end, syntax, "';' parameter or end of the media type", "unexpected character in the media type", "")  \
    /* header-value text; Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) */                             \
    X(msg_header_text, syntax, "header value text", "control character in a header value",                            \
      "header values are UTF-8 text without control characters")                                                       \
    X(msg_retry_after_end, syntax, "a comment or ';' after delta-seconds", "unexpected text after the Retry-After seconds", \
      "Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §20.33)")                               \
    X(msg_retry_after_param, syntax, "retry-param (duration=delta-seconds, or name[=value])",                          \
      "malformed Retry-After parameter", "")                                                                           \
    X(msg_retry_after_duration_equal, syntax, "'=' after duration", "duration needs a value: duration=3600", "")       \
    X(msg_retry_after_duration, syntax, "duration value (delta-seconds)", "malformed duration value", "")              \
    /* validate.hpp: Date = rfc1123-date (GMT), CSeq method, repeated and mandatory headers */                          \
    X(msg_date_weekday, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                            \
      "malformed Date: expected a weekday (Mon-Sun)", "SIP dates are always GMT (RFC 3261 §20.17)")                    \
    X(msg_date_comma, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                              \
      "malformed Date: expected \", \" after the weekday", "SIP dates are always GMT (RFC 3261 §20.17)")               \
    X(msg_date_day, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                                \
      "malformed Date: expected a two-digit day", "SIP dates are always GMT (RFC 3261 §20.17)")                        \
    X(msg_date_month, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                              \
      "malformed Date: expected a month (Jan-Dec)", "SIP dates are always GMT (RFC 3261 §20.17)")                      \
    X(msg_date_year, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                               \
      "malformed Date: expected a four-digit year", "SIP dates are always GMT (RFC 3261 §20.17)")                      \
    X(msg_date_time, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)",                               \
      "malformed Date: expected the time as HH:MM:SS", "SIP dates are always GMT (RFC 3261 §20.17)")                   \
    X(msg_date_range, syntax, "a date and time that exist (day within its month, 00-23:00-59:00-60)",                  \
      "the Date names a day or time that does not exist", "")                                                         \
    X(msg_date_end, syntax, "end of value after the date", "", "")                                                     \
    X(msg_date_not_gmt, syntax, "rfc1123-date in GMT (e.g. Sat, 13 Nov 2010 23:29:00 GMT)", "the Date is not in GMT",  \
      "SIP dates are always GMT (RFC 3261 §20.17)")                                                                    \
    X(msg_cseq_method_mismatch, inconsistent, "the request method", "the CSeq method differs from the request method", \
      "CSeq carries the method of the request line (RFC 3261 §8.1.1.5)")                                               \
    X(msg_duplicate_header, duplicate_header, "one header of this name", "a single-valued header appears more than once", "") \
    X(msg_missing_to, missing_header, "mandatory header", "the mandatory To header is missing",                        \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    X(msg_missing_from, missing_header, "mandatory header", "the mandatory From header is missing",                    \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    X(msg_missing_cseq, missing_header, "mandatory header", "the mandatory CSeq header is missing",                    \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    X(msg_missing_call_id, missing_header, "mandatory header", "the mandatory Call-ID header is missing",              \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    X(msg_missing_via, missing_header, "mandatory header", "the mandatory Via header is missing",                      \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    X(msg_missing_max_forwards, missing_header, "mandatory header", "the Max-Forwards header a request must carry is missing", \
      "RFC 3261 §8.1.1 lists the headers every request carries")                                                       \
    /* RSeq = response-num; RAck = response-num LWS CSeq-num LWS Method (RFC 3262 §7.1, §7.2) */                       \
    X(msg_rseq_number, syntax, "response-num (1*DIGIT)", "RSeq is a number from 1 to 2147483647", "")                  \
    X(msg_rseq_end, syntax, "end of the RSeq value", "unexpected character after the RSeq number", "")                 \
    X(msg_response_num_range, out_of_range, "response-num (1 to 2147483647)", "response-num must be 1 to 2**31 - 1", "") \
    X(msg_response_num_zero, out_of_range, "response-num (1 to 2147483647)", "response-num must be 1 to 2**31 - 1",    \
      "RSeq numbers start at 1 (RFC 3262 §7.1)")                                                                       \
    X(msg_rack_rseq, syntax, "response-num (1*DIGIT)", "RAck starts with the RSeq number of the response", "")         \
    X(msg_rack_lws_rseq, syntax, "LWS after the response-num", "RAck is response-num SP CSeq-number SP method", "")    \
    X(msg_rack_cseq, syntax, "CSeq number (1*DIGIT)", "RAck needs the CSeq number of the response", "")                \
    X(msg_rack_lws_cseq, syntax, "LWS after the CSeq number", "RAck is response-num SP CSeq-number SP method", "")     \
    X(msg_rack_method, syntax, "method (token)", "RAck ends with the method of the response", "")                      \
    X(msg_rack_end, syntax, "end of the RAck value", "unexpected character after the RAck method", "")                 \
    /* Session-Expires, Min-SE (RFC 4028 §4, §5) */                                                                    \
    X(msg_se_refresher_equal, syntax, "'=' after refresher", "refresher needs a value: refresher=uac or refresher=uas", "") \
    X(msg_se_refresher_value, syntax, "uac or uas", "the refresher is uac or uas (RFC 4028 §4)", "")                   \
    X(msg_se_param_name, syntax, "parameter name (token)", "", "")                                                     \
    X(msg_se_delta, syntax, "delta-seconds (1*DIGIT)", "Session-Expires starts with the session interval in seconds", "") \
    X(msg_se_end, syntax, "';' parameter or end of the value", "unexpected character in the Session-Expires value", "") \
    X(msg_min_se_delta, syntax, "delta-seconds (1*DIGIT)", "Min-SE starts with the minimum interval in seconds", "")   \
    X(msg_min_se_end, syntax, "';' parameter or end of the value", "unexpected character in the Min-SE value", "")     \
    /* format.hpp checked mode: expected and hint are the refused field's (its position), the message the grammar's */ \
    X(msg_format_byte, syntax, "a byte this field allows", "a byte is not allowed here", "")                            \
    X(msg_format_ends_early, syntax, "", "the value is empty or ends too early", "")                                   \
    X(msg_format_quote_early, syntax, "", "'\"' ends the quoted string before the end of the display name", "")        \
    X(msg_format_buffer_full, too_large, "", "output buffer too small", "formatted_size() gives the size needed")
// END message block
// ---------------------------------------------------------------------------

/// tel URIs and telephone-subscribers (tel.hpp), RFC 3966 §3, RFC 4904 §5; user=phone (RFC 3261 §19.1.6).
#define SIPVIEW_DIAGS_TEL(X)                                                                                           \
    /* telephone-uri = "tel:" telephone-subscriber */                                                                  \
    X(tel_scheme, syntax, "\"tel:\"", "a tel URI starts with tel:", "")                                                \
    X(tel_end, syntax, "';' parameter or end of the tel URI", "unexpected character in the tel URI", "")               \
    /* global-number-digits = "+" *phonedigit DIGIT *phonedigit; local-number-digits */                                \
    X(tel_number, syntax, "telephone number (+digits, or a local number)", "the telephone number is missing",          \
      "write a global number as + and the country code, e.g. tel:+1-201-555-0123")                                     \
    X(tel_global_no_digit, syntax, "a digit after '+'", "a global number needs digits after '+'",                      \
      "write a global number as + and the country code, e.g. tel:+1-201-555-0123")                                     \
    X(tel_local_no_digit, syntax, "a digit (0-9, A-F, '*' or '#')", "the number has visual separators but no digit",   \
      "visual separators (- . ( )) go between digits, e.g. tel:+1-201-555-0123")                                       \
    /* *par: parameter = ";" pname ["=" pvalue], isub, ext, phone-context, tgrp, trunk-context */                      \
    X(tel_trailing_semicolon, syntax, "a parameter after ';'", "a trailing ';' with no parameter after it",            \
      "remove the trailing ';'")                                                                                       \
    X(tel_empty_param, syntax, "a parameter name after ';'", "an empty parameter (';;')", "remove the extra ';'")      \
    X(tel_param_name, syntax, "parameter name (letters, digits, '-')", "malformed tel parameter name", "")             \
    X(tel_param_value, syntax, "parameter value (paramchar or %HH)", "the parameter value is empty or malformed",      \
      "write ;name=value, or ;name for a flag; escape other bytes as %HH")                                             \
    X(tel_param_needs_value, syntax, "'=' and a value", "isub, ext, phone-context, tgrp and trunk-context need a value", \
      "e.g. ;ext=1234 or ;phone-context=example.com")                                                                  \
    X(tel_duplicate_param, syntax, "isub, ext, phone-context, tgrp and trunk-context at most once each",               \
      "a tel parameter appears twice", "keep one of them")                                                             \
    X(tel_isub_empty, syntax, "ISDN subaddress (1*uric)", "the isub value is empty",                                   \
      "write the subaddress after ;isub=, or remove the parameter")                                                    \
    X(tel_ext_value, syntax, "extension (digits with separators - . ( ))", "the ext value must be digits", "e.g. ;ext=1234") \
    X(tel_descriptor, syntax, "domain name or +digits", "phone-context and trunk-context are a domain name or a +digits prefix", \
      "e.g. ;phone-context=example.com or ;phone-context=+1-914-555")                                                  \
    X(tel_tgrp_value, syntax, "trunk group label (unreserved, %HH, / & + $)", "the tgrp value is empty or malformed",  \
      "e.g. ;tgrp=TG-1;trunk-context=example.com (RFC 4904)")                                                          \
    /* local-number = local-number-digits *par context *par (RFC 3966 §5.1.5) */                                       \
    X(tel_local_needs_context, syntax, "';phone-context=' (a local number needs it)",                                  \
      "a local number needs ;phone-context=",                                                                          \
      "add ;phone-context=<domain or +digits> (e.g. tel:7042;phone-context=example.com) or write the number as + and " \
      "the country code; outside <> a ';' starts the header parameters: write <tel:...>")                              \
    /* uri::telephone_subscriber(), validate_fields() */                                                               \
    X(tel_not_phone, syntax, "a tel URI, or a SIP URI with a user part and user=phone",                                \
      "the URI carries no telephone-subscriber", "")                                                                   \
    X(tel_user_phone, syntax, "telephone-subscriber in the user part (RFC 3966)",                                      \
      "the user part of a user=phone URI is not a telephone-subscriber",                                               \
      "write the number as + and digits, or give a local number its ;phone-context= (RFC 3261 §19.1.6)")

/// Lists of tokens (token_list.hpp): option-tags, Methods, event-types, priv-values.
#define SIPVIEW_DIAGS_TOKEN_LIST(X)                                                                                    \
    X(tl_option_tag, syntax, "option-tag (token)", "expected an option-tag such as 100rel or timer", "")                \
    X(tl_method, syntax, "Method (token)", "expected a method name such as INVITE", "")                                 \
    X(tl_event_type, syntax, "event-type (token-nodot *( \".\" token-nodot ))",                                         \
      "expected an event package such as presence or dialog", "")                                                      \
    X(tl_event_template, syntax, "event-template after '.'", "'.' must be followed by an event template",              \
      "write package.template, e.g. presence.winfo, with nothing empty around the '.'")                                \
    X(tl_language_tag, syntax, "language-tag (1*8ALPHA *( \"-\" 1*8ALPHA ))", "expected a language tag such as en or fr-ca", "") \
    X(tl_call_id, syntax, "Call-ID (word [\"@\" word])", "expected a Call-ID", "")                                    \
    X(tl_priv_value, syntax, "priv-value (header, session, user, none, critical, id, history or a token)",             \
      "expected a privacy value", "")                                                                                  \
    X(tl_end, syntax, "',' or end of value", "", "separate the items with ','")                                       \
    X(tl_priv_end, syntax, "';' or end of value", "", "separate privacy values with ';' (RFC 3323 §4.2)")

/// Event and Subscription-State (events.hpp), RFC 6665 §8.2.
#define SIPVIEW_DIAGS_EVENTS(X)                                                                                        \
    X(ev_event_type, syntax, "event-type (token-nodot *( \".\" token-nodot ))", "expected an event package", "")       \
    X(ev_param, syntax, "parameter (token [= value])", "", "")                                                        \
    X(ev_id_equal, syntax, "'=' after id", "id needs a value: id=token", "")                                           \
    X(ev_id_value, syntax, "id value (token)", "malformed id", "")                                                    \
    X(ev_substate, syntax, "substate-value (active, pending, terminated or a token)", "expected a subscription state", "") \
    X(ev_reason_equal, syntax, "'=' after reason", "reason needs a value: reason=timeout", "")                         \
    X(ev_reason_value, syntax, "event-reason-value (token)", "malformed reason", "")                                  \
    X(ev_expires_equal, syntax, "'=' after expires", "expires needs a value: expires=600", "")                        \
    X(ev_expires_value, syntax, "expires value (delta-seconds)", "malformed expires value", "")                       \
    X(ev_retry_after_equal, syntax, "'=' after retry-after", "retry-after needs a value: retry-after=60", "")          \
    X(ev_retry_after_value, syntax, "retry-after value (delta-seconds)", "malformed retry-after value", "")            \
    X(ev_end, syntax, "';' parameter or end of value", "", "")

/// Reason (reason.hpp), RFC 3326 §2.
#define SIPVIEW_DIAGS_REASON(X)                                                                                        \
    X(rs_protocol, syntax, "protocol (SIP, Q.850 or a token)", "a reason-value starts with its protocol", "")         \
    X(rs_param, syntax, "reason parameter (token [= value])", "", "")                                                  \
    X(rs_cause_equal, syntax, "'=' after cause", "cause needs a value: cause=200", "")                                 \
    X(rs_cause_value, syntax, "cause (digits)", "cause is a number", "")                                               \
    X(rs_cause_range, syntax, "cause (0-4294967295)", "cause does not fit in 32 bits", "")                             \
    X(rs_text_equal, syntax, "'=' after text", "text needs a value: text=\"...\"", "")                                 \
    X(rs_text_quoted, syntax, "quoted-string (text=\"...\")", "text must be a quoted string", "")                      \
    X(rs_list_element, syntax, "another reason-value after ','", "", "")                                               \
    X(rs_end, syntax, "',' , ';' parameter or end of value", "", "")

/// Warning (warning.hpp), RFC 3261 §20.43.
#define SIPVIEW_DIAGS_WARNING(X)                                                                                       \
    X(wn_code, syntax, "warn-code (3 digits)", "a warning-value starts with a 3-digit code", "")                     \
    X(wn_sp_code, syntax, "one SP after the warn-code", "", "")                                                       \
    X(wn_agent, syntax, "warn-agent (host[:port] or a token)", "expected the warning agent", "")                     \
    X(wn_agent_port, syntax, "port (0-65535)", "malformed port in the warn-agent", "")                               \
    X(wn_sp_agent, syntax, "one SP after the warn-agent", "", "")                                                     \
    X(wn_text, syntax, "warn-text (quoted-string)", "the warning text must be a quoted string", "")                  \
    X(wn_list_element, syntax, "another warning-value after ','", "", "")                                             \
    X(wn_end, syntax, "',' or end of value", "", "")

/// Replaces, Join, Target-Dialog (dialog_id.hpp), RFC 3891, 3911, 4538.
#define SIPVIEW_DIAGS_DIALOG_ID(X)                                                                                     \
    X(dlg_call_id, syntax, "Call-ID (word [\"@\" word])", "the value starts with the dialog's Call-ID", "")             \
    X(dlg_call_id_word, syntax, "word after '@' in the Call-ID", "malformed Call-ID", "")                              \
    X(dlg_param, syntax, "parameter (token [= value])", "", "")                                                       \
    X(dlg_tag_equal, syntax, "'=' after the tag name", "a tag parameter needs a value: to-tag=token", "")              \
    X(dlg_tag_value, syntax, "tag (token)", "malformed tag", "")                                                      \
    X(dlg_end, syntax, "';' parameter or end of value", "", "")

/// Identity (identity.hpp), RFC 8224 §4.1; SIP-ETag / SIP-If-Match (scalar_headers.hpp), RFC 3903 §11.3.
#define SIPVIEW_DIAGS_IDENTITY(X)                                                                                      \
    X(id_signature, syntax, "signed-identity-digest (base64 or base64url and '.')",                                   \
      "the value starts with the signed PASSporT", "")                                                                \
    X(id_info_missing, syntax, "';info=<URI>' after the signature", "the info parameter must follow the signature",   \
      "RFC 8224 §4.1: signature;info=<https://...>[;alg=...][;ppt=...]")                                              \
    X(id_info_equal, syntax, "'=' after info", "info needs a value: info=<URI>", "")                                  \
    X(id_info_laquot, syntax, "'<' before the info URI", "the info URI is written in <>", "")                         \
    X(id_info_uri, syntax, "URI (absoluteURI)", "malformed info URI", "")                                             \
    X(id_info_raquot, syntax, "'>' after the info URI", "", "")                                                       \
    X(id_param, syntax, "parameter (token [= value])", "", "")                                                        \
    X(id_alg_equal, syntax, "'=' after alg", "alg needs a value: alg=ES256", "")                                       \
    X(id_alg_value, syntax, "alg value (token)", "malformed alg", "")                                                 \
    X(id_ppt_equal, syntax, "'=' after ppt", "ppt needs a value: ppt=shaken", "")                                      \
    X(id_ppt_value, syntax, "ppt value (token)", "malformed ppt", "")                                                 \
    X(id_end, syntax, "';' parameter or end of value", "", "")                                                        \
    X(single_token, syntax, "token", "the value is one token", "")                                                     \
    X(single_token_end, syntax, "end of value", "", "")                                                                \
    X(mime_version, syntax, "MIME-Version (digits \".\" digits, e.g. 1.0)", "malformed MIME-Version", "")             \
    X(timestamp_value, syntax, "timestamp (digits [. digits])", "malformed timestamp", "")                             \
    X(timestamp_end, syntax, "delay (digits [. digits]) or end of value", "", "")

/// Bodies (multipart.hpp): Content-Disposition (RFC 3261 §20.11) and
/// multipart bodies (RFC 2046 §5.1, RFC 5621).
#define SIPVIEW_DIAGS_BODY(X)                                                                                          \
    X(disp_type, syntax, "disp-type (token: render, session, icon, alert...)", "expected the disposition type", "")   \
    X(disp_param, syntax, "parameter (token [= value])", "", "")                                                      \
    X(disp_handling_equal, syntax, "'=' after handling", "handling needs a value: handling=optional", "")              \
    X(disp_handling_value, syntax, "handling value (optional, required or a token)", "malformed handling", "")        \
    X(disp_end, syntax, "';' parameter or end of value", "", "")                                                      \
    X(mp_not_multipart, inconsistent, "a multipart/* Content-Type", "the body is not multipart", "")                  \
    X(mp_boundary_missing, syntax, "boundary parameter", "a multipart Content-Type needs ;boundary=",                  \
      "add the boundary the parts are separated by (RFC 2046 §5.1.1)")                                                 \
    X(mp_boundary_length, syntax, "boundary of 1 to 70 characters", "the boundary is longer than 70 characters",       \
      "RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace")                                                      \
    X(mp_boundary_char, syntax, "boundary character (letters, digits, ' ( ) + _ , - . / : = ? or space)",             \
      "this byte is not allowed in a boundary", "quote the boundary parameter; a boundary cannot end with a space")    \
    X(mp_first_boundary, syntax, "'--' boundary starting a line", "the body has no first boundary line",               \
      "a multipart body starts with --boundary (after an optional preamble)")                                          \
    X(mp_boundary_line, syntax, "CRLF or '--' after the boundary", "unexpected text after the boundary", "")            \
    X(mp_close_missing, syntax, "the closing --boundary--", "the multipart body is not closed",                       \
      "end the last part with CRLF --boundary--")                                                                      \
    X(mp_too_many_parts, too_large, "", "more body parts than the caller's storage holds", "")                        \
    X(mp_too_deep, too_large, "", "multipart bodies nested deeper than the limit", "")

/// Lists of values with parameters (param_lists.hpp): Accept*, Accept-Contact,
/// Security-*, P-Access-Network-Info, P-Visited-Network-ID, User-to-User, ...
#define SIPVIEW_DIAGS_PARAM_LIST(X)                                                                                    \
    X(pl_value, syntax, "list element", "expected the element's value", "")                                           \
    X(pl_param, syntax, "parameter (token [= value])", "", "")                                                        \
    X(pl_end, syntax, "',' , ';' parameter or end of value", "", "")                                                   \
    X(pl_single_end, syntax, "';' parameter or end of value", "", "")

/// Server and User-Agent (product.hpp), RFC 3261 §20.35, §20.41, §25.1:
/// server-val *(LWS server-val), server-val = product / comment.
#define SIPVIEW_DIAGS_PRODUCT(X)                                                                                       \
    X(prod_value, syntax, "server-val (product: token [/ version], or a (comment))",                                  \
      "expected a product (name[/version]) or a (comment)", "")                                                      \
    X(prod_version, syntax, "product-version (token) after '/'", "a '/' must be followed by the product version", "") \
    X(prod_comment_unterminated, syntax, "')' closing the comment", "unterminated comment: this '(' is never closed",  \
      "close each '(' with ')'; a parenthesis inside a comment may be written \\( or \\)")                            \
    X(prod_comment_char, syntax, "comment text (ctext, quoted-pair or a nested comment)",                              \
      "this byte is not allowed in a comment", "")                                                                     \
    X(prod_comment_quoted_pair, syntax, "a character after '\\' (not CR or LF)", "invalid quoted-pair in a comment", "") \
    X(prod_comment_utf8, syntax, "UTF-8 text", "invalid UTF-8 in a comment", "")                                      \
    X(prod_end, syntax, "LWS then another product or comment, or the end of the value", "",                           \
      "separate products and comments with a space")

/// Authentication-Info (auth.hpp), RFC 3261 §20.6, RFC 7616 §3.5: ainfo *(COMMA ainfo).
#define SIPVIEW_DIAGS_AUTH_INFO(X)                                                                                     \
    X(ainfo_param, syntax, "ainfo (nextnonce, qop, rspauth, cnonce, nc, or name=value)",                              \
      "expected an ainfo parameter (name=value)", "")                                                                 \
    X(ainfo_nextnonce_quoted, syntax, "quoted-string (nextnonce=\"...\")", "nextnonce must be a quoted string", "")    \
    X(ainfo_rspauth, syntax, "response-digest: '\"', lowercase hex digits, '\"'",                                    \
      "rspauth must be a quoted string of lowercase hex digits", "")                                                  \
    X(ainfo_rspauth_case, syntax, "lowercase hex digit", "rspauth is written in lowercase hex (LHEX)",                 \
      "write a-f in lower case")                                                                                       \
    X(ainfo_duplicate, syntax, "nextnonce, qop, rspauth, cnonce and nc at most once each",                            \
      "this parameter appears a second time", "send each of nextnonce, qop, rspauth, cnonce and nc once")            \
    X(ainfo_end, syntax, "',' or end of value", "", "separate ainfo parameters with ','")

/// P-Charging-Vector (charging_vector.hpp), RFC 7315 §5.6.
#define SIPVIEW_DIAGS_CHARGING(X)                                                                                      \
    X(pcv_icid_value, syntax, "icid-value = gen-value (the first parameter)",                                        \
      "a P-Charging-Vector starts with icid-value=", "RFC 7315 §5.6: icid-value=...; icid-generated-at=...; orig-ioi=...") \
    X(pcv_equal, syntax, "'=' after the parameter name", "this parameter needs a value: name=value", "")             \
    X(pcv_value, syntax, "gen-value (token, host or quoted-string)", "malformed parameter value", "")                \
    X(pcv_host, syntax, "host (hostname, IPv4 address or [IPv6 address])", "icid-generated-at is a host", "")         \
    X(pcv_param, syntax, "charge-param (token [= value])", "", "")                                                    \
    X(pcv_duplicate, syntax, "icid-value, icid-generated-at, orig-ioi and term-ioi at most once each",                \
      "this parameter appears a second time", "")                                                                     \
    X(pcv_end, syntax, "';' parameter or end of value", "", "")

/// Every list, in the order of the enum and the table.
#define SIPVIEW_DIAGS(X)                                                                                               \
    SIPVIEW_DIAGS_CORE(X)                                                                                              \
    SIPVIEW_DIAGS_URI(X)                                                                                               \
    SIPVIEW_DIAGS_NAME_ADDR(X)                                                                                         \
    SIPVIEW_DIAGS_VIA(X)                                                                                               \
    SIPVIEW_DIAGS_AUTH(X)                                                                                              \
    SIPVIEW_DIAGS_STREAM(X)                                                                                            \
    SIPVIEW_DIAGS_MESSAGE(X)                                                                                           \
    SIPVIEW_DIAGS_TOKEN_LIST(X)                                                                                        \
    SIPVIEW_DIAGS_EVENTS(X)                                                                                            \
    SIPVIEW_DIAGS_REASON(X)                                                                                            \
    SIPVIEW_DIAGS_WARNING(X)                                                                                           \
    SIPVIEW_DIAGS_DIALOG_ID(X)                                                                                         \
    SIPVIEW_DIAGS_IDENTITY(X)                                                                                          \
    SIPVIEW_DIAGS_BODY(X)                                                                                              \
    SIPVIEW_DIAGS_PARAM_LIST(X)                                                                                        \
    SIPVIEW_DIAGS_TEL(X)                                                                                               \
    SIPVIEW_DIAGS_PRODUCT(X)                                                                                           \
    SIPVIEW_DIAGS_AUTH_INFO(X)                                                                                         \
    SIPVIEW_DIAGS_CHARGING(X)                                                                                          \
    SIPVIEW_DIAGS_LENIENCY(X)

/// Deviations accepted under a leniency flag (leniency.hpp): each row is the
/// warning reported where its flag accepted input the ABNF forbids. The
/// message names the rule broken and the flag.
#define SIPVIEW_DIAGS_LENIENCY(X)                                                                                      \
    X(lenient_underscore_host, syntax, "hostname (alphanum and '-' labels)",                                           \
      "RFC 3261 §25.1 hostname: '_' is not allowed; accepted under allow_underscore_host", "")                         \
    X(lenient_digit_toplabel, syntax, "toplabel (starts with a letter)",                                               \
      "RFC 3261 §25.1 toplabel: the last label of a hostname starts with a letter; accepted under allow_digit_toplabel", "") \
    X(lenient_quoted_uri_param, syntax, "URI parameter value (1*paramchar)",                                           \
      "RFC 3261 §25.1 uri-parameter: a value is 1*paramchar, not a quoted-string; accepted under allow_quoted_uri_param", "") \
    X(lenient_trailing_semicolon, syntax, "URI parameter name after ';'",                                              \
      "RFC 3261 §25.1 uri-parameters: ';' must be followed by a parameter; accepted under allow_trailing_semicolon", "") \
    X(lenient_lws_in_brackets, syntax, "the URI right after '<' and '>' right after it",                               \
      "RFC 3261 §25.1 name-addr: no whitespace inside <>; accepted under allow_lws_in_brackets", "")                  \
    X(lenient_unbracketed_info_uri, syntax, "'<' URI '>'",                                                             \
      "RFC 3261 §20.4 alert-param / info: the URI is written in <>; accepted under allow_unbracketed_info_uri", "")   \
    X(lenient_multiple_challenges, syntax, "end of the challenge",                                                     \
      "RFC 3261 §25.1 WWW-Authenticate / Proxy-Authenticate: one challenge per header field; "                        \
      "accepted under allow_multiple_challenges", "")                                                                  \
    X(lenient_bare_lf, syntax, "CRLF", "RFC 3261 §7: lines end with CRLF, not a bare LF; accepted under allow_bare_lf", "") \
    X(lenient_no_content_length, missing_header, "Content-Length",                                                     \
      "RFC 3261 §18.3: Content-Length is mandatory on streams; the body is taken as empty under "                      \
      "assume_zero_content_length", "")

/// What went wrong, by id. diag::none: no diagnostic (a default parse_error,
/// or an error built by hand with aggregate initialisation).
enum class diag : unsigned short {
    none = 0,
#define SIPVIEW_DIAG_ENUM_(id, code, expected, message, hint) id,
    SIPVIEW_DIAGS(SIPVIEW_DIAG_ENUM_)
#undef SIPVIEW_DIAG_ENUM_
};

/// One row of the catalogue, as info(d) gives it. All strings are static.
struct diag_info {
    std::string_view name;      ///< the id as text: "uri_second_at"
    errc code;                  ///< errc::ok for a hint row
    std::string_view expected;  ///< empty: a refinement row (keeps the error's expected) or a hint row
    std::string_view message;   ///< empty: a positional row (unexpected character / end of input) or a hint row
    std::string_view hint;      ///< how to fix it, or empty
};

namespace detail {
// The catalogue is data: every row's name, expected, message and hint, each
// ended by a NUL, in one array of .rodata, and per row its offset there, the
// four lengths and the errc (12 bytes). A table of string_views would hold
// four relocated pointers per row (14.6 KB of .data.rel.ro on armhf for 400
// rows, against 4.9 KB here).
//
// SIPVIEW_NO_DIAGNOSTIC_TEXT (firmware that logs ids, never prose; the same in
// every TU of the program): the rows keep their names and codes, and
// expected, message and hint are empty in every error. Errors then take
// their errc from diag_codes (one byte per row, code_of), so a program links
// the names and rows (12.8 KB on armhf) only if it calls to_string(diag) or
// info(diag).
#ifdef SIPVIEW_NO_DIAGNOSTIC_TEXT
inline constexpr bool diagnostic_text_compiled_in = false;
#define SIPVIEW_DIAG_TEXT_(id, code, expected, message, hint) #id "\0\0\0\0"
#define SIPVIEW_DIAG_SIZES_(id, code, expected, message, hint) {sizeof(#id) - 1, 0, 0, 0},
#else
inline constexpr bool diagnostic_text_compiled_in = true;
#define SIPVIEW_DIAG_TEXT_(id, code, expected, message, hint) #id "\0" expected "\0" message "\0" hint "\0"
#define SIPVIEW_DIAG_SIZES_(id, code, expected, message, hint) \
    {sizeof(#id) - 1, sizeof(expected) - 1, sizeof(message) - 1, sizeof(hint) - 1},
#endif
inline constexpr char diag_text[] = "none\0\0\0\0" SIPVIEW_DIAGS(SIPVIEW_DIAG_TEXT_);

/// The lengths of one row's four strings (compile time only).
struct diag_text_sizes {
    std::size_t name, expected, message, hint;
};
inline constexpr diag_text_sizes diag_sizes[] = {{4, 0, 0, 0}, SIPVIEW_DIAGS(SIPVIEW_DIAG_SIZES_)};
#define SIPVIEW_DIAG_CODE_(id, code, expected, message, hint) errc::code,
inline constexpr errc diag_codes[] = {errc::ok, SIPVIEW_DIAGS(SIPVIEW_DIAG_CODE_)};
#undef SIPVIEW_DIAG_TEXT_
#undef SIPVIEW_DIAG_SIZES_
#undef SIPVIEW_DIAG_CODE_

/// One row: where its strings start in diag_text, and their lengths.
struct diag_row {
    std::uint32_t at;
    std::uint16_t expected_size, message_size, hint_size;
    std::uint8_t name_size;
    errc code;
};

inline constexpr std::size_t diag_row_count = sizeof(diag_sizes) / sizeof(diag_sizes[0]);

template <std::size_t N>
struct diag_rows_array {
    diag_row rows[N];
};
inline constexpr diag_rows_array<diag_row_count> make_diag_rows() noexcept {
    diag_rows_array<diag_row_count> out{};
    std::size_t at = 0;
    for (std::size_t i = 0; i < diag_row_count; ++i) {
        diag_text_sizes const& s = diag_sizes[i];
        out.rows[i] = {static_cast<std::uint32_t>(at), static_cast<std::uint16_t>(s.expected),
                       static_cast<std::uint16_t>(s.message), static_cast<std::uint16_t>(s.hint),
                       static_cast<std::uint8_t>(s.name), diag_codes[i]};
        at += s.name + s.expected + s.message + s.hint + 4;
    }
    return out;
}
inline constexpr diag_rows_array<diag_row_count> diag_rows = make_diag_rows();

inline constexpr bool diag_sizes_fit() noexcept {
    std::size_t total = 0;
    for (diag_text_sizes const& s : diag_sizes) {
        if (s.name > 0xff || s.expected > 0xffff || s.message > 0xffff || s.hint > 0xffff) return false;
        total += s.name + s.expected + s.message + s.hint + 4;
    }
    return total + 1 == sizeof(diag_text);
}
static_assert(diag_sizes_fit(), "diag_row's fields hold every row's lengths, and they add up to diag_text");
} // namespace detail

/// Number of ids, diag::none included.
inline constexpr std::size_t diag_count = detail::diag_row_count;

/// The row of `d` (of diag::none when `d` is out of range).
inline constexpr diag_info info(diag d) noexcept {
    std::size_t const i = static_cast<std::size_t>(d);
    detail::diag_row const& r = detail::diag_rows.rows[i < diag_count ? i : 0];
    char const* p = detail::diag_text + r.at;
    std::string_view const name(p, r.name_size);
    p += r.name_size + 1;
    std::string_view const expected(p, r.expected_size);
    p += r.expected_size + 1;
    std::string_view const message(p, r.message_size);
    p += r.message_size + 1;
    return {name, r.code, expected, message, std::string_view(p, r.hint_size)};
}

/// The catalogue, indexed like diag: diag_table[i] is info(diag(i)).
struct diag_catalogue {
    constexpr diag_info operator[](std::size_t i) const noexcept { return info(static_cast<diag>(i)); }
    static constexpr std::size_t size() noexcept { return diag_count; }
};
inline constexpr diag_catalogue diag_table{};

/// The errc of `d` (of diag::none, errc::ok, when `d` is out of range): one
/// byte per row, so code that only needs the kind of failure (make_error
/// under SIPVIEW_NO_DIAGNOSTIC_TEXT) does not link the catalogue's text.
inline constexpr errc code_of(diag d) noexcept {
    std::size_t const i = static_cast<std::size_t>(d);
    return detail::diag_codes[i < diag_count ? i : 0];
}

/// The id's name, e.g. "uri_second_at" ("none" for diag::none).
inline constexpr std::string_view to_string(diag d) noexcept { return info(d).name; }

/// The id named `name` (as to_string gives it), or diag::none.
inline constexpr diag diag_from_string(std::string_view name) noexcept {
    for (std::size_t i = 1; i < diag_count; ++i)
        if (diag_table[i].name == name) return static_cast<diag>(i);
    return diag::none;
}

namespace detail {
inline constexpr bool diag_row_ok(diag_info const& r) noexcept {
    if (r.code == errc::ok) return r.expected.empty() && r.message.empty() && !r.hint.empty();  // hint row
    return !r.expected.empty() || !r.message.empty();
}
inline constexpr bool diag_rows_ok() noexcept {
    for (std::size_t i = 1; i < diag_count; ++i)
        if (diag_table[i].name.empty() || !diag_row_ok(diag_table[i])) return false;
    return true;
}
} // namespace detail

// The table is indexed by the enum: each row sits at its id's value.
#define SIPVIEW_DIAG_CHECK_(id, code, expected, message, hint)                                                         \
    static_assert(diag_table[static_cast<std::size_t>(diag::id)].name == std::string_view(#id), "diag_table order");
SIPVIEW_DIAGS(SIPVIEW_DIAG_CHECK_)
#undef SIPVIEW_DIAG_CHECK_
static_assert(diag_table[0].name == std::string_view("none"), "diag::none is row 0");
static_assert(!detail::diagnostic_text_compiled_in || detail::diag_rows_ok(),
              "a diag row has neither expected nor message, or a hint row has text");

} // namespace sipview

#endif
