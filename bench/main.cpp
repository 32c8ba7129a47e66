// sipview benchmarks — entry point: loads bench/data, registers every
// benchmark (sipview, baselines, and each peer library that was found),
// cross-checks the fields the parsers extracted, then runs Google Benchmark.
//
//   sipview_bench [--verify] [--data DIR] [benchmark flags...]
//     --verify   print the fields each parser extracted from each message and exit
//     --data     directory holding the .sip messages (default: the source tree's bench/data,
//                or $SIPVIEW_BENCH_DATA)
// Distributed under the Boost Software License, Version 1.0.
#include "bench.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#ifndef SIPVIEW_BENCH_DATA
#define SIPVIEW_BENCH_DATA "bench/data"
#endif

namespace bench {
namespace {

std::vector<message_data>& message_store() {
    static std::vector<message_data> store;
    return store;
}

bool load_messages(std::string const& dir) {
    static char const* const names[][2] = {
        {"register", "register.sip"}, {"wsinv", "wsinv.sip"}, {"invite", "invite.sip"},
        {"ok200", "ok200.sip"},       {"unauth401", "unauth401.sip"},
    };
    for (auto const& n : names) {
        std::ifstream in(dir + "/" + n[1], std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "sipview_bench: cannot read %s/%s (use --data DIR)\n", dir.c_str(), n[1]);
            return false;
        }
        message_data m;
        m.name = n[0];
        m.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        message_store().push_back(std::move(m));
    }
    return true;
}

struct record {
    std::string parser;
    bool ok;
    std::vector<std::pair<char const*, std::string>> values;
};
// kind -> message -> records
std::map<std::string, std::map<std::string, std::vector<record>>>& records() {
    static std::map<std::string, std::map<std::string, std::vector<record>>> r;
    return r;
}

std::string normalize(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
}

/// Compares every parser's fields with sipview's (or the first parser's);
/// prints differences. Returns the number of differences.
int cross_check(bool print_all) {
    int diffs = 0;
    for (auto const& [kind, by_message] : records()) {
        for (auto const& [message, recs] : by_message) {
            record const* ref = nullptr;
            for (auto const& r : recs)
                if (r.ok && r.parser == "sipview") ref = &r;
            for (auto const& r : recs)
                if (!ref && r.ok) ref = &r;
            if (print_all) std::printf("== %s / %s\n", kind.c_str(), message.c_str());
            for (auto const& r : recs) {
                if (print_all) {
                    std::printf("  %-16s %s\n", r.parser.c_str(), r.ok ? "ok" : "REJECTED");
                    if (r.ok)
                        for (auto const& [k, v] : r.values)
                            if (!v.empty()) std::printf("      %-10s %s\n", k, v.c_str());
                }
                if (!r.ok) {
                    std::fprintf(stderr, "note: %s/%s/%s: the parser rejected the message (benchmark skipped)\n", kind.c_str(),
                                 r.parser.c_str(), message.c_str());
                    ++diffs;
                    continue;
                }
                if (!ref || &r == ref) continue;
                for (std::size_t i = 0; i < r.values.size(); ++i) {
                    if (r.values[i].second != ref->values[i].second) {
                        std::fprintf(stderr, "note: %s/%s/%s: %s = '%s' but %s read '%s'\n", kind.c_str(), r.parser.c_str(),
                                     message.c_str(), r.values[i].first, r.values[i].second.c_str(), ref->parser.c_str(),
                                     ref->values[i].second.c_str());
                        ++diffs;
                    }
                }
            }
        }
    }
    return diffs;
}

// --- baselines --------------------------------------------------------------

/// memchr scan counting CRLFs: the floor for any parser that must find line ends.
struct memchr_crlf {
    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) const {
        char const* p = in.data();
        char const* const end = p + in.size();
        std::size_t n = 0;
        while (p < end) {
            void const* cr = std::memchr(p, '\r', static_cast<std::size_t>(end - p));
            if (!cr) break;
            p = static_cast<char const*>(cr) + 1;
            if (p < end && *p == '\n') ++n;
        }
        fields f;
        f.body = n;
        sink(f);
        return true;
    }
};

/// memcpy of the message into a preallocated buffer.
struct memcpy_copy {
    std::vector<char> buffer = std::vector<char>(64 * 1024);
    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) {
        std::memcpy(buffer.data(), in.data(), in.size());
        benchmark::ClobberMemory();
        fields f;
        f.body = static_cast<std::size_t>(buffer[in.size() / 2]);
        sink(f);
        return true;
    }
};

} // namespace

std::vector<message_data> const& messages() { return message_store(); }

void record_fields(std::string const& parser, std::string const& kind, message_data const& m, bool ok, fields const& f) {
    if (kind == "baseline") return;
    record r{parser, ok, {}};
    if (kind == "full" || kind == "strict") {
        r.values = {{"from.user", normalize(f.from_user)}, {"from.host", normalize(f.from_host)},
                    {"to.user", normalize(f.to_user)},     {"to.host", normalize(f.to_host)},
                    {"branch", normalize(f.branch)},       {"call-id", normalize(f.call_id) + (f.call_id_host.empty() ? "" : "@" + normalize(f.call_id_host))},
                    {"cseq", std::to_string(f.cseq)},      {"username", normalize(f.username)},
                    {"realm", normalize(f.realm)},         {"uri", normalize(f.uri)},
                    {"response", normalize(f.response)},   {"c.realm", normalize(f.chal_realm)},
                    {"c.nonce", normalize(f.chal_nonce)}};
    } else {
        r.values = {{"body", std::to_string(f.body)}};
    }
    records()[kind][m.name].push_back(std::move(r));
}

void register_baselines() {
    for (auto const& m : messages()) add("baseline", "memchr", m, memchr_crlf{});
    for (auto const& m : messages()) add("baseline", "memcpy", m, memcpy_copy{});
}

} // namespace bench

int main(int argc, char** argv) {
    bool verify = false;
    std::string data = SIPVIEW_BENCH_DATA;
    if (char const* env = std::getenv("SIPVIEW_BENCH_DATA")) data = env;
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--verify") verify = true;
        else if (a == "--data" && i + 1 < argc) data = argv[++i];
        else rest.push_back(argv[i]);
    }
    if (!bench::load_messages(data)) return 2;
    if (!bench::malloc_counting_active())
        std::fprintf(stderr, "note: malloc is not interposed on this libc: allocation counters see operator new only\n");

    bench::register_baselines();
    bench::register_sipview();
#ifdef SIPVIEW_BENCH_HAVE_OSIP
    bench::register_osip();
#endif
#ifdef SIPVIEW_BENCH_HAVE_SOFIA
    bench::register_sofia();
#endif
#ifdef SIPVIEW_BENCH_HAVE_LIBRE
    bench::register_libre();
#endif
    int const diffs = bench::cross_check(verify);
    if (verify) return diffs == 0 ? 0 : 1;

#if defined(__clang__)
    benchmark::AddCustomContext("compiler", "clang " __clang_version__);
#elif defined(__GNUC__)
    benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
#ifdef SIPVIEW_BENCH_PEERS
    benchmark::AddCustomContext("peers", SIPVIEW_BENCH_PEERS);
#endif
#ifdef SIPVIEW_BENCH_BUILD
    benchmark::AddCustomContext("sipview_build", SIPVIEW_BENCH_BUILD);
#endif
    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
