// sipview benchmarks — a minimal driver for instruction-level profiling of one
// grammar (or parse_message) under callgrind, where Google Benchmark's
// calibration loop would dominate:
//
//   sipview_grammar_profile RULE N [TEXT|@FILE]
//     RULE: uri | name_addr | via_list | credentials | challenge |
//           message | message_strict (the "full" work) | framing | stream |
//           reads (message's typed reads alone, on a message parsed once)
//   valgrind --tool=callgrind --callgrind-out-file=cg.out sipview_grammar_profile uri 100000 'sip:a@b.c'
//   bench/callgrind.sh   # runs the standard set and prints Ir per call
//
// Instructions per call = (Ir(N2) - Ir(N1)) / (N2 - N1) removes start-up cost.
// Distributed under the Boost Software License, Version 1.0.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>
#if __has_include(<sipview/message.hpp>)
#include <sipview/message.hpp>
#define SIPVIEW_BENCH_HAVE_MESSAGE 1
#endif
#if __has_include(<sipview/auth.hpp>)
#include <sipview/auth.hpp>
#define SIPVIEW_BENCH_HAVE_AUTH 1
#endif
#if __has_include(<sipview/stream.hpp>)
#include <sipview/stream.hpp>
#define SIPVIEW_BENCH_HAVE_STREAM 1
#endif

namespace {

template <class T>
inline void keep(T const& v) {
    asm volatile("" : : "r,m"(v) : "memory");
}

// Each entry is a separate noinline function so callgrind shows it by name.
__attribute__((noinline)) bool do_uri(std::string_view in) {
    auto r = sipview::parse_uri(in);
    keep(r);
    return r.has_value();
}
__attribute__((noinline)) bool do_name_addr(std::string_view in) {
    auto r = sipview::parse_name_addr(in);
    keep(r);
    return r.has_value();
}
__attribute__((noinline)) bool do_via_list(std::string_view in) {
    auto r = sipview::parse_via_list(in);
    keep(r);
    return r.has_value();
}
#ifdef SIPVIEW_BENCH_HAVE_AUTH
__attribute__((noinline)) bool do_credentials(std::string_view in) {
    auto r = sipview::parse_credentials(in);
    keep(r);
    return r.has_value();
}
__attribute__((noinline)) bool do_challenge(std::string_view in) {
    auto r = sipview::parse_challenge(in);
    keep(r);
    return r.has_value();
}
#endif
#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
sipview::header_field g_headers[64];
#if __has_include(<sipview/header_cache.hpp>)
sipview::header_cache g_cache;  // as bench_sipview.cpp's full: the strict pass keeps what the reads use
#endif
__attribute__((noinline)) bool do_message(std::string_view in, bool validate) {
    sipview::message_options opts;
    opts.validate = validate;
#if __has_include(<sipview/header_cache.hpp>)
    opts.cache = &g_cache;
#endif
    auto r = sipview::parse_message(in, g_headers, opts);
    if (!r) return false;
    auto from = r->from();
    auto to = r->to();
    auto via = r->top_via();
    auto cseq = r->cseq();
    auto id = r->call_id();
    keep(from);
    keep(to);
    keep(via);
    keep(cseq);
    keep(id);
    if (via) {
        auto b = via->branch();
        keep(b);
    }
#ifdef SIPVIEW_BENCH_HAVE_AUTH
    // the Digest fields, as the full benchmark reads them
    if (r->has(sipview::header_id::authorization)) {
        auto c = r->authorization();
        if (!c) return false;
        auto u = c->username(), re = c->realm(), ur = c->uri(), rs = c->response();
        keep(u), keep(re), keep(ur), keep(rs);
    }
    if (r->has(sipview::header_id::www_authenticate)) {
        auto c = r->www_authenticate();
        if (!c) return false;
        auto re = c->realm(), n = c->nonce();
        keep(re), keep(n);
    }
#endif
    return from && to && via && cseq && id;
}
/// The typed reads of do_message (no credentials) on a message parsed once,
/// at the first call: `reads` minus nothing is the header-read piece alone.
sipview::header_field g_reads_headers[64];
__attribute__((noinline)) bool do_reads(std::string_view in) {
    static auto const parsed = [&] {
        sipview::message_options opts;
        opts.validate = false;
        return sipview::parse_message(in, g_reads_headers, opts);
    }();
    if (!parsed) return false;
    sipview::message const& m = *parsed;
    auto from = m.from();
    auto to = m.to();
    auto via = m.top_via();
    auto cseq = m.cseq();
    auto id = m.call_id();
    keep(from);
    keep(to);
    keep(via);
    keep(cseq);
    keep(id);
    if (via) {
        auto b = via->branch();
        keep(b);
    }
    return from && to && via && cseq && id;
}
__attribute__((noinline)) bool do_framing(std::string_view in) {
    sipview::message_options opts;
    opts.validate = false;
    auto r = sipview::parse_message(in, g_headers, opts);
    keep(r);
    return r.has_value();
}
#endif
#ifdef SIPVIEW_BENCH_HAVE_STREAM
__attribute__((noinline)) bool do_stream(std::string_view in) {
    sipview::frame_state st;
    auto r = sipview::frame_message(in, st);
    keep(r);
    return r.status == sipview::frame_status::complete;
}
#endif

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s RULE N TEXT|@FILE\n", argv[0]);
        return 2;
    }
    std::string const rule = argv[1];
    long const n = std::atol(argv[2]);
    std::string text = argv[3];
    if (!text.empty() && text[0] == '@') {
        std::ifstream in(text.substr(1), std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", text.c_str() + 1);
            return 2;
        }
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string_view const in(text);
    bool (*fn)(std::string_view) = nullptr;
    if (rule == "uri") fn = do_uri;
    else if (rule == "name_addr") fn = do_name_addr;
    else if (rule == "via_list") fn = do_via_list;
#ifdef SIPVIEW_BENCH_HAVE_AUTH
    else if (rule == "credentials") fn = do_credentials;
    else if (rule == "challenge") fn = do_challenge;
#endif
#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
    else if (rule == "message") fn = [](std::string_view s) { return do_message(s, false); };
    else if (rule == "message_strict") fn = [](std::string_view s) { return do_message(s, true); };
    else if (rule == "framing") fn = do_framing;
    else if (rule == "reads") fn = do_reads;
#endif
#ifdef SIPVIEW_BENCH_HAVE_STREAM
    else if (rule == "stream") fn = do_stream;
#endif
    if (!fn) {
        std::fprintf(stderr, "unknown rule %s\n", rule.c_str());
        return 2;
    }
    long ok = 0;
    for (long i = 0; i < n; ++i) ok += fn(in) ? 1 : 0;
    if (ok != n) {
        std::fprintf(stderr, "%s rejected the input\n", rule.c_str());
        return 1;
    }
    return 0;
}
