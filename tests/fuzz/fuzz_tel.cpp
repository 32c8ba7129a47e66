// libFuzzer harness: parse_tel_uri, parse_telephone_subscriber and
// compare_tel_uris (tel.hpp). Invariants, beyond harness.hpp's:
//   * an error's offset is at most the input size; every view of an
//     accepted tel_uri (and of its params()) lies inside the input;
//   * an accepted tel URI formats to text that parses to the same parts
//     (number, parameters, phone-context, isub, ext), formatting again gives
//     the same text, the three format forms agree and checked mode accepts
//     it: parse_tel_uri never accepts what format cannot round-trip;
//   * compare_tel_uris is reflexive, compare_tel_uris(a, parse(format(a)))
//     is equal, and it is symmetric on two URIs made from the input (split
//     at its first '\n'): same verdict, same rule, parts swapped;
//   * digits() is the number without its visual separators;
//   * parse_uri agrees with parse_tel_uri on input starting with "tel:",
//     and its telephone_subscriber() gives the same number.
#include "harness.hpp"

#include <sipview/tel.hpp>

using namespace sipview;

namespace {

bool within(tel_uri const& t, sipview_check::buffer const& b) {
    if (!b.in(t.text) || !b.in(t.scheme) || !b.in(t.number) || !b.in(t.params_text) || !b.in(t.phone_context) ||
        !b.in(t.isub) || !b.in(t.ext))
        return false;
    for (auto const& p : t.params())
        if (!b.in(p.name) || !b.in(p.value)) return false;
    return true;
}

std::string opt(std::optional<std::string_view> v) { return v ? "=" + std::string(*v) : std::string("<none>"); }

void check_digits(std::string_view in, tel_uri const& t) {
    std::string buf(t.number.size(), '\0');
    auto d = t.digits(buf.empty() ? nullptr : &buf[0], buf.size());
    if (!d) sipview_fuzz::fail("tel", "digits() does not fit in the number's size", in);
    std::string expected;
    for (char c : t.number)
        if (c != '-' && c != '.' && c != '(' && c != ')') expected += c;
    if (*d != expected) sipview_fuzz::fail("tel", "digits() is not the number without separators", in);
}

/// Every check on one accepted tel URI (or telephone-subscriber) `t` parsed from `in`.
void check_tel(std::string_view in, tel_uri const& t) {
    if (!within(t, sipview_check::buffer{in.data(), in.data() + in.size()}))
        sipview_fuzz::fail("tel", "a view of the tel_uri points outside the input", in);
    check_digits(in, t);
    if (!compare_tel_uris(t, t).equal()) sipview_fuzz::fail("tel", "compare_tel_uris is not reflexive", in);
    if (check_format(t)) sipview_fuzz::fail("tel", "checked mode refuses a parsed tel URI", in);

    std::string const text = sipview_check::formatted(t);
    sipview_check::why w;
    if (!sipview_check::forms_agree(t, text, format_options{}, w)) sipview_fuzz::fail("tel", w.field, in, text);
    auto again = parse_tel_uri(text);
    if (!again) sipview_fuzz::fail("tel", "the formatted text does not parse", in, text);
    if (!within(*again, sipview_check::buffer{text.data(), text.data() + text.size()}))
        sipview_fuzz::fail("tel", "a view of the re-parsed tel_uri points outside the formatted text", in, text);
    if (again->number != t.number || again->params_text != t.params_text || opt(again->phone_context) != opt(t.phone_context) ||
        opt(again->isub) != opt(t.isub) || opt(again->ext) != opt(t.ext))
        sipview_fuzz::fail("tel", "the re-parsed tel URI has other parts", in, text);
    if (!compare_tel_uris(t, *again).equal() || !compare_tel_uris(*again, t).equal())
        sipview_fuzz::fail("tel", "compare_tel_uris(a, parse(format(a))) is not equal", in, text);
    if (sipview_check::formatted(*again) != text) sipview_fuzz::fail("tel", "formatting is not idempotent", in, text);
}

void check_symmetric(std::string_view in, tel_uri const& a, tel_uri const& b) {
    tel_difference const x = compare_tel_uris(a, b);
    tel_difference const y = compare_tel_uris(b, a);
    if (x.equal() != y.equal() || x.rule != y.rule) sipview_fuzz::fail("tel", "compare_tel_uris is not symmetric", in);
    if (x.equal()) return;
    if (x.explanation.empty() || x.rule_name().empty()) sipview_fuzz::fail("tel", "a difference without rule or explanation", in);
    if (x.rule == tel_rule::number && (x.a_part != a.number || x.b_part != b.number || y.a_part != b.number))
        sipview_fuzz::fail("tel", "a tel-number difference does not give the numbers", in);
    char buf[4200];
    if (!x.write_rule(buf, sizeof buf)) sipview_fuzz::fail("tel", "write_rule does not fit", in);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);

    auto r = parse_tel_uri(in);
    if (!r) {
        if (r.error().offset > in.size()) sipview_fuzz::fail("parse_tel_uri", "error offset past the end of the input", in);
    } else {
        check_tel(in, *r);
    }
    // parse_uri reads "tel:" with the same grammar
    if (in.size() >= 4 && (in[0] | 0x20) == 't' && (in[1] | 0x20) == 'e' && (in[2] | 0x20) == 'l' && in[3] == ':') {
        auto u = parse_uri(in);
        if (u.has_value() != r.has_value()) sipview_fuzz::fail("parse_uri", "parse_uri and parse_tel_uri disagree on a tel URI", in);
        if (u) {
            if (u->kind != uri_scheme::tel) sipview_fuzz::fail("parse_uri", "a tel URI is not uri_scheme::tel", in);
            auto t = u->telephone_subscriber();
            if (!t || t->number != r->number) sipview_fuzz::fail("parse_uri", "telephone_subscriber() differs from parse_tel_uri", in);
        }
    }

    auto s = parse_telephone_subscriber(in);
    if (!s) {
        if (s.error().offset > in.size())
            sipview_fuzz::fail("parse_telephone_subscriber", "error offset past the end of the input", in);
    } else {
        // a telephone-subscriber formats as "tel:" + itself
        check_tel(in, *s);
    }

    // two URIs from one input: symmetry of the comparison
    std::size_t const nl = in.find('\n');
    if (nl != std::string_view::npos) {
        auto a = parse_tel_uri(in.substr(0, nl));
        auto b = parse_tel_uri(in.substr(nl + 1));
        if (a && b) check_symmetric(in, *a, *b);
        auto c = parse_telephone_subscriber(in.substr(0, nl));
        auto d = parse_telephone_subscriber(in.substr(nl + 1));
        if (c && d) check_symmetric(in, *c, *d);
    }
    return 0;
}
