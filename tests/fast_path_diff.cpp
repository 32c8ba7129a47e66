// Differential test of the strict path's fast paths (detail::fast_paths,
// detail/config.hpp). Built twice by tests/CMakeLists.txt: as is and with
// SIPVIEW_NO_FAST_PATHS (every value through its X3 grammar). Both programs
// generate the same deterministic corpus of header values (registry examples,
// the values in tests/data's and tests/golden's messages and fragments.tsv,
// hand-picked edge cases, and byte-level
// variants of those: truncations, deletions, insertions and replacements of
// SIP-significant bytes, double edits, splices) and print one line per
// input: row, escaped input, then `ok` and the typed fields (through the
// ASTs' visit_fields and the few shapes below) or `error`, the diag id and
// the offset. fast_path_diff.sh compares the two outputs byte for byte.
//   fast_path_diff [DATA_DIR [SCALE]]    (default: SIPVIEW_TEST_DATA, 1)
// SCALE multiplies the random edits and splices (a longer hunt by hand;
// the ctest runs SCALE 1).
// Test code: it allocates.
#include <sipview/sipview.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

using namespace sipview;

namespace {

// ---------------------------------------------------------------------------
// Printing any AST the covered rows parse to.

void put_text(std::string& o, std::string_view v) {
    static char const hex[] = "0123456789abcdef";
    o += '"';
    for (char c : v) {
        auto const u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            o += '\\';
            o += c;
        } else if (u < 0x20 || u >= 0x7f) {
            o += "\\x";
            o += hex[u >> 4];
            o += hex[u & 15];
        } else {
            o += c;
        }
    }
    o += '"';
}

struct printer;
template <class T, class = void>
struct has_fields : std::false_type {};
template <class T>
struct has_fields<T, std::void_t<decltype(visit_fields(std::declval<T const&>(), std::declval<printer&>()))>> : std::true_type {};
template <class T, class = void>
struct is_list : std::false_type {};
template <class T>
struct is_list<T, std::void_t<decltype(std::declval<T const&>().begin()), decltype(std::declval<T const&>().end())>>
    : std::bool_constant<!std::is_convertible_v<T const&, std::string_view> && !has_fields<T>::value> {};

void put(std::string& o, std::string_view v) { put_text(o, v); }
void put(std::string& o, param_range const& r) {
    o += "params(";
    put_text(o, r.text());
    o += ")[";
    for (param const& p : r) {
        put_text(o, p.name);
        if (p.value) {
            o += '=';
            put_text(o, *p.value);
        }
        o += ';';
    }
    o += ']';
}
void put(std::string& o, auth_value const& v) {
    put_text(o, v.raw);
    if (v.quoted) o += "q";
}
template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
void put(std::string& o, T v);
template <class T>
void put(std::string& o, std::optional<T> const& v);
template <class T, std::enable_if_t<has_fields<T>::value, int> = 0>
void put(std::string& o, T const& v);
template <class T, std::enable_if_t<is_list<T>::value, int> = 0>
void put(std::string& o, T const& v);

void put(std::string& o, cseq const& c) {
    o += "{number=" + std::to_string(c.number) + ",number_text=";
    put_text(o, c.number_text);
    o += ",method=";
    put_text(o, c.method);
    o += '}';
}
void put(std::string& o, media_type const& m) {
    o += "{text=";
    put_text(o, m.text);
    o += ",type=";
    put_text(o, m.type);
    o += ",subtype=";
    put_text(o, m.subtype);
    o += ',';
    put(o, m.params());
    o += '}';
}
/// A product or comment of Server / User-Agent: its text too (visit_fields has the parts).
void put_product(std::string& o, product_item const& p);

// name-addr, URI and Via: every field, each view with its offset in the input
// (`base`), so that a view of the same text at other bytes differs.
char const* base = nullptr;
void put_view(std::string& o, std::string_view v) {
    if (v.data() == nullptr) o += "nullptr:";
    else o += std::to_string(v.data() - base) + ':';
    put_text(o, v);
}
void put_view(std::string& o, std::optional<std::string_view> const& v) {
    if (v) put_view(o, *v);
    else o += "null";
}
/// Each label, then its view (absent: null).
using labelled_view = std::pair<char const*, std::optional<std::string_view>>;
void put_views(std::string& o, std::initializer_list<labelled_view> views) {
    for (auto const& [label, v] : views) {
        o += label;
        put_view(o, v);
    }
}
void put(std::string& o, uri const& u) {
    put_views(o, {{"{text=", u.text}, {",scheme=", u.scheme}, {",user=", u.user}, {",password=", u.password},
                  {",host=", u.host}, {",port_text=", u.port_text}, {",params_text=", u.params_text},
                  {",headers_text=", u.headers_text}, {",opaque=", u.opaque}});
    o += ",kind=" + std::to_string(static_cast<int>(u.kind)) + ",host_kind=" + std::to_string(static_cast<int>(u.host_kind)) + '}';
}
void put(std::string& o, name_addr const& n) {
    put_views(o, {{"{text=", n.text}, {",display_name=", n.display_name}, {",params_text=", n.params_text}});
    o += n.display_name_quoted ? ",quoted" : ",unquoted";
    o += n.bracketed ? ",bracketed,uri=" : ",bare,uri=";
    put(o, n.uri);
    o += '}';
}
void put(std::string& o, via const& v) {
    put_views(o, {{"{text=", v.text}, {",protocol=", v.protocol_name}, {"/", v.protocol_version}, {"/", v.transport},
                  {",host=", v.host}, {",port_text=", v.port_text}, {",params_text=", v.params_text},
                  {",branch_raw=", v.*detail::via_access::branch}});
    o += ",host_kind=" + std::to_string(static_cast<int>(v.host_kind)) + '}';
}
void put(std::string& o, via_list const& l) {
    o += "{text=";
    put_view(o, l.text());
    o += ",size=" + std::to_string(l.size()) + ",front=";
    put(o, l.front());
    o += ",entries=[";
    for (via const& v : l) {
        put(o, v);
        o += ';';
    }
    o += "]}";
}
template <class E>
void put_name_addrs(std::string& o, basic_name_addr_list<E> const& l) {
    o += "{text=";
    put_view(o, l.text());
    o += ",size=" + std::to_string(l.size()) + (l.is_star() ? ",star" : "") + ",form=" +
         std::to_string(static_cast<int>(l.form())) + ",lenient=" + std::to_string(l.lenient().bits()) + ",entries=[";
    for (E const& e : l) {
        put(o, static_cast<name_addr const&>(e));
        o += ';';
    }
    o += "]}";
}
void put(std::string& o, name_addr_list const& l) { put_name_addrs(o, l); }
void put(std::string& o, diversion_list const& l) { put_name_addrs(o, l); }
void put(std::string& o, history_info_list const& l) { put_name_addrs(o, l); }

