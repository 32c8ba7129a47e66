// No parse entry point reads past the end of its input: every corpus input
// (tests/data/rfc4475/*.dat, tests/data/seed/*, every header value in them,
// the URIs inside them, the values of fragments.tsv) and every prefix of
// each is copied to the very end of a readable mapping followed by a
// PROT_NONE page, then given to every entry point (and the accessors,
// iterators and formatter of what they accept). A read past the end is a
// SIGSEGV, caught and counted as a failure; an error offset past the end of
// the input is a failure too. Prints "N passed, M failed".
#include <sipview/format.hpp>
#include <sipview/sipview.hpp>
#include <sipview/stream.hpp>

#include "fuzz/corpus.hpp"

#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

using namespace sipview;

namespace {

sigjmp_buf g_jump;
volatile sig_atomic_t g_armed = 0;
char const* volatile g_entry = "?";  // the entry point running (for the report)
volatile std::size_t g_sink = 0;     // keeps results observable
std::size_t g_accepted[128] = {};     // accepted inputs per entry point (shows the corpus reaches them)
char const* g_accepted_name[128] = {};

void on_fault(int sig) {
    if (g_armed) siglongjmp(g_jump, sig);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

/// A readable region whose last byte is followed by a PROT_NONE page.
class guarded {
public:
    explicit guarded(std::size_t max_len) {
        page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        std::size_t const data = (max_len + page_ - 1) / page_ * page_ + page_;
        size_ = data + page_;
        void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            std::perror("mmap");
            std::exit(2);
        }
        base_ = static_cast<char*>(p);
        guard_ = base_ + data;
        if (mprotect(guard_, page_, PROT_NONE) != 0) {
            std::perror("mprotect");
            std::exit(2);
        }
    }
    ~guarded() { munmap(base_, size_); }
    guarded(guarded const&) = delete;
    guarded& operator=(guarded const&) = delete;

    /// `text` copied so that its last byte is the last readable byte.
    std::string_view place(std::string_view text) {
        char* at = guard_ - text.size();
        if (!text.empty()) std::memcpy(at, text.data(), text.size());
        return {at, text.size()};
    }

private:
    std::size_t page_ = 4096;
    std::size_t size_ = 0;
    char* base_ = nullptr;
    char* guard_ = nullptr;
};

struct tally {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t reported = 0;
    void fail(char const* entry, std::string const& origin, std::size_t len, char const* what) {
        ++failed;
        if (++reported <= 50) std::printf("FAIL: %s on %s (first %zu bytes): %s\n", entry, origin.c_str(), len, what);
    }
};

template <class R>
bool offset_ok(R const& r, std::string_view in) {
    if (r) {
        for (std::size_t i = 0; i < 128; ++i) {
            if (g_accepted_name[i] == nullptr) g_accepted_name[i] = g_entry;
            if (g_accepted_name[i] == g_entry) {
                ++g_accepted[i];
                break;
            }
        }
    }
    return r || r.error().offset <= in.size();
}

/// Every entry point on `in`; returns nullptr or what went wrong. Results
/// are used (ranges iterated, fields formatted) so that lazy re-parsing of
/// the validated text runs near the guard page too.
char const* exercise(std::string_view in) {
    auto& entry = g_entry;
    std::size_t sink = 0;
    char const* const past_end = "error offset past the end of the input";
    {
        entry = "parse_uri";
        auto r = parse_uri(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) sink += formatted_size(*r) + r->params().size() + r->headers().size();
    }
    {
        entry = "parse_tel_uri";
        auto r = parse_tel_uri(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            char buf[64];
            sink += formatted_size(*r) + r->params().size() + r->digits(buf, sizeof buf).has_value() +
                    compare_tel_uris(*r, *r).equal();
        }
    }
    {
        entry = "parse_telephone_subscriber";
        auto r = parse_telephone_subscriber(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) sink += r->params().size();
    }
    {
        entry = "parse_name_addr";
        auto r = parse_name_addr(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            char buf[64];
            (void)r->decode_display_name(buf, sizeof buf);
            sink += formatted_size(*r) + r->params().size() + r->tag().has_value() + r->q().value_or(0) + r->expires().value_or(0);
        }
    }
    {
        entry = "parse_contact_list";
        auto r = parse_contact_list(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            for (auto const& n : *r) sink += n.params().size();
            sink += formatted_size(*r);
        }
    }
    {
        entry = "parse_route_list";
        auto r = parse_route_list(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            for (auto const& n : *r) sink += n.params().size();
            sink += formatted_size(*r);
        }
    }
    {
        entry = "parse_name_addr_list";
        auto r = parse_name_addr_list(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) sink += formatted_size(*r);
    }
    {
        entry = "parse_via";
        auto r = parse_via(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) sink += formatted_size(*r) + r->branch().has_value() + r->ttl().value_or(0);
    }
    {
        entry = "parse_via_list";
        auto r = parse_via_list(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            for (auto const& v : *r) sink += v.params().size() + v.received().has_value() + v.rport().has_value() + v.alias();
            sink += formatted_size(*r);
        }
    }
    {
        entry = "parse_credentials";
        auto r = parse_credentials(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            char buf[256];
            if (auto u = r->username()) (void)u->decode(buf, sizeof buf);
            sink += formatted_size(*r) + r->params().size() + r->realm().has_value() + r->response().has_value();
        }
    }
    {
        entry = "parse_challenge";
        auto r = parse_challenge(in);
        if (!offset_ok(r, in)) return past_end;
        if (r) {
            for (auto q : r->qop_options()) sink += q.size();
            sink += formatted_size(*r) + r->params().size() + r->realm().has_value() + r->is_stale();
        }
    }
    // every header value parser of the header registry (Session-Expires,
    // RAck, CSeq, Content-Type, the headers known by name only...)
    bool offset_past_end = false;
    for_each_header([&](auto tag) {
        using H = decltype(tag);
        if (offset_past_end) return;
        entry = H::parser.data();
        auto r = H::parse(in);
        if (!offset_ok(r, in)) {
            offset_past_end = true;
            return;
        }
        if constexpr (H::format == value_format::typed) {
            if (r) sink += formatted_size(*r);
        }
    });
    if (offset_past_end) return past_end;
    {
        entry = "decode_percent / decode_quoted";
        char buf[256];
        (void)decode_percent(in, buf, sizeof buf);
        (void)decode_quoted(in, buf, sizeof buf);
        sink += decoded_size(in);
    }

    static header_field headers[256];
    message_options lenient;
    lenient.validate = false;
    lenient.lenient = leniency_set::all();
    message_options strict_all;
    strict_all.strict_date = true;
    strict_all.strict_content_length = true;
    strict_all.require_content_length = true;
    char const* const names[] = {"parse_message", "parse_message (lenient)", "parse_message (strict)"};
    message_options const opts[] = {message_options{}, lenient, strict_all};
    for (int i = 0; i < 3; ++i) {
        entry = names[i];
        auto r = parse_message(in, headers, 256, opts[i]);
        if (!offset_ok(r, in)) return past_end;
        if (!r) continue;
        message const& m = *r;
        entry = "message accessors";
        (void)m.top_via();
        for_each_header([&](auto tag) {  // every header of the registry, every element
            using H = decltype(tag);
            auto typed = m.get<H>();
            if constexpr (H::arity == header_arity::single) {
                sink += typed.has_value();
            } else if (typed) {
                for (auto const& x : *typed) sink += sizeof x;
            }
        });
        for (auto const& h : m.headers()) m.visit_typed(h, [&](auto, auto const& v) { sink += v.has_value(); });
        message copy = m;
        (void)copy.validate(opts[i]);
        entry = "format(message)";
        sink += formatted_size(m);
    }
    {
        entry = "parse_message (2 header slots)";
        auto r = parse_message(in, headers, 2);
        if (!offset_ok(r, in)) return past_end;
        if (r) sink += r->header_count();
    }

    stream_options lenient_stream;
    lenient_stream.lenient = leniency_set::all();
    for (stream_options const& o : {stream_options{}, lenient_stream}) {
        entry = "frame_message";
        frame_state st;
        std::string_view rest = in;
        for (int n = 0; n < 1000; ++n) {
            frame_result const f = frame_message(rest, st, o);
            if (f.status == frame_status::error) {
                if (f.error.offset > rest.size()) return "frame error offset past the end";
                break;
            }
            if (f.consumed() > rest.size()) return "frame consumed past the end";
            rest.remove_prefix(f.consumed());
            if (f.status == frame_status::need_more) break;
            offset_ok(result<int>(0), in);  // counts complete frames
        }
    }
    g_sink = sink;
    return nullptr;
}

/// A frame_state reused carelessly: fed `whole` (a prefix of a message, so it
/// is mid-message), then handed `shorter` (a buffer against the guard page)
/// with the same state, and with a smaller max_header_bytes (a configuration
/// reload). Before the state checked its contract, memchr read ~2^64 octets.
std::string g_whole;  // what the state was fed first (not under the guard)
char const* reuse_state(std::string_view shorter) {
    g_entry = "frame_message (reused state)";
    stream_options small;
    small.max_header_bytes = 100;
    for (stream_options const& o : {stream_options{}, small}) {
        frame_state st;
        frame_result const first = frame_message(g_whole, st, stream_options{});
        if (first.status != frame_status::need_more || !st.in_message()) return "the first call did not leave the state mid-message";
        frame_result const f = frame_message(shorter, st, o);
        if (f.status == frame_status::error && f.error.offset > shorter.size()) return "frame error offset past the end";
        if (shorter.size() < g_whole.size() && f.status != frame_status::error) return "a shrunken buffer was not refused";
        if (f.consumed() > shorter.size()) return "frame consumed past the end";
    }
    return nullptr;
}

/// Reads one byte past the end: must fault (proves the guard page works).
char const* read_past_end(std::string_view in) {
    char const* volatile p = in.data() + in.size();
    g_sink = static_cast<std::size_t>(*p);
    return nullptr;
}

/// exercise() with SIGSEGV / SIGBUS turned into a failure message.
__attribute__((noinline)) char const* guarded_run(std::string_view in, char const* (*run)(std::string_view) = exercise) {
    g_entry = "?";
    int const sig = sigsetjmp(g_jump, 1);
    if (sig != 0) {
        g_armed = 0;
        return sig == SIGSEGV ? "SIGSEGV: read past the end of the input" : "SIGBUS";
    }
    g_armed = 1;
    char const* const what = run(in);
    g_armed = 0;
    return what;
}

} // namespace

