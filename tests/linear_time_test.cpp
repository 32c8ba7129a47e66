// Every entry point runs in time linear in its input: 1 MB inputs made of
// repeated separators, quotes, folds, '%', '<', ',', `a;` user parts, long
// token display names, long parameter lists, many headers... are parsed (and
// what is accepted is iterated and formatted) and must finish. Nothing here
// reads a clock: linearity is measured in instructions under callgrind, which
// are the same from run to run and machine load does not change.
//
//   sipview_linear_time_test                 all cases at 1 MB (and 256 KB), "N passed, M failed"
//   sipview_linear_time_test --list          the cases
//   sipview_linear_time_test --one I SIZE    case I at SIZE bytes
//   sipview_linear_time_test --callgrind [FILTER]
//       runs each case (whose name contains FILTER) under
//       `valgrind --tool=callgrind --toggle-collect=linear_time_measure`
//       at 256 KB and 1 MB and prints the instruction counts and their ratio
//       (~4 for linear; a case above 6 is flagged SUPERLINEAR; exit status 1).
//   sipview_linear_time_test --growth SMALL BIG MAX_RATIO [FILTER]
//       the same at SMALL and BIG bytes; exit status 1 when a case's
//       instruction ratio is above MAX_RATIO, 77 (skipped) when valgrind
//       cannot run. The ctest linear_time_growth: 16 KB and 64 KB, at most 5x.
//   sipview_linear_time_test --measure SMALL BIG [FILTER]
//       what --callgrind and --growth run under callgrind (one process for
//       every case: a callgrind dump after each call of linear_time_measure).
//   sipview_linear_time_test --skip REASON   prints REASON, exit status 77
// $SIPVIEW_VALGRIND names the valgrind to run (default: valgrind on $PATH).
#include <sipview/format.hpp>
#include <sipview/sipview.hpp>
#include <sipview/stream.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SIPVIEW_HAVE_CALLGRIND_H 1
#else
#define SIPVIEW_HAVE_CALLGRIND_H 0
#endif

using namespace sipview;

namespace {

// `header`: the input through every header value parser of the header
// registry (headers.hpp), each parse function once.
enum class ep { uri, name_addr, contact, route, via, credentials, challenge, message, frame, header, count };
char const* const ep_names[] = {"uri", "name_addr", "contact", "route", "via", "credentials", "challenge", "message", "frame", "header"};

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
    add(ep::uri, "tel:+1-1-1 (global number)", "tel:", "+1-");
    add(ep::uri, "tel:+1;a;a;a (tel params)", "tel:+1", ";a");
    add(ep::uri, "tel:1;a=b;a=b (local number, no phone-context)", "tel:1", ";a=b");
    add(ep::uri, "tel:+1;isub=%41%41... (long isub)", "tel:+1;isub=", "%41");
    add(ep::name_addr, "<tel:+1;a=b;a=b> (tel in <>)", "<tel:+1", ";a=b", ">");
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
    add(ep::header, "1;a;a;a (delta-seconds params)", "1", ";a");
    add(ep::header, "1;refresher=uac;a=b (se-params)", "1", ";refresher=uac;a=b");
    add(ep::header, "1 1 INVITE... (RAck, long method)", "1 1 ", "I");

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
        lenient.lenient = leniency_set::all();
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
            o.lenient = lenient ? leniency_set::all() : leniency_set{};
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
    case ep::header: {
        std::string_view done[64];  // parse functions already run (rows share them)
        std::size_t n_done = 0;
        for_each_header([&](auto tag) {
            using H = decltype(tag);
            for (std::size_t i = 0; i < n_done; ++i)
                if (done[i] == H::parser) return;
            if (n_done < 64) done[n_done++] = H::parser;
            auto r = H::parse(in);
            check(r);
            if constexpr (H::format == value_format::typed) {
                if (r) sink += formatted_size(*r);
            }
        });
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

bool selected(test_case const& c, char const* filter) { return c.name.find(filter) != std::string::npos; }

/// --measure SMALL BIG [FILTER], what run_callgrind() runs under callgrind:
/// every selected case at both sizes, one callgrind dump after each run,
/// labelled "case I size N". Nothing is collected outside
/// linear_time_measure (--toggle-collect), so a dump holds exactly the
/// instructions of that one call.
int measure_all(std::vector<test_case> const& all, std::size_t small, std::size_t big, char const* filter) {
    int failed = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!selected(all[i], filter)) continue;
        for (std::size_t const size : {small, big}) {
            std::string const in = all[i].make(size);
            g_headers.resize(size / 4 + 64);  // as --one: a header line takes at least 4 octets
            bool const ok = linear_time_measure(static_cast<int>(all[i].entry), in.data(), in.size());
#if SIPVIEW_HAVE_CALLGRIND_H
            std::string const label = "case " + std::to_string(i) + " size " + std::to_string(size);
            CALLGRIND_DUMP_STATS_AT(label.c_str());
#endif
            if (!ok) {
                std::fprintf(stderr, "%s at %zu bytes: error offset past the end\n", all[i].name.c_str(), size);
                ++failed;
            }
        }
    }
    return failed == 0 ? 0 : 1;
}

