// Tests for token_list.hpp (option-tags, Methods, event-types, priv-values),
// events.hpp (Event, Subscription-State), reason.hpp (Reason) and
// warning.hpp (Warning), dialog_id.hpp (Replaces, Join, Target-Dialog),
// identity.hpp (Identity) and the name-addr list headers: the RFCs'
// examples parse with every field readable, malformed values fail at their
// byte with their diag id, values format canonically, and the headers are
// typed in a message through the registry.
#include "catch.hpp"
#include "rejection.hpp"

#include <sipview/format.hpp>
#include <sipview/message.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace sipview;

namespace {

std::vector<std::string> items(token_list const& l) {
    std::vector<std::string> out;
    for (std::string_view t : l) out.emplace_back(t);
    return out;
}

template <class T>
std::string formatted(T const& v) {
    std::string s;
    format(v, std::back_inserter(s));
    return s;
}

using sipview_test::bad_value;
using sipview_test::check_rejected;

} // namespace

// ---------------------------------------------------------------------------
// Lists of tokens

TEST_CASE("option-tag lists: items in order, whitespace and folds around commas", "[token_list]") {
    auto r = parse_option_tags("100rel,\r\n timer ,  replaces");
    REQUIRE(r);
    CHECK(items(*r) == std::vector<std::string>{"100rel", "timer", "replaces"});
    CHECK(r->size() == 3);
    CHECK(r->contains("timer"));
    CHECK_FALSE(r->contains("Timer"));  // option-tags compare case-sensitively
    CHECK(formatted(*r) == "100rel, timer, replaces");
}

TEST_CASE("Supported and Allow may be empty; Require, Proxy-Require, Unsupported may not", "[token_list]") {
    // Supported = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA option-tag)] (baresip sends it empty)
    auto s = parse_supported("");
    REQUIRE(s);
    CHECK(s->empty());
    CHECK(parse_allow("  ").value().empty());
    CHECK(parse_supported(" \r\n ").value().empty());  // SWS, a fold included
    check_rejected(parse_supported, {{"\n", 0, diag::tl_option_tag}, {"\r\n", 0, diag::tl_option_tag}});  // not LWS
    check_rejected(parse_option_tags, {{"", 0, diag::tl_option_tag}});
}

TEST_CASE("token lists reject a missing item or separator at its byte", "[token_list]") {
    check_rejected(parse_option_tags, {{"100rel,", 7, diag::tl_option_tag},
                                       {"100rel,,timer", 7, diag::tl_option_tag},
                                       {"100rel timer", 7, diag::tl_end},
                                       {"100rel;x", 6, diag::tl_end}});
    check_rejected(parse_allow, {{"INVITE ACK", 7, diag::tl_end}, {"INVITE, <ACK>", 8, diag::tl_method}});
}

TEST_CASE("Allow lists Methods (RFC 3261 §20.5)", "[token_list]") {
    auto r = parse_allow("INVITE, ACK, OPTIONS, CANCEL, BYE");
    REQUIRE(r);
    CHECK(r->size() == 5);
    CHECK(r->contains("OPTIONS"));
    CHECK_FALSE(r->contains("options"));  // Methods are case-sensitive
}

TEST_CASE("Allow-Events lists event-types: packages with templates, no empty part around a dot", "[token_list][events]") {
    auto r = parse_allow_events("presence.winfo, dialog,message-summary");
    REQUIRE(r);
    CHECK(items(*r) == std::vector<std::string>{"presence.winfo", "dialog", "message-summary"});
    check_rejected(parse_allow_events, {{"presence.", 9, diag::tl_event_template},
                                        {"a..b", 2, diag::tl_event_template},
                                        {".a", 0, diag::tl_event_type},
                                        {"", 0, diag::tl_event_type}});
}

TEST_CASE("Privacy is priv-values separated by ';' (RFC 3323 §4.2)", "[token_list][privacy]") {
    auto r = parse_privacy("id;header;user");
    REQUIRE(r);
    CHECK(items(*r) == std::vector<std::string>{"id", "header", "user"});
    CHECK(formatted(*r) == "id;header;user");
    check_rejected(parse_privacy, {{"id,header", 2, diag::tl_priv_end}, {"id;", 3, diag::tl_priv_value}, {"", 0, diag::tl_priv_value}});
}

// ---------------------------------------------------------------------------
// Event and Subscription-State (RFC 6665)

