// sipview benchmarks — sipview itself: full (lazy), strict (parse_message's
// default validation) and framing on each message, the 1- and 2-thread
// throughput benchmarks, and the single-grammar benchmarks. The only X3 translation unit of the bench.
// Distributed under the Boost Software License, Version 1.0.
#include "bench.hpp"

#include <sipview/name_addr.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

#if __has_include(<sipview/message.hpp>)
#include <sipview/message.hpp>
#define SIPVIEW_BENCH_HAVE_MESSAGE 1
#endif
#if __has_include(<sipview/stream.hpp>)
#include <sipview/stream.hpp>
#define SIPVIEW_BENCH_HAVE_STREAM 1
#endif
#if __has_include(<sipview/auth.hpp>)
#include <sipview/auth.hpp>
#define SIPVIEW_BENCH_HAVE_AUTH 1
#endif

namespace bench {
namespace {

#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
/// full: parse_message into caller storage (reused across calls, as a server
/// would), then the typed accessors for the fields. `validate` selects the
/// strict pass over every typed header (parse_message's default), which keeps
/// what it parsed of From, To, Via, CSeq, Call-ID and the credentials in the
/// header_cache for the reads, or the lazy hot path (typed values parsed
/// only when read).
struct sipview_full {
    sipview::header_field headers[64];
#if __has_include(<sipview/header_cache.hpp>)
    sipview::header_cache cache;
#endif
    bool validate = false;
    bool credentials = false;
    bool challenge = false;

#ifdef SIPVIEW_BENCH_HAVE_AUTH
    static std::string_view text(std::optional<sipview::auth_value> const& v) { return v ? v->text() : std::string_view(); }
    /// Authorization: Digest username / realm / uri / response.
    static bool read_credentials(sipview::message const& m, fields& f) {
        auto c = m.authorization();
        if (!c) return false;
        f.username = text(c->username());
        f.realm = text(c->realm());
        f.uri = text(c->uri());
        f.response = text(c->response());
        return true;
    }
    /// WWW-Authenticate: Digest realm / nonce.
    static bool read_challenge(sipview::message const& m, fields& f) {
        auto c = m.www_authenticate();
        if (!c) return false;
        f.chal_realm = text(c->realm());
        f.chal_nonce = text(c->nonce());
        return true;
    }
#endif

    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) {
        sipview::message_options opts;
        opts.validate = validate;
#if __has_include(<sipview/header_cache.hpp>)
        opts.cache = &cache;
#endif
        auto r = sipview::parse_message(in, headers, opts);
        if (!r) return false;
        sipview::message const& m = *r;
        fields f;
        auto from = m.from();
        auto to = m.to();
        auto via = m.top_via();
        auto cseq = m.cseq();
        auto call_id = m.call_id();
        if (!from || !to || !via || !cseq || !call_id) return false;
        f.from_user = from->uri.user.value_or(std::string_view{});
        f.from_host = from->uri.host;
        f.to_user = to->uri.user.value_or(std::string_view{});
        f.to_host = to->uri.host;
        f.branch = via->branch().value_or(std::string_view{});
        f.cseq = cseq->number;
        f.call_id = *call_id;
#ifdef SIPVIEW_BENCH_HAVE_AUTH
        if (credentials && !read_credentials(m, f)) return false;
        if (challenge && !read_challenge(m, f)) return false;
#else
        if (credentials || challenge) return false;  // needs auth.hpp
#endif
        sink(f);
        return true;
    }

};


/// pieces/reads/<message>: the typed reads of "full" (From, To, top Via
/// branch, CSeq, Call-ID; not the credentials) on a message parsed once,
/// outside the loop: with framing/sipview and grammar/credentials, the pieces
/// of full/sipview/register timed alone (their sum vs the whole).
struct sipview_reads {
    sipview::header_field headers[64];
    std::string_view parsed_from;           // the input the stored message was parsed from
    sipview_reads const* parsed_by = nullptr;  // a copy re-parses: the message points into `headers`
    std::optional<sipview::message> parsed;

    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) {
        if (!parsed || parsed_by != this || parsed_from.data() != in.data() || parsed_from.size() != in.size()) {
            sipview::message_options opts;
            opts.validate = false;
            auto r = sipview::parse_message(in, headers, opts);
            if (!r) return false;
            parsed.emplace(*r);
            parsed_from = in;
            parsed_by = this;
        }
        sipview::message const& m = *parsed;
        fields f;
        auto from = m.from();
        auto to = m.to();
        auto via = m.top_via();
        auto cseq = m.cseq();
        auto call_id = m.call_id();
        if (!from || !to || !via || !cseq || !call_id) return false;
        f.from_user = from->uri.user.value_or(std::string_view{});
        f.from_host = from->uri.host;
        f.to_user = to->uri.user.value_or(std::string_view{});
        f.to_host = to->uri.host;
        f.branch = via->branch().value_or(std::string_view{});
        f.cseq = cseq->number;
        f.call_id = *call_id;
        sink(f);
        return true;
    }
};