/// Runs argv (stdout and stderr to `log`) and returns its exit status; -1
/// when it cannot be started or does not exit normally.
int run_program(std::vector<std::string> const& args, std::string const& log) {
    pid_t const pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int const fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        std::vector<char*> argv;
        for (auto const& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

std::string valgrind_program() {
    char const* v = std::getenv("SIPVIEW_VALGRIND");
    return v && *v ? v : "valgrind";
}

/// Why valgrind cannot measure here, or "" when it can.
std::string why_no_callgrind() {
#if !SIPVIEW_HAVE_CALLGRIND_H
    return "built without <valgrind/callgrind.h> (Debian package valgrind)";
#else
    std::string const log = "/tmp/sipview-linear-" + std::to_string(getpid()) + ".version";
    int const rc = run_program({valgrind_program(), "--version"}, log);
    std::remove(log.c_str());
    if (rc != 0) return "'" + valgrind_program() + " --version' does not run (Debian package valgrind)";
    return "";
#endif
}

struct measured {
    std::size_t index;
    unsigned long long small_ir = 0, big_ir = 0;
    double ratio() const { return small_ir ? static_cast<double>(big_ir) / static_cast<double>(small_ir) : 0.0; }
};

/// Runs `--measure small big filter` once under callgrind and reads one
/// instruction count per (case, size) from its dumps. Empty on failure
/// (`error` says why).
std::vector<measured> run_callgrind(std::vector<test_case> const& all, std::size_t small, std::size_t big, char const* filter,
                                    std::string& error) {
    std::vector<measured> out;
    char dir_template[] = "/tmp/sipview-linear-XXXXXX";
    char const* dir = mkdtemp(dir_template);
    if (!dir) {
        error = "mkdtemp failed";
        return out;
    }
    std::string const base = std::string(dir) + "/cg";
    std::string const log = std::string(dir) + "/log";
    int const rc = run_program({valgrind_program(), "--tool=callgrind", "--toggle-collect=linear_time_measure", "--dump-instr=no",
                                "--dump-line=no", "--callgrind-out-file=" + base, self_path(), "--measure", std::to_string(small),
                                std::to_string(big), filter},
                               log);
    std::map<std::pair<std::size_t, std::size_t>, unsigned long long> ir;  // (case, size) -> instructions
    std::string log_text;
    std::error_code ec;  // no exceptions: the firmware preset builds this with -fno-exceptions
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::ifstream f(it->path());
        if (it->path().filename() == "log") {
            std::stringstream ss;
            ss << f.rdbuf();
            log_text = ss.str();
            continue;
        }
        std::string line;
        long long index = -1, size = -1;
        unsigned long long total = 0;
        while (std::getline(f, line)) {
            std::size_t const at = line.find("Client Request: case ");
            if (line.rfind("desc:", 0) == 0 && at != std::string::npos)
                std::sscanf(line.c_str() + at, "Client Request: case %lld size %lld", &index, &size);
            else if (line.rfind("summary:", 0) == 0 || line.rfind("totals:", 0) == 0)
                total = std::strtoull(line.c_str() + line.find(':') + 1, nullptr, 10);
        }
        if (index >= 0 && size >= 0) ir[{static_cast<std::size_t>(index), static_cast<std::size_t>(size)}] = total;
    }
    std::filesystem::remove_all(dir, ec);
    if (rc != 0) {
        error = "callgrind run exited with status " + std::to_string(rc) + ":\n" + log_text;
        return out;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!selected(all[i], filter)) continue;
        auto const a = ir.find({i, small}), b = ir.find({i, big});
        if (a == ir.end() || b == ir.end() || a->second == 0) {
            error = "no instruction count for case " + std::to_string(i) + " (" + all[i].name + ")";
            out.clear();
            return out;
        }
        out.push_back({i, a->second, b->second});
    }
    return out;
}

