// libFuzzer harness: parse_uri (Request-URI / URI inside <>). Invariants: see
// harness.hpp; and for compare_uris (uri_compare.hpp):
//   * reflexive: compare_uris(a, a) is equal;
//   * compare_uris(a, parse(format(a))) is equal;
//   * symmetric: compare_uris(a, b) and compare_uris(b, a) agree on equality,
//     rule and parameter name (the parts swap), for b from the input split in
//     two at its first NUL or LF byte (neither occurs in a URI) or else at its
//     midpoint, and for b = a with the case of every letter flipped;
//   * an alphanumeric byte of a written as its %HH escape, where the grammar
//     allows an escape (user, password, parameters, headers), gives an equal
//     URI: RFC 3261 §19.1.4, unreserved characters equal their escapes;
//   * the parts are views into their own URI, an explanation is given
//     exactly when the URIs differ, uri_equal agrees with compare_uris.
#include "harness.hpp"

#include <sipview/uri_compare.hpp>

using namespace sipview;

namespace {
bool inside(std::optional<std::string_view> part, uri const& u) {
    if (!part || part->empty()) return true;
    return part->data() >= u.text.data() && part->data() + part->size() <= u.text.data() + u.text.size();
}

std::string_view opt(std::optional<std::string_view> v) { return v ? *v : std::string_view("<none>"); }

/// compare_uris(a, b) checked against compare_uris(b, a) and its own shape.
uri_difference compare_checked(uri const& a, uri const& b, std::string_view in) {
    uri_difference const ab = compare_uris(a, b), ba = compare_uris(b, a);
    if (ab.rule != ba.rule) sipview_fuzz::fail("compare_uris", "not symmetric: compare_uris(b, a) gives another rule", in);
    if (!detail::uri_compare::same_text(ab.param_name, ba.param_name, true))
        sipview_fuzz::fail("compare_uris", "not symmetric: compare_uris(b, a) names another parameter", in, ba.param_name, "other name");
    if (opt(ab.a_part) != opt(ba.b_part) || opt(ab.b_part) != opt(ba.a_part))
        sipview_fuzz::fail("compare_uris", "compare_uris(b, a) does not give the parts swapped", in);
    if (!inside(ab.a_part, a) || !inside(ab.b_part, b) || !inside(ba.a_part, b) || !inside(ba.b_part, a))
        sipview_fuzz::fail("compare_uris", "a part is not a view into its URI", in);
    if (ab.explanation.empty() != ab.equal()) sipview_fuzz::fail("compare_uris", "explanation given iff different, broken", in);
    if (ab.equal() && (ab.a_part || ab.b_part || !ab.param_name.empty()))
        sipview_fuzz::fail("compare_uris", "an equal result carries parts", in);
    if (uri_equal(a, b) != ab.equal()) sipview_fuzz::fail("compare_uris", "uri_equal disagrees with compare_uris", in);
    return ab;
}

void check_compare(uri const& a, std::string_view in) {
    if (!compare_uris(a, a).equal()) sipview_fuzz::fail("compare_uris", "not reflexive", in);
    std::string const text = sipview_check::formatted(a);
    auto again = parse_uri(text);
    if (again && !compare_checked(a, *again, in).equal())
        sipview_fuzz::fail("compare_uris", "a URI differs from parse(format(it))", in, text);

    std::string flipped(a.text);
    for (char& c : flipped)
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) c = static_cast<char>(c ^ 0x20);
    if (auto f = parse_uri(flipped)) (void)compare_checked(a, *f, in);

    if (!a.is_sip()) return;
    // Escape the alphanumeric bytes after "scheme:" one at a time (the first
    // few): where the grammar takes the escape, the URI is the same.
    static constexpr char hex[] = "0123456789ABCDEF";
    int tried = 0;
    for (std::size_t i = a.scheme.size() + 1; i < a.text.size() && tried < 8; ++i) {
        char const c = a.text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) continue;
        ++tried;
        std::string escaped(a.text.substr(0, i));
        escaped += '%';
        escaped += hex[static_cast<unsigned char>(c) >> 4];
        escaped += hex[static_cast<unsigned char>(c) & 15];
        escaped += a.text.substr(i + 1);
        auto e = parse_uri(escaped);
        if (e && !compare_checked(a, *e, in).equal())
            sipview_fuzz::fail("compare_uris", "an escaped unreserved character makes another URI", in, escaped, "escaped");
    }
}

result<uri> parse_checked(std::string_view in) {
    auto r = parse_uri(in);
    if (!r) return r;
    // escapes in the user part and password were validated: decoding succeeds
    for (auto const& part : {r->user, r->password}) {
        if (!part) continue;
        sipview_fuzz::check_decode("uri", in, *part, [&](char* out, std::size_t cap, decode_mode m) {
            return decode_percent(*part, out, cap, m);
        });
    }
    if (r->port_text.has_value() != r->port().has_value()) sipview_fuzz::fail("uri", "port_text without a port()", in);
    (void)r->host_address();
    for (auto const& p : r->params()) (void)p;
    return r;
}

/// Two URIs from one input: split at the first NUL or LF, else at the midpoint.
void check_pair(std::string_view in) {
    std::size_t cut = in.find_first_of(std::string_view("\0\n", 2));
    std::size_t skip = 1;
    if (cut == std::string_view::npos) {
        cut = in.size() / 2;
        skip = 0;
    }
    std::string_view const left = in.substr(0, cut), right = in.substr(cut + skip);
    auto a = parse_uri(left);
    auto b = parse_uri(right);
    if (!a || !b) return;
    if (!compare_uris(*a, *a).equal() || !compare_uris(*b, *b).equal()) sipview_fuzz::fail("compare_uris", "not reflexive", in);
    (void)compare_checked(*a, *b, in);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_uri", in, parse_checked);
    sipview_fuzz::check_leniency("parse_uri", in, [](std::string_view t, parse_options const& o) { return parse_uri(t, o); });
    if (auto r = parse_uri(in)) check_compare(*r, in);
    check_pair(in);
    return 0;
}