template <class A>
void put_auth_common(std::string& o, A const& a) {
    o += "{text=";
    put_text(o, a.text);
    o += ",scheme=";
    put_text(o, a.scheme);
    o += ",params_text=";
    put_text(o, a.params_text);
    o += ',';
    put(o, a.params());
}
#define SIPVIEW_DIFF_FIELD(name) \
    o += "," #name "=";          \
    put(o, a.name());
void put(std::string& o, credentials const& a) {
    put_auth_common(o, a);
    SIPVIEW_DIFF_FIELD(username) SIPVIEW_DIFF_FIELD(realm) SIPVIEW_DIFF_FIELD(nonce) SIPVIEW_DIFF_FIELD(uri)
    SIPVIEW_DIFF_FIELD(response) SIPVIEW_DIFF_FIELD(algorithm) SIPVIEW_DIFF_FIELD(cnonce) SIPVIEW_DIFF_FIELD(opaque)
    SIPVIEW_DIFF_FIELD(qop) SIPVIEW_DIFF_FIELD(nc) SIPVIEW_DIFF_FIELD(userhash) SIPVIEW_DIFF_FIELD(bearer_token)
    o += '}';
}
void put(std::string& o, challenge const& a) {
    put_auth_common(o, a);
    o += ",following=";
    put_text(o, a.following);
    SIPVIEW_DIFF_FIELD(realm) SIPVIEW_DIFF_FIELD(nonce) SIPVIEW_DIFF_FIELD(opaque) SIPVIEW_DIFF_FIELD(stale)
    SIPVIEW_DIFF_FIELD(algorithm) SIPVIEW_DIFF_FIELD(domain) SIPVIEW_DIFF_FIELD(charset) SIPVIEW_DIFF_FIELD(userhash)
    SIPVIEW_DIFF_FIELD(qop) SIPVIEW_DIFF_FIELD(scope) SIPVIEW_DIFF_FIELD(authz_server) SIPVIEW_DIFF_FIELD(error)
    o += ",qop_options=[";
    for (auto q : a.qop_options()) {
        put_text(o, q);
        o += ';';
    }
    o += "]}";
}
#undef SIPVIEW_DIFF_FIELD

/// visit_fields(ast, f) calls f(name, value) for each field.
struct printer {
    std::string* o;
    template <class V>
    void operator()(char const* name, V const& v) const {
        *o += name;
        *o += '=';
        put(*o, v);
        *o += ',';
    }
};

template <class T, std::enable_if_t<std::is_integral_v<T>, int>>
void put(std::string& o, T v) {
    if constexpr (std::is_same_v<T, bool>) o += v ? "true" : "false";
    else if constexpr (std::is_signed_v<T>) o += std::to_string(static_cast<long long>(v));
    else o += std::to_string(static_cast<unsigned long long>(v));
}
template <class T>
void put(std::string& o, std::optional<T> const& v) {
    if (v) put(o, *v);
    else o += "null";
}
template <class T, std::enable_if_t<has_fields<T>::value, int>>
void put(std::string& o, T const& v) {
    o += '{';
    visit_fields(v, printer{&o});
    o += '}';
}
template <class T, std::enable_if_t<is_list<T>::value, int>>
void put(std::string& o, T const& v) {
    o += '[';
    for (auto const& e : v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(e)>, product_item>) put_product(o, e);
        else put(o, e);
        o += ';';
    }
    o += ']';
}
void put_product(std::string& o, product_item const& p) {
    o += "text=";
    put_text(o, p.text);
    put(o, p);
}

// ---------------------------------------------------------------------------
// The corpus.

struct rng {
    std::uint64_t s;
    std::uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : next() % n; }
};

// SIP-significant bytes.
constexpr char alphabet[] = {',', ';', '=', '"', '\\', '/', '@', ':', ' ', '\t', '\r', '\n', '(', ')', '<', '>', '0',
                             '1', '9', 'a', 'Z', '.', '-', '*', '%', '\x80', '\xff', '\0', 'q', 'x'};
constexpr std::size_t alphabet_size = sizeof(alphabet);

/// Edge cases common to every row.
std::vector<std::string> generic_edges() {
    using namespace std::string_literals;
    return {""s, " "s, "\t"s, "  \t "s, "\r\n "s, " \r\n\t"s, ","s, ", "s, ";"s, "\0"s, "\x80"s, "\xff"s, "\r"s, "\n"s,
            "a"s, "a "s, " a"s, "a\r\n b"s, "a\r\n"s, "a \r\n"s, "a\r\n\t"s, "a\r\n \r\n "s,
            "a\r\n\r\n b"s, "a\n b"s, "a\r b"s, "a \r\n b"s, "a\r\n  b"s, "a,"s, ",a"s, "a,,b"s, "a, ,b"s, "(x)"s, "\"x\""s};
}