int main() {
    std::vector<sipview_corpus::item> const items = sipview_corpus::load(SIPVIEW_TEST_DATA);
    std::size_t max_len = 0;
    for (auto const& it : items) max_len = it.text.size() > max_len ? it.text.size() : max_len;
    guarded region(max_len);

    struct sigaction sa {};
    sa.sa_handler = on_fault;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, nullptr);
    sigaction(SIGBUS, &sa, nullptr);

    tally t;
    // the guard works: a read one byte past the end is caught
    if (guarded_run(region.place("x"), read_past_end) == nullptr) {
        std::printf("FAIL: a read past the end of the input was not caught: the guard page does not work\n");
        t.failed++;
    } else {
        t.passed++;
    }
    std::size_t inputs = 0;
    for (auto const& it : items) {
        // the input and every prefix of it: each byte of it is the last one once
        for (std::size_t len = 0; len <= it.text.size(); ++len) {
            std::string_view const in = region.place(std::string_view(it.text).substr(0, len));
            ++inputs;
            char const* const what = guarded_run(in);
            if (what) t.fail(g_entry, it.origin, len, what);
            else ++t.passed;
        }
    }
    // a reused frame_state given a shorter buffer: the review's reproducers
    // (a 3,000-octet partial header section, then 100 octets) and every
    // corpus item cut mid-header, then handed shorter prefixes of itself
    std::vector<std::string> partials{"OPTIONS sip:a@example.com SIP/2.0\r\nX-Big: " + std::string(3000, 'x')};
    for (auto const& it : items)
        if (std::size_t const e = it.text.find("\r\n\r\n"); e != std::string::npos && e > 2) {
            frame_state st;  // only those a fresh state frames as need_more
            if (frame_message(std::string_view(it.text).substr(0, e), st).status == frame_status::need_more)
                partials.push_back(it.text.substr(0, e));
        }
    std::size_t reuses = 0;
    for (std::string const& partial : partials) {
        g_whole = partial;
        for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{100}, partial.size() / 2, partial.size() - 1, partial.size()}) {
            if (len > partial.size()) continue;
            ++reuses;
            char const* const what = guarded_run(region.place(std::string_view(partial).substr(0, len)), reuse_state);
            if (what) t.fail(g_entry, "reused frame_state", len, what);
            else ++t.passed;
        }
    }
    std::printf("guard page test: %zu inputs (corpus items and their prefixes) from %zu corpus items, %zu reused-state calls\n",
                inputs, items.size(), reuses);
    for (std::size_t i = 0; i < 128 && g_accepted_name[i]; ++i) std::printf("  %-32s accepted %zu\n", g_accepted_name[i], g_accepted[i]);
    std::printf("%zu passed, %zu failed\n", t.passed, t.failed);
    return t.failed == 0 && t.passed > 0 ? 0 : 1;
}