TEST_CASE("Event: package, templates, id and other parameters", "[events]") {
    auto e = parse_event("dialog;id=1234;call-id=x");
    REQUIRE(e);
    CHECK(e->package == "dialog");
    CHECK(e->id() == std::optional<std::string_view>("1234"));
    CHECK(e->params().value("call-id") == std::optional<std::string_view>("x"));
    CHECK(parse_event("presence.winfo").value().package == "presence.winfo");
    CHECK(formatted(*e) == "dialog;id=1234;call-id=x");
    check_rejected(parse_event, {{"dialog;id", 9, diag::ev_id_equal},
                                 {"dialog;id=", 10, diag::ev_id_value},
                                 {"presence.", 9, diag::tl_event_template},
                                 {"dialog x", 7, diag::ev_end},
                                 {"", 0, diag::ev_event_type}});
}

TEST_CASE("Subscription-State: state, reason, expires and retry-after (RFC 6665 §8.2.3)", "[events]") {
    auto a = parse_subscription_state("active;expires=600");
    REQUIRE(a);
    CHECK(a->state == "active");
    CHECK(a->expires() == std::optional<std::uint32_t>(600));
    CHECK_FALSE(a->reason());
    auto t = parse_subscription_state("terminated;reason=timeout;retry-after=3600");
    REQUIRE(t);
    CHECK(t->reason() == std::optional<std::string_view>("timeout"));
    CHECK(t->retry_after() == std::optional<std::uint32_t>(3600));
    CHECK(formatted(*t) == "terminated;reason=timeout;retry-after=3600");
    check_rejected(parse_subscription_state, {{"active;expires=abc", 15, diag::ev_expires_value},
                                              {"active;expires=4294967296", 15, diag::msg_delta_range},
                                              {"terminated;reason", 17, diag::ev_reason_equal},
                                              {"pending;retry-after=", 20, diag::ev_retry_after_value},
                                              {";expires=1", 0, diag::ev_substate}});
}

// ---------------------------------------------------------------------------
// Reason (RFC 3326)

TEST_CASE("Reason: the RFC 3326 examples, SIP and Q.850", "[reason]") {
    auto r = parse_reason_list("SIP ;cause=200 ;text=\"Call completed elsewhere\"");
    REQUIRE(r);
    REQUIRE(r->size() == 1);
    reason const x = r->front();
    CHECK(x.protocol == "SIP");
    CHECK(x.cause() == std::optional<std::uint32_t>(200));
    CHECK(x.reason_text() == std::optional<std::string_view>("Call completed elsewhere"));
    CHECK(formatted(*r) == "SIP;cause=200;text=\"Call completed elsewhere\"");
    auto q = parse_reason_list("Q.850 ;cause=16 ;text=\"Terminated\"");
    REQUIRE(q);
    CHECK(q->front().protocol == "Q.850");
    CHECK(q->front().cause() == std::optional<std::uint32_t>(16));
}

TEST_CASE("Reason: other protocols with their own parameters, and several values in one line", "[reason]") {
    auto x = parse_reason_list("X.int;reasoncode=0x0000030A;add-info=068C.0001.0001");
    REQUIRE(x);
    CHECK(x->front().protocol == "X.int");
    CHECK_FALSE(x->front().cause());
    CHECK(x->front().params().value("reasoncode") == std::optional<std::string_view>("0x0000030A"));
    auto two = parse_reason_list("SIP;cause=200, Q.850;cause=16");
    REQUIRE(two);
    REQUIRE(two->size() == 2);
    std::vector<std::string> protocols;
    for (reason const& v : *two) protocols.emplace_back(v.protocol);
    CHECK(protocols == std::vector<std::string>{"SIP", "Q.850"});
    CHECK(formatted(*two) == "SIP;cause=200, Q.850;cause=16");
}

TEST_CASE("Reason: a cause that is not a number, an unquoted text, a missing protocol fail at their byte", "[reason]") {
    check_rejected(parse_reason_list, {{"SIP;cause=abc", 10, diag::rs_cause_value},
                                       {"SIP;cause=4294967296", 10, diag::rs_cause_range},
                                       {"SIP;text=plain", 9, diag::rs_text_quoted},
                                       {"SIP;cause", 9, diag::rs_cause_equal},
                                       {"SIP;cause=200,", 14, diag::rs_protocol},
                                       {";cause=1", 0, diag::rs_protocol},
                                       {"SIP cause=1", 4, diag::rs_end}});
}

// ---------------------------------------------------------------------------
// Warning (RFC 3261 §20.43)

TEST_CASE("Warning: code, agent (host, host:port, IPv6 or pseudonym) and quoted text", "[warning]") {
    auto w = parse_warning_values("307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible network address type 'E.164'\"");
    REQUIRE(w);
    REQUIRE(w->size() == 2);
    warning_value const first = w->front();
    CHECK(first.code() == 307);
    CHECK(first.agent == "isi.edu");
    CHECK(first.warn_text() == "Session parameter 'foo' not understood");
    auto it = w->begin();
    ++it;
    CHECK(it->agent == "[2001:db8::1]:5060");
    CHECK(parse_warning_values("399 proxy-1 \"x\"").value().front().agent == "proxy-1");  // pseudonym
    std::string s;
    format(*w, std::back_inserter(s));
    CHECK(s == "307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible network address type 'E.164'\"");
}

