// libFuzzer harness: frame_message (stream framing, RFC 3261 §18.3).
// Input: one leniency/limits byte (see stream_flags in harness.hpp), one
// split-seed byte, then the stream. Invariants: framing the stream fed in
// one go, one byte at a time and in seeded random chunks gives the same
// messages, keep-alives, pings, error (offset, code, message) and leftover;
// offsets stay inside the buffer passed; a complete frame that parse_message
// accepts has exactly the frame's length. Every chunk and every frame is an
// exact-size heap copy, so a read past a partial buffer is an ASan report.
// A second pass abuses the state as a careless server would: options
// changed between calls (a configuration reload) and buffers that shrink
// (a pooled state not reset); framing must then fail cleanly or go on, and
// never read outside the buffer it was given.
#include "harness.hpp"

using namespace sipview;

#include <algorithm>
#include <vector>

namespace {

struct outcome {
    std::vector<std::pair<std::size_t, std::size_t>> messages;  // (offset in the stream, length)
    std::size_t keepalives = 0;
    std::size_t pings = 0;
    bool failed = false;
    std::size_t error_offset = 0;
    errc error_code = errc::ok;
    std::string_view error_message;
    std::size_t left = 0;

    bool operator==(outcome const& o) const {
        return messages == o.messages && keepalives == o.keepalives && pings == o.pings && failed == o.failed &&
               error_offset == o.error_offset && error_code == o.error_code && error_message == o.error_message && left == o.left;
    }
};

/// Feeds `stream` in chunks of next_chunk() octets, framing as a connection would.
template <class Chunks>
outcome feed(std::string_view stream, stream_options const& opts, Chunks next_chunk) {
    outcome o;
    frame_state st;
    std::size_t base = 0, received = 0;
    for (;;) {
        received = std::min(stream.size(), received + next_chunk());
        for (;;) {
            std::vector<char> const copy(stream.begin() + static_cast<std::ptrdiff_t>(base),
                                         stream.begin() + static_cast<std::ptrdiff_t>(received));
            std::string_view const buf(copy.data(), copy.size());
            frame_result const r = frame_message(buf, st, opts);
            o.keepalives += r.keepalives;
            o.pings += r.pings;
            if (r.status == frame_status::error) {
                if (r.error.offset > buf.size()) sipview_fuzz::fail("frame_message", "error offset past the buffer", stream);
                o.failed = true;
                o.error_offset = base + r.error.offset;
                o.error_code = r.error.code;
                o.error_message = r.error.message;
                return o;  // left stays 0: how many keep-alives were dropped before depends on the split
            }
            if (r.skipped + r.length > buf.size()) sipview_fuzz::fail("frame_message", "consumed more than the buffer", stream);
            base += r.consumed();
            if (r.status == frame_status::complete) {
                if (r.length == 0) sipview_fuzz::fail("frame_message", "a complete message of length 0", stream);
                o.messages.emplace_back(base - r.length, r.length);
                continue;
            }
            break;  // need_more
        }
        if (received == stream.size()) break;
    }
    o.left = stream.size() - base;
    return o;
}

void print(char const* label, outcome const& o) {
    std::fprintf(stderr, "%s: %zu messages [", label, o.messages.size());
    for (auto const& m : o.messages) std::fprintf(stderr, " %zu+%zu", m.first, m.second);
    std::fprintf(stderr, " ] keepalives %zu pings %zu failed %d at %zu (%.*s) left %zu\n", o.keepalives, o.pings, o.failed ? 1 : 0,
                 o.error_offset, static_cast<int>(o.error_message.size()), o.error_message.data(), o.left);
}

header_field headers[1024];

/// The careless server: every call with options from the seed and a buffer
/// that may be shorter than the last one. Checks only what must always
/// hold: no read outside the buffer (exact-size copies), offsets inside it,
/// and a failed state that stays failed.
void abuse(std::string_view stream, std::uint32_t seed) {
    auto next = [&] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return seed;
    };
    frame_state st;
    std::size_t base = 0, received = 0;
    for (int calls = 0; calls < 64 && base < stream.size(); ++calls) {
        std::uint32_t const r = next();
        stream_options const opts = sipview_fuzz::stream_flags(static_cast<std::uint8_t>(r));
        if ((r >> 8) % 4 == 0 && received > base) received = base + (r >> 10) % (received - base);  // shrink
        else received = std::min(stream.size(), received + 1 + (r >> 10) % 128);
        std::vector<char> const copy(stream.begin() + static_cast<std::ptrdiff_t>(base),
                                     stream.begin() + static_cast<std::ptrdiff_t>(received));
        std::string_view const buf(copy.data(), copy.size());
        bool const was_failed = st.failed();
        frame_result const fr = frame_message(buf, st, opts);
        if (was_failed && fr.status != frame_status::error) sipview_fuzz::fail("frame_message", "a failed state framed again", stream);
        if (fr.status == frame_status::error) {
            if (fr.error.offset > buf.size()) sipview_fuzz::fail("frame_message", "error offset past the buffer", stream);
            if (!st.failed()) sipview_fuzz::fail("frame_message", "an error left the state usable", stream);
            if ((r >> 20) % 2) st.reset();
            continue;
        }
        if (fr.consumed() > buf.size()) sipview_fuzz::fail("frame_message", "consumed more than the buffer", stream);
        base += fr.consumed();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size < 2) return 0;
    stream_options const opts = sipview_fuzz::stream_flags(data[0]);
    std::uint32_t seed = data[1] * 2654435761u + 1;
    std::string_view const stream(reinterpret_cast<char const*>(data) + 2, size - 2);

    outcome const whole = feed(stream, opts, [&] { return stream.size(); });
    outcome const bytes = feed(stream, opts, [] { return std::size_t{1}; });
    outcome const chunks = feed(stream, opts, [&] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return std::size_t{1} + seed % 97;
    });
    if (!(whole == bytes) || !(whole == chunks)) {
        print("one go", whole);
        print("bytewise", bytes);
        print("chunks", chunks);
        sipview_fuzz::fail("frame_message", "split framing differs from one-shot framing", stream);
    }
    abuse(stream, seed);
    // each complete frame: parse_message (validation off, same line ends) agrees on its length
    message_options mo;
    mo.validate = false;
    mo.lenient = opts.lenient;
    for (auto const& m : whole.messages) {
        std::vector<char> const copy(stream.begin() + static_cast<std::ptrdiff_t>(m.first),
                                     stream.begin() + static_cast<std::ptrdiff_t>(m.first + m.second));
        std::string_view const frame(copy.data(), copy.size());
        auto r = parse_message(frame, headers, 1024, mo);
        if (r && r->size() != frame.size()) {
            std::fprintf(stderr, "frame %zu octets, parse_message text() %zu octets\n", frame.size(), r->size());
            sipview_fuzz::fail("frame_message", "parse_message disagrees with the frame length", stream, frame, "frame");
        }
    }
    return 0;
}
