// Every entry point runs in time linear in its input: 1 MB inputs made of
// repeated separators, quotes, folds, '%', '<', ',', `a;` user parts, long
// token display names, long parameter lists, many headers... are parsed (and
// what is accepted is iterated and formatted) and must finish. Nothing here
// reads a clock: linearity is measured in instructions with --callgrind.
//
//   sipview_linear_time_test                 all cases at 1 MB (and 256 KB), "N passed, M failed"
//   sipview_linear_time_test --list          the cases
//   sipview_linear_time_test --one I SIZE    case I at SIZE bytes (what callgrind runs)
//   sipview_linear_time_test --callgrind [FILTER]
//       runs each case (whose name contains FILTER) under
//       `valgrind --tool=callgrind --toggle-collect=linear_time_measure`
//       at 256 KB and 1 MB and prints the instruction counts and their ratio
//       (~4 for linear; a case above 6 is flagged SUPERLINEAR).
#include <sipview/format.hpp>
#include <sipview/sipview.hpp>
#include <sipview/stream.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

using namespace sipview;

namespace {

enum class ep { uri, name_addr, contact, route, via, credentials, challenge, message, frame, count };
char const* const ep_names[] = {"uri", "name_addr", "contact", "route", "via", "credentials", "challenge", "message", "frame"};

/// prefix + unit repeated + suffix, `size` bytes in all (the repeat is cut to fit).
std::string fill(std::string_view prefix, std::string_view unit, std::string_view suffix, std::size_t size) {
    std::string s(prefix);
    std::size_t const body = size > prefix.size() + suffix.size() ? size - prefix.size() - suffix.size() : 0;
    while (s.size() + unit.size() <= prefix.size() + body) s += unit;
    s += suffix;
    return s;
}

struct test_case {
    ep entry;
    std::string name;
    std::function<std::string(std::size_t)> make;
};

std::vector<test_case> cases() {
    std::vector<test_case> c;
    auto add = [&](ep e, std::string name, std::string prefix, std::string unit, std::string suffix = {}) {
        c.push_back({e, std::string(ep_names[static_cast<int>(e)]) + ": " + name,
                     [=](std::size_t n) { return fill(prefix, unit, suffix, n); }});
    };
    // Raw repeats through every entry point.
    struct raw {
        char const* name;
        char const* unit;
    };
    raw const raws[] = {
        {";;;;", ";"}, {"\"\"\"\"", "\""}, {"\\\"\\\"", "\\\""}, {"CRLF SP folds", "\r\n "}, {"%%%%", "%"},
        {"<<<<", "<"}, {",,,,", ","}, {"a;a;a;", "a;"}, {"a a a", "a "}, {"[[[[", "["}, {"::::", ":"},
        {"@@@@", "@"}, {"a=b, ", "a=b, "}, {"%4%4", "%4"}, {"spaces", " "}, {"tokens", "a"},
    };
    for (int e = 0; e < static_cast<int>(ep::count); ++e)
        for (auto const& r : raws) add(static_cast<ep>(e), r.name, "", r.unit);

    // Structured inputs that get deep into each grammar.
    add(ep::uri, "sip:a;a;a;...@h (user part)", "sip:", "a;", "@h");
    add(ep::uri, "sip:a;a;a;... (no @: user backtracks to host)", "sip:", "a;");
    add(ep::uri, "sip:h;a;a;a (params)", "sip:h", ";a");
    add(ep::uri, "sip:h;a=b;a=b", "sip:h", ";a=b");
    add(ep::uri, "sip:%41%41...@h", "sip:", "%41", "@h");
    add(ep::uri, "sip:%%%%", "sip:", "%");
    add(ep::uri, "sip:a:bbbb@h (password)", "sip:a:", "b", "@h");
    add(ep::uri, "sip:h?a=b&a=b (headers)", "sip:h?a=b", "&a=b");
    add(ep::uri, "sip:aaaa.aaaa (long host)", "sip:", "a.a");
    add(ep::uri, "sip:[1:1:1: (IPv6)", "sip:[", "1:");
    add(ep::uri, "sip:1.1.1.1.1", "sip:", "1.");
    add(ep::uri, "tel:+1-1-1 (absoluteURI)", "tel:", "+1-");
    add(ep::name_addr, "\"\\\"\\\"...\" <sip:h> (escaped quotes)", "\"", "\\\"", "\" <sip:h>");
    add(ep::name_addr, "\"\\\"\\\"... (unterminated)", "\"", "\\\"");
    add(ep::name_addr, "\"CRLF SP...\" <sip:h> (folded quoted)", "\"", "\r\n ", "\"<sip:h>");
    add(ep::name_addr, "a a a ... <sip:h> (long token display name)", "", "a ", "<sip:h>");
    add(ep::name_addr, "a a a ... (display name, no <)", "", "a ");
    add(ep::name_addr, "a CRLF SP a ... <sip:h> (folded display name)", "", "a\r\n ", "<sip:h>");
    add(ep::name_addr, "<sip:h>;a;a;a (params)", "<sip:h>", ";a");
    add(ep::name_addr, "<sip:h> ; a ; a (LWS params)", "<sip:h>", " ;\r\n a");
    add(ep::name_addr, "<sip:h>;a=\"xxx\" (long quoted value)", "<sip:h>;a=\"", "x", "\"");
    add(ep::name_addr, "sip:h;a;a;a (addr-spec params)", "sip:h", ";a");
    add(ep::name_addr, "<sip:h;a;a;a> (URI params)", "<sip:h", ";a", ">");
    add(ep::name_addr, "<<<<sip:h>", "", "<", "sip:h>");
    add(ep::contact, "<sip:h>, <sip:h> (many)", "<sip:h>", ", <sip:h>");
    add(ep::contact, "sip:h,sip:h (many addr-specs)", "sip:h", ",sip:h");
    add(ep::contact, "a <sip:h>;q=0.5, (many with names)", "a <sip:h>;q=0.5", ", a <sip:h>;q=0.5");
    add(ep::contact, "\"x\" <sip:h>;expires=1 CRLF SP, (folded)", "\"x\" <sip:h>;expires=1", "\r\n ,\r\n \"x\" <sip:h>;expires=1");
    add(ep::contact, "<sip:h>, <sip:h>, ... then error", "<sip:h>", ", <sip:h>", ", <sip:h");
    add(ep::route, "<sip:h;lr>, (many)", "<sip:h;lr>", ",<sip:h;lr>");
    add(ep::route, "<sip:h;lr>, ... then a bare URI", "<sip:h;lr>", ",<sip:h;lr>", ",sip:h");
    add(ep::via, "SIP/2.0/UDP h;a;a;a", "SIP/2.0/UDP h", ";a");
    add(ep::via, "SIP/2.0/UDP h;branch=zzzz", "SIP/2.0/UDP h;branch=", "z");
    add(ep::via, "SIP/2.0/UDP h, SIP/2.0/UDP h (many)", "SIP/2.0/UDP h", ", SIP/2.0/UDP h");
    add(ep::via, "SIP/2.0/UDP h CRLF SP ; CRLF SP a (folds)", "SIP/2.0/UDP h", "\r\n ;\r\n a");
    add(ep::via, "SIP / 2.0 / UDP with LWS, many", "SIP / 2.0 / UDP h", " ,\r\n SIP / 2.0 / UDP h ; rport");
    add(ep::via, "SIP/2.0/UDP [1:1:1:", "SIP/2.0/UDP [", "1:");
    add(ep::via, "SIP/2.0/UDP h;received=1.1.1.1.1", "SIP/2.0/UDP h;received=", "1.");
    add(ep::via, "SIP/2.0/UDP h;x=\"\\\"\\\"\"", "SIP/2.0/UDP h;x=\"", "\\\"", "\"");
    add(ep::credentials, "Digest a=b, a=b (many params)", "Digest a=b", ", a=b");
    add(ep::credentials, "Digest a=\"\\\"\\\"...\"", "Digest a=\"", "\\\"", "\"");
    add(ep::credentials, "Digest a=b CRLF SP , (folded)", "Digest a=b", "\r\n ,\r\n a=b");
    add(ep::credentials, "Digest username=\"xxx\"", "Digest username=\"", "x", "\"");
    add(ep::credentials, "Digest ,,,,", "Digest ", ",");
    add(ep::challenge, "Digest a=b, a=b (many params)", "Digest realm=\"r\"", ", a=b");
    add(ep::challenge, "Digest qop=\"auth,auth,...\"", "Digest realm=\"r\", qop=\"", "auth,", "auth\"");
    add(ep::challenge, "Digest domain=\"sip:h sip:h\"", "Digest realm=\"r\", domain=\"", "sip:h ", "sip:h\"");
    add(ep::challenge, "Digest a=\"CRLF SP...\"", "Digest realm=\"", "\r\n ", "\"");

    std::string const head = "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:h>\r\nFrom: <sip:h>;tag=1\r\n"
                             "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";
    for (ep e : {ep::message, ep::frame}) {
        add(e, "many unknown headers", head, "X: y\r\n", "Content-Length: 0\r\n\r\n");
        add(e, "many Via headers", head, "Via: SIP/2.0/UDP h;branch=z9hG4bK2\r\n", "Content-Length: 0\r\n\r\n");
        add(e, "many To headers (single-valued, repeated)", head, "To: <sip:h>\r\n", "Content-Length: 0\r\n\r\n");
        add(e, "many Content-Length headers", head, "Content-Length: 0\r\n", "\r\n");
        add(e, "many Contact headers", head, "Contact: <sip:h>\r\n", "Content-Length: 0\r\n\r\n");
        add(e, "many Route headers", head, "Route: <sip:h;lr>\r\n", "Content-Length: 0\r\n\r\n");
        add(e, "one folded header", head + "Subject: a", "\r\n a", "\r\nContent-Length: 0\r\n\r\n");
        add(e, "one long Via value", head + "Via: SIP/2.0/UDP h", ",SIP/2.0/UDP h", "\r\nContent-Length: 0\r\n\r\n");
        add(e, "one long Contact value", head + "Contact: <sip:h>", ",<sip:h>", "\r\nContent-Length: 0\r\n\r\n");
        add(e, "one long To display name", head + "Subject: x\r\nTo: ", "a ", "<sip:h>\r\nContent-Length: 0\r\n\r\n");
        add(e, "one long quoted To", head + "Subject: x\r\nTo: \"", "\\\"", "\" <sip:h>\r\nContent-Length: 0\r\n\r\n");
        add(e, "long start line", "OPTIONS sip:", "a", " SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        add(e, "big body (no Content-Length)", head + "\r\n", "v=0\r\n");
        add(e, "header without colon", head, "abcdefgh", "\r\n\r\n");
        add(e, "CRLF CRLF... (keep-alives / empty lines)", "", "\r\n", head + "Content-Length: 0\r\n\r\n");
        add(e, "bare LF lines", head, "X: y\n", "Content-Length: 0\r\n\r\n");
        add(e, "many Authorization headers", head, "Authorization: Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"sip:h\", response=\"0\"\r\n",
            "Content-Length: 0\r\n\r\n");
    }
    return c;
}

std::vector<header_field> g_headers;
volatile std::size_t g_sink = 0;

} // namespace

/// One parse of `in` by `e`, using what is accepted. Returns false when an
/// error offset is past the end. External and not inlined: callgrind counts
/// the instructions inside it (--toggle-collect=linear_time_measure).
extern "C" __attribute__((noinline)) bool linear_time_measure(int e, char const* data, std::size_t size) {
    std::string_view const in(data, size);
    std::size_t sink = 0;
    bool ok = true;
    auto check = [&](auto const& r) {
        if (!r && r.error().offset > in.size()) ok = false;
    };
    switch (static_cast<ep>(e)) {
    case ep::uri: {
        auto r = parse_uri(in);
        check(r);
        if (r) sink += r->params().size() + formatted_size(*r);
        break;
    }
    case ep::name_addr: {
        auto r = parse_name_addr(in);
        check(r);
        if (r) sink += r->params().size() + formatted_size(*r);
        break;
    }
    case ep::contact: {
        auto r = parse_contact_list(in);
        check(r);
        if (r) {
            for (auto const& n : *r) sink += n.params().size();
            sink += formatted_size(*r);
        }
        break;
    }
    case ep::route: {
        auto r = parse_route_list(in);
        check(r);
        if (r) {
            for (auto const& n : *r) sink += n.params().size();
            sink += formatted_size(*r);
        }
        break;
    }
    case ep::via: {
        auto r = parse_via_list(in);
        check(r);
        if (r) {
            for (auto const& v : *r) sink += v.params().size() + v.branch().has_value();
            sink += formatted_size(*r);
        }
        break;
    }
    case ep::credentials: {
        auto r = parse_credentials(in);
        check(r);
        if (r) sink += r->params().size() + r->username().has_value() + r->response().has_value() + formatted_size(*r);
        break;
    }
    case ep::challenge: {
        auto r = parse_challenge(in);
        check(r);
        if (r) {
            for (auto q : r->qop_options()) sink += sizeof q;
            sink += r->params().size() + r->realm().has_value() + formatted_size(*r);
        }
        break;
    }
    case ep::message: {
        message_options o;
        auto r = parse_message(in, g_headers.data(), g_headers.size(), o);
        check(r);
        if (r) {
            if (auto v = r->vias()) for (auto const& x : *v) sink += x.params().size();
            if (auto c = r->contacts()) for (auto const& x : *c) sink += x.params().size();
            (void)r->content_length();
            sink += formatted_size(*r);
        }
        message_options lenient;
        lenient.validate = false;
        lenient.allow_bare_lf = true;
        auto l = parse_message(in, g_headers.data(), g_headers.size(), lenient);
        check(l);
        if (l) sink += l->header_count();
        break;
    }
    case ep::frame: {
        stream_options o;
        o.max_header_bytes = static_cast<std::size_t>(-1);
        o.max_headers = static_cast<std::size_t>(-1);
        o.max_body_bytes = static_cast<std::size_t>(-1);
        for (bool lenient : {false, true}) {
            o.allow_bare_lf = lenient;
            o.assume_zero_content_length = lenient;
            frame_state st;
            std::string_view rest = in;
            for (;;) {
                frame_result const f = frame_message(rest, st, o);
                if (f.status == frame_status::error) {
                    if (f.error.offset > rest.size()) ok = false;
                    break;
                }
                rest.remove_prefix(f.consumed());
                if (f.status == frame_status::need_more || f.length == 0) break;
                ++sink;
            }
            // fed in 4 KB pieces, as a socket would deliver it
            st.reset();
            std::size_t base = 0, got = 0;
            bool failed = false;
            while (!failed && got < in.size()) {
                got = got + 4096 < in.size() ? got + 4096 : in.size();
                for (;;) {
                    frame_result const f = frame_message(in.substr(base, got - base), st, o);
                    if (f.status == frame_status::error) {
                        failed = true;
                        break;
                    }
                    base += f.consumed();
                    if (f.status != frame_status::complete || f.length == 0) break;
                }
            }
        }
        break;
    }
    case ep::count: break;
    }
    g_sink = sink;
    return ok;
}

namespace {

bool runs(test_case const& c, std::size_t size) {
    std::string const in = c.make(size);
    return linear_time_measure(static_cast<int>(c.entry), in.data(), in.size());
}

std::string self_path() {
    char buf[4096];
    ssize_t const n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "sipview_linear_time_test";
    buf[n] = '\0';
    return buf;
}

/// Instructions callgrind counted inside linear_time_measure for case i at `size`.
unsigned long long callgrind_ir(std::size_t i, std::size_t size) {
    std::string const out = "/tmp/sipview-linear-" + std::to_string(getpid()) + ".cg";
    std::string const cmd = "valgrind --tool=callgrind --toggle-collect=linear_time_measure --callgrind-out-file=" + out + " '" +
                            self_path() + "' --one " + std::to_string(i) + " " + std::to_string(size) + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return 0;
    std::ifstream f(out);
    std::string line;
    unsigned long long ir = 0;
    while (std::getline(f, line))
        if (line.rfind("summary:", 0) == 0 || line.rfind("totals:", 0) == 0) ir = std::strtoull(line.c_str() + line.find(':') + 1, nullptr, 10);
    std::remove(out.c_str());
    return ir;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<test_case> const all = cases();
    std::size_t const small = 256 * 1024, big = 1024 * 1024;

    if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
        for (std::size_t i = 0; i < all.size(); ++i) std::printf("%3zu %s\n", i, all[i].name.c_str());
        return 0;
    }
    if (argc == 4 && std::strcmp(argv[1], "--one") == 0) {
        std::size_t const i = std::strtoul(argv[2], nullptr, 10);
        std::size_t const size = std::strtoul(argv[3], nullptr, 10);
        if (i >= all.size()) return 2;
        std::string const in = all[i].make(size);
        if (all[i].entry == ep::message) g_headers.resize(size / 4 + 64);
        return linear_time_measure(static_cast<int>(all[i].entry), in.data(), in.size()) ? 0 : 1;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--callgrind") == 0) {
        char const* filter = argc >= 3 ? argv[2] : "";
        int flagged = 0;
        std::printf("%-70s %14s %14s %7s\n", "case", "Ir 256 KB", "Ir 1 MB", "ratio");
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].name.find(filter) == std::string::npos) continue;
            unsigned long long const a = callgrind_ir(i, small);
            unsigned long long const b = callgrind_ir(i, big);
            double const ratio = a ? static_cast<double>(b) / static_cast<double>(a) : 0.0;
            bool const bad = ratio > 6.0;
            flagged += bad;
            std::printf("%-70s %14llu %14llu %7.2f%s\n", all[i].name.c_str(), a, b, ratio, bad ? "  SUPERLINEAR" : "");
            std::fflush(stdout);
        }
        std::printf("%d case(s) above 6x\n", flagged);
        return flagged == 0 ? 0 : 1;
    }

    g_headers.resize(big / 4 + 64);  // enough for any case: a header line takes at least 4 octets
    std::size_t passed = 0, failed = 0;
    for (auto const& c : all) {
        bool const ok = runs(c, small) && runs(c, big);
        (ok ? passed : failed) += 1;
        std::printf("%-70s %s\n", c.name.c_str(), ok ? "ok" : "FAIL: error offset past the end");
        std::fflush(stdout);
    }
    std::printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