/// Prints each case's instruction counts at both sizes and their ratio; a
/// ratio above `bound` is flagged. Returns 0 when none is, 1 when one is or
/// the measurement failed.
int report_growth(std::vector<test_case> const& all, std::size_t small, std::size_t big, double bound, char const* filter) {
    std::string error;
    std::vector<measured> const m = run_callgrind(all, small, big, filter, error);
    if (m.empty()) {
        std::printf("FAIL: %s\n", error.empty() ? "no case matches the filter" : error.c_str());
        return 1;
    }
    std::string const a = "Ir " + std::to_string(small / 1024) + " KB", b = "Ir " + std::to_string(big / 1024) + " KB";
    std::printf("%-70s %14s %14s %7s\n", "case", a.c_str(), b.c_str(), "ratio");
    int flagged = 0;
    measured const* worst = &m.front();
    for (auto const& x : m) {
        bool const bad = x.ratio() > bound;
        flagged += bad;
        if (x.ratio() > worst->ratio()) worst = &x;
        std::printf("%-70s %14llu %14llu %7.2f%s\n", all[x.index].name.c_str(), x.small_ir, x.big_ir, x.ratio(),
                    bad ? "  SUPERLINEAR" : "");
    }
    std::printf("%zu cases, input %zux larger: worst instruction ratio %.2f (%s); %d case(s) above %.2f\n", m.size(), big / small,
                worst->ratio(), all[worst->index].name.c_str(), flagged, bound);
    return flagged == 0 ? 0 : 1;
}

constexpr int skip_status = 77;  // ctest's SKIP_RETURN_CODE for linear_time_growth

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
    if ((argc == 4 || argc == 5) && std::strcmp(argv[1], "--measure") == 0)
        return measure_all(all, std::strtoul(argv[2], nullptr, 10), std::strtoul(argv[3], nullptr, 10), argc == 5 ? argv[4] : "");
    if (argc >= 2 && std::strcmp(argv[1], "--callgrind") == 0) {
        std::string const why = why_no_callgrind();
        if (!why.empty()) {
            std::printf("cannot measure: %s\n", why.c_str());
            return 2;
        }
        return report_growth(all, small, big, 6.0, argc >= 3 ? argv[2] : "");
    }
    if ((argc == 5 || argc == 6) && std::strcmp(argv[1], "--growth") == 0) {
        std::size_t const a = std::strtoul(argv[2], nullptr, 10), b = std::strtoul(argv[3], nullptr, 10);
        double const bound = std::strtod(argv[4], nullptr);
        if (a == 0 || b <= a || bound <= 0) return 2;
        std::string const why = why_no_callgrind();
        if (!why.empty()) {
            std::printf("SKIPPED: %s\n", why.c_str());
            return skip_status;
        }
        return report_growth(all, a, b, bound, argc == 6 ? argv[5] : "");
    }
    if (argc == 3 && std::strcmp(argv[1], "--skip") == 0) {
        std::printf("SKIPPED: %s\n", argv[2]);
        return skip_status;
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
