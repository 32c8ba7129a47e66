// sipview — the header registry: one row per header sipview knows, and
// everything generated from it (the header_id enum, the name table and its
// lookup, single_valued(), the typed tags sipview::header::NAME, and
// visit_header(), the one dispatch on header ids every consumer goes through:
// message access, validation, formatting, sip-lint, the fuzz harnesses and
// the tests).
//
// Adding a typed header is one row here (plus, for a new concept header,
// its #include below), its AST, rule, parse function, visit_fields() and
// writer in the header for its concept (see session_timer.hpp), and its
// tests. Nothing else changes: message::get<header::NAME>(), validate(),
// format(), sip-lint's JSON and --header NAME, the fuzz harnesses and seed
// corpus, the guard-page, linear-time and allocation tests all read the
// table.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_HEADERS_HPP
#define SIPVIEW_HEADERS_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include <sipview/auth.hpp>
#include <sipview/charging_vector.hpp>
#include <sipview/core.hpp>
#include <sipview/dialog_id.hpp>
#include <sipview/error.hpp>
#include <sipview/events.hpp>
#include <sipview/identity.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/param_lists.hpp>
#include <sipview/product.hpp>
#include <sipview/reason.hpp>
#include <sipview/reliable_provisional.hpp>
#include <sipview/scalar_headers.hpp>
#include <sipview/session_timer.hpp>
#include <sipview/token_list.hpp>
#include <sipview/via.hpp>
#include <sipview/warning.hpp>