TEST_CASE("Warning: a text folded inside its quotes is written unfolded (the fuzz mutator's finding)", "[warning]") {
    auto w = parse_warning_values("307 isi.edu \"a\r\n b\"");
    REQUIRE(w);
    CHECK(w->front().warn_text() == "a\r\n b");
    std::string s;
    format(*w, std::back_inserter(s));
    CHECK(s == "307 isi.edu \"a b\"");
    CHECK(parse_warning_values(s).value().front().warn_text() == "a b");
}

TEST_CASE("Warning: an empty value, a short code, a missing SP or unquoted text fail at their byte", "[warning]") {
    check_rejected(parse_warning_values, {{"", 0, diag::wn_code},
                                          {"30 isi.edu \"x\"", 0, diag::wn_code},
                                          {"3071 isi.edu \"x\"", 0, diag::wn_code},
                                          {"307  isi.edu \"x\"", 4, diag::wn_agent},
                                          {"307 isi.edu x", 12, diag::wn_text},
                                          {"307 isi.edu:99999 \"x\"", 12, diag::core_port_range},
                                          {"307 isi.edu \"x\",", 16, diag::wn_code}});
}

// ---------------------------------------------------------------------------
// Replaces, Join, Target-Dialog (RFC 3891, 3911, 4538)

TEST_CASE("Replaces: Call-ID, to-tag, from-tag and the early-only flag (RFC 3891 §6.1)", "[dialog_id]") {
    auto r = parse_replaces("98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only");
    REQUIRE(r);
    CHECK(r->call_id == "98732@sip.example.com");
    CHECK(r->from_tag() == std::optional<std::string_view>("r33th4x0r"));
    CHECK(r->to_tag() == std::optional<std::string_view>("ff87ff"));
    CHECK(r->early_only());
    CHECK(formatted(*r) == "98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only");
    CHECK_FALSE(parse_replaces("12345@192.0.2.3;to-tag=12345;from-tag=5FFE-3994").value().early_only());
    check_rejected(parse_replaces, {{";to-tag=1", 0, diag::dlg_call_id},
                                    {"a@;to-tag=1", 2, diag::dlg_call_id_word},
                                    {"a@b;to-tag", 10, diag::dlg_tag_equal},
                                    {"a@b;from-tag=", 13, diag::dlg_tag_value},
                                    {"a@b;early-only=1", 14, diag::dlg_end}});
    CHECK(parse_join("12345600@atlanta.example.com;from-tag=1234567;to-tag=23431").value().to_tag() ==
          std::optional<std::string_view>("23431"));
}

TEST_CASE("Target-Dialog: Call-ID with local-tag and remote-tag (RFC 4538 §7)", "[dialog_id]") {
    auto t = parse_target_dialog("fa77as7dad8-sd98ajzz@host.example.com;local-tag=kkaz-;remote-tag=6544");
    REQUIRE(t);
    CHECK(t->local_tag() == std::optional<std::string_view>("kkaz-"));
    CHECK(t->remote_tag() == std::optional<std::string_view>("6544"));
    check_rejected(parse_target_dialog, {{"x@y;remote-tag=", 15, diag::dlg_tag_value}});
}

// ---------------------------------------------------------------------------
// Identity (RFC 8224), SIP-ETag (RFC 3903)

TEST_CASE("Identity: signature, info URI, alg and ppt, including ppt=div (RFC 8224, RFC 8946)", "[identity]") {
    auto id = parse_identity("eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiJ9.eyJhdHRlc3QiOiJBIn0.c2ln-_w;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken");
    REQUIRE(id);
    CHECK(id->signature == "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiJ9.eyJhdHRlc3QiOiJBIn0.c2ln-_w");
    CHECK(id->info == "https://cert.example.org/passport.cer");
    CHECK(id->alg() == std::optional<std::string_view>("ES256"));
    CHECK(id->ppt() == std::optional<std::string_view>("shaken"));
    CHECK(formatted(*id) == "eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiJ9.eyJhdHRlc3QiOiJBIn0.c2ln-_w;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken");
    CHECK(parse_identity("a.b.c;info=<https://x.example/c.pem>;ppt=div").value().ppt() == std::optional<std::string_view>("div"));
    check_rejected(parse_identity, {{";info=<https://x/c>", 0, diag::id_signature},
                                    {"a.b.c;alg=ES256", 6, diag::id_info_missing},
                                    {"a.b.c;info=https://x/c", 11, diag::id_info_laquot},
                                    {"a.b.c;info=<https://x/c", 23, diag::id_info_raquot},
                                    {"a.b.c;info=<https://x/c>;ppt", 28, diag::id_ppt_equal}});
}