/// Hand-picked edge cases per kind of row.
std::vector<std::string> edges_for(std::string_view parser) {
    using namespace std::string_literals;
    std::vector<std::string> v;
    if (parser == "parse_credentials" || parser == "parse_challenge") {
        v = {"Digest"s, "Digest "s, "Digest  "s, "digest realm=\"a\""s, "DIGEST REALM=\"a\", NONCE=\"b\""s,
             "Digest realm=\"a\", realm=\"b\""s, "Digest nonce=\"1\", nonce=\"1\""s, "Digest realm=\"a\" nonce=\"b\""s,
             "Digest realm=\"a\",, nonce=\"b\""s, "Digest realm=\"a\","s, "Digest realm=\"a\", "s,
             "Digest realm=\"a\" "s, "Digest realm=\"a\"\r\n "s, "Digest\r\n realm=\"a\""s, "Digest\trealm=\"a\""s,
             "Digest realm = \"a\" , nonce = \"b\""s, "Digest realm=\"a\\\"b\""s, "Digest realm=\"a\\\\\""s,
             "Digest realm=\"a\\\""s, "Digest realm=\"\xc3\xa9\""s, "Digest realm=\"\x80\""s, "Digest realm=\"a\0b\""s,
             "Digest realm=\"a\rb\""s, "Digest realm=\"a\nb\""s, "Digest realm=\"a\r\n b\""s,
             "Digest algorithm=MD5"s, "Digest algorithm=md5-sess"s, "Digest algorithm=SHA-256"s,
             "Digest algorithm=SHA-512-256-sess"s, "Digest algorithm=\"MD5\""s, "Digest algorithm="s,
             "Digest algorithm=,realm=\"a\""s, "Digest algorithm=-"s, "Digest algorithm=x/y"s, "Digest foo=bar"s,
             "Digest foo=\"bar\", baz=1"s, "Digest foo"s, "Digest foo="s, "Digest =x"s, "Digest realm=a"s,
             "Digest stale=TRUE"s, "Digest stale=maybe"s, "Digest qop=\"auth,auth-int\""s, "Digest qop=auth"s,
             "Digest qop=\"auth, ,x\""s, "Digest nc=00000001"s, "Digest nc=0000001"s, "Digest nc=0000000g"s,
             "Digest nc=000000001"s, "Digest uri=\"sip:a@b\""s, "Digest uri=sip:a@b"s, "Digest response=\"abc\""s,
             "Digest response=\"0123456789abcdef0123456789abcdef\""s, "Digest username=\"a\", userhash=true"s,
             "Digest domain=\"sip:a sip:b\""s, "Digest opaque=\"\""s, "Digest cnonce=\"x\", qop=auth-int"s,
             "Bearer"s, "Bearer "s, "Bearer abc.def-ghi_~+/=="s, "Bearer realm=\"a\", error=\"invalid_token\""s,
             "Bearer a b"s, "Other"s, "Other a=b"s, "Other a=b, c=\"d\""s, "NoOneKnowsThisScheme x=1, y"s,
             "Digest realm=\"a\", Digest realm=\"b\""s, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="s, "Digest\0"s,
             "Digest realm=\"a\"\0"s, "Digest realm=\"a\"\r\n"s, "Digest realm=\"a\"\r\n\r\n x=1"s,
             // the names and values the fast paths know, in odd spellings
             "Digest REALM=\"a\", NONCE=\"b\", OPAQUE=\"c\", ALGORITHM=MD5, QOP=auth, NC=00000001, CNONCE=\"d\""s,
             "Digest UserName=\"a\", Uri=\"sip:b\", Response=\"0123456789abcdef0123456789abcdef\""s,
             "Digest response=\"0123456789ABCDEF0123456789ABCDEF\""s, "Digest response=\"0123456789abcdef0123456789abcde\""s,
             "Digest response=\"0123456789abcdef0123456789abcdef0\""s,
             "Digest algorithm=SHA-256, response=\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""s,
             "Digest algorithm=SHA-256, response=\"0123456789abcdef0123456789abcdef\""s,
             "Digest response=\"0123456789abcdef0123456789abcdef\", algorithm=SHA-512-256"s,
             "Digest response=0123456789abcdef0123456789abcdef"s, "Digest nc=0000000A"s, "Digest nc=00000001x"s,
             "Digest nc=00000001,"s, "Digest nc=\"00000001\""s, "Digest qop=\"auth\""s, "Digest qop=auth-int, qop=auth"s,
             // a name twice (RFC 7235 §2.1), in any case; more extension names than the fast paths track
             "Digest foo=1, FOO=2"s, "Digest Realm=\"a\", realm=\"a\""s, "Digest a=1, b=2, c=3, d=4, e=5"s,
             "Digest a=1, b=2, c=3, d=4, e=5, a=6"s, "Digest a=1, b=2, c=3, d=4, realm=\"r\", d=5"s,
             "Digest stale=true, STALE=false"s, "Digest username=\"a\\\"\", username=\"b\""s,
             "Digest userhash=TRUE"s, "Digest userhash=True"s, "Digest userhash=false"s, "Digest userhash=\"true\""s,
             "Digest userhash=truex"s, "Digest userhash=1"s, "Digest stale=True"s, "Digest stale=false"s,
             "Digest stale=FALSEx"s, "Digest stale=\"true\""s, "Digest realm=\"\""s, "Digest nonce=\"\", nonce=\"x\""s,
             "Digest uri=\"sip:a@b;transport=tcp?x=y\""s, "Digest uri=\"sips:a@[::1]:5061\""s, "Digest uri=\"tel:+1\""s,
             "Digest uri=\"*\""s, "Digest uri=\"\""s, "Digest uri=\"/path\""s, "Digest uri=\"sip:a b\""s,
             "Digest uri=\"sip:\""s, "Digest uri=\"sip:a@b:99999\""s, "Digest uri=\"SIP:A@B\""s, "Digest uri=\"sip:%41@b\""s,
             "Digest uri=\"sip:a\\\"b\""s, "Digest uri=\"sip:a@b\", uri=\"x\""s,
             "Digest qop=\"auth,auth-int\""s, "Digest qop=\"auth , auth-int\""s, "Digest qop=\" auth\""s,
             "Digest qop=\"auth,\""s, "Digest qop=\"\""s, "Digest qop=\"auth\r\n ,x\""s, "Digest qop=\"auth\t,\tx\""s,
             "Digest qop=\"auth,,x\""s, "Digest domain=\"sip:a\", charset=UTF-8"s, "Digest charset=UTF-8"s,
             "Digest realm=\"a\" ,nonce=\"b\""s, "Digest realm=\"a\"  ,  nonce=\"b\""s, "Digest  realm=\"a\""s,
             "Digest realm =\"a\""s, "Digest realm= \"a\""s, "Digest realm\t=\t\"a\""s, "Digest realm\r\n =\"a\""s,
             "Digest realm=\"a\",\r\n nonce=\"b\""s, "Digest realm=\"a\"\r\n ,nonce=\"b\""s,
             "Digestrealm=\"a\""s, "Digest,realm=\"a\""s, "Digest-x realm=\"a\""s, "Diges realm=\"a\""s,
             "Digest x-y.z!%*_+`'~=1"s, "Digest a=b=c"s, "Digest a=\"b\"c"s, "Digest a=\"\x7f\""s};
    } else if (parser == "parse_cseq") {
        v = {"1 INVITE"s, "0 ACK"s, "00001 BYE"s, "4294967295 INVITE"s, "4294967296 INVITE"s, "2147483647 INVITE"s,
             "2147483648 INVITE"s, "99999999999 INVITE"s, "1  INVITE"s, "1\tINVITE"s, "1\r\n INVITE"s, " 1 INVITE"s,
             "1 INVITE "s, "1 INVITE\t"s, "1 INVITE\r\n "s, "1INVITE"s, "1 "s, "1"s, " INVITE"s, "1 INV ITE"s,
             "1 invite"s, "1 INVITE,"s, "1 X-Ext.meth~!%*_+`'"s, "-1 INVITE"s, "+1 INVITE"s, "1 INV@ITE"s,
             "1 INVITE\0"s, "1 \x80"s, "1 INVITE\r\n"s};
    } else if (parser == "parse_call_id") {
        v = {"a"s, "a@b"s, "a@b@c"s, "@b"s, "a@"s, "a b"s, "a "s, " a"s, "a\t"s, "a\r\n "s, "abc.-!%*_+`'~()<>:\\\"/[]?{}"s,
             "a\x80"s, "a\0"s, "a,b"s, "a;b"s, "a=b"s, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@192.0.2.4"s};
    } else if (parser == "parse_max_forwards" || parser == "parse_delta_seconds" || parser == "parse_content_length" ||
               parser == "parse_rseq") {
        v = {"0"s, "00"s, "070"s, "1"s, "255"s, "256"s, "0255"s, "65535"s, "65536"s, "4294967295"s, "4294967296"s,
             "04294967295"s, "18446744073709551616"s, "99999999999999999999999"s, "1 "s, " 1"s, "1\t"s, "1\r\n "s,
             "1 2"s, "-1"s, "+1"s, "1a"s, "0x10"s, "1.0"s, "1\r\n"s, "1\n "s, "1 \r\n "s, "\r\n 1"s, "255 "s, "256 "s, "4294967296 "s, "1,"s, "1;x=1"s, "1\0"s, "0000000000000000000001"s};
    } else if (parser == "parse_product_list") {
        v = {"a"s, "a/1"s, "a/"s, "/1"s, "a/1 b/2"s, "a/1  b/2"s, "a/1\tb/2"s, "a/1\r\n b/2"s, "a (b)"s, "a(b)"s,
             "(b) a"s, "(b)"s, "()"s, "(a (b) c)"s, "(a (b c)"s, "(a \\) b)"s, "(a \\"s, "(\x80\xff)"s, "(\xc3\xa9)"s,
             "(a\0)"s, "(a\r\nb)"s, "(a\r\n b)"s, "a/1 "s, "a/1 (x) "s, "a/1,b/2"s, "a/1, b/2"s, "a/1/2"s, "a//1"s,
             "a/1.2.3-beta_4"s, "\"a\""s, "a=b"s, "a;b"s, "UA/1 (Linux; U; en-us)"s};
    } else if (parser == "parse_name_addr" || parser == "parse_contact_list" || parser == "parse_route_list" ||
               parser == "parse_identity_list" || parser == "parse_diversion" || parser == "parse_history_info" ||
               parser == "parse_info_list") {
        v = {"<sip:a@b>"s, "<sip:b>"s, "<sips:a@b>"s, "<SIP:a@b>"s, "<Sip:A@B.COM>"s, "<SIPS:a@b>"s, "<sipx:a@b>"s,
             "<sip:>"s, "<sip:a@>"s, "<sip:@b>"s, "<sip:a@@b>"s, "<sip:a@b@c>"s, "<sip:a:@b>"s, "<sip:a:pw@b>"s,
             "<sip::pw@b>"s, "<sip:a:p,w@b>"s, "<sip:a:p;w@b>"s, "<sip:a:5060>"s, "<sip:a:pw>"s, "<sip:a%41@b>"s,
             "<sip:a%4@b>"s, "<sip:a%@b>"s, "<sip:a;b@c>"s, "<sip:a?b@c>"s, "<sip:a,b@c>"s, "<sip:a/b&c=d+e$@h>"s,
             "<sip:-_.!~*'()@h>"s, "<sip:a@[2001:db8::1]>"s, "<sip:a@[2001:db8::1]:5060>"s, "<sip:a@2001:db8::1>"s,
             "<sip:a@[::1>"s, "<sip:[::1]>"s, "<sip:a@1.2.3.4>"s, "<sip:a@1.2.3.4:5>"s, "<sip:a@1.2.3.256>"s,
             "<sip:a@1.2.3.4.example.com>"s, "<sip:a@1.2.3>"s, "<sip:a@h_x.com>"s, "<sip:a@h.1com>"s, "<sip:a@h.com.>"s,
             "<sip:a@-h.com>"s, "<sip:a@h-.com>"s, "<sip:a@h:0>"s, "<sip:a@h:65535>"s, "<sip:a@h:65536>"s,
             "<sip:a@h:005060>"s, "<sip:a@h:>"s, "<sip:a@h:x>"s, "<sip:a@h:5060x>"s, "<sip:a@h;lr>"s,
             "<sip:a@h;transport=tcp;lr>"s, "<sip:a@h;x=>"s, "<sip:a@h;=x>"s, "<sip:a@h;>"s, "<sip:a@h;;x>"s,
             "<sip:a@h;x=[::1]>"s, "<sip:a@h;x=a:b&c+d$/[]>"s, "<sip:a@h;x=%41>"s, "<sip:a@h;x=%4>"s, "<sip:a@h?x=y>"s,
             "<sip:a@h?x=y&z=>"s, "<sip:a@h?x>"s, "<sip:a@h;lr?x=y>"s, "<sip:a@h;lr;>"s, "<tel:+1-555>"s,
             "<http://example.com/x>"s, "<urn:x:y>"s, "< sip:a@h>"s, "<sip:a@h >"s, "<sip:a@h> "s, " <sip:a@h>"s,
             "\"A\" <sip:a@h>"s, "\"A\"<sip:a@h>"s, "\"A\"  \t<sip:a@h>"s, "\"A\"\r\n <sip:a@h>"s, "\"\" <sip:a@h>"s,
             "\"A \\\"B\\\"\" <sip:a@h>"s, "\"A\\\\\" <sip:a@h>"s, "\"\xc3\xa9\" <sip:a@h>"s, "\"\x80\" <sip:a@h>"s,
             "\"A <sip:a@h>"s, "\"A\" sip:a@h"s, " \"A\" <sip:a@h>"s, "\t\"A\" <sip:a@h>"s, "A <sip:a@h>"s,
             "A<sip:a@h>"s, "A B  C\t<sip:a@h>"s, "A\r\n B <sip:a@h>"s, "A.B-C!%*_+`'~ <sip:a@h>"s, "A, B <sip:a@h>"s,
             "A@B <sip:a@h>"s, "A: <sip:a@h>"s, "sip <sip:a@h>"s, "sips <sip:a@h>"s, "sip:a@h"s, "SIP:a@h"s,
             "sips:a@h:5061"s, "sip:a@h;tag=1"s, "sip:a@h;lr"s, "sip:h;tag=1"s, "sip:a;b@h"s, "sip:a@h?x=y"s,
             "sip:a@h,sip:b@h"s, "sip:a@h, <sip:b@h>"s, "sip:a:pw@h"s, "sip:a:p,w@h"s, "tel:+1;tag=x"s,
             "<sip:a@h>;tag=1928301774"s, "<sip:a@h>;TAG=x"s, "<sip:a@h>;tag"s, "<sip:a@h>;tag="s, "<sip:a@h>;tag=a b"s,
             "<sip:a@h>;tag=\"x\""s, "<sip:a@h>;tag=[::1]"s, "<sip:a@h> ;tag=1"s, "<sip:a@h>; tag=1"s,
             "<sip:a@h>;tag =1"s, "<sip:a@h>;tag= 1"s, "<sip:a@h>;tag=1 "s, "<sip:a@h>;tag=1;"s, "<sip:a@h>;;tag=1"s,
             "<sip:a@h>;"s, "<sip:a@h>;x"s, "<sip:a@h>;x;y=z"s, "<sip:a@h>;x=\"y z\""s, "<sip:a@h>;x=[::1]"s,
             "<sip:a@h>;x=[::1"s, "<sip:a@h>;x=1.2.3.4"s, "<sip:a@h>;x=a:b"s, "<sip:a@h>;q=0.5"s, "<sip:a@h>;q=1"s,
             "<sip:a@h>;q=1.000"s, "<sip:a@h>;q=1.001"s, "<sip:a@h>;q=0.1234"s, "<sip:a@h>;q=2"s, "<sip:a@h>;q"s,
             "<sip:a@h>;Q=0."s, "<sip:a@h>;q=0.5x"s, "<sip:a@h>;expires=3600"s, "<sip:a@h>;expires=0"s,
             "<sip:a@h>;expires=4294967295"s, "<sip:a@h>;expires=4294967296"s, "<sip:a@h>;expires=12a"s,
             "<sip:a@h>;expires"s, "<sip:a@h>;EXPIRES=1"s, "<sip:a@h>;expires=1.5"s, "<sip:a@h>;+sip.instance=\"<urn:x>\""s,
             "*"s, " *"s, "* "s, "*,<sip:a@h>"s, "<sip:a@h>,*"s, "<sip:a@h>,<sip:b@h>"s, "<sip:a@h>, <sip:b@h>"s,
             "<sip:a@h> ,<sip:b@h>"s, "<sip:a@h>\t,\t<sip:b@h>"s, "<sip:a@h>,\r\n <sip:b@h>"s, "<sip:a@h>\r\n ,<sip:b@h>"s,
             "<sip:a@h>,"s, "<sip:a@h>, "s, ",<sip:a@h>"s, "<sip:a@h>,,<sip:b@h>"s, "<sip:a@h><sip:b@h>"s,
             "<sip:a@h>;tag=1,\"B\" <sip:b@h>;tag=2"s, "A <sip:a@h>, B <sip:b@h>;lr"s,
             "<sip:a@h;lr>,<sip:b@h;lr>,<sip:c@h;lr>"s, "<sip:a@h>\0"s, "<sip:a@h\0>"s, "<sip:a\x80@h>"s,
             // no userinfo, parameters after the host: ';' ',' '?' would continue a user, so
             // the fast path looks for an '@' after them
             "<sip:h;lr>"s, "<sip:p1.atlanta.example.com;lr>"s, "<sip:h;lr;x=y>"s, "<sip:h;x=y;z>"s, "<sip:h;a@b>"s,
             "<sip:h;lr@b>"s, "<sip:h;a:pw@b>"s, "<sip:h;a:p,w@b>"s, "<sip:h;a:pw>"s, "<sip:h;lr:5060>"s,
             "<sip:h;x?y>"s, "<sip:h?x@y>"s, "<sip:h?x=y>"s, "<sip:h,x>"s, "<sip:h,x@y>"s, "<sip:h;a%41@b>"s,
             "<sip:h;lr%41>"s, "<sip:h;lr;x=%41>"s, "<sip:1.2.3.4;lr>"s, "<sip:[::1];lr>"s, "<sip:[::1];a@b>"s,
             "<sip:h:5060;lr>"s, "<sip:h:5060;a@b>"s, "<sip:h;lr>;tag=1"s, "<sip:h;lr>,<sip:g;lr>"s,
             "<sip:h;lr>, <sip:g;lr@x>"s, "<sip:;lr>"s, "<sip:;lr@h>"s, "<sip:h;;lr>"s, "<sip:h;=lr>"s,
             "\"A\" <sip:h;user=phone>"s, "<sip:+1;user=phone>"s, "<sip:+1;isub=2@h;user=phone>"s};
    } else if (parser == "parse_via_list") {
        v = {"SIP/2.0/UDP h"s, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport"s, "sip/2.0/udp h"s,
             "SIP/2.0/TCP h:0"s, "SIP/2.0/TCP h:65535"s, "SIP/2.0/TCP h:65536"s, "SIP/2.0/TCP h:005060"s, "SIP/2.0/TCP h:"s,
             "SIP/2.0/TCP h:x"s, "SIP/2.0/UDP [2001:db8::1]:5060"s, "SIP/2.0/UDP [2001:db8::1]"s, "SIP/2.0/UDP 2001:db8::1"s,
             "SIP/2.0/UDP 2001:db8::1:5060"s, "SIP/2.0/UDP a:1:2"s, "SIP/2.0/UDP abc::1"s, "SIP/2.0/UDP [::1"s,
             "SIP/2.0/UDP 1.2.3.4"s, "SIP/2.0/UDP 1.2.3.256"s, "SIP/2.0/UDP 1.2.3.4.example.com"s, "SIP/2.0/UDP h_x.com"s,
             "SIP/2.0/UDP h.1com"s, "SIP/2.0/UDP h.com."s, "SIP / 2.0 / UDP h"s, "SIP/2.0/UDP  h"s, "SIP/2.0/UDP\th"s,
             "SIP/2.0/UDP\r\n h"s, "SIP/2.0/UDPh"s, "SIP/2.0/UDP "s, "SIP/2.0/UDP"s, "SIP/2.0/ UDP h"s, "SIP/2.0 h"s,
             "SIP//UDP h"s, "SIP/2.0/UDP h ;branch=z9hG4bKx"s, "SIP/2.0/UDP h; branch=z9hG4bKx"s,
             "SIP/2.0/UDP h;branch =z9hG4bKx"s, "SIP/2.0/UDP h;branch= z9hG4bKx"s, "SIP/2.0/UDP h:5060 ;rport"s,
             "SIP/2.0/UDP h;branch=z9hG4bKx "s, "SIP/2.0/UDP h;branch=z9hG4bKx\t"s, "SIP/2.0/UDP h;branch=z9hG4bKx\r\n"s,
             "SIP/2.0/UDP h;branch"s, "SIP/2.0/UDP h;branch="s, "SIP/2.0/UDP h;BRANCH=z9hG4bKx"s,
             "SIP/2.0/UDP h;branch=a;branch=b"s, "SIP/2.0/UDP h;branch=a@b"s, "SIP/2.0/UDP h;branch=\"a\""s,
             "SIP/2.0/UDP h;rport"s, "SIP/2.0/UDP h;rport="s, "SIP/2.0/UDP h;rport=0"s, "SIP/2.0/UDP h;rport=65535"s,
             "SIP/2.0/UDP h;rport=65536"s, "SIP/2.0/UDP h;rport=1a"s, "SIP/2.0/UDP h;received=1.2.3.4"s,
             "SIP/2.0/UDP h;received=2001:db8::1"s, "SIP/2.0/UDP h;received=[2001:db8::1]"s, "SIP/2.0/UDP h;received=h"s,
             "SIP/2.0/UDP h;received"s, "SIP/2.0/UDP h;ttl=0"s, "SIP/2.0/UDP h;ttl=255"s, "SIP/2.0/UDP h;ttl=256"s,
             "SIP/2.0/UDP h;ttl=0001"s, "SIP/2.0/UDP h;maddr=224.0.0.1"s, "SIP/2.0/UDP h;maddr=[::1]"s,
             "SIP/2.0/UDP h;maddr=::1"s, "SIP/2.0/UDP h;maddr=h_x"s, "SIP/2.0/UDP h;alias"s, "SIP/2.0/UDP h;alias=1"s,
             "SIP/2.0/UDP h;alias ;x"s, "SIP/2.0/UDP h;x"s, "SIP/2.0/UDP h;x=y"s, "SIP/2.0/UDP h;x="s, "SIP/2.0/UDP h;=y"s,
             "SIP/2.0/UDP h;"s, "SIP/2.0/UDP h;;x"s, "SIP/2.0/UDP h;x=\"y z\""s, "SIP/2.0/UDP h;x=[::1]"s,
             "SIP/2.0/UDP h;x=a:b"s, "SIP/2.0/UDP h;x=a/b"s, "SIP/2.0/UDP h,SIP/2.0/TCP g"s, "SIP/2.0/UDP h, SIP/2.0/TCP g"s,
             "SIP/2.0/UDP h ,SIP/2.0/TCP g"s, "SIP/2.0/UDP h\t,\tSIP/2.0/TCP g"s, "SIP/2.0/UDP h,\r\n SIP/2.0/TCP g"s,
             "SIP/2.0/UDP h\r\n ,SIP/2.0/TCP g"s, "SIP/2.0/UDP h,"s, "SIP/2.0/UDP h, "s, ",SIP/2.0/UDP h"s,
             "SIP/2.0/UDP h,,SIP/2.0/UDP g"s, "SIP/2.0/UDP h;branch=z9hG4bK1,SIP/2.0/UDP g;branch=z9hG4bK2;received=1.2.3.4"s,
             "SIP/2.0/UDP h;branch=z9hG4bK1;rport=5060;received=192.0.2.1, SIP/2.0/TLS [::1]:5061;branch=z9hG4bK2"s,
             " SIP/2.0/UDP h"s, "SIP/2.0/UDP h\0"s, "SIP/2.0/UDP h;branch=z\x80"s,
             // SWS with a fold around SLASH, SEMI, EQUAL and COMMA, and the LWS before sent-by (RFC 4475 wsinv)
             "SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw"s, "SIP/2.0/\r\n UDP h"s, "SIP /2.0/UDP h"s,
             "SIP\r\n\r\n /2.0/UDP h"s, "SIP/2.0 /UDP h"s, "x/y/z h"s, "SIP/2.0/UDP\r\nh"s, "SIP/2.0/UDP \r\n"s,
             "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n SIP  /    2.0   / UDP  "
             "192.168.255.111   ; branch=\r\n z9hG4bK30239"s,
             "SIP/2.0/UDP h;branch=x\r\n ;rport"s, "SIP/2.0/UDP h ;\r\n branch = x"s, "SIP/2.0/UDP h;rport\r\n =1"s,
             "SIP/2.0/UDP h;rport = x"s, "SIP/2.0/UDP h;alias\r\n =1"s, "SIP/2.0/UDP h;alias \r\n"s,
             "SIP/2.0/UDP h;x\r\n = y ;z"s, "SIP/2.0/UDP h;received = 1.2.3.4 ;ttl =\t1"s, "SIP/2.0/UDP h ; "s,
             "SIP/2.0/UDP h:5060 \r\n ; maddr = [::1]"s, "SIP/2.0/UDP h : 5060"s, "SIP/2.0/UDP h;branch=x \r\n ,\r\n SIP/2.0/UDP g"s,
             "SIP/2.0/UDP h;branch=x\r\n \r\n ;y"s};
    } else {  // token lists and the controls
        v = {"INVITE"s, "INVITE,ACK"s, "INVITE, ACK"s, "INVITE ,ACK"s, "INVITE , ACK"s, "INVITE,"s, "INVITE, "s,
             ",INVITE"s, "INVITE,,ACK"s, "INVITE ACK"s, "INVITE\r\n ,ACK"s, "INVITE,\r\n ACK"s, "INVITE\t,\tACK"s,
             " INVITE"s, "INVITE "s, "100rel, timer, replaces"s, "x-y.z!%*_+`'~"s, "a@b"s, "a;q=1"s, "a=b"s,
             "a\x80"s, "a\0"s, "a\r\nb"s, "\"a\""s, "fr, en-GB"s, "*"s, "a, *"s};
    }
    if (parser == "parse_allow_events")  // event-type = token-nodot *( "." token-nodot )
        for (char const* e : {"presence.winfo", "a..b", ".a", "a.", "a.b.c", "talk,hold,conference,refer,check-sync",
                              "message-summary, presence.winfo", "a,.b", "a.,b", "."})
            v.emplace_back(e);
    for (auto& e : generic_edges()) v.push_back(std::move(e));
    return v;
}

std::string lower(std::string_view s) {
    std::string o(s);
    for (char& c : o)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return o;
}

/// The values of header `name` (or its compact form) in the messages of
/// DIR/seed, DIR/rfc4475 and DIR/../golden/inputs (sip-lint's), folds kept,
/// in file-name order, then those of DIR/seed/fragments.tsv.
std::vector<std::string> values_in_data(std::string const& dir, std::string_view name, char compact) {
    std::vector<std::filesystem::path> files;
    for (char const* sub : {"seed", "rfc4475", "../golden/inputs"}) {
        std::error_code ec;
        for (auto const& e : std::filesystem::directory_iterator(dir + "/" + sub, ec))
            if (e.is_regular_file() && (e.path().extension() == ".sip" || e.path().extension() == ".dat"))
                files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::string const want = lower(name);
    std::string const want_compact = compact ? std::string(1, static_cast<char>(compact | 0x20)) : std::string();
    std::vector<std::string> out;
    for (auto const& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::size_t const head_end = text.find("\r\n\r\n");
        std::string_view head(text.data(), head_end == std::string::npos ? text.size() : head_end);
        std::size_t pos = 0;
        while (pos < head.size()) {
            std::size_t eol = head.find('\n', pos);
            if (eol == std::string_view::npos) eol = head.size();
            // with its folds: continuation lines start with SP or HTAB
            while (eol + 1 < head.size() && (head[eol + 1] == ' ' || head[eol + 1] == '\t')) {
                std::size_t n = head.find('\n', eol + 1);
                eol = n == std::string_view::npos ? head.size() : n;
            }
            std::string_view line = head.substr(pos, eol - pos);
            pos = eol + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            std::size_t const colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            std::string_view hn = line.substr(0, colon);
            while (!hn.empty() && (hn.back() == ' ' || hn.back() == '\t')) hn.remove_suffix(1);
            std::string const l = lower(hn);
            if (l != want && (want_compact.empty() || l != want_compact)) continue;
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            out.emplace_back(value);
        }
    }
    std::ifstream tsv(dir + "/seed/fragments.tsv", std::ios::binary);
    for (std::string l; std::getline(tsv, l);) {
        std::size_t const tab = l.find('\t');
        if (tab == std::string::npos || lower(std::string_view(l).substr(0, tab)) != want) continue;
        std::size_t const tab2 = l.find('\t', tab + 1);
        out.push_back(l.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1));
    }
    return out;
}

/// Seeds, then their variants, each input once, in a fixed order.
std::vector<std::string> corpus_for(std::string_view example, std::string_view parser, std::vector<std::string> const& data,
                                    std::uint64_t row_seed, int scale) {
    std::vector<std::string> seeds{std::string(example)};
    for (auto const& d : data) seeds.push_back(d);
    for (auto& e : edges_for(parser)) seeds.push_back(std::move(e));

    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    auto add = [&](std::string s) {
        if (seen.insert(s).second) out.push_back(std::move(s));
    };
    for (auto const& s : seeds) add(s);

    rng r{row_seed};
    for (auto const& s : seeds) {
        std::size_t const n = s.size();
        for (std::size_t i = 0; i < n; ++i) add(s.substr(0, i));                             // truncations
        for (std::size_t i = 0; i < n; ++i) add(s.substr(0, i) + s.substr(i + 1));           // deletions
        for (std::size_t i = 0; i <= n; ++i) {                                                // insertions
            bool const edge = i < 2 || i + 2 >= n;  // every byte at both ends, one elsewhere
            for (std::size_t k = 0; k < (edge ? alphabet_size : 1); ++k) {
                char const c = edge ? alphabet[k] : alphabet[r.below(alphabet_size)];
                std::string t = s;
                t.insert(t.begin() + static_cast<std::ptrdiff_t>(i), c);
                add(std::move(t));
            }
        }
        for (std::size_t i = 0; i < n; ++i) {  // replacements
            bool const edge = i < 2 || i + 2 >= n;
            for (std::size_t k = 0; k < (edge ? alphabet_size : 1); ++k) {
                char const c = edge ? alphabet[k] : alphabet[r.below(alphabet_size)];
                std::string t = s;
                t[i] = c;
                add(std::move(t));
            }
        }
        for (int k = 0; k < 30 * scale && n > 0; ++k) {  // two or three random edits
            std::string t = s;
            int const edits = 2 + static_cast<int>(r.below(2));
            for (int e = 0; e < edits; ++e) {
                std::size_t const i = r.below(t.size() + 1);
                char const c = alphabet[r.below(alphabet_size)];
                switch (r.below(3)) {
                case 0: t.insert(t.begin() + static_cast<std::ptrdiff_t>(i), c); break;
                case 1:
                    if (i < t.size()) t.erase(i, 1);
                    break;
                default:
                    if (i < t.size()) t[i] = c;
                }
            }
            add(std::move(t));
        }
    }
    for (std::size_t k = 0; k < 400 * static_cast<std::size_t>(scale); ++k) {  // splices: a prefix of one seed, a suffix of another
        auto const& a = seeds[r.below(seeds.size())];
        auto const& b = seeds[r.below(seeds.size())];
        add(a.substr(0, r.below(a.size() + 1)) + b.substr(r.below(b.size() + 1)));
    }
    return out;
}

// The rows with a fast path, then controls.
constexpr header_id rows[] = {
    header_id::authorization, header_id::proxy_authorization, header_id::www_authenticate, header_id::proxy_authenticate,
    header_id::cseq, header_id::call_id, header_id::max_forwards, header_id::expires, header_id::min_expires,
    header_id::content_length, header_id::allow, header_id::supported, header_id::require, header_id::proxy_require,
    header_id::unsupported, header_id::allow_events, header_id::content_encoding, header_id::content_language,
    header_id::privacy, header_id::in_reply_to, header_id::recv_info, header_id::server, header_id::user_agent,
    header_id::from, header_id::to, header_id::reply_to, header_id::refer_to, header_id::referred_by, header_id::contact,
    header_id::route, header_id::record_route, header_id::path, header_id::service_route, header_id::p_associated_uri,
    header_id::p_called_party_id, header_id::p_asserted_identity, header_id::p_preferred_identity, header_id::diversion,
    header_id::history_info, header_id::via,
    // controls (no fast path)
    header_id::rseq, header_id::rack, header_id::content_type, header_id::session_expires, header_id::min_se,
    header_id::authentication_info, header_id::alert_info, header_id::call_info};

constexpr bool covered(header_id id) {
    for (header_id r : rows)
        if (r == id) return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    std::string const dir = argc > 1 ? argv[1] : SIPVIEW_TEST_DATA;
    int const scale = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
    std::string line;
    std::string buf;
    buf.reserve(1 << 20);
    std::uint64_t row_seed = 0x5151;
    // One output line: label, the escaped input, then `ok` and the typed
    // fields or `error`, the diag id and the offset.
    auto const emit = [&](std::string_view label, std::string const& in, auto const& r) {
        line.assign(label);
        line += '\t';
        put_text(line, in);
        line += '\t';
        base = in.data();
        if (r) {
            line += "ok\t";
            put(line, *r);
        } else {
            line += "error\t";
            line += to_string(r.error().id);
            line += '\t';
            line += std::to_string(r.error().offset);
        }
        line += '\n';
        buf += line;
        if (buf.size() > (1u << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), stdout);
            buf.clear();
        }
    };
    for (header_id id : rows) {
        ++row_seed;
        visit_header(id, [&](auto tag) {
            using H = decltype(tag);
            if constexpr (covered(H::id)) {  // visit_header instantiates every row
            auto const corpus = corpus_for(H::example, H::parser, values_in_data(dir, H::name, H::compact), row_seed * 0x9e3779b97f4a7c15ULL, scale);
            for (auto const& in : corpus) emit(H::name, in, H::parse(in));
            if constexpr (H::id == header_id::via) {
                // one via-parm (parse_via): the same fast path, entered without the list
                for (auto const& in : corpus) emit("parse_via", in, parse_via(in));
            }
            std::fprintf(stderr, "%s: %zu inputs\n", std::string(H::name).c_str(), corpus.size());
            }
        });
    }
    std::fwrite(buf.data(), 1, buf.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}