// ===========================================================================
// The registry. One row per header, in id order (alphabetical):
//
//   X(id, name, compact, arity, ast, parse, format, json, rfc, example)
//
//   id       header_id::id and the tag header::id; also the JSON key (snake_case)
//   name     canonical spelling
//   compact  compact form (lower case), or 0
//   arity    single: may appear once (a second one is a warning);
//            list:   comma-separated elements, on any number of lines
//                    (get<> yields every element of every line);
//            multi:  may repeat, one value per line (get<> yields each line's)
//   ast      the value's AST type
//   parse    its parse function: result<ast>(value), offsets in the value.
//            parse_header_text (ast std::string_view) for the headers known
//            by name only: their value gets the header-value byte check
//   format   typed: format() writes the AST in canonical spacing;
//            text:  format() writes the value as it is, unfolded
//   json     json: sip-lint writes the AST under key `id`;
//            no_json: the value is in the raw header list only
//   rfc      where the header is defined
//   example  a valid value (tests, seed corpus, documentation)
#define SIPVIEW_HEADERS(X)                                                                                                                  \
    X(accept, "Accept", 0, list, ::sipview::accept_list, parse_accept, typed, json, "RFC 3261 §20.1", "application/sdp;level=1, application/x-private, text/html") \
    X(accept_contact, "Accept-Contact", 'a', list, ::sipview::star_params_list, parse_star_params, typed, json, "RFC 3841 §9.2", "*;audio;require") \
    X(accept_encoding, "Accept-Encoding", 0, list, ::sipview::encoding_list, parse_accept_encoding, typed, json, "RFC 3261 §20.2", "gzip;q=1.0, identity; q=0.5, *;q=0") \
    X(accept_language, "Accept-Language", 0, list, ::sipview::language_list, parse_accept_language, typed, json, "RFC 3261 §20.3", "da, en-gb;q=0.8, en;q=0.7") \
    X(alert_info, "Alert-Info", 0, list, ::sipview::name_addr_list, parse_info_list, typed, json, "RFC 3261 §20.4", "<http://www.example.com/sounds/moo.wav>") \
    X(allow, "Allow", 0, list, ::sipview::token_list, parse_allow, typed, json, "RFC 3261 §20.5", "INVITE, ACK, OPTIONS, CANCEL, BYE")  \
    X(allow_events, "Allow-Events", 'u', list, ::sipview::token_list, parse_allow_events, typed, json, "RFC 6665 §8.2.2", "talk,hold,conference") \
    X(authentication_info, "Authentication-Info", 0, multi, ::sipview::authentication_info, parse_authentication_info, typed, json, "RFC 3261 §20.6", "nextnonce=\"47364c23432d2e131a5fb210812c\"") \
    X(authorization, "Authorization", 0, multi, ::sipview::credentials, parse_credentials, typed, json, "RFC 3261 §20.7",                 \
      "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\"") \
    X(call_id, "Call-ID", 'i', single, std::string_view, parse_call_id, text, json, "RFC 3261 §20.8", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@biloxi.com") \
    X(call_info, "Call-Info", 0, list, ::sipview::name_addr_list, parse_info_list, typed, json, "RFC 3261 §20.9", "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon, <http://www.example.com/alice/> ;purpose=info") \
    X(contact, "Contact", 'm', list, ::sipview::name_addr_list, parse_contact_list, typed, json, "RFC 3261 §20.10",                       \
      "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, <mailto:watson@bell-telephone.com> ;q=0.1") \
    X(content_disposition, "Content-Disposition", 0, single, ::sipview::content_disposition, parse_content_disposition, typed, json, "RFC 3261 §20.11", "session") \
    X(content_encoding, "Content-Encoding", 'e', list, ::sipview::token_list, parse_token_list, typed, json, "RFC 3261 §20.12", "gzip") \
    X(content_language, "Content-Language", 0, list, ::sipview::token_list, parse_content_language, typed, json, "RFC 3261 §20.13", "fr, en-GB") \
    X(content_length, "Content-Length", 'l', single, std::uint32_t, parse_content_length, text, json, "RFC 3261 §20.14", "349")          \
    X(content_type, "Content-Type", 'c', single, ::sipview::media_type, parse_media_type, typed, json, "RFC 3261 §20.15", "text/html; charset=ISO-8859-4") \
    X(cseq, "CSeq", 0, single, ::sipview::cseq, parse_cseq, typed, json, "RFC 3261 §20.16", "4711 INVITE")                               \
    X(date, "Date", 0, single, ::sipview::sip_date, parse_date, typed, json, "RFC 3261 §20.17", "Sat, 13 Nov 2010 23:29:00 GMT")    \
    X(diversion, "Diversion", 0, list, ::sipview::diversion_list, parse_diversion, typed, json, "RFC 5806 §3", "<sip:alice@atlanta.example.com>;reason=user-busy;counter=1") \
    X(error_info, "Error-Info", 0, list, ::sipview::name_addr_list, parse_info_list, typed, json, "RFC 3261 §20.18", "<sip:not-in-service-recording@atlanta.com>") \
    X(event, "Event", 'o', single, ::sipview::event, parse_event, typed, json, "RFC 6665 §8.2.1", "presence")                     \
    X(expires, "Expires", 0, single, std::uint32_t, parse_delta_seconds, text, json, "RFC 3261 §20.19", "5")                              \
    X(feature_caps, "Feature-Caps", 0, list, ::sipview::star_params_list, parse_star_params, typed, json, "RFC 6809 §6", "*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"") \
    X(from, "From", 'f', single, ::sipview::name_addr, parse_name_addr, typed, json, "RFC 3261 §20.20", "\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s") \
    X(geolocation, "Geolocation", 0, list, ::sipview::name_addr_list, parse_info_list, typed, json, "RFC 6442 §4.1", "<cid:target123@atlanta.example.com>") \
    X(geolocation_routing, "Geolocation-Routing", 0, single, std::string_view, parse_geolocation_routing, text, json, "RFC 6442 §4.2", "no") \
    X(history_info, "History-Info", 0, list, ::sipview::history_info_list, parse_history_info, typed, json, "RFC 7044 §4.1", "<sip:UserA@ims.example.com?Reason=SIP%3Bcause%3D302>;index=1.1,<sip:UserB@example.com;cause=302>;index=1.1.1;mp=1.1") \
    X(identity, "Identity", 'y', multi, ::sipview::identity, parse_identity, typed, json, "RFC 8224 §4", "eyJhbGciOiJFUzI1NiJ9.e30.sig;info=<https://cert.example.org/passport.cer>") \
    X(identity_info, "Identity-Info", 'n', multi, std::string_view, parse_header_text, text, no_json, "RFC 4474 §9", "<https://www.atlanta.example.com/atlanta.cer>;alg=rsa-sha1") \
    X(info_package, "Info-Package", 0, single, ::sipview::valued_params, parse_info_package, typed, json, "RFC 6086 §8.2.4", "foo") \
    X(in_reply_to, "In-Reply-To", 0, list, ::sipview::token_list, parse_in_reply_to, typed, json, "RFC 3261 §20.21", "70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com") \
    X(join, "Join", 0, single, ::sipview::replaces, parse_join, typed, json, "RFC 3911 §7.1", "12345600@atlanta.example.com;from-tag=1234567;to-tag=23431") \
    X(max_forwards, "Max-Forwards", 0, single, std::uint8_t, parse_max_forwards, text, json, "RFC 3261 §20.22", "6")                      \
    X(mime_version, "MIME-Version", 0, single, std::string_view, parse_mime_version, text, json, "RFC 3261 §20.24", "1.0") \
    X(min_expires, "Min-Expires", 0, single, std::uint32_t, parse_delta_seconds, text, json, "RFC 3261 §20.23", "60")                    \
    X(min_se, "Min-SE", 0, single, ::sipview::min_se, parse_min_se, typed, json, "RFC 4028 §5", "60")                                    \
    X(organization, "Organization", 0, single, std::string_view, parse_header_text, text, no_json, "RFC 3261 §20.25", "Boxes by Bob")     \
    X(p_access_network_info, "P-Access-Network-Info", 0, list, ::sipview::token_params_list, parse_token_params, typed, json, "RFC 7315 §5.4", "3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE") \
    X(p_asserted_identity, "P-Asserted-Identity", 0, list, ::sipview::name_addr_list, parse_identity_list, typed, json, "RFC 3325 §9.1", "\"Cullen Jennings\" <sip:fluffy@cisco.com>, <tel:+14085264000>") \
    X(p_associated_uri, "P-Associated-URI", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 7315 §4.1", "<sip:user1-business@example.com>, <sip:user1-family@example.com>") \
    X(p_called_party_id, "P-Called-Party-ID", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 7315 §4.2", "<sip:user1-business@example.com>") \
    X(p_charging_vector, "P-Charging-Vector", 0, single, ::sipview::p_charging_vector, parse_p_charging_vector, typed, json, "RFC 7315 §5.6", "icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net") \
    X(p_visited_network_id, "P-Visited-Network-ID", 0, list, ::sipview::token_or_quoted_params_list, parse_token_or_quoted_params, typed, json, "RFC 7315 §4.3", "other.net, \"Visited network number 1\"") \
    X(p_preferred_identity, "P-Preferred-Identity", 0, list, ::sipview::name_addr_list, parse_identity_list, typed, json, "RFC 3325 §9.2", "\"Cullen Jennings\" <sip:fluffy@cisco.com>") \
    X(path, "Path", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 3327 §4", "<sip:P3.EXAMPLEHOME.COM;lr>,<sip:P1.EXAMPLEVISITED.COM;lr>") \
    X(priority, "Priority", 0, single, std::string_view, parse_priority, text, json, "RFC 3261 §20.26", "emergency") \
    X(privacy, "Privacy", 0, list, ::sipview::token_list, parse_privacy, typed, json, "RFC 3323 §4.2", "header;user")                \
    X(proxy_authenticate, "Proxy-Authenticate", 0, multi, ::sipview::challenge, parse_challenge, typed, json, "RFC 3261 §20.27",           \
      "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5") \
    X(proxy_authorization, "Proxy-Authorization", 0, multi, ::sipview::credentials, parse_credentials, typed, json, "RFC 3261 §20.28",    \
      "Digest username=\"alice\", realm=\"atlanta.com\", nonce=\"c60f3082ee1212b402a21831ae\", uri=\"sip:bob@biloxi.com\", response=\"245f23415f11432b3434341c022f8a4b\"") \
    X(proxy_require, "Proxy-Require", 0, list, ::sipview::token_list, parse_option_tags, typed, json, "RFC 3261 §20.29", "foo")             \
    X(rack, "RAck", 0, single, ::sipview::rack, parse_rack, typed, json, "RFC 3262 §7.2", "776656 1 INVITE")                             \
    X(recv_info, "Recv-Info", 0, list, ::sipview::token_list, parse_recv_info, typed, json, "RFC 6086 §8.2.3", "foo, bar") \
    X(reason, "Reason", 0, list, ::sipview::reason_list, parse_reason_list, typed, json, "RFC 3326 §2", "SIP ;cause=200 ;text=\"Call completed elsewhere\"") \
    X(record_route, "Record-Route", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 3261 §20.30",                  \
      "<sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>")                                                                  \
    X(refer_to, "Refer-To", 'r', single, ::sipview::name_addr, parse_name_addr, typed, json, "RFC 3515 §2.1", "<sip:bob@biloxi.example.net>") \
    X(referred_by, "Referred-By", 'b', single, ::sipview::name_addr, parse_name_addr, typed, json, "RFC 3892 §3", "<sip:alice@atlanta.example.com>") \
    X(reject_contact, "Reject-Contact", 'j', list, ::sipview::star_params_list, parse_star_params, typed, json, "RFC 3841 §9.3", "*;actor=\"msg-taker\";video") \
    X(reply_to, "Reply-To", 0, single, ::sipview::name_addr, parse_name_addr, typed, json, "RFC 3261 §20.31", "Bob <sip:bob@biloxi.com>") \
    X(request_disposition, "Request-Disposition", 'd', list, ::sipview::token_list, parse_token_list, typed, json, "RFC 3841 §9.1", "proxy, recurse, parallel") \
    X(replaces, "Replaces", 0, single, ::sipview::replaces, parse_replaces, typed, json, "RFC 3891 §6.1", "98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only") \
    X(require, "Require", 0, list, ::sipview::token_list, parse_option_tags, typed, json, "RFC 3261 §20.32", "100rel")                     \
    X(retry_after, "Retry-After", 0, single, ::sipview::retry_after, parse_retry_after, typed, json, "RFC 3261 §20.33", "18000 (maintenance);duration=3600") \
    X(route, "Route", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 3261 §20.34", "<sip:bigbox3.site3.atlanta.com;lr>, <sip:server10.biloxi.com;lr>") \
    X(rseq, "RSeq", 0, single, std::uint32_t, parse_rseq, text, json, "RFC 3262 §7.1", "988789")                                          \
    X(security_client, "Security-Client", 0, list, ::sipview::token_params_list, parse_token_params, typed, json, "RFC 3329 §2.2", "ipsec-ike;q=0.1, tls;q=0.2") \
    X(security_server, "Security-Server", 0, list, ::sipview::token_params_list, parse_token_params, typed, json, "RFC 3329 §2.2", "ipsec-ike;q=0.1, tls;q=0.2") \
    X(security_verify, "Security-Verify", 0, list, ::sipview::token_params_list, parse_token_params, typed, json, "RFC 3329 §2.2", "tls;q=0.2") \
    X(server, "Server", 0, single, ::sipview::product_list, parse_product_list, typed, json, "RFC 3261 §20.35", "HomeServer v2")       \
    X(service_route, "Service-Route", 0, list, ::sipview::name_addr_list, parse_route_list, typed, json, "RFC 3608 §5",                   \
      "<sip:P2.HOME.EXAMPLE.COM;lr>,<sip:HSP.HOME.EXAMPLE.COM;lr>")                                                                        \
    X(session_id, "Session-ID", 0, single, ::sipview::valued_params, parse_session_id, typed, json, "RFC 7989 §5", "ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2") \
    X(session_expires, "Session-Expires", 'x', single, ::sipview::session_expires, parse_session_expires, typed, json, "RFC 4028 §4", "4000;refresher=uac") \
    X(sip_etag, "SIP-ETag", 0, single, std::string_view, parse_entity_tag, text, json, "RFC 3903 §11.3.1", "dx200xyz") \
    X(sip_if_match, "SIP-If-Match", 0, single, std::string_view, parse_entity_tag, text, json, "RFC 3903 §11.3.2", "dx200xyz") \
    X(subject, "Subject", 's', single, std::string_view, parse_header_text, text, no_json, "RFC 3261 §20.36", "Need more boxes")          \
    X(subscription_state, "Subscription-State", 0, single, ::sipview::subscription_state, parse_subscription_state, typed, json, "RFC 6665 §8.2.3", "active;expires=600") \
    X(supported, "Supported", 'k', list, ::sipview::token_list, parse_supported, typed, json, "RFC 3261 §20.37", "100rel")                \
    X(target_dialog, "Target-Dialog", 0, single, ::sipview::target_dialog, parse_target_dialog, typed, json, "RFC 4538 §7", "fa77as7dad8-sd98ajzz@host.example.com;local-tag=kkaz-;remote-tag=6544") \
    X(timestamp, "Timestamp", 0, single, ::sipview::timestamp, parse_timestamp, typed, json, "RFC 3261 §20.38", "54 0.5") \
    X(to, "To", 't', single, ::sipview::name_addr, parse_name_addr, typed, json, "RFC 3261 §20.39", "The Operator <sip:operator@cs.columbia.edu>;tag=287447") \
    X(unsupported, "Unsupported", 0, list, ::sipview::token_list, parse_option_tags, typed, json, "RFC 3261 §20.40", "foo")                  \
    X(user_agent, "User-Agent", 0, single, ::sipview::product_list, parse_product_list, typed, json, "RFC 3261 §20.41", "Linphone/5.2.0 (belle-sip/5.2.0)") \
    X(user_to_user, "User-to-User", 0, list, ::sipview::token_or_quoted_params_list, parse_token_or_quoted_params, typed, json, "RFC 7433 §4.1", "56a390f3d2b7310023a2;encoding=hex;purpose=isdn-uui;content=isdn-uui") \
    X(via, "Via", 'v', list, ::sipview::via_list, parse_via_list, typed, json, "RFC 3261 §20.42", "SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7") \
    X(warning, "Warning", 0, list, ::sipview::warning_value_list, parse_warning_values, typed, json, "RFC 3261 §20.43", "307 isi.edu \"Session parameter 'foo' not understood\"") \
    X(www_authenticate, "WWW-Authenticate", 0, multi, ::sipview::challenge, parse_challenge, typed, json, "RFC 3261 §20.44",              \
      "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5")

namespace sipview {

// ===========================================================================
// Header ids and names.

/// The headers sipview knows by name (the registry above). Everything else
/// is `other` and kept raw.
enum class header_id : unsigned char {
    other = 0,
#define SIPVIEW_HEADER_ID(id, ...) id,
    SIPVIEW_HEADERS(SIPVIEW_HEADER_ID)
#undef SIPVIEW_HEADER_ID
    count_  ///< number of ids, not a header
};

/// How many values of a header a message may carry (the registry's arity).
enum class header_arity : unsigned char {
    single,  ///< at most one header line
    list,    ///< comma-separated elements over any number of lines
    multi,   ///< any number of lines, one value each
};

/// How format() writes a known header's value (the registry's format column).
enum class value_format : unsigned char {
    typed,  ///< the AST, in canonical spacing (the value as it is when it does not parse)
    text,   ///< the value as it is, line folds unfolded
};

namespace detail {

struct header_name_entry {
    std::string_view name;  ///< canonical spelling
    header_id id;
    char compact;           ///< compact form (lower case), or 0
    header_arity arity;
};

/// Indexed by header_id.
inline constexpr header_name_entry header_names[] = {
    {"", header_id::other, 0, header_arity::multi},
#define SIPVIEW_HEADER_NAME(id, name, compact, arity, ...) {name, header_id::id, compact, header_arity::arity},
    SIPVIEW_HEADERS(SIPVIEW_HEADER_NAME)
#undef SIPVIEW_HEADER_NAME
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
/// by hash, and the compact forms by letter. The names themselves are
/// compared in header_names (same_name folds the case of both sides).
struct header_index {
    static constexpr std::size_t slots = 256;  // about a quarter full
    unsigned char table[slots];
    header_id compact[26];
    constexpr header_index() : table{}, compact{} {
        for (std::size_t i = 1; i < header_id_count; ++i) {
            std::size_t slot = header_hash(header_names[i].name) % slots;
            while (table[slot] != 0) slot = (slot + 1) % slots;
            table[slot] = static_cast<unsigned char>(i);
            if (header_names[i].compact != 0)
                compact[static_cast<unsigned char>(header_names[i].compact) - 'a'] = header_names[i].id;
        }
    }
};
inline constexpr header_index header_lookup{};
static_assert([] {
    for (auto const& e : header_names) {
        if (e.name.size() >= header_name_max) return false;
        for (char c : e.name)
            if (!is(c, c_alpha) && c != '-') return false;
    }
    return true;
}(), "a known header name is shorter than header_name_max and holds only letters and '-' (same_name)");

/// Case-insensitive equality of a token (header name as written) with a
/// known name (header_names). The known names hold only letters and '-'
/// (asserted above), and for those `c | 0x20 == known | 0x20` holds exactly
/// for the two cases of a letter (and for '-' only '-' and CR, which a
/// token cannot hold). Compares in 8- or 4-octet words; the last word
/// overlaps the one before (both texts are n octets long, so no read goes
/// past either).
inline bool same_name(char const* name, char const* known, std::size_t n) noexcept {
    auto same8 = [&](std::size_t k) {
        std::uint64_t a = 0, b = 0;
        std::memcpy(&a, name + k, 8);
        std::memcpy(&b, known + k, 8);
        return ((a ^ b) | 0x2020202020202020ull) == 0x2020202020202020ull;
    };
    auto same4 = [&](std::size_t k) {
        std::uint32_t a = 0, b = 0;
        std::memcpy(&a, name + k, 4);
        std::memcpy(&b, known + k, 4);
        return ((a ^ b) | 0x20202020u) == 0x20202020u;
    };
    if (n >= 8) {
        for (std::size_t k = 0; k + 8 < n; k += 8)
            if (!same8(k)) return false;
        return same8(n - 8);
    }
    if (n >= 4) return same4(0) && same4(n - 4);
    for (std::size_t k = 0; k < n; ++k)
        if (((name[k] ^ known[k]) | 0x20) != 0x20) return false;
    return true;
}

/// lookup_header for a non-empty token (no CR: see same_name).
SIPVIEW_HOT inline header_id lookup_nonempty(std::string_view name) noexcept {
    if (name.size() == 1) {
        char const c = ascii_lower(name[0]);
        return c >= 'a' && c <= 'z' ? header_lookup.compact[c - 'a'] : header_id::other;
    }
    if (name.size() >= header_name_max) return header_id::other;
    for (std::size_t slot = header_hash(name) % header_index::slots;; slot = (slot + 1) % header_index::slots) {
        unsigned const i = header_lookup.table[slot];
        if (i == 0) return header_id::other;
        if (header_names[i].name.size() == name.size() && same_name(name.data(), header_names[i].name.data(), name.size()))
            return header_names[i].id;
    }
}

} // namespace detail

/// Headers that may appear once (the registry's arity `single`).
inline constexpr bool single_valued(header_id id) noexcept {
    return static_cast<std::size_t>(id) < detail::header_id_count &&
           detail::header_names[static_cast<std::size_t>(id)].arity == header_arity::single;
}


/// The canonical name of a known header ("Call-ID", "CSeq", "WWW-Authenticate"); empty for `other`.
inline constexpr std::string_view to_string(header_id id) noexcept {
    return static_cast<std::size_t>(id) < detail::header_id_count ? detail::header_names[static_cast<std::size_t>(id)].name
                                                                  : std::string_view{};
}

/// The compact form of a header (RFC 3261 §7.3.3 and extensions), or '\0'.
inline constexpr char compact_form(header_id id) noexcept {
    return static_cast<std::size_t>(id) < detail::header_id_count ? detail::header_names[static_cast<std::size_t>(id)].compact : '\0';
}

/// Maps a header name as written (any case, long or compact form) to its id;
/// header_id::other for any other text.
inline header_id lookup_header(std::string_view name) noexcept {
    // (lookup_nonempty takes a token, as the message's split gives it: its
    // case fold would match a CR where a known name has '-')
    if (name.empty() || name.find('\r') != std::string_view::npos) return header_id::other;
    return detail::lookup_nonempty(name);
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
// Typed tags: header::NAME for each row, the registry's columns as members.
//
//   header::session_expires::id       header_id::session_expires
//   header::session_expires::name     "Session-Expires"
//   header::session_expires::compact  'x'
//   header::session_expires::arity    header_arity::single
//   header::session_expires::ast      sipview::session_expires
//   header::session_expires::parse    parse_session_expires: result<ast>(value), strict
//   header::session_expires::parse_with  the same with parse_options (leniency.hpp)
//   header::session_expires::parser   "parse_session_expires"
//   header::session_expires::format   value_format::typed
//   header::session_expires::json     true (sip-lint writes it under key "session_expires")
//   header::session_expires::key      "session_expires"
//   header::session_expires::rfc      "RFC 4028 §4"
//   header::session_expires::example  "4000;refresher=uac"
//   header::session_expires::text     false (true for the headers known by name only)

namespace detail {
/// Calls a registry row's parse function, with the parse options when it
/// takes them (parse_uri, parse_name_addr, parse_via_list, parse_challenge...).
template <class Parse>
inline auto call_parse(Parse const& parse, std::string_view v, parse_options const& o) noexcept {
    if constexpr (std::is_invocable_v<Parse const&, std::string_view, parse_options const&>)
        return parse(v, o);
    else
        return parse(v);
}
} // namespace detail

namespace header {
namespace detail_columns {
inline constexpr bool json = true;
inline constexpr bool no_json = false;
} // namespace detail_columns

#define SIPVIEW_HEADER_TAG(id_, name_, compact_, arity_, ast_, parse_, format_, json_, rfc_, example_)                       \
    struct id_ {                                                                                                              \
        static constexpr ::sipview::header_id id = ::sipview::header_id::id_;                                               \
        static constexpr std::string_view name = name_;                                                                      \
        static constexpr char compact = compact_;                                                                            \
        static constexpr ::sipview::header_arity arity = ::sipview::header_arity::arity_;                                   \
        using ast = ast_;                                                                                                     \
        /** result<ast>(value), strict */                                                                                   \
        static ::sipview::result<ast> parse(std::string_view v) noexcept {                                                   \
            return ::sipview::detail::call_parse(::sipview::parse_, v, ::sipview::parse_options{});                        \
        }                                                                                                                     \
        /** result<ast>(value) under parse options (leniency flags, warnings), for the parsers that honour them */         \
        static ::sipview::result<ast> parse_with(std::string_view v, ::sipview::parse_options const& o) noexcept {          \
            return ::sipview::detail::call_parse(::sipview::parse_, v, o);                                                   \
        }                                                                                                                     \
        static constexpr std::string_view parser = #parse_;                                                                  \
        static constexpr ::sipview::value_format format = ::sipview::value_format::format_;                                 \
        static constexpr bool json = detail_columns::json_;                                                                  \
        static constexpr std::string_view key = #id_;                                                                        \
        static constexpr std::string_view rfc = rfc_;                                                                        \
        static constexpr std::string_view example = example_;                                                               \
        static constexpr bool text = std::string_view(#parse_) == "parse_header_text";                                       \
        static_assert(std::is_same_v<decltype(parse(std::string_view{})), ::sipview::result<ast>>,                          \
                      "the registry's AST is what its parse function returns");                                              \
    };
SIPVIEW_HEADERS(SIPVIEW_HEADER_TAG)
#undef SIPVIEW_HEADER_TAG

} // namespace header

/// Calls f(header::NAME{}) for the tag of `id`; false (f not called) for
/// header_id::other. The one switch on header ids: every consumer that
/// treats headers by kind goes through it.
template <class F>
SIPVIEW_HOT constexpr bool visit_header(header_id id, F&& f) {
    switch (id) {
#define SIPVIEW_HEADER_CASE(id_, ...) \
    case header_id::id_: f(header::id_{}); return true;
        SIPVIEW_HEADERS(SIPVIEW_HEADER_CASE)
#undef SIPVIEW_HEADER_CASE
    default: return false;
    }
}

/// Calls f(header::NAME{}) for every row of the registry, in id order.
template <class F>
constexpr void for_each_header(F&& f) {
#define SIPVIEW_HEADER_EACH(id_, ...) f(header::id_{});
    SIPVIEW_HEADERS(SIPVIEW_HEADER_EACH)
#undef SIPVIEW_HEADER_EACH
}

/// Parses one header line's value with its registry row and calls
/// f(header::NAME{}, result<ast>) (error offsets in the value; the message's
/// parse_field shifts them into the message). False for unknown headers.
template <class F>
bool visit_typed(header_field const& h, F&& f) {
    return visit_header(h.id, [&](auto tag) { f(tag, decltype(tag)::parse(h.value)); });
}

} // namespace sipview

#endif
