// Tests for sipview/detail/scan.hpp's host scanners: hostname_length and
// host_length (hostname / IPv4address) against the RFC 3261 §25.1 rules
// written out again here (references built from the ABNF, not from the
// scanners), on every string of up to 6 bytes over the bytes that matter
// and on random ones.
//   hostname    = *( domainlabel "." ) toplabel [ "." ]
//   domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum
//   toplabel    = ALPHA / ALPHA *( alphanum / "-" ) alphanum
//   IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
//   dec-octet   = 1*3DIGIT, of value 255 at most (RFC 5954)
// The scanner measures the longest run of alphanum / "-" / "." (no byte
// that may follow a host can continue a hostname) and returns its length
// when that run is a hostname, else 0.
#include "catch.hpp"

#include <sipview/detail/scan.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <string_view>

using namespace sipview::detail;

namespace {

bool ref_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ref_alnum(char c) { return ref_alpha(c) || (c >= '0' && c <= '9'); }

/// The reference: the ABNF applied to the longest run of alphanum / "-" / ".".
std::size_t ref_hostname_length(std::string_view s) {
    std::size_t run = 0;
    while (run < s.size() && (ref_alnum(s[run]) || s[run] == '-' || s[run] == '.')) ++run;
    std::string_view host = s.substr(0, run);
    if (host.empty()) return 0;
    if (host.back() == '.') host.remove_suffix(1);  // the optional trailing "."
    std::string_view last_label;
    for (;;) {
        std::size_t const dot = host.find('.');
        std::string_view const label = host.substr(0, dot);
        if (label.empty() || !ref_alnum(label.front()) || !ref_alnum(label.back())) return 0;
        for (char c : label)
            if (!ref_alnum(c) && c != '-') return 0;
        last_label = label;
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
    }
    return ref_alpha(last_label.front()) ? run : 0;
}

/// Checks one string followed by `pad` bytes that end a host.
bool agrees(std::string const& s, std::size_t pad) {
    std::string const buf = s + std::string(pad, ';');
    iter const p = buf.data();
    iter const last = buf.data() + buf.size();
    std::size_t const want = ref_hostname_length(buf);
    return hostname_length(p, last) == want;
}

/// The reference for host_length outside brackets: the longest run of
/// alphanum / "-" / "." is an IPv4address when it is four dec-octets
/// joined by dots, else it must be a hostname (a host is followed by a byte
/// that cannot continue either).
std::size_t ref_host_length(std::string_view s, host_kind_value& kind) {
    std::size_t run = 0;
    while (run < s.size() && (ref_alnum(s[run]) || s[run] == '-' || s[run] == '.')) ++run;
    std::string_view rest = s.substr(0, run);
    int octets = 0;
    for (;;) {
        std::size_t const dot = rest.find('.');
        std::string_view const octet = rest.substr(0, dot);
        bool digits = !octet.empty() && octet.size() <= 3;
        for (char c : octet) digits = digits && c >= '0' && c <= '9';
        if (!digits || std::stoi(std::string(octet)) > 255) break;
        ++octets;
        if (dot == std::string_view::npos) {
            if (octets != 4) break;
            kind = host_kind_value::ipv4;
            return run;
        }
        rest.remove_prefix(dot + 1);
    }
    kind = host_kind_value::hostname;
    return ref_hostname_length(s);
}

bool host_agrees(std::string const& s, std::size_t pad) {
    std::string const buf = s + std::string(pad, ':');
    host_kind_value kind = host_kind_value::ipv6, want_kind = host_kind_value::ipv6;
    std::size_t const want = ref_host_length(buf, want_kind);
    std::size_t const got = host_length(buf.data(), buf.data() + buf.size(), kind);
    return got == want && (got == 0 || kind == want_kind);
}

/// Runs agree(s, pad) on every string s of up to 6 bytes over `bytes`,
/// followed by 0, 1 and 20 bytes that end a host; reports the first few
/// that disagree and returns how many did.
template <std::size_t N, class Agree>
std::size_t exhaustive_mismatches(char const (&bytes)[N], Agree agree) {
    std::size_t mismatches = 0;
    std::string s;
    for (std::size_t len = 0; len <= 6; ++len) {
        std::size_t total = 1;
        for (std::size_t i = 0; i < len; ++i) total *= N;
        for (std::size_t c = 0; c < total; ++c) {
            s.clear();
            for (std::size_t i = 0, x = c; i < len; ++i, x /= N) s += bytes[x % N];
            for (std::size_t pad : {0u, 1u, 20u})
                if (!agree(s, pad)) {
                    if (++mismatches < 5) FAIL_CHECK("'" << s << "' + " << pad);
                }
        }
    }
    return mismatches;
}

/// The shape of random strings: `length` bytes drawn from `alphabet`, one
/// of them replaced by any byte in one string of `corrupt_one_in`, followed
/// by up to `max_pad` - 1 bytes that end a host.
struct random_strings {
    std::uint32_t seed;
    char const* alphabet;
    std::size_t min_length, max_length;
    unsigned corrupt_one_in;
    std::size_t max_pad;
};

/// Runs agree(s, pad) on 200,000 such strings; reports the first few that
/// disagree and returns how many did.
template <class Agree>
std::size_t random_mismatches(random_strings const& shape, Agree agree) {
    std::mt19937 rng(shape.seed);
    std::size_t const letters = std::strlen(shape.alphabet);
    std::size_t mismatches = 0;
    std::string s;
    for (int it = 0; it < 200000; ++it) {
        std::size_t const len = shape.min_length + rng() % (shape.max_length - shape.min_length + 1);
        s.clear();
        for (std::size_t i = 0; i < len; ++i) s += shape.alphabet[rng() % letters];
        if (len > 0 && rng() % shape.corrupt_one_in == 0) s[rng() % len] = static_cast<char>(rng() % 256);
        if (!agree(s, rng() % shape.max_pad)) {
            if (++mismatches < 5) FAIL_CHECK("'" << s << "'");
        }
    }
    return mismatches;
}

} // namespace