TEST_CASE("Identity in the RFC 4474 form: the digest alone, quoted or not (RFC 4475 mpart01)", "[identity]") {
    auto bare = parse_identity("r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuLIK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDNGCzA+fWl9MEUHWIZo1CeJebdY/XlgKeTa0Olvq0rt70Q5jiSfbqMJmQFteeivUhkMWYUA=");
    REQUIRE(bare);
    CHECK(bare->info.empty());
    CHECK_FALSE(bare->ppt());
    CHECK(parse_identity("\"ZYNBbHC00VMZr2kZt6VmCvtAHZFyvVRYNOGtJWWcFg==\"").value().signature.front() == '"');
    CHECK(formatted(*bare) == bare->signature);
}

TEST_CASE("SIP-ETag and SIP-If-Match are one token", "[etag]") {
    CHECK(parse_entity_tag("dx200xyz ").value() == "dx200xyz");
    check_rejected(parse_entity_tag, {{"", 0, diag::single_token}, {"a b", 2, diag::single_token_end}, {"<x>", 0, diag::single_token}});
}

// ---------------------------------------------------------------------------
// Identities and name-addr lists of the identity, diversion and IMS headers

TEST_CASE("P-Asserted-Identity: one or two identities, split over lines, no parameters (RFC 3325)", "[identity][name_addr]") {
    auto pai = parse_identity_list("\"Dr who\" <sip:dr.who@siprovider.es>, <tel:+349999999>");
    REQUIRE(pai);
    CHECK(pai->size() == 2);
    CHECK(pai->front().uri.host == "siprovider.es");
    auto folded = parse_identity_list("\"Dr who\" <sip:dr.who@siprovider.es>,\r\n\t<tel:+349999999>");
    REQUIRE(folded);
    CHECK(folded->size() == 2);
    check_rejected(parse_identity_list, {{"<sip:a@b>;tag=1", 9, diag::na_identity_params}});
}

TEST_CASE("P-Asserted-Identity: two values that are not one sip/sips and one tel are a warning", "[identity][message]") {
    auto warning_of = [](std::string const& lines) {
        std::string const text = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                                 "To: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n" +
                                 lines + "Content-Length: 0\r\n\r\n";
        header_field h[32];
        auto m = parse_message(text, h);
        REQUIRE(m);
        for (parse_error const& w : m->warnings())
            if (w.id == diag::na_identity_pair) return std::optional<std::size_t>(w.offset - text.find("P-"));
        return std::optional<std::size_t>();
    };
    CHECK_FALSE(warning_of("P-Asserted-Identity: <sip:a@b>, <tel:+1234>\r\n"));
    CHECK_FALSE(warning_of("P-Asserted-Identity: <sip:a@b>\r\nP-Asserted-Identity: <tel:+1234>\r\n"));
    CHECK(warning_of("P-Asserted-Identity: <sip:a@b>, <sip:c@d>\r\n") == std::optional<std::size_t>(21));
    CHECK(warning_of("P-Preferred-Identity: <sip:a@b>, <tel:+1>, <tel:+2>\r\n") == std::optional<std::size_t>(22));
}

TEST_CASE("Diversion and History-Info are name-addr lists with their own parameters", "[name_addr]") {
    auto d = parse_diversion("<sip:alice@atlanta.example.com>;reason=user-busy;counter=1;limit=5, <sip:bob@b.example.com>;reason=\"no-answer\"");
    REQUIRE(d);
    REQUIRE(d->size() == 2);
    CHECK(d->front().reason() == std::optional<std::string_view>("user-busy"));
    CHECK(d->front().counter() == std::optional<std::uint32_t>(1));
    CHECK(d->front().limit() == std::optional<std::uint32_t>(5));
    CHECK(d->front().uri.host == "atlanta.example.com");
    auto h = parse_history_info("<sip:User3@UA3.example.com?Reason=SIP%3Bcause%3D487>;index=1.1.2;rc=1.1");
    REQUIRE(h);
    CHECK(h->front().index() == std::optional<std::string_view>("1.1.2"));
    CHECK(h->front().rc() == std::optional<std::string_view>("1.1"));
    CHECK(h->front().uri.headers_text == std::optional<std::string_view>("Reason=SIP%3Bcause%3D487"));
    check_rejected(parse_diversion, {{"sip:alice@atlanta.example.com;reason=x", 3, diag::na_laquot}});  // "sip" read as a display name, then ":" where "<" must be
}

