// Tests for sipview/auth.hpp: credentials, challenges and the Digest computation.
#include <sipview/auth.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "catch.hpp"

#ifndef SIPVIEW_TEST_DATA
#define SIPVIEW_TEST_DATA "tests/data"
#endif

using namespace std::string_view_literals;
using sipview::auth_value;
using sipview::errc;
using sipview::diag;
using sipview::info;
using sipview::parse_challenge;
using sipview::parse_credentials;
using sipview::parse_error;

namespace {

// ---------------------------------------------------------------------------
// Test-only hash functions: compact RFC 1321 MD5 and FIPS 180-4 SHA-256.

struct md5 {
    std::uint32_t h[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
    unsigned char buf[64] = {};
    std::uint64_t total = 0;

    static std::uint32_t rol(std::uint32_t x, unsigned s) { return (x << s) | (x >> (32 - s)); }
    void block(unsigned char const* p) {
        static constexpr std::uint32_t k[64] = {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
        static constexpr unsigned s[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
        std::uint32_t m[16];
        for (int i = 0; i < 16; ++i)
            m[i] = std::uint32_t(p[4 * i]) | std::uint32_t(p[4 * i + 1]) << 8 | std::uint32_t(p[4 * i + 2]) << 16 |
                   std::uint32_t(p[4 * i + 3]) << 24;
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (unsigned i = 0; i < 64; ++i) {
            std::uint32_t f;
            unsigned g;
            if (i < 16) { f = (b & c) | (~b & d); g = i; }
            else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
            else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
            else { f = c ^ (b | ~d); g = (7 * i) % 16; }
            std::uint32_t const t = d;
            d = c;
            c = b;
            b = b + rol(a + f + k[i] + m[g], s[(i / 16) * 4 + i % 4]);
            a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    }
    void update(std::string_view data) {
        for (char ch : data) {
            buf[total % 64] = static_cast<unsigned char>(ch);
            ++total;
            if (total % 64 == 0) block(buf);
        }
    }
    void finish(unsigned char out[16]) {
        std::uint64_t const bits = total * 8;
        update("\x80"sv);
        while (total % 64 != 56) update(std::string_view("\0", 1));
        for (int i = 0; i < 8; ++i) { char const b = static_cast<char>(bits >> (8 * i)); update(std::string_view(&b, 1)); }
        for (int i = 0; i < 16; ++i) out[i] = static_cast<unsigned char>(h[i / 4] >> (8 * (i % 4)));
    }
};

struct sha256 {
    std::uint32_t h[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                          0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    unsigned char buf[64] = {};
    std::uint64_t total = 0;

    static std::uint32_t ror(std::uint32_t x, unsigned s) { return (x >> s) | (x << (32 - s)); }
    void block(unsigned char const* p) {
        static constexpr std::uint32_t k[64] = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = std::uint32_t(p[4 * i]) << 24 | std::uint32_t(p[4 * i + 1]) << 16 | std::uint32_t(p[4 * i + 2]) << 8 |
                   std::uint32_t(p[4 * i + 3]);
        for (int i = 16; i < 64; ++i) {
            std::uint32_t const s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
            std::uint32_t const s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t v[8];
        for (int i = 0; i < 8; ++i) v[i] = h[i];
        for (int i = 0; i < 64; ++i) {
            std::uint32_t const t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) +
                                     ((v[4] & v[5]) ^ (~v[4] & v[6])) + k[i] + w[i];
            std::uint32_t const t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
                                     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
            for (int j = 7; j > 0; --j) v[j] = v[j - 1];
            v[4] += t1;
            v[0] = t1 + t2;
        }
        for (int i = 0; i < 8; ++i) h[i] += v[i];
    }
    void update(std::string_view data) {
        for (char ch : data) {
            buf[total % 64] = static_cast<unsigned char>(ch);
            ++total;
            if (total % 64 == 0) block(buf);
        }
    }
    void finish(unsigned char out[32]) {
        std::uint64_t const bits = total * 8;
        update("\x80"sv);
        while (total % 64 != 56) update(std::string_view("\0", 1));
        for (int i = 7; i >= 0; --i) { char const b = static_cast<char>(bits >> (8 * i)); update(std::string_view(&b, 1)); }
        for (int i = 0; i < 32; ++i) out[i] = static_cast<unsigned char>(h[i / 4] >> (8 * (3 - i % 4)));
    }
};

/// The Hasher shape auth.hpp expects, for hash H with an N-byte digest.
template <class H, std::size_t N>
std::size_t hex_hash(sipview::digest_pieces parts, char* out, std::size_t cap) {
    if (cap < 2 * N) return 0;
    H h;
    for (std::string_view p : parts) h.update(p);
    unsigned char d[N];
    h.finish(d);
    static char const digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < N; ++i) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    return 2 * N;
}
std::size_t md5_hex(sipview::digest_pieces parts, char* out, std::size_t cap) { return hex_hash<md5, 16>(parts, out, cap); }
std::size_t sha256_hex(sipview::digest_pieces parts, char* out, std::size_t cap) { return hex_hash<sha256, 32>(parts, out, cap); }

std::string md5_of(std::string_view s) {
    char out[32];
    std::string_view const piece[1] = {s};
    return std::string(out, md5_hex(sipview::digest_pieces{piece, 1}, out, sizeof out));
}
std::string sha256_of(std::string_view s) {
    char out[64];
    std::string_view const piece[1] = {s};
    return std::string(out, sha256_hex(sipview::digest_pieces{piece, 1}, out, sizeof out));
}

// ---------------------------------------------------------------------------
// Helpers

std::string read_file(std::string const& path) {
    std::string data;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        char chunk[4096];
        std::size_t n;
        while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) data.append(chunk, n);
        std::fclose(f);
    }
    return data;
}

/// The value of the first header `name` in a message (no folding in these files).
std::string header_value(std::string const& message, std::string const& name) {
    std::size_t const at = message.find("\r\n" + name + ":");
    if (at == std::string::npos) return {};
    std::size_t b = at + 2 + name.size() + 1;
    while (b < message.size() && message[b] == ' ') ++b;
    return message.substr(b, message.find("\r\n", b) - b);
}

std::string_view text_of(std::optional<auth_value> const& v) {
    REQUIRE(v.has_value());
    return v->text();
}

std::string decoded(std::optional<auth_value> const& v) {
    REQUIRE(v.has_value());
    char buf[256];
    auto d = v->decode(buf, sizeof buf);
    REQUIRE(d.has_value());
    return std::string(*d);
}

template <class T>
parse_error error_of(sipview::result<T> const& r) {
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

std::vector<std::string> qops(sipview::challenge const& c) {
    std::vector<std::string> v;
    for (std::string_view q : c.qop_options()) v.emplace_back(q);
    return v;
}

std::vector<std::pair<std::string, std::string>> all_params(sipview::param_range r) {
    std::vector<std::pair<std::string, std::string>> v;
    for (auto const& p : r) v.emplace_back(std::string(p.name), p.value ? std::string(*p.value) : std::string("<none>"));
    return v;
}

/// Parses Digest credentials and recomputes their response with `hasher`.
template <class Hasher>
std::string recompute(sipview::credentials const& c, std::string_view password, std::string_view method, Hasher h) {
    char scratch[512];
    auto in = sipview::make_digest_inputs(c, password, method, {}, scratch, sizeof scratch);
    REQUIRE(in.has_value());
    char out[sipview::digest_buffer_size];
    auto r = sipview::digest_response(*in, h, out, sizeof out);
    REQUIRE(r.has_value());
    return std::string(r->response);
}

} // namespace

// ===========================================================================
// The hash functions the tests rely on

TEST_CASE("test MD5 and SHA-256 match their published test vectors", "[auth][digest]") {
    CHECK(md5_of("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(md5_of("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(md5_of("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
    CHECK(sha256_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// ===========================================================================
// Credentials

TEST_CASE("the fragments.tsv Authorization value is valid and every field comes out", "[auth][credentials][seed]") {
    std::string const tsv = read_file(SIPVIEW_TEST_DATA "/seed/fragments.tsv");
    REQUIRE_FALSE(tsv.empty());
    std::size_t const row = tsv.find("\nAuthorization\t");
    REQUIRE(row != std::string::npos);
    std::size_t const b = row + 15;
    std::string const value = tsv.substr(b, tsv.find('\t', b) - b);
    std::string const verdict = tsv.substr(b + value.size() + 1, 5);
    CHECK(verdict == "valid");
    CHECK(value ==
          R"(Digest username="1001", realm="domain@fqdn.tld", nonce="abc123", uri="sip:fqdn:5080", response="0123456789abcdef0123456789abcdef", algorithm=MD5, cnonce="xyz", qop=auth, nc=00000001)");

    auto c = parse_credentials(value);
    REQUIRE(c.has_value());
    CHECK(c->text == value);
    CHECK(c->scheme == "Digest");
    CHECK(c->is_digest());
    CHECK(c->params_text == std::string_view(value).substr(7));
    CHECK(c->params().size() == 9);

    CHECK(c->username()->raw == "\"1001\"");
    CHECK(c->username()->quoted);
    CHECK(text_of(c->username()) == "1001");
    CHECK(text_of(c->realm()) == "domain@fqdn.tld");
    CHECK(decoded(c->realm()) == "domain@fqdn.tld");  // a quoted string may hold '@'
    CHECK(text_of(c->nonce()) == "abc123");
    CHECK(text_of(c->uri()) == "sip:fqdn:5080");
    CHECK(text_of(c->response()) == "0123456789abcdef0123456789abcdef");
    CHECK(c->algorithm()->raw == "MD5");
    CHECK_FALSE(c->algorithm()->quoted);
    CHECK(text_of(c->cnonce()) == "xyz");
    CHECK(c->qop()->raw == "auth");
    CHECK_FALSE(c->qop()->quoted);
    CHECK(c->nc()->raw == "00000001");
    CHECK_FALSE(c->opaque());
    CHECK_FALSE(c->userhash());

    auto u = sipview::parse_uri(text_of(c->uri()));
    REQUIRE(u.has_value());
    CHECK(u->host == "fqdn");
    CHECK(u->port() == 5080);
}

TEST_CASE("the seed REGISTER credentials parse and their responses recompute from SomePass", "[auth][credentials][seed][digest]") {
    struct seed {
        char const* file;
        char const* realm;
        char const* uri;
        char const* response;
    };
    seed const seeds[] = {
        {"yealink-register.sip", "company1", "sip:company1", "d888f365bdf1fbe9d690c8d4fef099ba"},
        {"gswave-register-2.sip", "company1@pbx.example.com", "sip:pbx.example.com:5080", "184f02c22be7d4f8e633180f3e221ca9"},
        {"gswave-register-fixed.sip", "company1.example.com", "sip:company1.example.com:5080", "4afaed48e8f5b82f60018176f5f3be89"},
    };
    for (seed const& s : seeds) {
        INFO(s.file);
        std::string const msg = read_file(std::string(SIPVIEW_TEST_DATA "/seed/") + s.file);
        REQUIRE_FALSE(msg.empty());
        std::string const value = header_value(msg, "Authorization");
        REQUIRE_FALSE(value.empty());
        auto c = parse_credentials(value);
        REQUIRE(c.has_value());
        CHECK(c->is_digest());
        CHECK(text_of(c->username()) == "1001");
        CHECK(text_of(c->realm()) == s.realm);
        CHECK(text_of(c->uri()) == s.uri);
        CHECK(text_of(c->response()) == s.response);
        CHECK(text_of(c->algorithm()) == "MD5");
        CHECK(text_of(c->qop()) == "auth");
        CHECK(text_of(c->nc()) == "00000001");
        CHECK(c->params().size() == 9);
        CHECK(recompute(*c, "SomePass", "REGISTER", md5_hex) == s.response);
        CHECK(recompute(*c, "WrongPass", "REGISTER", md5_hex) != s.response);
    }
}

TEST_CASE("RFC 3261 section 22.4 folded Authorization example parses", "[auth][credentials][rfc3261]") {
    std::string_view const v =
        "Digest username=\"bob\",\r\n"
        "        realm=\"biloxi.com\",\r\n"
        "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
        "        uri=\"sip:bob@biloxi.com\",\r\n"
        "        qop=auth,\r\n"
        "        nc=00000001,\r\n"
        "        cnonce=\"0a4f113b\",\r\n"
        "        response=\"6629fae49393a05397450978507c4ef1\",\r\n"
        "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    auto c = parse_credentials(v);
    REQUIRE(c.has_value());
    CHECK(c->text == v);
    CHECK(c->scheme == "Digest");
    CHECK(text_of(c->username()) == "bob");
    CHECK(text_of(c->realm()) == "biloxi.com");
    CHECK(text_of(c->nonce()) == "dcd98b7102dd2f0e8b11d0f600bfb0c093");
    CHECK(text_of(c->uri()) == "sip:bob@biloxi.com");
    CHECK(text_of(c->qop()) == "auth");
    CHECK(text_of(c->nc()) == "00000001");
    CHECK(text_of(c->cnonce()) == "0a4f113b");
    CHECK(text_of(c->response()) == "6629fae49393a05397450978507c4ef1");
    CHECK(text_of(c->opaque()) == "5ccc069c403ebaf9f0171e9517f40e41");
    CHECK_FALSE(c->algorithm());
    CHECK(c->params().size() == 9);
}

TEST_CASE("RFC 3261 section 20.7 and 20.28 examples are rejected: their responses are not 32 hex digits", "[auth][credentials][rfc3261]") {
    // Known erratum: the §20.7 response has 35 hex digits, the §20.28 one 27.
    std::string_view const a =
        "Digest username=\"Alice\", realm=\"atlanta.com\",\r\n"
        " nonce=\"84a4cc6f3082121f32b42a2187831a9e\",\r\n"
        " response=\"7587245234b3434cc3412213e5f113a5432\"";
    auto e = error_of(parse_credentials(a));
    CHECK(e.offset == 137);  // the closing quote after 35 digits
    CHECK(e.offset == a.find("response=\"") + 10 + 35);
    CHECK(e.id == diag::auth_response_digits);
    CHECK(e.hint == info(diag::auth_digest_length_hint).hint);
    CHECK(e.code == errc::syntax);

    std::string_view const b =
        "Digest username=\"Alice\", realm=\"atlanta.com\",\r\n"
        " nonce=\"c60f3082ee1212b402a21831ae\",\r\n"
        " response=\"245f23415f11432b3434341c022\"";
    e = error_of(parse_credentials(b));
    CHECK(e.offset == 123);
    CHECK(e.id == diag::auth_response_digits);

    // The same headers with a 32-digit response are fine.
    auto c = parse_credentials(
        "Digest username=\"Alice\", realm=\"atlanta.com\",\r\n"
        " nonce=\"84a4cc6f3082121f32b42a2187831a9e\",\r\n"
        " response=\"7587245234b3434cc3412213e5f113a5\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->username()) == "Alice");
    CHECK(text_of(c->response()) == "7587245234b3434cc3412213e5f113a5");
    CHECK_FALSE(c->uri());
}

TEST_CASE("RFC 2617 section 3.5 credentials parse and the response recomputes to 6629fae4...", "[auth][credentials][rfc2617][digest]") {
    std::string_view const v =
        "Digest username=\"Mufasa\",\r\n"
        "        realm=\"testrealm@host.com\",\r\n"
        "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
        "        uri=\"/dir/index.html\",\r\n"
        "        qop=auth,\r\n"
        "        nc=00000001,\r\n"
        "        cnonce=\"0a4f113b\",\r\n"
        "        response=\"6629fae49393a05397450978507c4ef1\",\r\n"
        "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    auto c = parse_credentials(v);
    REQUIRE(c.has_value());
    CHECK(text_of(c->username()) == "Mufasa");
    CHECK(text_of(c->realm()) == "testrealm@host.com");
    CHECK(text_of(c->uri()) == "/dir/index.html");  // HTTP abs-path form
    CHECK(text_of(c->opaque()) == "5ccc069c403ebaf9f0171e9517f40e41");
    CHECK(recompute(*c, "Circle Of Life", "GET", md5_hex) == "6629fae49393a05397450978507c4ef1");
}

TEST_CASE("RFC 7616 section 3.9.1 credentials with a 64-hex SHA-256 response parse and recompute", "[auth][credentials][rfc7616][digest]") {
    std::string_view const v =
        "Digest username=\"Mufasa\",\r\n"
        "    realm=\"http-auth@example.org\",\r\n"
        "    uri=\"/dir/index.html\",\r\n"
        "    algorithm=SHA-256,\r\n"
        "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
        "    nc=00000001,\r\n"
        "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
        "    qop=auth,\r\n"
        "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
        "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    auto c = parse_credentials(v);
    REQUIRE(c.has_value());
    CHECK(text_of(c->algorithm()) == "SHA-256");
    CHECK(text_of(c->response()).size() == 64);
    CHECK(text_of(c->nonce()) == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
    CHECK(text_of(c->cnonce()) == "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    CHECK(text_of(c->opaque()) == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    CHECK(recompute(*c, "Circle of Life", "GET", sha256_hex) ==
          "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");

    // The MD5 variant of the same exchange.
    std::string md5v(v);
    md5v.replace(md5v.find("SHA-256"), 7, "MD5");
    std::size_t const r = md5v.find("753927fa");
    md5v.replace(r, 64, "8ca523f5e9506fed4657c9700eebdbec");
    auto m = parse_credentials(md5v);
    REQUIRE(m.has_value());
    CHECK(recompute(*m, "Circle of Life", "GET", md5_hex) == "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("RFC 7616 userhash and username* credentials parse", "[auth][credentials][rfc7616]") {
    auto c = parse_credentials(
        "Digest username=\"488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec\", "
        "realm=\"api@example.org\", uri=\"/doe.json\", algorithm=SHA-512-256, "
        "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", nc=00000001, cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", "
        "qop=auth, response=\"ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd\", "
        "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", userhash=true");
    REQUIRE(c.has_value());
    CHECK(text_of(c->algorithm()) == "SHA-512-256");
    CHECK(text_of(c->userhash()) == "true");
    CHECK_FALSE(c->userhash()->quoted);
    CHECK(c->params().size() == 11);

    // username* (RFC 7616 §3.4.4, RFC 8187 ext-value) is a token-valued auth-param.
    auto x = parse_credentials(
        "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"api@example.org\", uri=\"/doe.json\", "
        "nonce=\"abc\", response=\"0123456789abcdef0123456789abcdef\", userhash=FALSE");
    REQUIRE(x.has_value());
    CHECK_FALSE(x->username());
    CHECK(text_of(x->param_value("username*")) == "UTF-8''J%C3%A4s%C3%B8n%20Doe");
    CHECK(text_of(x->userhash()) == "FALSE");
}

TEST_CASE("an unknown scheme is an other-response (RFC 4475 regaut01)", "[auth][credentials][rfc4475]") {
    std::string const msg = read_file(SIPVIEW_TEST_DATA "/rfc4475/regaut01.dat");
    REQUIRE_FALSE(msg.empty());
    std::string const value = header_value(msg, "Authorization");
    CHECK(value == "NoOneKnowsThisScheme opaque-data=here");
    auto c = parse_credentials(value);
    REQUIRE(c.has_value());
    CHECK(c->scheme == "NoOneKnowsThisScheme");
    CHECK_FALSE(c->is_digest());
    CHECK(c->params_text == "opaque-data=here");
    CHECK(all_params(c->params()) == std::vector<std::pair<std::string, std::string>>{{"opaque-data", "here"}});
    CHECK(text_of(c->param_value("OPAQUE-DATA")) == "here");
    CHECK_FALSE(c->param_value("opaque-data")->quoted);
    CHECK_FALSE(c->username());

    // Other schemes take any auth-params, and Digest field rules do not apply to them.
    auto o = parse_credentials("X-Token realm=abc, response=xyz, nc=\"1\"");
    REQUIRE(o.has_value());
    CHECK(o->scheme == "X-Token");
    CHECK(text_of(o->response()) == "xyz");
    CHECK(text_of(o->nc()) == "1");
}

TEST_CASE("quoted values may hold ',' and escaped quotes; text keeps escapes, decode resolves them", "[auth][credentials]") {
    std::string_view const v =
        R"(Digest username="bob \"the builder\", jr", realm="a,b", nonce="n", uri="sip:b@example.com", response="0123456789abcdef0123456789abcdef", x-extra="q,\"r\"", x-tok=t)";
    auto c = parse_credentials(v);
    REQUIRE(c.has_value());
    CHECK(text_of(c->username()) == R"(bob \"the builder\", jr)");
    CHECK(decoded(c->username()) == R"(bob "the builder", jr)");
    CHECK(text_of(c->realm()) == "a,b");
    CHECK(decoded(c->param_value("x-extra")) == R"(q,"r")");
    CHECK(text_of(c->param_value("x-tok")) == "t");
    CHECK(all_params(c->params()) == std::vector<std::pair<std::string, std::string>>{
                                         {"username", R"("bob \"the builder\", jr")"},
                                         {"realm", R"("a,b")"},
                                         {"nonce", R"("n")"},
                                         {"uri", R"("sip:b@example.com")"},
                                         {"response", R"("0123456789abcdef0123456789abcdef")"},
                                         {"x-extra", R"("q,\"r\"")"},
                                         {"x-tok", "t"}});
    // A fold inside a quoted value is removed by decode.
    auto f = parse_credentials("Digest realm=\"long\r\n realm\", nonce=\"n\"");
    REQUIRE(f.has_value());
    CHECK(decoded(f->realm()) == "long realm");
}

TEST_CASE("scheme, names and keywords are case-insensitive; whitespace and folds are allowed around separators", "[auth][credentials]") {
    auto c = parse_credentials(
        "dIGEST  USERNAME = \"u\" ,Realm=\"r\"\t,\r\n\tNonce=\"n\",URI=\"SIP:host\",Algorithm=md5-SESS,QOP=Auth-Int,"
        "NC=0000000a,CNONCE=\"c\",Response=\"0123456789abcdef0123456789abcdef\",UserHash=False   ");
    REQUIRE(c.has_value());
    CHECK(c->scheme == "dIGEST");
    CHECK(c->is_digest());
    CHECK(text_of(c->username()) == "u");
    CHECK(text_of(c->realm()) == "r");
    CHECK(text_of(c->nonce()) == "n");
    CHECK(text_of(c->uri()) == "SIP:host");
    CHECK(text_of(c->algorithm()) == "md5-SESS");
    CHECK(text_of(c->qop()) == "Auth-Int");
    CHECK(text_of(c->nc()) == "0000000a");
    CHECK(text_of(c->userhash()) == "False");
    CHECK(c->params().size() == 10);
    CHECK(c->text.back() == 'e');  // trailing whitespace is not part of the value
    CHECK(c->params_text.substr(0, 8) == "USERNAME");
}

TEST_CASE("Digest params with other names are auth-params; near-miss names are not known fields", "[auth][credentials]") {
    auto c = parse_credentials(
        "Digest realm=\"r\", nonce-count=12, usernames=abc, uri-x=\"y\", nonce=\"n\", x=\"\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->param_value("nonce-count")) == "12");
    CHECK(text_of(c->param_value("usernames")) == "abc");
    CHECK(text_of(c->param_value("uri-x")) == "y");
    CHECK(text_of(c->nonce()) == "n");
    CHECK(text_of(c->param_value("x")).empty());
    CHECK(c->param_value("x")->quoted);
    CHECK_FALSE(c->username());
    CHECK_FALSE(c->uri());
}

TEST_CASE("digest-uri accepts any Request-URI form and an HTTP abs-path", "[auth][credentials]") {
    for (std::string_view uri : {"sip:company1"sv, "sips:alice@atlanta.com:5061;transport=tcp"sv, "sip:[2001:db8::1]:5080"sv,
                                 "tel:+1-201-555-0123"sv, "urn:service:sos"sv, "/dir/index.html?x=1"sv, "/"sv}) {
        INFO(uri);
        std::string const v = "Digest uri=\"" + std::string(uri) + "\", realm=\"r\"";
        auto c = parse_credentials(v);
        REQUIRE(c.has_value());
        CHECK(text_of(c->uri()) == uri);
    }
}

TEST_CASE("credentials with a missing ',' are rejected at the second name", "[auth][credentials][errors]") {
    std::string_view const v = "Digest realm=\"atlanta.com\" nonce=\"84a4cc6f\"";
    auto e = error_of(parse_credentials(v));
    CHECK(e.offset == 27);
    CHECK(v.substr(e.offset, 5) == "nonce");
    CHECK(e.id == diag::auth_missing_comma);
    CHECK(e.expected == info(diag::auth_comma).expected);  // refined: what the grammar expected stays

    std::string_view const t = "Digest algorithm=MD5 qop=auth";
    e = error_of(parse_credentials(t));
    CHECK(e.offset == 21);
    CHECK(e.id == diag::auth_missing_comma);

    std::string_view const o = "Other a=b c=d";
    e = error_of(parse_credentials(o));
    CHECK(e.offset == 10);
    CHECK(e.id == diag::auth_missing_comma);
}

TEST_CASE("an unterminated quoted string is an error with a hint", "[auth][credentials][errors]") {
    std::string_view const v = "Digest username=\"1001, realm=\"x\"";
    // The quote closes at realm=", then x" cannot follow.
    auto e = error_of(parse_credentials(v));
    CHECK(e.offset == 30);
    CHECK(e.id == diag::auth_text_after_quoted);

    std::string_view const m = "Digest realm=\"atlanta.com, nonce=\"abc";  // closes at nonce=", then abc
    e = error_of(parse_credentials(m));
    CHECK(e.offset == 34);
    CHECK(e.id == diag::auth_text_after_quoted);

    std::string_view const u = "Digest nonce=\"abc, realm=atlanta.com";
    e = error_of(parse_credentials(u));
    CHECK(e.offset == u.size());
    CHECK(e.id == diag::core_quoted_unterminated);
    CHECK(e.hint == info(diag::auth_close_quote_hint).hint);

    auto h = error_of(parse_challenge("Digest realm=\"atlanta.com"));
    CHECK(h.offset == 25);
    CHECK(h.id == diag::core_quoted_unterminated);
}

TEST_CASE("Digest fields must have their value form: errors at the exact byte", "[auth][credentials][errors]") {
    struct bad {
        std::string_view value;
        std::size_t offset;
        diag id;
        diag hint;  // the row whose hint the error carries, or none
    };
    bad const cases[] = {
        {"Digest username=1001", 16, diag::auth_username_quoted, diag::auth_quote_hint},
        {"Digest realm=company1", 13, diag::auth_realm_quoted, diag::auth_quote_hint},
        {"Digest nonce=abc", 13, diag::auth_nonce_quoted, diag::auth_quote_hint},
        {"Digest cnonce=abc", 14, diag::auth_cnonce_quoted, diag::auth_quote_hint},
        {"Digest opaque=abc", 14, diag::auth_opaque_quoted, diag::auth_quote_hint},
        {"Digest uri=sip:company1", 11, diag::auth_uri_quote, diag::auth_quote_hint},
        {"Digest response=0123456789abcdef0123456789abcdef", 16, diag::auth_response, diag::auth_quote_hint},
        {"Digest response=\"0123456789ABCDEF0123456789abcdef\"", 27, diag::auth_response_case, diag::auth_lowercase_hint},
        {"Digest response=\"0123456789abcdef0123456789abcde\"", 48, diag::auth_response_digits, diag::auth_digest_length_hint},
        {"Digest response=\"0123456789abcdef0123456789abcdef0\"", 50, diag::auth_response_digits, diag::auth_digest_length_hint},
        {"Digest response=\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0\"", 81,
         diag::auth_response_digits, diag::auth_digest_length_hint},
        {"Digest response=\"0123456789abcdef0123456789abcdeg\"", 48, diag::auth_response_digits, diag::auth_digest_length_hint},
        {"Digest nc=0000001", 17, diag::auth_nc, diag::none},
        {"Digest nc=000000012", 18, diag::auth_nc, diag::none},
        {"Digest nc=0000000A", 17, diag::auth_nc_case, diag::auth_lowercase_hint},
        {"Digest nc=0000000g", 17, diag::auth_nc, diag::none},
        {"Digest nc=\"00000001\"", 10, diag::auth_nc, diag::auth_unquote_hint},
        {"Digest algorithm=\"MD5\"", 17, diag::auth_algorithm, diag::auth_unquote_hint},
        {"Digest qop=\"auth\"", 11, diag::auth_qop_token, diag::auth_unquote_hint},
        {"Digest userhash=yes", 16, diag::auth_bool, diag::none},
        {"Digest userhash=truex", 16, diag::auth_bool, diag::none},
        {"Digest realm", 12, diag::auth_equal, diag::none},
        {"Digest foo=", 11, diag::auth_param_value, diag::none},
        {"Digest foo=\"a\"b", 14, diag::auth_text_after_quoted, diag::auth_text_after_quoted},
    };
    for (bad const& b : cases) {
        INFO(b.value);
        auto e = error_of(parse_credentials(b.value));
        CHECK(e.offset == b.offset);
        CHECK(to_string(e.id) == to_string(b.id));
        CHECK(e.hint == info(b.hint).hint);
        CHECK(e.code == errc::syntax);
        CHECK_FALSE(e.message.empty());
    }
}

TEST_CASE("a bad digest-uri is reported inside the URI with the URI hints", "[auth][credentials][errors]") {
    std::string_view const v =
        "Digest username=\"1001\", realm=\"company1\", nonce=\"abc\", uri=\"sip:1001@company1@pbx.example.com:5080\", "
        "response=\"0123456789abcdef0123456789abcdef\"";
    auto e = error_of(parse_credentials(v));
    CHECK(e.offset == 77);
    CHECK(v[e.offset] == '@');
    CHECK(e.id == diag::uri_second_at);

    e = error_of(parse_credentials("Digest uri=\"sip:a b\""));
    CHECK(e.offset == 17);
    CHECK(e.id == diag::uri_whitespace);

    e = error_of(parse_credentials("Digest uri=\"sip:1001@\""));
    CHECK(e.offset == 21);
    CHECK(e.id == diag::uri_host_missing);
    CHECK(e.expected == info(diag::uri_host).expected);

    e = error_of(parse_credentials("Digest uri=\"\""));
    CHECK(e.offset == 12);
    CHECK(e.id == diag::uri_expected);

    e = error_of(parse_credentials("Digest uri=\"company1\""));
    CHECK(e.offset == 12);
}

TEST_CASE("structural errors: scheme, whitespace, commas, line breaks", "[auth][credentials][errors]") {
    struct bad {
        std::string_view value;
        std::size_t offset;
        diag id;
    };
    bad const cases[] = {
        {"", 0, diag::auth_scheme},
        {" Digest realm=\"a\"", 0, diag::auth_scheme},
        {"Digest", 6, diag::auth_after_scheme},
        {"Digest,realm=\"a\"", 6, diag::auth_after_scheme},
        {"Digest ", 7, diag::auth_param_name},
        {"Digest realm=\"a\",", 17, diag::auth_trailing_comma},
        {"Digest realm=\"a\", ", 18, diag::auth_trailing_comma},
        {"Digest realm=\"a\",,nonce=\"b\"", 17, diag::auth_empty_param},
        {"Digest realm=\"a\",\r\nnonce=\"b\"", 17, diag::auth_line_break},
        {"Digest realm=\"a\"\r\n", 16, diag::auth_line_break},
        {"Other", 5, diag::auth_after_scheme},
        {"Other token68==", 14, diag::auth_param_value},
    };
    for (bad const& b : cases) {
        INFO(b.value);
        auto e = error_of(parse_credentials(b.value));
        CHECK(e.offset == b.offset);
        CHECK(to_string(e.id) == to_string(b.id));
    }
}

TEST_CASE("an auth-param name given twice is rejected at its second occurrence (RFC 7235 section 2.1)", "[auth][errors]") {
    // Two realms or usernames let two parsers (a proxy that takes the first,
    // a registrar that takes the last) see two identities in one header.
    std::string many_extensions = "Digest ";
    for (int i = 0; i < 20; ++i) many_extensions += "x" + std::to_string(i) + "=1, ";
    std::string const repeated_after_extensions = many_extensions + "realm=\"r\", realm=\"s\"";
    std::string_view const credentials_cases[] = {
        "Digest username=\"a\", realm=\"r\", username=\"b\"",     // through the fast path's fields
        "Digest realm=\"r\", REALM=\"s\"",                           // any case
        "Digest realm=\"r\", foo=1, Foo=2",                           // an extension parameter
        "Digest username=\"a\\\"b\", realm=\"r\", username=\"c\"",  // through the grammar (a quoted-pair)
        "Digest nc=00000001, cnonce=\"c\", nc=00000002",
        "NoOneKnowsThisScheme a=1, a=2",                            // any scheme
        repeated_after_extensions,                                  // a directive after 20 extension names
    };
    for (std::string_view v : credentials_cases) {
        INFO(v);
        auto e = error_of(parse_credentials(v));
        CHECK(e.id == diag::auth_param_repeated);
        CHECK(e.offset == v.find_last_of(',') + 2);  // the second name's first byte (the last parameter)
    }
    std::string_view const challenge_cases[] = {
        "Digest realm=\"a\", nonce=\"n\", realm=\"b\"",
        "Digest realm=\"a\", stale=true, STALE=false",
        "Digest realm=\"a\", domain=\"sip:a\", domain=\"sip:b\"",  // through the grammar (domain)
        "Bearer realm=\"a\", error=\"x\", error=\"y\"",
    };
    for (std::string_view v : challenge_cases) {
        INFO(v);
        auto e = error_of(parse_challenge(v));
        CHECK(e.id == diag::auth_param_repeated);
        CHECK(e.offset == v.find_last_of(',') + 2);
    }
    // distinct names, however many, and the same name in two challenges of one field
    std::string const distinct = many_extensions + "realm=\"r\"";
    CHECK(parse_credentials(distinct).has_value());
    CHECK(parse_credentials("Digest username*=UTF-8''a%20b, realm=\"r\"").has_value());
    sipview::parse_options lenient;
    lenient.lenient = sipview::leniency_set(sipview::leniency::allow_multiple_challenges);
    auto two = parse_challenge("Digest realm=\"a\", nonce=\"1\", Digest realm=\"a\", nonce=\"2\"", lenient);
    REQUIRE(two.has_value());
    CHECK(parse_challenge(two->following, lenient).has_value());
}

TEST_CASE("credentials with both username and username* are inconsistent at the second of them (RFC 7616 section 3.4)", "[auth][credentials][errors]") {
    std::string_view const cases[] = {
        "Digest username=\"a\", realm=\"r\", username*=UTF-8''a%20b",
        "Digest username*=UTF-8''a%20b, realm=\"r\", username=\"a\"",             // the other order (fast path's field)
        "Digest realm=\"r\", nonce=\"n\", USERNAME*=UTF-8''a, Username=\"a\"",  // any case
    };
    for (std::string_view v : cases) {
        INFO(v);
        auto e = error_of(parse_credentials(v));
        CHECK(e.id == diag::auth_username_both);
        CHECK(e.code == errc::inconsistent);
        CHECK(e.offset == v.find_last_of(',') + 2);
    }
    // one of them alone is fine, and a repeated username* is a repetition
    CHECK(parse_credentials("Digest username*=UTF-8''a%20b, realm=\"r\"").has_value());
    CHECK(parse_credentials("Digest username=\"a\", realm=\"r\"").has_value());
    std::string_view const twice = "Digest username*=UTF-8''a, username*=UTF-8''b";
    CHECK(error_of(parse_credentials(twice)).id == diag::auth_param_repeated);
    // a challenge holds neither; the rule is the credentials'
    CHECK(parse_challenge("Digest realm=\"r\", nonce=\"n\", username=\"a\", username*=UTF-8''a").has_value());
}

TEST_CASE("RFC 2617 Basic credentials are rejected: SIP credentials are auth-params", "[auth][credentials][rfc2617][errors]") {
    auto e = error_of(parse_credentials("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    CHECK(e.offset == 33);
    CHECK(e.id == diag::auth_param_value);
    CHECK(e.hint == info(diag::auth_basic_hint).hint);
}

TEST_CASE("a Digest response whose length does not fit the algorithm is inconsistent", "[auth][credentials][errors]") {
    std::string_view const a = "Digest algorithm=MD5, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"";
    auto e = error_of(parse_credentials(a));
    CHECK(e.code == errc::inconsistent);
    CHECK(e.offset == 32);
    CHECK(e.id == diag::auth_response_length_32);

    std::string_view const b = "Digest response=\"0123456789abcdef0123456789abcdef\", algorithm=SHA-256-sess";
    e = error_of(parse_credentials(b));
    CHECK(e.code == errc::inconsistent);
    CHECK(e.offset == 17);
    CHECK(e.id == diag::auth_response_length_64);

    // No algorithm means MD5; an unknown algorithm is not checked.
    CHECK_FALSE(parse_credentials("Digest response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"").has_value());
    CHECK(parse_credentials("Digest response=\"0123456789abcdef0123456789abcdef\", algorithm=X-NEW").has_value());
    CHECK(parse_credentials("Digest response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", algorithm=SHA-512-256").has_value());
}

// ===========================================================================
// Challenges

TEST_CASE("RFC 3261 section 22.4 folded challenge parses with qop options auth and auth-int", "[auth][challenge][rfc3261]") {
    std::string_view const v =
        "Digest\r\n"
        "        realm=\"biloxi.com\",\r\n"
        "        qop=\"auth,auth-int\",\r\n"
        "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
        "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    auto c = parse_challenge(v);
    REQUIRE(c.has_value());
    CHECK(c->text == v);
    CHECK(c->scheme == "Digest");
    CHECK(c->is_digest());
    CHECK(c->params_text.substr(0, 5) == "realm");
    CHECK(text_of(c->realm()) == "biloxi.com");
    CHECK(c->qop()->raw == "\"auth,auth-int\"");
    CHECK(qops(*c) == std::vector<std::string>{"auth", "auth-int"});
    CHECK(c->qop_options().size() == 2);
    CHECK(c->qop_options().contains("AUTH-INT"));
    CHECK_FALSE(c->qop_options().contains("auth-conf"));
    CHECK(text_of(c->nonce()) == "dcd98b7102dd2f0e8b11d0f600bfb0c093");
    CHECK(text_of(c->opaque()) == "5ccc069c403ebaf9f0171e9517f40e41");
    CHECK_FALSE(c->stale());
    CHECK_FALSE(c->is_stale());
    CHECK_FALSE(c->algorithm());
    CHECK_FALSE(c->domain());
    CHECK(c->params().size() == 4);
}

TEST_CASE("RFC 3261 section 20.44 and 20.27 challenges parse with domain, empty opaque and stale=FALSE", "[auth][challenge][rfc3261]") {
    for (std::string_view domain : {"sip:boxesbybob.com"sv, "sip:ss1.carrier.com"sv}) {
        std::string const v = "Digest realm=\"atlanta.com\",\r\n domain=\"" + std::string(domain) +
                              "\", qop=\"auth\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\",\r\n opaque=\"\", stale=FALSE, algorithm=MD5";
        auto c = parse_challenge(v);
        REQUIRE(c.has_value());
        CHECK(text_of(c->realm()) == "atlanta.com");
        CHECK(text_of(c->domain()) == domain);
        CHECK(qops(*c) == std::vector<std::string>{"auth"});
        CHECK(text_of(c->nonce()) == "f84f1cec41e6cbe5aea9c8e88d359");
        CHECK(c->opaque()->raw == "\"\"");
        CHECK(text_of(c->opaque()).empty());
        CHECK(text_of(c->stale()) == "FALSE");
        CHECK_FALSE(c->is_stale());
        CHECK(text_of(c->algorithm()) == "MD5");
        CHECK(c->params().size() == 7);
    }
}

TEST_CASE("RFC 2617 section 3.5 challenge and Basic challenge parse", "[auth][challenge][rfc2617]") {
    auto c = parse_challenge(
        "Digest\r\n        realm=\"testrealm@host.com\",\r\n        qop=\"auth,auth-int\",\r\n"
        "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->realm()) == "testrealm@host.com");
    CHECK(qops(*c) == std::vector<std::string>{"auth", "auth-int"});

    auto b = parse_challenge("Basic realm=\"WallyWorld\"");
    REQUIRE(b.has_value());
    CHECK(b->scheme == "Basic");
    CHECK_FALSE(b->is_digest());
    CHECK(text_of(b->realm()) == "WallyWorld");
    CHECK(b->qop_options().empty());
}

TEST_CASE("RFC 7616 section 3.9.1 challenges parse: SHA-256 and MD5 with qop=\"auth, auth-int\"", "[auth][challenge][rfc7616]") {
    for (std::string_view alg : {"SHA-256"sv, "MD5"sv}) {
        std::string const v = "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=" +
                              std::string(alg) +
                              ",\r\n    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                              "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        auto c = parse_challenge(v);
        REQUIRE(c.has_value());
        CHECK(text_of(c->realm()) == "http-auth@example.org");
        CHECK(text_of(c->qop()) == "auth, auth-int");
        CHECK(qops(*c) == std::vector<std::string>{"auth", "auth-int"});
        CHECK(text_of(c->algorithm()) == alg);
        CHECK(text_of(c->nonce()) == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
        CHECK(text_of(c->opaque()) == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        CHECK(c->params().size() == 5);
    }
    auto s = parse_challenge(
        "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
        "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true");
    REQUIRE(s.has_value());
    CHECK(text_of(s->charset()) == "UTF-8");
    CHECK(text_of(s->userhash()) == "true");
    CHECK(text_of(s->algorithm()) == "SHA-512-256");
}

TEST_CASE("folded challenge lines parse", "[auth][challenge]") {
    auto c = parse_challenge("Digest realm=\"atlanta.com\",\r\n nonce=\"84a4cc6f3082121f32b42a2187831a9e\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->realm()) == "atlanta.com");
    CHECK(text_of(c->nonce()) == "84a4cc6f3082121f32b42a2187831a9e");
    CHECK(c->params().size() == 2);

    auto d = parse_challenge("Digest realm=\"atlanta.com\"\r\n\t,\r\n  nonce\r\n =\r\n \"x\", stale=true, qop=\"auth ,\r\n auth-int\"");
    REQUIRE(d.has_value());
    CHECK(text_of(d->nonce()) == "x");
    CHECK(d->is_stale());
    CHECK(qops(*d) == std::vector<std::string>{"auth", "auth-int"});
}

TEST_CASE("qop lists: commas with optional whitespace, unknown tokens kept; malformed lists rejected", "[auth][challenge]") {
    auto c = parse_challenge("Digest qop=\"auth,auth-int,x-future\"");
    REQUIRE(c.has_value());
    CHECK(qops(*c) == std::vector<std::string>{"auth", "auth-int", "x-future"});
    auto one = parse_challenge("Digest qop=\"auth-int\"");
    REQUIRE(one.has_value());
    CHECK(qops(*one) == std::vector<std::string>{"auth-int"});

    struct bad {
        std::string_view value;
        std::size_t offset;
        diag id;
        diag hint;  // the row whose hint the error carries, or none
    };
    bad const cases[] = {
        {"Digest qop=auth", 11, diag::auth_qop_list, diag::auth_quote_hint},
        {"Digest qop=\"\"", 12, diag::auth_qop_value, diag::none},
        {"Digest qop=\"auth,\"", 17, diag::auth_qop_value, diag::none},
        {"Digest qop=\"auth,,auth-int\"", 17, diag::auth_empty_param, diag::auth_empty_param},
        {"Digest qop=\"auth auth-int\"", 17, diag::auth_qop_separator, diag::none},
        {"Digest qop=\" auth\"", 12, diag::auth_qop_value, diag::none},
    };
    for (bad const& b : cases) {
        INFO(b.value);
        auto e = error_of(parse_challenge(b.value));
        CHECK(e.offset == b.offset);
        CHECK(to_string(e.id) == to_string(b.id));
        CHECK(e.hint == info(b.hint).hint);
    }
}

TEST_CASE("challenge fields must have their value form", "[auth][challenge][errors]") {
    struct bad {
        std::string_view value;
        std::size_t offset;
        diag id;
    };
    bad const cases[] = {
        {"Digest realm=atlanta.com", 13, diag::auth_realm_quoted},
        {"Digest nonce=abc", 13, diag::auth_nonce_quoted},
        {"Digest opaque=abc", 14, diag::auth_opaque_quoted},
        {"Digest stale=yes", 13, diag::auth_bool},
        {"Digest stale=\"true\"", 13, diag::auth_bool},
        {"Digest algorithm=\"MD5\"", 17, diag::auth_algorithm},
        {"Digest charset=latin1", 15, diag::auth_charset},
        {"Digest userhash=1", 16, diag::auth_bool},
        {"Digest domain=sip:a.com", 14, diag::auth_domain_quote},
        {"Digest domain=\"sip:a.com  \"", 26, diag::uri_expected},
        {"Digest domain=\"sip:a.com,sip:b.com\"", 24, diag::auth_domain_close},
        {"Digest domain=\"sip:a@\"", 21, diag::uri_host_missing},
        {"Digest realm=\"a\" nonce=\"b\"", 17, diag::auth_missing_comma},
    };
    for (bad const& b : cases) {
        INFO(b.value);
        auto e = error_of(parse_challenge(b.value));
        CHECK(e.offset == b.offset);
        CHECK(to_string(e.id) == to_string(b.id));
    }
    auto e = error_of(parse_challenge("Digest stale=\"true\""));
    CHECK(e.hint == info(diag::auth_unquote_hint).hint);
}

TEST_CASE("challenge domain lists several URIs separated by spaces, including abs-paths", "[auth][challenge]") {
    auto c = parse_challenge("Digest realm=\"r\", domain=\"sip:a.example.com sips:b.example.com;transport=tcp  /private tel:+1234\", nonce=\"n\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->domain()) == "sip:a.example.com sips:b.example.com;transport=tcp  /private tel:+1234");
}

TEST_CASE("credential-only names are plain auth-params in a challenge and vice versa", "[auth][challenge]") {
    auto c = parse_challenge("Digest realm=\"r\", username=bob, response=x, nc=1, uri=\"/\", nonce=\"n\"");
    REQUIRE(c.has_value());
    CHECK(text_of(c->param_value("username")) == "bob");
    CHECK(text_of(c->param_value("nc")) == "1");
    auto k = parse_credentials("Digest stale=maybe, domain=x, charset=latin1, nonce=\"n\"");
    REQUIRE(k.has_value());
    CHECK(text_of(k->param_value("stale")) == "maybe");
    CHECK(text_of(k->param_value("charset")) == "latin1");
}

TEST_CASE("the grammar objects can be run directly and embedded", "[auth][grammar]") {
    namespace x3 = boost::spirit::x3;
    std::string_view const v = "Digest realm=\"r\", nonce=\"n\" trailing";
    sipview::challenge c;
    parse_error err;
    // grammar::challenge stops before what follows the value.
    bool const ok = sipview::detail::run(v, sipview::detail::grammar::challenge >> x3::lit(' ') >> sipview::detail::ci_lit("trailing"), c, err);
    REQUIRE(ok);
    CHECK(c.scheme == "Digest");
    CHECK(c.params_text == "realm=\"r\", nonce=\"n\"");
    CHECK(c.text == "Digest realm=\"r\", nonce=\"n\"");

    sipview::credentials k;
    REQUIRE(sipview::detail::run("Digest nc=00000001"sv, sipview::detail::grammar::credentials >> x3::eoi, k, err));
    CHECK(text_of(k.nc()) == "00000001");
}

// ===========================================================================
// Values

TEST_CASE("auth_value decodes tokens and quoted strings into caller storage", "[auth][value]") {
    char buf[8];
    auth_value const tok{"MD5", false};
    auto d = tok.decode(buf, sizeof buf);
    REQUIRE(d.has_value());
    CHECK(*d == "MD5");
    CHECK(d->data() == buf);
    CHECK(tok.text() == "MD5");

    auth_value const q{R"("a\"b")", true};
    CHECK(q.text() == R"(a\"b)");
    d = q.decode(buf, sizeof buf);
    REQUIRE(d.has_value());
    CHECK(*d == R"(a"b)");

    auth_value const big{"\"0123456789\"", true};
    auto e = big.decode(buf, sizeof buf);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == errc::too_large);
    auth_value const bigtok{"0123456789", false};
    auto f = bigtok.decode(buf, sizeof buf);
    REQUIRE_FALSE(f.has_value());
    CHECK(f.error().code == errc::too_large);
}

// ===========================================================================
// Digest computation

TEST_CASE("digest_response reproduces RFC 2617 section 3.5 and exposes HA1 and HA2", "[auth][digest][rfc2617]") {
    sipview::digest_inputs in;
    in.username = "Mufasa";
    in.realm = "testrealm@host.com";
    in.password = "Circle Of Life";
    in.method = "GET";
    in.digest_uri = "/dir/index.html";
    in.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    in.cnonce = "0a4f113b";
    in.nc = "00000001";
    in.qop = "auth";
    char out[sipview::digest_buffer_size];
    auto r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->ha1_base == "939e7578ed9e3c518a452acee763bce9");
    CHECK(r->ha1 == "939e7578ed9e3c518a452acee763bce9");
    CHECK(r->ha2 == "39aff3a2bab6126f332b942af96d3366");
    CHECK(r->response == "6629fae49393a05397450978507c4ef1");
    CHECK(r->body_hash.empty());
    CHECK(r->userhash.empty());
    CHECK(r->with_qop);
    CHECK_FALSE(r->session);

    // Without qop (RFC 2069 compatibility): H(HA1:nonce:HA2).
    in.qop = {};
    in.cnonce = {};
    in.nc = {};
    r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->response == "670fd8c2df070c60b045671b8b24ff02");
    CHECK_FALSE(r->with_qop);
}

TEST_CASE("digest_response reproduces the seed REGISTER responses", "[auth][digest][seed]") {
    sipview::digest_inputs in;
    in.username = "1001";
    in.realm = "company1";
    in.password = "SomePass";
    in.method = "REGISTER";
    in.digest_uri = "sip:company1";
    in.nonce = "a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c";
    in.cnonce = "5e2b9c7a";
    in.nc = "00000001";
    in.qop = "auth";
    in.algorithm = "MD5";
    char out[sipview::digest_buffer_size];
    auto r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->ha1 == "ad884f5bf1b3c0ad462e12b8f04ce574");
    CHECK(r->ha2 == "8a12b2c7887f5c5ab02a8f600b4eb88c");
    CHECK(r->response == "d888f365bdf1fbe9d690c8d4fef099ba");

    in.realm = "company1@pbx.example.com";
    in.nonce = "3c9d0e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d";
    in.digest_uri = "sip:pbx.example.com:5080";
    in.cnonce = "9d3e71b0";
    r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->ha1 == "53687663da7b105422cc86acb70423db");
    CHECK(r->ha2 == "c64069412c71c6de3202a63b4e075ad5");
    CHECK(r->response == "184f02c22be7d4f8e633180f3e221ca9");
}

TEST_CASE("digest_response handles -sess, auth-int and userhash", "[auth][digest]") {
    sipview::digest_inputs in;
    in.username = "1001";
    in.realm = "company1";
    in.password = "SomePass";
    in.method = "REGISTER";
    in.digest_uri = "sip:company1";
    in.nonce = "a8f1c3b27d9e4f6a0b5c2d7e8f9a1b3c";
    in.cnonce = "5e2b9c7a";
    in.nc = "00000002";
    in.qop = "auth-int";
    in.algorithm = "MD5-sess";
    in.body = "v=0\r\n";
    in.userhash = true;
    char out[sipview::digest_buffer_size];
    auto r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->session);
    CHECK(r->ha1_base == "ad884f5bf1b3c0ad462e12b8f04ce574");
    CHECK(r->ha1 == "c6f3a307a95e46dd273649ae76e33e2b");
    CHECK(r->body_hash == "b0d75ee0fad0609be9c67fb60aaf290a");
    CHECK(r->ha2 == "ef073b8d01c7390dec81462e2090919a");
    CHECK(r->response == "7b8dea32248d48ed80dc33ebd46d9fb4");
    CHECK(r->userhash == "30f7638087fc9d84cdf66cbfcfda601b");

    // SHA-256 userhash of RFC 7616's Mufasa.
    sipview::digest_inputs m;
    m.username = "Mufasa";
    m.realm = "http-auth@example.org";
    m.password = "Circle of Life";
    m.method = "GET";
    m.digest_uri = "/dir/index.html";
    m.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    m.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    m.nc = "00000001";
    m.qop = "auth";
    m.algorithm = "SHA-256";
    m.userhash = true;
    r = sipview::digest_response(m, sha256_hex, out, sizeof out);
    REQUIRE(r.has_value());
    CHECK(r->ha1 == "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    CHECK(r->ha2 == "9a3fdae9a622fe8de177c24fa9c070f2b181ec85e15dcbdc32e10c82ad450b04");
    CHECK(r->response == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    CHECK(r->userhash == "a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6");
}

TEST_CASE("digest_response reports bad inputs and a small buffer", "[auth][digest][errors]") {
    sipview::digest_inputs in;
    in.username = "u";
    in.realm = "r";
    in.nonce = "n";
    in.method = "INVITE";
    in.digest_uri = "sip:x";
    in.qop = "auth-conf";
    in.cnonce = "c";
    in.nc = "00000001";
    char out[sipview::digest_buffer_size];
    auto r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::inconsistent);
    CHECK(r.error().id == diag::auth_unsupported_qop);

    in.qop = "auth";
    in.nc = {};
    r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().id == diag::auth_qop_needs_cnonce);

    in.qop = {};
    in.cnonce = {};
    in.algorithm = "SHA-256-sess";
    r = sipview::digest_response(in, md5_hex, out, sizeof out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().id == diag::auth_sess_needs_cnonce);

    in.algorithm = {};
    r = sipview::digest_response(in, md5_hex, out, 64);  // HA1 + HA2 fit, the response does not
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::too_large);
    r = sipview::digest_response(in, md5_hex, out, 96);
    REQUIRE(r.has_value());
    CHECK(r->response.size() == 32);
}

TEST_CASE("make_digest_inputs decodes quoted fields and requires the Digest fields", "[auth][digest]") {
    auto c = parse_credentials(
        R"(Digest username="a\"b", realm="r", nonce="n", uri="sip:x", qop=auth, nc=00000001, cnonce="c", algorithm=MD5-sess, userhash=TRUE, response="0123456789abcdef0123456789abcdef")");
    REQUIRE(c.has_value());
    char scratch[64];
    auto in = sipview::make_digest_inputs(*c, "pw", "INVITE", "body", scratch, sizeof scratch);
    REQUIRE(in.has_value());
    CHECK(in->username == R"(a"b)");
    CHECK(in->realm == "r");
    CHECK(in->nonce == "n");
    CHECK(in->digest_uri == "sip:x");
    CHECK(in->cnonce == "c");
    CHECK(in->nc == "00000001");
    CHECK(in->qop == "auth");
    CHECK(in->algorithm == "MD5-sess");
    CHECK(in->userhash);
    CHECK(in->password == "pw");
    CHECK(in->method == "INVITE");
    CHECK(in->body == "body");

    char tiny[3];
    auto t = sipview::make_digest_inputs(*c, "pw", "INVITE", {}, tiny, sizeof tiny);
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().code == errc::too_large);

    auto partial = parse_credentials("Digest realm=\"r\", nonce=\"n\"");
    REQUIRE(partial.has_value());
    auto m = sipview::make_digest_inputs(*partial, "pw", "INVITE", {}, scratch, sizeof scratch);
    REQUIRE_FALSE(m.has_value());
    CHECK(m.error().code == errc::inconsistent);
}

TEST_CASE("digest algorithm facts: session variants and hex lengths", "[auth][digest]") {
    CHECK(sipview::digest_is_session("MD5-sess"));
    CHECK(sipview::digest_is_session("sha-512-256-SESS"));
    CHECK_FALSE(sipview::digest_is_session("MD5"));
    CHECK_FALSE(sipview::digest_is_session("sess"));
    CHECK(sipview::digest_hex_length("") == 32);
    CHECK(sipview::digest_hex_length("md5") == 32);
    CHECK(sipview::digest_hex_length("MD5-sess") == 32);
    CHECK(sipview::digest_hex_length("SHA-256") == 64);
    CHECK(sipview::digest_hex_length("SHA-512-256-sess") == 64);
    CHECK(sipview::digest_hex_length("SHA-1") == 0);
}

// ---------------------------------------------------------------------------
// Bearer (RFC 8898 §6): credentials are one b64token (RFC 6750 §2.1),
// challenges carry realm / scope / authz_server / error.

TEST_CASE("Bearer credentials are one b64token, padding included", "[auth][bearer]") {
    auto const jwt = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDAxIn0.c2lnbmF0dXJl-_~+/=="sv;
    auto c = parse_credentials(jwt);
    REQUIRE(c);
    CHECK(c->is_bearer());
    CHECK_FALSE(c->is_digest());
    CHECK(c->scheme == "Bearer");
    CHECK(c->bearer_token() == std::optional<std::string_view>("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDAxIn0.c2lnbmF0dXJl-_~+/=="));
    CHECK(c->params().empty());        // no auth-params: the token is not name=value
    CHECK_FALSE(c->param_value("eyJhbGciOiJSUzI1NiJ9"));
    CHECK(parse_credentials("bearer abc").value().bearer_token() == std::optional<std::string_view>("abc"));  // scheme in any case
    CHECK(parse_credentials("Bearer abc  ").value().bearer_token() == std::optional<std::string_view>("abc"));
    CHECK_FALSE(parse_credentials("Digest username=\"a\"").value().bearer_token());
}

TEST_CASE("Bearer credentials that are not one token are rejected at the first byte that is not", "[auth][bearer]") {
    struct bad_case {
        std::string_view text;
        std::size_t offset;
        diag id;
    };
    for (auto const& t : {bad_case{"Bearer realm=\"x\"", 13, diag::auth_bearer_token},   // name="value": the '"'
                          bad_case{"Bearer a=b", 9, diag::auth_bearer_token},             // '=' is padding only, at the end
                          bad_case{"Bearer ab,cd", 9, diag::auth_bearer_token},
                          bad_case{"Bearer =abc", 7, diag::auth_bearer_token},            // padding alone is no token
                          bad_case{"Bearer abc def", 11, diag::auth_credentials_end},     // a second token
                          bad_case{"Bearer", 6, diag::auth_after_scheme}}) {
        INFO(t.text);
        auto c = parse_credentials(t.text);
        REQUIRE_FALSE(c);
        CHECK(c.error().offset == t.offset);
        CHECK(c.error().id == t.id);
    }
}

TEST_CASE("Bearer challenges: realm, scope, authz_server and error, each quoted", "[auth][bearer]") {
    auto const text =
        "Bearer realm=\"atlanta.example.com\", scope=\"sip:register\", authz_server=\"https://as.example.com/token\", error=\"invalid_token\""sv;
    auto ch = parse_challenge(text);
    REQUIRE(ch);
    CHECK(ch->is_bearer());
    CHECK(ch->realm().value().text() == "atlanta.example.com");
    CHECK(ch->scope().value().text() == "sip:register");
    CHECK(ch->authz_server().value().text() == "https://as.example.com/token");
    CHECK(ch->error().value().text() == "invalid_token");
    CHECK(parse_challenge("Bearer realm=\"a\", x=y"));  // other auth-params stay allowed (bearer-cln / auth-param)
    for (auto const& [bad, at, id] : {std::tuple{"Bearer scope=abc"sv, std::size_t{13}, diag::auth_bearer_scope_quoted},
                                      std::tuple{"Bearer authz_server=https"sv, std::size_t{20}, diag::auth_bearer_authz_server_quoted},
                                      std::tuple{"Bearer error=invalid_token"sv, std::size_t{13}, diag::auth_bearer_error_quoted},
                                      std::tuple{"Bearer realm=a"sv, std::size_t{13}, diag::auth_realm_quoted}}) {
        INFO(bad);
        auto r = parse_challenge(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == at);
        CHECK(r.error().id == id);
    }
}