TEST_CASE("host_length tells IPv4address from hostname on every string of up to 6 bytes", "[scan]") {
    char const bytes[] = {'0', '2', '5', '9', '.', 'a', '-'};
    CHECK(exhaustive_mismatches(bytes, host_agrees) == 0);
}

TEST_CASE("host_length tells IPv4address from hostname on random dotted digits", "[scan]") {
    CHECK(random_mismatches({20261202, "0123456789012345.....a-", 1, 20, 8, 20}, host_agrees) == 0);
}

TEST_CASE("host_length on the IPv4 hosts of real messages and the rule's corners", "[scan]") {
    struct row {
        char const* text;
        std::size_t length;
        host_kind_value kind;
    };
    auto const v4 = host_kind_value::ipv4;
    auto const name = host_kind_value::hostname;
    for (row const r : {row{"192.0.2.10:49152", 10, v4}, row{"255.255.255.255;lr", 15, v4}, row{"0.0.0.0>", 7, v4},
                        row{"256.1.1.1", 0, name}, row{"1.2.3.4567", 0, name}, row{"1.2.3", 0, name},
                        row{"1.2.3.4.5", 0, name}, row{"1.2.3.4.", 0, name}, row{"001.02.3.004", 12, v4},
                        row{"1.2.3.4.example.com", 19, name}, row{"1.2.3.4a", 0, name}, row{"1.2.3.-", 0, name}}) {
        INFO(r.text);
        for (std::size_t pad : {0u, 16u}) {
            std::string const buf = std::string(r.text) + std::string(pad, '>');
            host_kind_value kind = host_kind_value::ipv6;
            CHECK(host_length(buf.data(), buf.data() + buf.size(), kind) == r.length);
            if (r.length != 0) CHECK(kind == r.kind);
        }
    }
}

TEST_CASE("hostname_length follows the hostname rule on every string of up to 6 bytes", "[scan]") {
    char const bytes[] = {'a', 'Z', '1', '.', '-', '_'};
    CHECK(exhaustive_mismatches(bytes, agrees) == 0);
}

TEST_CASE("hostname_length follows the hostname rule on random hosts of up to 90 bytes", "[scan]") {
    CHECK(random_mismatches({20261201, "abcXYZ0189.-.-_:;@\x80", 0, 89, 4, 70}, agrees) == 0);
}

TEST_CASE("hostname_length on the hosts of real messages and the rule's corners", "[scan]") {
    struct row {
        char const* text;
        std::size_t length;
    };
    for (row const r : {row{"company1", 8}, row{"pc33.atlanta.example.com:5060", 24}, row{"p1.atlanta.example.com;lr>", 22},
                        row{"a.", 2}, row{"a.b.", 4}, row{"a.1.", 0}, row{"1.a", 3}, row{"1a", 0}, row{"a-b.c-d", 7},
                        row{"-a", 0}, row{"a-", 0}, row{"a..b", 0}, row{"a.-b", 0}, row{".a", 0}, row{"a_b", 1},
                        row{"averyveryveryverylonglabel.with.several.dots.example.com>", 56}}) {
        INFO(r.text);
        for (std::size_t pad : {0u, 16u, 64u}) {
            std::string const buf = std::string(r.text) + std::string(pad, '>');
            CHECK(hostname_length(buf.data(), buf.data() + buf.size()) == r.length);
        }
    }
}