TEST_CASE("a Refer-To's embedded Replaces and a History-Info's embedded Reason decode into caller storage", "[dialog_id][reason]") {
    auto refer = parse_name_addr("<sip:bob@biloxi.example.net?Replaces=12345%40192.0.2.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>");
    REQUIRE(refer);
    char buf[128];
    auto rep = embedded_replaces(refer->uri, buf, sizeof buf);
    REQUIRE(rep);
    REQUIRE(*rep);
    CHECK((*rep)->call_id == "12345@192.0.2.3");
    CHECK((*rep)->to_tag() == std::optional<std::string_view>("12345"));
    CHECK((*rep)->from_tag() == std::optional<std::string_view>("5FFE-3994"));
    CHECK((*rep)->call_id.data() >= buf);  // a view of the caller's storage
    CHECK_FALSE(*embedded_replaces(parse_name_addr("<sip:bob@b>").value().uri, buf, sizeof buf));  // none
    char small[4];
    CHECK(embedded_replaces(refer->uri, small, sizeof small).error().code == errc::too_large);

    auto hi = parse_route_list("<sip:User3@UA3.example.com?Reason=SIP%3Bcause%3D487>;index=1.1.2");
    REQUIRE(hi);
    auto why = embedded_reason(hi->front().uri, buf, sizeof buf);
    REQUIRE(why);
    REQUIRE(*why);
    CHECK((*why)->front().protocol == "SIP");
    CHECK((*why)->front().cause() == std::optional<std::uint32_t>(487));
    auto bad = embedded_reason(parse_name_addr("<sip:a@b?Reason=SIP%3Bcause%3Dx>").value().uri, buf, sizeof buf);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().id == diag::rs_cause_value);
    CHECK(bad.error().offset == 10);  // in the decoded text "SIP;cause=x"
}

// ---------------------------------------------------------------------------
// Lists of values with parameters (param_lists.hpp)

namespace {
template <class List>
std::vector<std::string> values(List const& l) {
    std::vector<std::string> out;
    for (valued_params const& v : l) out.emplace_back(v.value);
    return out;
}
} // namespace

TEST_CASE("Accept, Accept-Encoding, Accept-Language: ranges with q, may be empty (RFC 3261 §20.1-3)", "[param_lists]") {
    auto a = parse_accept("application/sdp;level=1, application/x-private, text/html, */*;q=0.1");
    REQUIRE(a);
    CHECK(values(*a) == std::vector<std::string>{"application/sdp", "application/x-private", "text/html", "*/*"});
    CHECK(a->front().param_value("level") == std::optional<std::string_view>("1"));
    CHECK(parse_accept("").value().empty());
    auto e = parse_accept_encoding("gzip;q=1.0, identity; q=0.5, *;q=0");
    REQUIRE(e);
    CHECK(values(*e) == std::vector<std::string>{"gzip", "identity", "*"});
    auto l = parse_accept_language("da, en-gb;q=0.8, en;q=0.7, *");
    REQUIRE(l);
    CHECK(values(*l) == std::vector<std::string>{"da", "en-gb", "en", "*"});
    check_rejected(parse_accept, {{"application", 0, diag::pl_value}, {"text/html,", 10, diag::pl_value}});
    check_rejected(parse_accept_language, {{"englishman", 0, diag::pl_value}, {"en_gb", 0, diag::pl_value}});
}

TEST_CASE("Accept-Contact, Reject-Contact, Feature-Caps: '*' and feature parameters (RFC 3841, RFC 6809)", "[param_lists]") {
    auto a = parse_star_params("*;audio;require, *;video;explicit");
    REQUIRE(a);
    CHECK(a->size() == 2);
    CHECK(a->front().params().contains("require"));
    CHECK(parse_star_params("*;actor=\"msg-taker\";video").value().front().param_value("actor") ==
          std::optional<std::string_view>("\"msg-taker\""));
    check_rejected(parse_star_params, {{"audio", 0, diag::pl_value}, {"", 0, diag::pl_value}});
}

TEST_CASE("Security-Client/Server/Verify, P-Access-Network-Info: a token and its parameters (RFC 3329, RFC 7315)", "[param_lists]") {
    auto sec = parse_token_params("ipsec-3gpp; alg=hmac-sha-1-96; spi-c=23456789; spi-s=12345678; port-c=2468; port-s=1357");
    REQUIRE(sec);
    CHECK(sec->front().value == "ipsec-3gpp");
    CHECK(sec->front().param_value("port-s") == std::optional<std::string_view>("1357"));
    auto pani = parse_token_params("3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE");
    REQUIRE(pani);
    CHECK(pani->front().param_value("utran-cell-id-3gpp") == std::optional<std::string_view>("23456789ABCDE"));
    check_rejected(parse_token_params, {{"tls;=1", 4, diag::pl_param}, {"\"tls\"", 0, diag::pl_value}});
}