/// framing: start line (Request-URI included) + header split + Content-Length,
/// no typed header parsed.
struct sipview_framing {
    sipview::header_field headers[64];
    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) {
        sipview::message_options opts;
        opts.validate = false;
        auto r = sipview::parse_message(in, headers, opts);
        if (!r) return false;
        fields f;
        f.body = r->body().size();
        sink(f);
        return true;
    }
};
#endif

#ifdef SIPVIEW_BENCH_HAVE_STREAM
/// framing as a stream transport does it: frame_message finds the empty line
/// and Content-Length only (no start-line parse).
struct sipview_stream_framing {
    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) const {
        sipview::frame_state st;
        sipview::frame_result const r = sipview::frame_message(in, st);
        if (r.status != sipview::frame_status::complete) return false;
        fields f;
        f.body = r.length - (r.message(in).find("\r\n\r\n") + 4);
        sink(f);
        return true;
    }
};
#endif

#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
/// The messages a threads/ benchmark thread parses: its own copies (own heap
/// blocks, so no cache line is shared with the other thread).
std::vector<std::pair<std::string, bool>> thread_messages() {
    std::vector<std::pair<std::string, bool>> own;
    for (auto const& m : messages())
        if (m.name == "register" || m.name == "wsinv" || m.name == "invite") own.emplace_back(m.bytes, m.is_register());
    return own;
}

void threads_sipview(benchmark::State& st) {
    auto const own = thread_messages();
    std::vector<sipview_full> work(own.size());  // one header_field[64] per message, per thread
    for (std::size_t i = 0; i < own.size(); ++i) work[i].credentials = own[i].second;
    keep_sink keep;
    for (auto _ : st) {
        for (std::size_t i = 0; i < own.size(); ++i) {
            bool ok = work[i](own[i].first, keep);
            benchmark::DoNotOptimize(ok);
        }
    }
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(own.size()));
}

/// The same shape with a memchr CRLF scan per message: how well the machine
/// itself scales to 2 threads at the time of the run.
void threads_memchr(benchmark::State& st) {
    auto const own = thread_messages();
    for (auto _ : st) {
        for (auto const& m : own) {
            char const* p = m.first.data();
            char const* const end = p + m.first.size();
            std::size_t n = 0;
            while (p < end) {
                void const* cr = std::memchr(p, '\r', static_cast<std::size_t>(end - p));
                if (!cr) break;
                p = static_cast<char const*>(cr) + 1;
                n += (p < end && *p == '\n');
            }
            benchmark::DoNotOptimize(n);
        }
    }
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(own.size()));
}
#endif

} // namespace

