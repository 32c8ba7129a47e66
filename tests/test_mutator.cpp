// The structure-aware mutator (sipview/fuzz/mutator.hpp): over seeded runs
// from the seed corpus in tests/data and from generate(), how many outputs
// still frame as a message with a parseable start line, and how many parse
// strictly; no output exceeds max_size and nothing is written past it
// (exact-size heap buffers: ASan sees an overflow); the same seed gives the
// same output. Deterministic. SIPVIEW_MUTATOR_RUNS sets the number of runs
// (default 100000; the sanitizer build may lower it, the CI's normal build
// runs the default).
#include "catch.hpp"

#include <sipview/fuzz/mutator.hpp>
#include <sipview/stream.hpp>

#include "fuzz/corpus.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using sipview::header_field;

std::vector<std::string> const& seed_messages() {
    static std::vector<std::string> const out = [] {
        std::vector<std::string> v;
        for (auto const& it : sipview_corpus::load(SIPVIEW_TEST_DATA))
            if (it.kind == sipview_corpus::entry::message) v.push_back(it.text);
        return v;
    }();
    return out;
}

std::size_t runs() {
    if (char const* e = std::getenv("SIPVIEW_MUTATOR_RUNS")) {
        long const n = std::strtol(e, nullptr, 10);
        if (n > 0) return static_cast<std::size_t>(n);
    }
    return 100000;
}

header_field fields[256];

/// frame_message (strict options) finds a complete message, and the start
/// line parses (parse_message without validation fails, if at all, after it).
bool frames(std::string_view out) {
    sipview::frame_state st;
    sipview::frame_result const f = sipview::frame_message(out, st);
    if (f.status != sipview::frame_status::complete) return false;
    std::string_view const msg = f.message(out);
    sipview::message_options o;
    o.validate = false;
    auto r = sipview::parse_message(msg, fields, o);
    if (r) return true;
    std::size_t const eol = msg.find_first_of("\r\n");
    return eol != std::string_view::npos && r.error().offset > eol;
}

bool strict(std::string_view out) { return sipview::parse_message(out, fields).has_value(); }

/// The input of run i: generate() for even runs, a corpus message for odd.
std::vector<std::uint8_t> input_of(std::size_t i) {
    auto const& seeds = seed_messages();
    if (i % 2 == 0 || seeds.empty()) {
        std::vector<std::uint8_t> g(4096);
        g.resize(sipview::fuzz::generate(g.data(), g.size(), static_cast<std::uint32_t>(i * 7919u + 1)));
        return g;
    }
    std::string const& s = seeds[(i / 2) % seeds.size()];
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

} // namespace

TEST_CASE("generate() builds messages that parse strictly", "[mutator]") {
    std::size_t valid = 0;
    for (std::uint32_t seed = 0; seed < 2000; ++seed) {
        std::vector<std::uint8_t> out(8192);
        std::size_t const n = sipview::fuzz::generate(out.data(), out.size(), seed);
        std::string_view const text(reinterpret_cast<char const*>(out.data()), n);
        if (strict(text)) ++valid;
        else {
            auto r = sipview::parse_message(text, fields);
            INFO(text << "\nerror at " << r.error().offset << ": " << r.error().message);
            CHECK(strict(text));
        }
    }
    CHECK(valid == 2000);
    // cut at max_out, never past it
    for (std::size_t cap : {0u, 1u, 10u, 100u, 300u}) {
        std::vector<std::uint8_t> out(cap);
        CHECK(sipview::fuzz::generate(out.data(), out.size(), 7) <= cap);
    }
}