TEST_CASE("P-Visited-Network-ID and User-to-User: a token or quoted-string and parameters (RFC 7315, RFC 7433)", "[param_lists]") {
    auto v = parse_token_or_quoted_params("other.net, \"Visited network number 1\"");
    REQUIRE(v);
    CHECK(values(*v) == std::vector<std::string>{"other.net", "\"Visited network number 1\""});
    auto u = parse_token_or_quoted_params("56a390f3d2b7310023a2;encoding=hex;purpose=isdn-uui;content=isdn-uui");
    REQUIRE(u);
    CHECK(u->front().param_value("encoding") == std::optional<std::string_view>("hex"));
}

TEST_CASE("Info-Package and Session-ID: one value and its parameters (RFC 6086, RFC 7989)", "[param_lists]") {
    CHECK(parse_info_package("foo;bar=1").value().value == "foo");
    auto sid = parse_session_id("ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2");
    REQUIRE(sid);
    CHECK(sid->value == "ab30317f1a784dc48ff824d0d3715d86");
    CHECK(sid->param_value("remote") == std::optional<std::string_view>("47755a9de7794ba387653f2099600ef2"));
    check_rejected(parse_session_id, {{"AB30317f1a784dc48ff824d0d3715d86", 0, diag::pl_value},
                                      {"ab30317f1a784dc48ff824d0d3715d8", 0, diag::pl_value},
                                      {"ab30317f1a784dc48ff824d0d3715d86, x", 32, diag::pl_single_end}});
}

TEST_CASE("Alert-Info, Call-Info, Error-Info, Geolocation: <URI>;params without a display name", "[name_addr]") {
    auto c = parse_info_list("<http://wwww.example.com/alice/photo.jpg> ;purpose=icon, <http://www.example.com/alice/> ;purpose=info");
    REQUIRE(c);
    CHECK(c->size() == 2);
    CHECK(c->front().param_value("purpose") == std::optional<std::string_view>("icon"));
    check_rejected(parse_info_list, {{"Ring <http://x/y>", 0, diag::na_info_display_name}});
    auto bare = parse_info_list("http://www.example.com/sounds/moo.wav");  // Alert-Info: Ring Answer style, no <>
    REQUIRE_FALSE(bare);
    CHECK(bare.error().offset == 4);  // "http" read as a display name, then '<' expected
}

TEST_CASE("Content-Encoding, Content-Language, In-Reply-To, Recv-Info, Request-Disposition lists", "[token_list]") {
    CHECK(items(parse_token_list("gzip, deflate").value()) == std::vector<std::string>{"gzip", "deflate"});
    CHECK(items(parse_content_language("fr, en-GB").value()) == std::vector<std::string>{"fr", "en-GB"});
    check_rejected(parse_content_language, {{"francophone", 0, diag::tl_language_tag}});
    CHECK(items(parse_in_reply_to("70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com").value()) ==
          std::vector<std::string>{"70710@saturn.bell-tel.com", "17320@saturn.bell-tel.com"});
    CHECK(parse_recv_info("").value().empty());
    CHECK(parse_token_list("proxy, recurse, parallel").value().size() == 3);
}

TEST_CASE("Date is typed: its fields and the instant; impossible dates and other zones are refused", "[scalar][date]") {
    auto d = parse_date("Sat, 13 Nov 2010 23:29:00 GMT");
    REQUIRE(d);
    CHECK(d->weekday == 5);
    CHECK(d->day == 13);
    CHECK(d->month == 11);
    CHECK(d->year == 2010);
    CHECK(d->hour == 23);
    CHECK(d->epoch() == 1289690940);
    CHECK(parse_date("Thu, 01 Jan 1970 00:00:00 GMT").value().epoch() == 0);
    CHECK(parse_date("Mon, 29 Feb 2016 12:00:00 GMT").value().epoch() == 1456747200);  // a leap day
    CHECK(parse_date("sat, 13 nov 2010 23:29:00 GMT"));  // wkday and month in any case
    check_rejected(parse_date, {{"Sat, 30 Feb 2010 23:29:00 GMT", 5, diag::msg_date_range},
                                {"Sun, 29 Feb 2015 00:00:00 GMT", 5, diag::msg_date_range},
                                {"Sat, 13 Nov 2010 24:00:00 GMT", 17, diag::msg_date_range},
                                {"Sat, 13 Nov 2010 23:29:00 EST", 26, diag::msg_date_not_gmt},
                                {"Sat, 13 Nov 2010 23:29:00 GMT x", 30, diag::msg_date_end},
                                {"Someday", 0, diag::msg_date_weekday}});
    std::string s;
    format(*d, std::back_inserter(s));
    CHECK(s == "Sat, 13 Nov 2010 23:29:00 GMT");
}