TEST_CASE("hostname_length's byte loop and its 16-octet scan both follow the hostname rule, reading only their input", "[scan]") {
    // Each string sits at the very end of a heap block of its own size, so
    // that a load past `last` is an out-of-bounds read under ASan. Hosts of
    // 0..60 octets (labels of alphanum and "-" joined by dots, one octet in
    // four of them replaced by any octet) followed by 0..48 others cover one
    // block, two blocks, the second block reloaded from the end, and runs
    // too long for the blocks.
    std::mt19937 rng(20261202);
    char const label_octets[] = "abcdXYZ0189--";
    std::size_t mismatches = 0, hosts_of_16_or_more = 0;
    std::string text;
    for (int it = 0; it < 200000; ++it) {
        text.clear();
        std::size_t const host = rng() % 61;
        while (text.size() < host) {
            if (!text.empty()) text += '.';
            for (std::size_t n = 1 + rng() % 12; n > 0; --n) text += label_octets[rng() % (sizeof label_octets - 1)];
        }
        text.resize(host);
        if (host > 0 && rng() % 4 == 0) text[rng() % host] = static_cast<char>(rng() % 256);
        for (std::size_t n = rng() % 49; n > 0; --n) text += static_cast<char>(rng() % 256);
        std::size_t const size = text.size();
        std::unique_ptr<char[]> const block(new char[size == 0 ? 1 : size]);
        char* const p = block.get();
        if (size > 0) std::memcpy(p, text.data(), size);
        std::size_t const want = ref_hostname_length(std::string_view(p, size));
        std::size_t const bytes = hostname_length_bytes(p, p + size);
        std::size_t const dispatched = hostname_length(p, p + size);
#if SIPVIEW_SIMD_SSE2
        std::size_t const blocks = size >= 16 ? hostname_length_sse2(p, p + size) : want;
#else
        std::size_t const blocks = want;
#endif
        if (want >= 16) ++hosts_of_16_or_more;
        if (bytes != want || dispatched != want || blocks != want) {
            if (++mismatches < 5)
                FAIL_CHECK("'" << text << "': rule " << want << ", bytes " << bytes << ", blocks " << blocks
                               << ", hostname_length " << dispatched);
        }
    }
    CHECK(mismatches == 0);
    CHECK(hosts_of_16_or_more > 10000);  // the strings reach the second block
}

#if SIPVIEW_SIMD_SSE2
namespace {
/// The 16-bit mask a classifier gives for the 16 octets from `first`.
template <sipview::detail::simd::block (*Class)(sipview::detail::simd::block)>
unsigned simd_mask(unsigned first) {
    char octets[16];
    for (unsigned i = 0; i < 16; ++i) octets[i] = static_cast<char>((first + i) & 0xFF);
    return sipview::detail::simd::mask16(Class(sipview::detail::simd::load16(octets)));
}
/// Mismatches between a classifier and the table's class over all 256 octets.
template <sipview::detail::simd::block (*Class)(sipview::detail::simd::block)>
unsigned simd_class_mismatches(cmask table_class) {
    unsigned mismatches = 0;
    for (unsigned first = 0; first < 256; first += 16) {
        unsigned const got = simd_mask<Class>(first);
        for (unsigned i = 0; i < 16; ++i)
            if (((got >> i) & 1u) != (is(static_cast<char>(first + i), table_class) ? 1u : 0u)) {
                if (++mismatches < 5) FAIL_CHECK("octet " << (first + i));
            }
    }
    return mismatches;
}
} // namespace

TEST_CASE("the 16-octet classifiers match the character table on every octet", "[scan][simd]") {
    namespace simd = sipview::detail::simd;
    CHECK(simd_class_mismatches<simd::alpha>(c_alpha) == 0);
    CHECK(simd_class_mismatches<simd::hostchar>(c_hostchar) == 0);
    CHECK(simd_class_mismatches<simd::qd_fast>(c_qd_fast) == 0);
    CHECK(simd_class_mismatches<simd::lhex>(c_lhex) == 0);
}

TEST_CASE("skip_class in 16-octet steps ends its run where the byte loop does, reading only its input", "[scan][simd]") {
    // Runs of quoted-string text and LHEX (the classes skip_class scans 16
    // octets at a time) of 0..60 octets, then 0..40 octets of anything, at
    // the very end of a heap block of their own size (ASan sees any load
    // past `last`).
    std::mt19937 rng(20261203);
    std::size_t mismatches = 0;
    std::string text;
    for (int it = 0; it < 100000; ++it) {
        bool const hex = rng() % 2 == 0;
        text.clear();
        for (std::size_t n = rng() % 61; n > 0; --n)
            text += hex ? "0123456789abcdef"[rng() % 16] : static_cast<char>(0x20 + rng() % 0x5F);
        for (std::size_t n = rng() % 41; n > 0; --n) text += static_cast<char>(rng() % 256);
        std::size_t const size = text.size();
        std::unique_ptr<char[]> const block(new char[size == 0 ? 1 : size]);
        char* const p = block.get();
        if (size > 0) std::memcpy(p, text.data(), size);
        cmask const cls = hex ? c_lhex : c_qd_fast;
        char const* want = p;
        while (want != p + size && is(*want, cls)) ++want;
        char const* const got = hex ? skip_class<c_lhex>(p, p + size) : skip_class<c_qd_fast>(p, p + size);
        if (got != want) {
            if (++mismatches < 5) FAIL_CHECK("'" << text << "': " << (got - p) << " instead of " << (want - p));
        }
    }
    CHECK(mismatches == 0);
}
#endif