TEST_CASE("mutate(): validity over seeded runs, bounds, determinism", "[mutator]") {
    // max_size: as a fuzzer gives it (room to grow: 4 KiB, 16 KiB, 64 KiB
    // more than the input) for four runs in five; the fifth has no room
    // (max_size = size or size + 1) and is checked for bounds only: what
    // does not fit is cut, so it is not counted for validity.
    std::size_t const n_runs = runs();
    std::size_t counted = 0, framed = 0, parsed = 0, changed = 0;
    std::size_t gen = 0, framed_gen = 0, parsed_gen = 0, tight = 0, framed_tight = 0, parsed_tight = 0;
    static constexpr std::size_t slack[] = {4096, 65536, 16384, 4096, 0};
    for (std::size_t i = 0; i < n_runs; ++i) {
        std::vector<std::uint8_t> const in = input_of(i);
        std::size_t const max_size = in.size() + (i % 5 == 4 ? (i / 5) % 2 : slack[i % 5]);
        std::vector<std::uint8_t> buf(max_size);  // exact size: a write past max_size is an ASan report
        std::memcpy(buf.data(), in.data(), in.size());
        std::uint32_t const seed = static_cast<std::uint32_t>(i);
        std::size_t const n = sipview::fuzz::mutate(buf.data(), in.size(), max_size, seed);
        REQUIRE(n <= max_size);
        std::string_view const out(reinterpret_cast<char const*>(buf.data()), n);
        bool const f = frames(out), s = strict(out);
        if (i % 5 == 4) {
            ++tight, framed_tight += f, parsed_tight += s;
        } else {
            ++counted, framed += f, parsed += s;
            changed += out != std::string_view(reinterpret_cast<char const*>(in.data()), in.size());
            if (i % 2 == 0) ++gen, framed_gen += f, parsed_gen += s;
        }
        if (i % 97 == 0) {  // same seed, same output
            std::vector<std::uint8_t> again(max_size);
            std::memcpy(again.data(), in.data(), in.size());
            std::size_t const n2 = sipview::fuzz::mutate(again.data(), in.size(), max_size, seed);
            REQUIRE(n2 == n);
            REQUIRE(std::memcmp(again.data(), buf.data(), n) == 0);
        }
    }
    auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
    std::printf("mutator, %zu runs with room to grow: %.1f%% frame and parse the start line, %.1f%% parse strictly, %.1f%% changed\n"
                "  inputs from generate(): %.1f%% / %.1f%%; from the %zu tests/data messages: %.1f%% / %.1f%%\n"
                "  %zu runs with max_size = size or size + 1 (not counted): %.1f%% / %.1f%%\n",
                counted, pct(framed, counted), pct(parsed, counted), pct(changed, counted), pct(framed_gen, gen),
                pct(parsed_gen, gen), seed_messages().size(), pct(framed - framed_gen, counted - gen),
                pct(parsed - parsed_gen, counted - gen), tight, pct(framed_tight, tight), pct(parsed_tight, tight));
    CHECK(pct(framed, counted) >= 80.0);
    CHECK(pct(parsed, counted) >= 50.0);
    CHECK(pct(changed, counted) >= 90.0);
}

TEST_CASE("mutate() and cross_over() on arbitrary bytes and tiny limits", "[mutator]") {
    std::uint32_t x = 1;
    for (std::uint32_t seed = 0; seed < 3000; ++seed) {
        std::size_t const size = seed % 300;
        std::size_t const max_size = size + seed % 7;
        std::vector<std::uint8_t> buf(max_size == 0 ? 1 : max_size);
        for (std::size_t k = 0; k < size; ++k) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            buf[k] = seed % 3 == 0 ? static_cast<std::uint8_t>("SIP/2.0 :\r\n"[x % 11]) : static_cast<std::uint8_t>(x);
        }
        std::vector<std::uint8_t> exact(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(max_size));
        REQUIRE(sipview::fuzz::mutate(exact.data(), size, max_size, seed) <= max_size);
    }
    auto const& seeds = seed_messages();
    REQUIRE(seeds.size() >= 2);
    for (std::uint32_t seed = 0; seed < 5000; ++seed) {
        std::string const& a = seeds[seed % seeds.size()];
        std::string const& b = seeds[(seed / 3 + 1) % seeds.size()];
        std::size_t const max_out = seed % 4 == 0 ? a.size() / 2 : a.size() + b.size() + 512;
        std::vector<std::uint8_t> out(max_out), out2(max_out);
        auto const* pa = reinterpret_cast<std::uint8_t const*>(a.data());
        auto const* pb = reinterpret_cast<std::uint8_t const*>(b.data());
        std::size_t const n = sipview::fuzz::cross_over(pa, a.size(), pb, b.size(), out.data(), max_out, seed);
        REQUIRE(n <= max_out);
        REQUIRE(sipview::fuzz::cross_over(pa, a.size(), pb, b.size(), out2.data(), max_out, seed) == n);
        REQUIRE(std::memcmp(out.data(), out2.data(), n) == 0);
    }
}