TEST_CASE("MIME-Version, Priority, Timestamp, Geolocation-Routing", "[scalar]") {
    CHECK(parse_mime_version("1.0").value() == "1.0");
    check_rejected(parse_mime_version, {{"1", 0, diag::mime_version}, {"1.0a", 3, diag::single_token_end}});
    CHECK(parse_priority("non-urgent").value() == "non-urgent");
    check_rejected(parse_priority, {{"very urgent", 5, diag::single_token_end}});
    auto t = parse_timestamp("54 0.5");
    REQUIRE(t);
    CHECK(t->value == "54");
    CHECK(t->delay == std::optional<std::string_view>("0.5"));
    CHECK_FALSE(parse_timestamp("54.25").value().delay);
    check_rejected(parse_timestamp, {{"x", 0, diag::timestamp_value}, {"54 x", 3, diag::timestamp_end}});
    CHECK(parse_geolocation_routing("no").value() == "no");
}

TEST_CASE("Retry-After: seconds, then a comment and retry-params, each by its rule", "[scalar]") {
    CHECK(parse_retry_after("18000;duration=3600").value().seconds == 18000);
    CHECK(parse_retry_after("120 (I'm in a meeting \\\x01)").value().seconds == 120);  // a quoted-pair in the comment
    CHECK(parse_retry_after("120 (a (nested) comment)").value().seconds == 120);
    CHECK(parse_retry_after("120(a);duration=5;x=\"q\";y=[::1];z").value().seconds == 120);
    CHECK(parse_retry_after("120\r\n ;x ; y = 1 ").value().seconds == 120);  // SEMI and EQUAL take SWS, folds included
    using namespace std::string_view_literals;
    // validate() does not byte-check this row's values again (the mutator's
    // finding: a NUL in a parameter passed strict parsing): the rules reject
    // every control byte outside a quoted-pair
    check_rejected(parse_retry_after, {{"10 x", 3, diag::msg_retry_after_end},
                                       {"18000;\0uration=3600"sv, 6, diag::msg_retry_after_param},
                                       {"120 (a\x01)", 6, diag::prod_comment_char},
                                       {"120;x=\x7F", 6, diag::core_param_value},
                                       {"120\n;x", 3, diag::msg_retry_after_end},  // a bare LF, not a fold
                                       // RFC 3261 §20.33's structure: one comment, then parameters
                                       {"120;;;", 4, diag::msg_retry_after_param},
                                       {"120 (a) junk", 8, diag::msg_retry_after_end},
                                       {"120 (a) (b)", 8, diag::msg_retry_after_end},
                                       {"120;x=a b", 8, diag::msg_retry_after_end},
                                       {"120 (a", 4, diag::prod_comment_unterminated},
                                       {"120;duration", 12, diag::msg_retry_after_duration_equal},
                                       {"120;duration=x", 13, diag::msg_retry_after_duration},
                                       {"120;duration=4294967296", 13, diag::msg_delta_range}});
}

TEST_CASE("Retry-After is typed: seconds, the comment's text, duration and the retry-params (RFC 3261 section 20.33)", "[scalar]") {
    // the RFC's examples
    auto const a = parse_retry_after("18000;duration=3600");
    REQUIRE(a);
    CHECK(a->seconds == 18000);
    CHECK(a->seconds_text == "18000");
    CHECK_FALSE(a->comment);
    CHECK(a->duration() == std::optional<std::uint32_t>(3600));
    CHECK(a->params_text == ";duration=3600");

    auto const b = parse_retry_after("120 (I'm in a meeting)");
    REQUIRE(b);
    CHECK(b->seconds == 120);
    CHECK(b->comment == std::optional<std::string_view>("I'm in a meeting"));
    CHECK_FALSE(b->duration());
    CHECK(b->params_text.empty());

    // the comment's text as written: nested comments, quoted-pairs, folds;
    // the SWS of LPAREN and RPAREN outside it; leading zeros kept
    auto const c = parse_retry_after("0120\r\n (a (b) \\) c) ;DURATION = 0 ;x");
    REQUIRE(c);
    CHECK(c->seconds == 120);
    CHECK(c->seconds_text == "0120");
    CHECK(c->comment == std::optional<std::string_view>("a (b) \\) c"));
    CHECK(c->duration() == std::optional<std::uint32_t>(0));  // the parameter name in any case
    CHECK(c->params().find("x"));

    // an empty comment is a comment
    auto const d = parse_retry_after("5 ()");
    REQUIRE(d);
    CHECK(d->comment == std::optional<std::string_view>(""));
}

