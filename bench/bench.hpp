// sipview benchmarks — shared harness: the messages, the fields every
// parser extracts, and the registration helper that times a work functor,
// sets bytes/s and counts heap allocations per iteration.
//
// Benchmark names (for ratios.py):
//   full/<parser>/<message>      parse + read the fields below (sipview: lazy, typed values parsed when read)
//   strict/<parser>/<message>    the same; sipview with parse_message's default validation
//   threads/<parser>/mix/...     1 and 2 threads, each parsing its own messages (bench_sipview.cpp)
//   pieces/reads/<message>       sipview's typed reads alone, on a message parsed once
//   framing/<parser>/<message>   start line + header split + Content-Length
//   baseline/memchr/<message>    memchr scan counting CRLFs
//   baseline/memcpy/<message>    memcpy of the message
//   grammar/<rule>/<input>       one sipview grammar on one header value
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_BENCH_BENCH_HPP
#define SIPVIEW_BENCH_BENCH_HPP

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alloc_counter.hpp"

namespace bench {

/// One benchmark message, loaded from bench/data at start-up.
struct message_data {
    std::string name;   ///< register, wsinv, invite, ok200, unauth401
    std::string bytes;  ///< exactly the file's octets
    bool is_register() const { return name == "register"; }
    bool has_challenge() const { return name == "unauth401"; }
};

/// The messages, in a fixed order.
std::vector<message_data> const& messages();

/// What "full" reads from a message. Views point into the parser's own
/// storage (the input for zero-copy parsers), valid until the parser frees it.
struct fields {
    std::string_view from_user, from_host, to_user, to_host;
    std::string_view branch;   ///< top Via branch
    std::string_view call_id;
    std::string_view call_id_host;  ///< only for parsers that split the Call-ID at '@' (oSIP)
    std::uint64_t cseq = 0;
    // REGISTER: Authorization Digest credentials
    std::string_view username, realm, uri, response;
    // 401: WWW-Authenticate Digest challenge
    std::string_view chal_realm, chal_nonce;
    // framing: the body length the parser settled on
    std::size_t body = 0;
};

inline std::string_view cstr(char const* s) { return s ? std::string_view(s, std::strlen(s)) : std::string_view(); }

/// Records the fields a parser extracted for the start-up cross-check
/// (`--verify` prints them all).
void record_fields(std::string const& parser, std::string const& kind, message_data const& m, bool ok, fields const& f);

/// Sink used in the timed loop: keeps the fields observable, copies nothing.
struct keep_sink {
    void operator()(fields const& f) const { benchmark::DoNotOptimize(f); }
};
/// Sink used once per benchmark before timing: copies for the cross-check.
struct capture_sink {
    fields got;
    std::string storage[13];
    void operator()(fields const& f) {
        got = f;
        std::string_view* views[] = {&got.from_user, &got.from_host, &got.to_user, &got.to_host, &got.branch, &got.call_id,
                                     &got.username,  &got.realm,     &got.uri,     &got.response, &got.chal_realm, &got.chal_nonce,
                                     &got.call_id_host};
        for (std::size_t i = 0; i < 13; ++i) {
            storage[i].assign(views[i]->data() ? views[i]->data() : "", views[i]->size());
            *views[i] = storage[i];
        }
    }
};

inline constexpr int alloc_probe_calls = 16;

/// Runs `work(input, sink)` in the timed loop. Before timing: one warm-up
/// call (lazy initialisation in the peers is not counted), then
/// alloc_probe_calls calls whose heap traffic gives the per-iteration counters.
template <class Work>
void run(benchmark::State& st, std::string_view input, Work& work) {
    {
        capture_sink warm;
        if (!work(input, warm)) {
            st.SkipWithError("the parser rejected the message");
            for (auto _ : st) {
            }
            return;
        }
    }
    keep_sink keep;
    alloc_stats const before = alloc_snapshot();
    for (int i = 0; i < alloc_probe_calls; ++i) benchmark::DoNotOptimize(work(input, keep));
    alloc_stats const d = alloc_snapshot() - before;
    for (auto _ : st) {
        bool ok = work(input, keep);
        benchmark::DoNotOptimize(ok);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(input.size()));
    st.counters["allocs"] = benchmark::Counter(static_cast<double>(d.allocs) / alloc_probe_calls);
    st.counters["frees"] = benchmark::Counter(static_cast<double>(d.frees) / alloc_probe_calls);
    st.counters["alloc_bytes"] = benchmark::Counter(static_cast<double>(d.bytes) / alloc_probe_calls);
}

/// Registers `<kind>/<parser>/<message>` timing `work` on the message's bytes,
/// after one untimed call whose fields go to the cross-check.
template <class Work>
void add(std::string const& kind, std::string const& parser, message_data const& m, Work work) {
    {
        capture_sink cap;
        bool const ok = work(std::string_view(m.bytes), cap);
        record_fields(parser, kind, m, ok, cap.got);
    }
    std::string const name = kind + "/" + parser + "/" + m.name;
    benchmark::RegisterBenchmark(name.c_str(), [work, &m](benchmark::State& st) mutable { run(st, m.bytes, work); });
}

/// Registers `grammar/<rule>/<input>` timing `work(text)` (returns bool).
template <class Work>
void add_grammar(std::string const& rule, std::string const& input_name, std::string text, Work work) {
    std::string const name = "grammar/" + rule + "/" + input_name;
    benchmark::RegisterBenchmark(name.c_str(), [work, text](benchmark::State& st) mutable {
        auto adapter = [&work](std::string_view in, auto&&) { return work(in); };
        run(st, text, adapter);
    });
}

// Registration entry points, one per translation unit.
void register_baselines();
void register_sipview();
#ifdef SIPVIEW_BENCH_HAVE_OSIP
void register_osip();
#endif
#ifdef SIPVIEW_BENCH_HAVE_SOFIA
void register_sofia();
#endif
#ifdef SIPVIEW_BENCH_HAVE_LIBRE
void register_libre();
#endif

} // namespace bench

#endif
