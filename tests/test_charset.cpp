// Tests for sipview/detail/charset.hpp: every class bit and every composite
// class of the 256-entry table, for every byte 0..255, against the RFC 3261
// §25.1 rule it implements (core rules from RFC 2234 §6.1), written out here
// again from the ABNF as explicit character lists, not with the header's
// classify(). Also: no byte >= 0x80 is in an ASCII class, the table has no
// undeclared bit, and skip_class/is/hex_value/ascii_lower agree with it.
#include "catch.hpp"

#include <sipview/detail/charset.hpp>

#include <bitset>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

using namespace sipview::detail;

namespace {

using byte_set = std::bitset<256>;

/// The bytes of `s` (RFC quoted strings, one character each).
byte_set chars(std::string_view s) {
    byte_set r;
    for (char ch : s) r.set(static_cast<unsigned char>(ch));
    return r;
}
/// %xLO-HI
byte_set range(unsigned lo, unsigned hi) {
    byte_set r;
    for (unsigned b = lo; b <= hi; ++b) r.set(b);
    return r;
}

// RFC 2234 §6.1 core rules.
byte_set const ALPHA = chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");  // %x41-5A / %x61-7A
byte_set const DIGIT = chars("0123456789");                                            // %x30-39
// HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"; ABNF quoted strings are
// case-insensitive (RFC 2234 §2.3), so "a".."f" match too.
byte_set const HEXDIG = DIGIT | chars("ABCDEFabcdef");
byte_set const SP = chars(" ");
byte_set const HTAB = chars("\t");
byte_set const WSP = SP | HTAB;  // WSP = SP / HTAB
byte_set const CR = chars("\r");
byte_set const DQUOTE = chars("\"");

// RFC 3261 §25.1.
byte_set const alphanum_rfc = ALPHA | DIGIT;                     // alphanum = ALPHA / DIGIT
byte_set const mark_rfc = chars("-_.!~*'()");                    // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
byte_set const unreserved_rfc = alphanum_rfc | mark_rfc;         // unreserved = alphanum / mark
byte_set const reserved_rfc = chars(";/?:@&=+$,");               // reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
byte_set const escaped_first = chars("%");                       // escaped = "%" HEXDIG HEXDIG
// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
byte_set const token_rfc = alphanum_rfc | chars("-.!%*_+`'~");
// separators = "(" / ")" / "<" / ">" / "@" / "," / ";" / ":" / "\" / DQUOTE
//            / "/" / "[" / "]" / "?" / "=" / "{" / "}" / SP / HTAB
byte_set const separators_rfc = chars("()<>@,;:\\/[]?={}") | DQUOTE | SP | HTAB;
// word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
//        / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}")
byte_set const word_rfc = alphanum_rfc | chars("-.!%*_+`'~") | chars("()<>:\\/[]?{}") | DQUOTE;
byte_set const user_unreserved_rfc = chars("&=+$,;?/");          // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
// user = 1*( unreserved / escaped / user-unreserved )
byte_set const user_rfc = unreserved_rfc | escaped_first | user_unreserved_rfc;
// password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
byte_set const password_extras_rfc = chars("&=+$,");
byte_set const password_rfc = unreserved_rfc | escaped_first | password_extras_rfc;
byte_set const param_unreserved_rfc = chars("[]/:&+$");          // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
// paramchar = param-unreserved / unreserved / escaped
byte_set const paramchar_rfc = param_unreserved_rfc | unreserved_rfc | escaped_first;
byte_set const hnv_unreserved_rfc = chars("[]/?:+$");            // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
// hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue = *( same )
byte_set const hnv_rfc = hnv_unreserved_rfc | unreserved_rfc | escaped_first;
byte_set const uric_rfc = reserved_rfc | unreserved_rfc | escaped_first;  // uric = reserved / unreserved / escaped
// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
byte_set const scheme_tail_rfc = ALPHA | DIGIT | chars("+-.");
// UTF8-NONASCII = %xC0-DF 1UTF8-CONT / %xE0-EF 2UTF8-CONT / %xF0-F7 3UTF8-CONT
//               / %xF8-FB 4UTF8-CONT / %xFC-FD 5UTF8-CONT;  UTF8-CONT = %x80-BF.
// Their bytes are %x80-FD; the table admits all of %x80-FF and leaves the
// sequence (and FE, FF) to the UTF-8 check, as the header says.
byte_set const utf8_bytes_rfc = range(0x80, 0xBF) | range(0xC0, 0xFD);
byte_set const non_ascii = range(0x80, 0xFF);
// qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII (the table: without LWS)
byte_set const qdtext_ascii_rfc = range(0x21, 0x21) | range(0x23, 0x5B) | range(0x5D, 0x7E);
// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): the byte after the backslash
byte_set const quoted_pair_rfc = range(0x00, 0x09) | range(0x0B, 0x0C) | range(0x0E, 0x7F);
// IPv6address = hexpart [ ":" IPv4address ]; hexpart = hexseq / hexseq "::" [ hexseq ] / "::" [ hexseq ];
// hexseq = hex4 *( ":" hex4); hex4 = 1*4HEXDIG; IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
byte_set const ipv6_rfc = HEXDIG | DIGIT | chars(":.");
// Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB)
byte_set const reason_phrase_rfc = reserved_rfc | unreserved_rfc | escaped_first | utf8_bytes_rfc | SP | HTAB;
// §20 (and §20.10): a URI with a comma, question mark or semicolon must be in <>.
byte_set const addr_spec_separators_rfc = chars(",?;");
// domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum: its interior
byte_set const label_interior_rfc = alphanum_rfc | chars("-");
// hostname = *( domainlabel "." ) toplabel [ "." ]; toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum
byte_set const hostname_rfc = alphanum_rfc | chars("-.");
// LWS = [*WSP CRLF] 1*WSP: the bytes it can start with
byte_set const lws_first_rfc = WSP | CR;
byte_set const LHEX = DIGIT | range(0x61, 0x66);                 // LHEX = DIGIT / %x61-66

/// The bytes whose table entry has any bit of `mask`.
byte_set table_set(cmask mask) {
    byte_set r;
    for (unsigned b = 0; b < 256; ++b)
        if ((table.bits[b] & mask) != 0) r.set(b);
    return r;
}

std::string show(unsigned b) {
    char buf[32];
    if (b >= 0x21 && b <= 0x7E)
        std::snprintf(buf, sizeof buf, "0x%02X '%c'", b, static_cast<char>(b));
    else
        std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

/// "" when `got` and `want` hold the same bytes, else each byte that differs.
std::string differences(byte_set const& got, byte_set const& want) {
    std::string out;
    for (unsigned b = 0; b < 256; ++b)
        if (got[b] != want[b]) out += show(b) + (got[b] ? " in the table only; " : " in the RFC rule only; ");
    return out;
}

struct class_case {
    char const* name;
    cmask mask;
    byte_set want;
};

// Every class bit the header declares, with its rule.
class_case const bit_cases[] = {
    {"c_alpha: ALPHA", c_alpha, ALPHA},
    {"c_digit: DIGIT", c_digit, DIGIT},
    {"c_hex: HEXDIG", c_hex, HEXDIG},
    {"c_mark: mark", c_mark, mark_rfc},
    {"c_token_x: token", c_token_x, token_rfc},
    {"c_user_x: user-unreserved", c_user_x, user_unreserved_rfc},
    {"c_passwd_x: password's own extras", c_passwd_x, password_extras_rfc},
    {"c_param_x: param-unreserved", c_param_x, param_unreserved_rfc},
    {"c_hnv_x: hnv-unreserved", c_hnv_x, hnv_unreserved_rfc},
    {"c_reserved: reserved", c_reserved, reserved_rfc},
    {"c_word_x: word minus token", c_word_x, word_rfc & ~token_rfc},
    {"c_qdtext: qdtext minus LWS, any byte >= 0x80", c_qdtext, qdtext_ascii_rfc | non_ascii},
    {"c_wsp: WSP", c_wsp, WSP},
    {"c_scheme_x: scheme tail minus alphanum", c_scheme_x, scheme_tail_rfc & ~alphanum_rfc},
    {"c_qpair: quoted-pair after the backslash", c_qpair, quoted_pair_rfc},
    {"c_ipv6: IPv6address bytes", c_ipv6, ipv6_rfc},
    {"c_reason_x: Reason-Phrase minus alphanum, any byte >= 0x80", c_reason_x, (reason_phrase_rfc & ~alphanum_rfc) | non_ascii},
    {"c_addr_sep: , ? ; (RFC 3261 §20)", c_addr_sep, addr_spec_separators_rfc},
    {"c_label: domainlabel interior", c_label, label_interior_rfc},
    {"c_hostchar: hostname", c_hostchar, hostname_rfc},
    {"c_qd_fast: SP / HTAB / qdtext ASCII", c_qd_fast, WSP | qdtext_ascii_rfc},
    {"c_lws_first: first byte of LWS", c_lws_first, lws_first_rfc},
    {"c_lhex: LHEX", c_lhex, LHEX},
    {"c_user_fast: user without escaped, ',' ';' '?'", c_user_fast, user_rfc & ~escaped_first & ~addr_spec_separators_rfc},
    {"c_paramchar: paramchar without escaped", c_paramchar, paramchar_rfc & ~escaped_first},
    {"c_token_nodot: token-nodot (token minus '.')", c_token_nodot, token_rfc & ~chars(".")},
};

// Every composite class, as the rule it is named after (without escaped's
// HEXDIGs after the '%', which are alphanum already: only '%' matters).
class_case const composite_cases[] = {
    {"alphanum", alphanum, alphanum_rfc},
    {"unreserved", unreserved, unreserved_rfc},
    {"token_chars: token", token_chars, token_rfc},
    {"word_chars: word", word_chars, word_rfc},
    {"user_chars: user without escaped", user_chars, user_rfc & ~escaped_first},
    {"password_chars: password without escaped", password_chars, password_rfc & ~escaped_first},
    {"paramchar_chars: paramchar without escaped", paramchar_chars, paramchar_rfc & ~escaped_first},
    {"hnv_chars: hname/hvalue without escaped", hnv_chars, hnv_rfc & ~escaped_first},
    {"uric_chars: uric without escaped", uric_chars, uric_rfc & ~escaped_first},
    {"scheme_chars: scheme tail", scheme_chars, scheme_tail_rfc},
    {"alphanum | c_reason_x: Reason-Phrase, any byte >= 0x80", alphanum | c_reason_x, reason_phrase_rfc | non_ascii},
};

cmask const declared_bits = c_alpha | c_digit | c_hex | c_mark | c_token_x | c_user_x | c_passwd_x | c_param_x | c_hnv_x |
                            c_reserved | c_word_x | c_qdtext | c_wsp | c_scheme_x | c_qpair | c_ipv6 |
                            c_reason_x | c_addr_sep | c_label | c_hostchar | c_qd_fast | c_lws_first | c_lhex |
                            c_user_fast | c_paramchar | c_token_nodot;

template <cmask Bit>
std::string skip_class_differences() {
    unsigned member = 0;  // the first byte in the class
    while (member < 256 && (table.bits[member] & Bit) == 0) ++member;
    unsigned stop = 0;  // the first byte not in it
    while (stop < 256 && (table.bits[stop] & Bit) != 0) ++stop;
    if (member == 256 || stop == 256) return "class " + std::to_string(Bit) + " is empty or full; ";
    std::string out;
    for (unsigned b = 0; b < 256; ++b) {
        bool const in = (table.bits[b] & Bit) != 0;
        // 0..9 class bytes (through the 4-byte steps and the tail), then b five times, then a stop byte
        for (std::size_t before = 0; before <= 9; ++before) {
            std::string buf(before, static_cast<char>(member));
            buf += static_cast<char>(b);
            buf += std::string(4, static_cast<char>(b));
            buf += static_cast<char>(stop);
            char const* const first = buf.data();
            char const* const end = skip_class<Bit>(first, first + buf.size());
            std::size_t const want = in ? before + 5 : before;
            if (static_cast<std::size_t>(end - first) != want) out += show(b) + " after " + std::to_string(before) + "; ";
        }
    }
    return out;
}

template <unsigned... I>
std::string skip_class_all(std::integer_sequence<unsigned, I...>) {
    std::string out;
    ((out += skip_class_differences<(cmask{1} << I)>()), ...);
    return out;
}

} // namespace

TEST_CASE("every class bit holds exactly the bytes of its RFC 3261 rule", "[charset]") {
    for (auto const& c : bit_cases) {
        INFO(c.name);
        CHECK(differences(table_set(c.mask), c.want) == "");
    }
}

TEST_CASE("every composite class holds exactly the bytes of its RFC 3261 rule", "[charset]") {
    for (auto const& c : composite_cases) {
        INFO(c.name);
        CHECK(differences(table_set(c.mask), c.want) == "");
    }
}

TEST_CASE("is() reads the table for every byte, char signed or not", "[charset]") {
    for (auto const& c : bit_cases) {
        INFO(c.name);
        std::string wrong;
        for (unsigned b = 0; b < 256; ++b) {
            char const ch = static_cast<char>(static_cast<unsigned char>(b));
            if (is(ch, c.mask) != c.want[b]) wrong += show(b) + "; ";
            // in the class and not in DIGIT
            if (is(ch, c.mask, c_digit) != (c.want[b] && !DIGIT[b])) wrong += show(b) + " (except DIGIT); ";
        }
        CHECK(wrong == "");
    }
}

TEST_CASE("no byte >= 0x80 is in an ASCII class", "[charset]") {
    // Only qdtext and Reason-Phrase take UTF8-NONASCII / UTF8-CONT bytes.
    for (unsigned b = 0x80; b < 256; ++b) {
        INFO(show(b));
        CHECK(table.bits[b] == (c_qdtext | c_reason_x));
    }
    for (auto const& c : composite_cases) {
        if (c.mask & c_reason_x) continue;
        INFO(c.name);
        CHECK((table_set(c.mask) & non_ascii).none());
    }
    // and no control byte (CTL = %x00-1F / %x7F) outside whitespace, quoted-pair and LWS classes
    for (unsigned b : {0x00u, 0x01u, 0x08u, 0x0Au, 0x0Bu, 0x1Fu, 0x7Fu}) {
        INFO(show(b));
        CHECK((table.bits[b] & ~(c_qpair | c_wsp | c_lws_first)) == 0);
    }
}

TEST_CASE("the table has no bit the header does not declare, and the bits are distinct", "[charset]") {
    for (unsigned b = 0; b < 256; ++b) {
        INFO(show(b));
        CHECK((table.bits[b] & ~declared_bits) == 0);
    }
    unsigned count = 0;
    for (cmask m = declared_bits; m != 0; m &= m - 1) ++count;
    CHECK(count == sizeof bit_cases / sizeof bit_cases[0]);
}

TEST_CASE("the RFC's own relations between the classes hold in the table", "[charset]") {
    // token and separators are disjoint; word = token / separators other than "@" "," ";" "=" SP HTAB.
    CHECK((table_set(token_chars) & separators_rfc).none());
    CHECK(differences(table_set(word_chars), token_rfc | (separators_rfc & ~chars("@,;=") & ~WSP)) == "");
    // LHEX is HEXDIG's lowercase half; ALPHA, DIGIT and the mark/reserved sets are disjoint.
    CHECK(differences(table_set(c_lhex), table_set(c_hex) & ~chars("ABCDEF")) == "");
    CHECK((table_set(c_alpha) & table_set(c_digit)).none());
    CHECK((table_set(unreserved) & table_set(c_reserved)).none());
    // every qdtext byte except the LWS ones is a qd_fast byte or >= 0x80
    CHECK(differences(table_set(c_qd_fast) & ~WSP, table_set(c_qdtext) & ~non_ascii) == "");
}

TEST_CASE("skip_class stops at the first byte outside the class, for every class bit and byte", "[charset]") {
    CHECK(skip_class_all(std::make_integer_sequence<unsigned, sizeof bit_cases / sizeof bit_cases[0]>{}) == "");
}

TEST_CASE("hex_value and ascii_lower for every byte", "[charset]") {
    std::string const hex = "0123456789abcdef", HEX = "0123456789ABCDEF";
    for (unsigned b = 0; b < 256; ++b) {
        INFO(show(b));
        char const ch = static_cast<char>(static_cast<unsigned char>(b));
        int want = -1;
        for (std::size_t v = 0; v < 16; ++v)
            if (ch == hex[v] || ch == HEX[v]) want = static_cast<int>(v);
        CHECK(hex_value(ch) == want);
        CHECK((want >= 0) == HEXDIG[b]);
        std::size_t const upper = std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ").find(ch);
        char const lower = upper == std::string_view::npos ? ch : "abcdefghijklmnopqrstuvwxyz"[upper];
        CHECK(ascii_lower(ch) == lower);
    }
}