void register_sipview() {
#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
    for (auto const& m : messages()) {
        sipview_full lazy;
        lazy.credentials = m.is_register();
        lazy.challenge = m.has_challenge();
        add("full", "sipview", m, lazy);
        sipview_full strict = lazy;
        strict.validate = true;
        add("strict", "sipview", m, strict);
    }
    for (auto const& m : messages()) add("framing", "sipview", m, sipview_framing{});
    for (auto const& m : messages())
        if (m.is_register()) add("pieces", "reads", m, sipview_reads{});
#endif
#ifdef SIPVIEW_BENCH_HAVE_STREAM
    for (auto const& m : messages()) add("framing", "sipview-stream", m, sipview_stream_framing{});
#endif
#ifdef SIPVIEW_BENCH_HAVE_MESSAGE
    // threads/<parser>/mix: 1 and 2 threads, each parsing its own copies of
    // register, wsinv and invite into its own storage (lazy "full" work).
    // items/s counts messages over wall-clock time, summed over the threads.
    benchmark::RegisterBenchmark("threads/sipview/mix", threads_sipview)->Threads(1)->Threads(2)->UseRealTime();
    benchmark::RegisterBenchmark("threads/memchr/mix", threads_memchr)->Threads(1)->Threads(2)->UseRealTime();
#endif

    // --- single grammars ----------------------------------------------------
    struct input {
        char const* name;
        char const* text;
    };
    static input const uris[] = {
        {"short", "sip:company1"},
        {"typical", "sip:alice@client.atlanta.example.com:5060;transport=tcp"},
        {"notes", "sips:alice:secret@atlanta.com:5061;transport=tcp;lr?subject=project%20x"},  // a URI with every part
        {"ipv6", "sip:[2001:db8::10]:5070;maddr=[2001:db8::1];lr"},
    };
    for (auto const& u : uris)
        add_grammar("uri", u.name, u.text, [](std::string_view in) {
            auto r = sipview::parse_uri(in);
            benchmark::DoNotOptimize(r);
            return r.has_value();
        });

    static input const name_addrs[] = {
        {"register_from", "\"1001\" <sip:1001@company1>;tag=1642326358"},
        {"invite_from", "\"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl"},
        {"bare", "sip:alice@atlanta.example.com;tag=88sja8x"},
        {"wsinv_from", "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8"},
    };
    for (auto const& n : name_addrs)
        add_grammar("name_addr", n.name, n.text, [](std::string_view in) {
            auto r = sipview::parse_name_addr(in);
            benchmark::DoNotOptimize(r);
            return r.has_value();
        });

    static input const vias[] = {
        {"register", "SIP/2.0/TCP 192.0.2.10:49152;branch=z9hG4bK128604767;rport"},
        {"invite", "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.1"},
        {"two", "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.1, "
                "SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5060"},
        {"wsinv", "SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw"},
    };
    for (auto const& v : vias)
        add_grammar("via_list", v.name, v.text, [](std::string_view in) {
            auto r = sipview::parse_via_list(in);
            benchmark::DoNotOptimize(r);
            return r.has_value();
        });

#ifdef SIPVIEW_BENCH_HAVE_AUTH
    static input const creds[] = {
        {"register", "Digest username=\"1001\", realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", "
                     "uri=\"sip:company1\", response=\"d888f365bdf1fbe9d690c8d4fef099ba\", algorithm=MD5, "
                     "cnonce=\"5e2b9c7a\", qop=auth, nc=00000001"},
    };
    for (auto const& c : creds)
        add_grammar("credentials", c.name, c.text, [](std::string_view in) {
            auto r = sipview::parse_credentials(in);
            benchmark::DoNotOptimize(r);
            return r.has_value();
        });
    static input const challenges[] = {
        {"unauth401", "Digest realm=\"company1\", nonce=\"a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c\", "
                      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5, qop=\"auth\""},
    };
    for (auto const& c : challenges)
        add_grammar("challenge", c.name, c.text, [](std::string_view in) {
            auto r = sipview::parse_challenge(in);
            benchmark::DoNotOptimize(r);
            return r.has_value();
        });
#endif
}

} // namespace bench