TEST_CASE("Retry-After formats canonically and refuses a comment or parameter that does not fit its rule", "[scalar][format]") {
    char buf[96];
    auto const r = parse_retry_after("0120\r\n (out\r\n to lunch) ; duration = 60;x");
    REQUIRE(r);
    auto const t = format(*r, buf, sizeof buf);
    REQUIRE(t);
    CHECK(*t == "0120 (out to lunch);duration=60;x");  // the fold's line break dropped, the parameters re-spaced
    retry_after built;
    built.seconds = 3600;
    CHECK(*format(built, buf, sizeof buf) == "3600");
    built.comment = "unbalanced (";
    REQUIRE(check_format(built));
    CHECK(check_format(built)->code == errc::syntax);
    built.comment = "fine";
    built.params_text = ";duration=soon";
    REQUIRE(check_format(built));
    built.params_text = ";duration=10";
    CHECK_FALSE(check_format(built));
    CHECK(*format(built, buf, sizeof buf) == "3600 (fine);duration=10");
}

// ---------------------------------------------------------------------------
// In a message, through the registry

namespace {
std::string const invite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Supported:\r\n"
    "Require: 100rel\r\n"
    "Allow: INVITE, ACK,\r\n CANCEL\r\n"
    "Allow: BYE\r\n"
    "Privacy: id\r\n"
    "Event: refer;id=93809824\r\n"
    "Subscription-State: active;expires=60\r\n"
    "Reason: X.int;reasoncode=0x0000030A;add-info=068C.0001.0001\r\n"
    "Reason: SIP;cause=200;text=\"Call Rejected By User\"\r\n"
    "Warning: 370 devnull \"Choose a bigger pipe\"\r\n"
    "P-Asserted-Identity: \"Dr who\" <sip:dr.who@siprovider.es>,\r\n\t<tel:+349999999>\r\n"
    "Identity: a.b.c;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken\r\n"
    "Replaces: 12345@192.0.2.3;to-tag=12345;from-tag=5FFE-3994\r\n"
    "SIP-If-Match: dx200xyz\r\n"
    "Content-Length: 0\r\n\r\n";
}

TEST_CASE("the new typed headers in a message: validated, read through get<>, lists over all lines", "[message][registry]") {
    header_field h[32];
    auto m = parse_message(invite, h);
    REQUIRE(m);
    CHECK(m->get<header::supported>().value().empty());
    CHECK(m->get<header::require>().value().size() == 1);
    auto allow = m->get<header::allow>();
    REQUIRE(allow);
    std::vector<std::string> methods;
    for (std::string_view v : *allow) methods.emplace_back(v);
    CHECK(methods == std::vector<std::string>{"INVITE", "ACK", "CANCEL", "BYE"});  // both Allow lines, folds skipped
    CHECK(m->get<header::privacy>().value().size() == 1);
    CHECK(m->get<header::event>().value().id() == std::optional<std::string_view>("93809824"));
    CHECK(m->get<header::subscription_state>().value().expires() == std::optional<std::uint32_t>(60));
    auto reasons = m->get<header::reason>();
    REQUIRE(reasons);
    REQUIRE(reasons->size() == 2);
    auto it = reasons->begin();
    CHECK(it->protocol == "X.int");
    ++it;
    CHECK(it->cause() == std::optional<std::uint32_t>(200));
    CHECK(it->reason_text() == std::optional<std::string_view>("Call Rejected By User"));
    CHECK(m->get<header::warning>().value().front().code() == 370);
    CHECK(m->get<header::p_asserted_identity>().value().size() == 2);
    auto identities = m->get<header::identity>();
    REQUIRE(identities);
    REQUIRE(identities->size() == 1);
    CHECK((*identities->begin()).ppt() == std::optional<std::string_view>("shaken"));
    CHECK(m->get<header::replaces>().value().from_tag() == std::optional<std::string_view>("5FFE-3994"));
    CHECK(m->get<header::sip_if_match>().value() == "dx200xyz");
}

TEST_CASE("a malformed new typed header rejects the message at its byte", "[message][registry]") {
    using namespace std::string_view_literals;
    header_field h[32];
    for (auto const& [line, at] : {std::pair<std::string_view, std::size_t>{"Require: 100rel,\r\n", 16},
                                   {"Reason: SIP;cause=x\r\n", 18},
                                   {"Subscription-State: active;expires=-1\r\n", 35},
                                   {"Event: presence.\r\n", 16},
                                   {"Warning:\r\n", 8},
                                   {"Retry-After: 18000;\0uration=3600\r\n"sv, 19}}) {
        std::string text = invite;
        std::size_t const line_at = text.find("Content-Length");
        text.insert(line_at, std::string(line));
        INFO(line);
        auto m = parse_message(text, h);
        REQUIRE_FALSE(m);
        CHECK(m.error().offset == line_at + at);
    }
}
