// sipview — a structure-aware SIP mutator for fuzzing SIP stacks (sipview's
// own harnesses and any other project's): libFuzzer and AFL++ adapters in
// sipview/fuzz/libfuzzer.hpp and tests/fuzz/afl_mutator.cpp.
//
//   size_t mutate(uint8_t* data, size_t size, size_t max_size, uint32_t seed);
//   size_t cross_over(uint8_t const* a, size_t na, uint8_t const* b, size_t nb,
//                     uint8_t* out, size_t max_out, uint32_t seed);
//   size_t generate(uint8_t* out, size_t max_out, uint32_t seed);
//
// The input is parsed with parse_message (validation off, bare LF allowed),
// or, when even that fails (a framing error), by a line splitter that
// accepts anything with a line end, into a model: start line, header lines
// (name, value, id), body. One or a few of the named mutations in
// `mutations[]` (picked by the seed) edit the model, and it is written back,
// Content-Length fixed to the body unless the mutation is about
// Content-Length. Inputs with no SIP structure get byte-level mutations.
//
// No heap, no exceptions, no RTTI; deterministic for a seed (no state kept
// between calls). Working memory: one `static thread_local` scratch
// (~200 KiB: the output, an arena for the new text, the header_field arrays
// and the models), not the stack: a fuzzer's stack is small and ASan
// multiplies frames, and a static buffer makes the functions unusable from
// two threads at once, which thread_local avoids. Not reentrant (nothing
// here calls back into them). Outputs are at most max_size (and at most
// scratch_capacity) octets; nothing is written past max_size.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_FUZZ_MUTATOR_HPP
#define SIPVIEW_FUZZ_MUTATOR_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <sipview/headers.hpp>
#include <sipview/message.hpp>

namespace sipview {
namespace fuzz {

/// Largest output the mutator builds (larger max_size values are clamped).
inline constexpr std::size_t scratch_capacity = 64 * 1024;
/// Header lines the model keeps (more are dropped from the output).
inline constexpr std::size_t max_model_headers = 128;

namespace mutator_detail {

using std::size_t;
using std::string_view;

/// xorshift32, seeded through a mixer (seed 0 works too).
struct rng {
    std::uint32_t s;
    explicit rng(std::uint32_t seed) noexcept : s(seed * 2654435761u ^ 0x9E3779B9u) {
        if (s == 0) s = 0x12345678u;
        next();
        next();
    }
    std::uint32_t next() noexcept {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        return s;
    }
    /// In [0, n), n > 0.
    size_t below(size_t n) noexcept { return n == 0 ? 0 : static_cast<size_t>(next() % static_cast<std::uint32_t>(n)); }
    /// True one time in n.
    bool one_in(std::uint32_t n) noexcept { return next() % n == 0; }
    template <class T, size_t N>
    T const& pick(T const (&a)[N]) noexcept { return a[below(N)]; }
};

/// Bump allocator over a fixed array: the text mutations create.
struct arena {
    char buf[scratch_capacity];
    size_t used = 0;
    char* alloc(size_t n) noexcept {
        if (n > sizeof buf - used) return nullptr;
        char* p = buf + used;
        used += n;
        return p;
    }
    /// The concatenation of up to four parts, or an empty view (`ok` false) when full.
    string_view cat(bool& ok, string_view a, string_view b = {}, string_view c = {}, string_view d = {}) noexcept {
        size_t const n = a.size() + b.size() + c.size() + d.size();
        char* p = alloc(n);
        if (!p) {
            ok = false;
            return {};
        }
        char* q = p;
        for (string_view s : {a, b, c, d}) {
            if (!s.empty()) std::memcpy(q, s.data(), s.size());
            q += s.size();
        }
        return {p, n};
    }
    string_view number(std::uint64_t v) noexcept {
        char tmp[24];
        size_t n = 0;
        do {
            tmp[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v);
        char* p = alloc(n);
        if (!p) return "0";
        for (size_t i = 0; i < n; ++i) p[i] = tmp[n - 1 - i];
        return {p, n};
    }
    /// `c` repeated n times.
    string_view repeat(char c, size_t n) noexcept {
        char* p = alloc(n);
        if (!p) return {};
        std::memset(p, c, n);
        return {p, n};
    }
};

struct line {
    string_view name;   ///< empty with raw: the value is the whole line
    string_view value;
    string_view eol;    ///< empty: the model's
    header_id id = header_id::other;
    bool raw = false;
};

/// A message as the mutator sees it. Views point into the input or the arena.
struct model {
    string_view start;
    line h[max_model_headers];
    size_t n = 0;
    string_view body;
    string_view lead;          ///< CR/LF keep-alives before the start line (streams)
    string_view tail;          ///< octets after the body Content-Length delimits (a next message)
    string_view eol = "\r\n";
    string_view sep = ": ";
    bool terminated = true;    ///< the empty line after the headers is written
    bool fix_length = true;    ///< Content-Length values are set to the body's length
    bool is_request = true;

    line* find(header_id id) noexcept {
        for (size_t i = 0; i < n; ++i)
            if (h[i].id == id && !h[i].raw) return &h[i];
        return nullptr;
    }
    line const* find(header_id id) const noexcept { return const_cast<model*>(this)->find(id); }
    bool insert(size_t at, line const& l) noexcept {
        if (n == max_model_headers) return false;
        if (at > n) at = n;
        for (size_t i = n; i > at; --i) h[i] = h[i - 1];
        h[at] = l;
        ++n;
        return true;
    }
    void erase(size_t at) noexcept {
        for (size_t i = at; i + 1 < n; ++i) h[i] = h[i + 1];
        --n;
    }
};

struct scratch {
    char out[scratch_capacity];
    arena text;
    header_field fields[2][max_model_headers];
    model models[2];
};

inline scratch& tls() noexcept {
    static thread_local scratch s;
    return s;
}

/// The context a mutation works in: the message, the seed's stream, the
/// arena, and (cross-over) the other message.
struct ctx {
    model& m;
    rng& r;
    arena& a;
    model const* other;
    bool ok = true;  ///< false when the arena is full
    string_view cat(string_view p, string_view q = {}, string_view s = {}, string_view t = {}) noexcept { return a.cat(ok, p, q, s, t); }
    /// `v` with [b, e) replaced by `rep`.
    string_view splice(string_view v, size_t b, size_t e, string_view rep) noexcept {
        if (b > v.size()) b = v.size();
        if (e > v.size()) e = v.size();
        if (e < b) e = b;
        return cat(v.substr(0, b), rep, v.substr(e));
    }
};

// ---------------------------------------------------------------------------
// Loading a message into the model.

inline bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }

inline bool icontains(string_view v, string_view needle) noexcept {
    if (needle.size() > v.size()) return false;
    for (size_t i = 0; i + needle.size() <= v.size(); ++i)
        if (iequals(v.substr(i, needle.size()), needle)) return true;
    return false;
}

/// Lenient split (message_split.hpp's salvage_lines: any line end, folds
/// joined), lines without ':' kept raw.
inline bool split_lines(string_view in, model& m) noexcept {
    bool terminated = false;
    size_t const body = detail::message_impl::salvage_lines(
        in, terminated,
        [&](string_view start, string_view eol) {
            m.start = start;
            if (eol == "\n") m.eol = "\n";
            else if (eol == "\r") m.eol = "\r";
            m.is_request = !(m.start.size() >= 4 && iequals(m.start.substr(0, 4), "SIP/"));
        },
        [&](string_view text) {
            if (m.n >= max_model_headers) return;
            line l;
            size_t const colon = text.find(':');
            if (colon == string_view::npos || colon == 0) {
                l.raw = true;
                l.value = text;
            } else {
                size_t ne = colon;
                while (ne > 0 && is_wsp(text[ne - 1])) --ne;
                size_t vb = colon + 1;
                while (vb < text.size() && is_wsp(text[vb])) ++vb;
                l.name = text.substr(0, ne);
                l.value = text.substr(vb);
                l.id = lookup_header(l.name);
            }
            m.h[m.n++] = l;
        });
    if (body == string_view::npos) return false;
    m.terminated = terminated;
    if (terminated) m.body = in.substr(body);
    return true;
}

/// parse_message (validation off, bare LF allowed), else the lenient split.
/// False when the input has no SIP structure.
inline bool load(string_view in, model& m, header_field* fields) noexcept {
    m = model{};
    size_t k = 0;
    while (k < in.size() && (in[k] == '\r' || in[k] == '\n')) ++k;
    m.lead = in.substr(0, k);
    in.remove_prefix(k);
    if (in.empty()) return false;
    message_options o;
    o.validate = false;
    o.lenient = leniency::allow_bare_lf;
    auto r = parse_message(in, fields, max_model_headers, o);
    if (!r) return split_lines(in, m) && (icontains(m.start, "SIP/") || m.n > 0);
    message const& msg = *r;
    m.start = msg.start_line();
    m.is_request = msg.is_request();
    size_t const e = m.start.size();
    if (e < in.size() && in[e] == '\n') m.eol = "\n";
    else if (e + 1 < in.size() && in[e] == '\r' && in[e + 1] != '\n') m.eol = "\r";
    for (header_field const& f : msg.headers()) {
        line l;
        l.name = f.name;
        l.value = f.value;
        l.id = f.id;
        m.h[m.n++] = l;
    }
    m.body = msg.body();
    m.tail = in.substr(msg.size());
    return true;
}

// ---------------------------------------------------------------------------
// Writing the model.

struct writer {
    char* out;
    size_t cap;
    size_t n = 0;
    void put(string_view s) noexcept {
        size_t const k = s.size() < cap - n ? s.size() : cap - n;
        if (k) std::memcpy(out + n, s.data(), k);
        n += k;
    }
};

inline size_t digits(size_t v) noexcept {
    size_t d = 1;
    while (v >= 10) {
        v /= 10;
        ++d;
    }
    return d;
}

inline size_t write(model const& m, char* out, size_t cap) noexcept {
    // the header section's size, to fit the body (and its Content-Length) in cap
    size_t head = m.lead.size() + m.start.size() + m.eol.size() + (m.terminated ? m.eol.size() : 0);
    size_t cl_lines = 0;
    for (size_t i = 0; i < m.n; ++i) {
        line const& l = m.h[i];
        head += (l.eol.empty() ? m.eol : l.eol).size();
        if (l.raw) head += l.value.size();
        else if (m.fix_length && l.id == header_id::content_length) ++cl_lines, head += l.name.size() + m.sep.size();
        else head += l.name.size() + m.sep.size() + l.value.size();
    }
    size_t body = m.body.size();
    if (head + cl_lines * digits(body) + body > cap) {
        size_t const fixed = head + cl_lines * digits(body);
        body = fixed < cap ? cap - fixed : 0;
    }
    char num[24];
    size_t nd = 0;
    {
        size_t v = body;
        char tmp[24];
        do {
            tmp[nd++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v);
        for (size_t i = 0; i < nd; ++i) num[i] = tmp[nd - 1 - i];
    }
    writer w{out, cap};
    w.put(m.lead);
    w.put(m.start);
    w.put(m.eol);
    for (size_t i = 0; i < m.n; ++i) {
        line const& l = m.h[i];
        if (l.raw) {
            w.put(l.value);
        } else {
            w.put(l.name);
            w.put(m.sep);
            w.put(m.fix_length && l.id == header_id::content_length ? string_view(num, nd) : l.value);
        }
        w.put(l.eol.empty() ? m.eol : l.eol);
    }
    if (m.terminated) w.put(m.eol);
    w.put(m.body.substr(0, body));
    w.put(m.tail);
    return w.n;
}

// ---------------------------------------------------------------------------
// The registry, as data: name, example value, arity.

struct registry_row {
    header_id id;
    string_view example;
};
#define SIPVIEW_FUZZ_REGISTRY_ROW(id_, name_, compact_, arity_, ast_, parse_, format_, json_, rfc_, example_) \
    {header_id::id_, example_},
inline constexpr registry_row registry[] = {SIPVIEW_HEADERS(SIPVIEW_FUZZ_REGISTRY_ROW)};
#undef SIPVIEW_FUZZ_REGISTRY_ROW
inline constexpr size_t registry_size = sizeof registry / sizeof registry[0];

inline string_view example_of(header_id id) noexcept {
    for (registry_row const& r : registry)
        if (r.id == id) return r.example;
    return {};
}

// ---------------------------------------------------------------------------
// Finding parts of values (by hand: the text may be broken).

struct span {
    size_t b = 0, e = 0;
    bool found = false;
};

/// The parts of the first sip:/sips:/tel: URI in v.
struct uri_spans {
    span user, host, port;
    size_t uri_b = 0, uri_e = 0;
    bool found = false;
};

inline uri_spans find_uri(string_view v) noexcept {
    uri_spans u;
    size_t s = string_view::npos;
    for (size_t i = 0; i + 4 <= v.size(); ++i) {
        if (iequals(v.substr(i, 4), "sip:")) {
            s = i + 4;
            break;
        }
        if (i + 5 <= v.size() && iequals(v.substr(i, 5), "sips:")) {
            s = i + 5;
            break;
        }
    }
    if (s == string_view::npos) return u;
    u.found = true;
    u.uri_b = s;
    size_t end = s;
    while (end < v.size() && v[end] != '>' && v[end] != ' ' && v[end] != ',' && v[end] != '\r' && v[end] != '\n' &&
           v[end] != '\t')
        ++end;
    u.uri_e = end;
    // the last '@' before the parameters is the end of the user part
    size_t at = string_view::npos;
    for (size_t i = s; i < end && v[i] != ';' && v[i] != '?'; ++i)
        if (v[i] == '@') at = i;
    size_t hb = s;
    if (at != string_view::npos) {
        size_t ue = s;
        while (ue < at && v[ue] != ':') ++ue;  // password after ':'
        u.user = {s, ue, true};
        hb = at + 1;
    }
    size_t he = hb;
    if (he < end && v[he] == '[') {
        while (he < end && v[he] != ']') ++he;
        if (he < end) ++he;
    } else {
        while (he < end && v[he] != ':' && v[he] != ';' && v[he] != '?') ++he;
    }
    u.host = {hb, he, true};
    if (he < end && v[he] == ':') {
        size_t pe = he + 1;
        while (pe < end && v[pe] >= '0' && v[pe] <= '9') ++pe;
        u.port = {he + 1, pe, true};
    }
    return u;
}

/// Via: the first sent-by's host and port.
inline uri_spans find_via_host(string_view v) noexcept {
    uri_spans u;
    size_t slashes = 0, i = 0;
    while (i < v.size() && slashes < 2) slashes += v[i++] == '/';
    if (slashes < 2) return u;
    while (i < v.size() && is_wsp(v[i])) ++i;
    while (i < v.size() && !is_wsp(v[i]) && v[i] != '\r' && v[i] != '\n') ++i;  // transport
    while (i < v.size() && (is_wsp(v[i]) || v[i] == '\r' || v[i] == '\n')) ++i;
    size_t he = i;
    if (he < v.size() && v[he] == '[') {
        while (he < v.size() && v[he] != ']') ++he;
        if (he < v.size()) ++he;
    } else {
        while (he < v.size() && v[he] != ':' && v[he] != ';' && v[he] != ',' && !is_wsp(v[he])) ++he;
    }
    if (he == i) return u;
    u.found = true;
    u.host = {i, he, true};
    if (he < v.size() && v[he] == ':') {
        size_t pe = he + 1;
        while (pe < v.size() && v[pe] >= '0' && v[pe] <= '9') ++pe;
        u.port = {he + 1, pe, true};
    }
    return u;
}

/// auth-params of a Digest value: name=value pairs after the scheme.
struct auth_param {
    size_t nb, ne, vb, ve;  ///< value span includes the quotes when quoted
    bool quoted;
};
inline size_t find_auth_params(string_view v, auth_param* out, size_t cap) noexcept {
    size_t i = 0, n = 0;
    while (i < v.size() && !is_wsp(v[i])) ++i;  // scheme
    while (i < v.size() && n < cap) {
        while (i < v.size() && (is_wsp(v[i]) || v[i] == ',' || v[i] == '\r' || v[i] == '\n')) ++i;
        size_t const nb = i;
        while (i < v.size() && v[i] != '=' && v[i] != ',' && !is_wsp(v[i])) ++i;
        size_t const ne = i;
        while (i < v.size() && is_wsp(v[i])) ++i;
        if (i >= v.size() || v[i] != '=' || ne == nb) {
            while (i < v.size() && v[i] != ',') ++i;
            continue;
        }
        ++i;
        while (i < v.size() && is_wsp(v[i])) ++i;
        size_t const vb = i;
        bool quoted = false;
        if (i < v.size() && v[i] == '"') {
            quoted = true;
            ++i;
            while (i < v.size() && v[i] != '"') i += v[i] == '\\' ? 2 : 1;
            if (i < v.size()) ++i;
            if (i > v.size()) i = v.size();
        } else {
            while (i < v.size() && v[i] != ',' && !is_wsp(v[i])) ++i;
        }
        out[n++] = {nb, ne, vb, i, quoted};
    }
    return n;
}

inline bool is_auth(header_id id) noexcept {
    return id == header_id::authorization || id == header_id::proxy_authorization || id == header_id::www_authenticate ||
           id == header_id::proxy_authenticate;
}
inline bool is_name_addr(header_id id) noexcept {
    return id == header_id::from || id == header_id::to || id == header_id::contact || id == header_id::route ||
           id == header_id::record_route || id == header_id::refer_to || id == header_id::referred_by ||
           id == header_id::reply_to || id == header_id::path || id == header_id::service_route;
}

/// A random header line whose id satisfies pred, or n when none.
template <class Pred>
size_t pick_header(model const& m, rng& r, Pred pred) noexcept {
    size_t idx[max_model_headers];
    size_t k = 0;
    for (size_t i = 0; i < m.n; ++i)
        if (!m.h[i].raw && pred(m.h[i])) idx[k++] = i;
    return k ? idx[r.below(k)] : m.n;
}

/// A URI to mutate: the Request-URI (slot n) or one in a name-addr header.
/// Returns false when there is none; `text` is the value (or start line).
inline bool pick_uri_slot(ctx& c, size_t& slot, uri_spans& u) noexcept {
    model& m = c.m;
    bool const start_ok = m.is_request && find_uri(m.start).found;
    size_t const h = pick_header(m, c.r, [](line const& l) { return is_name_addr(l.id) && find_uri(l.value).found; });
    if (h == m.n && !start_ok) return false;
    slot = (h == m.n || (start_ok && c.r.one_in(3))) ? m.n : h;
    u = find_uri(slot == m.n ? m.start : m.h[slot].value);
    return u.found;
}
inline string_view& slot_text(model& m, size_t slot) noexcept { return slot == m.n ? m.start : m.h[slot].value; }

// ---------------------------------------------------------------------------
// The mutations. Each returns false when it does not apply to the message.

/// Duplicate a header line (single-valued ones too), at a random place.
inline bool dup_header(ctx& c) {
    if (c.m.n == 0) return false;
    size_t const i = c.r.below(c.m.n);
    line const l = c.m.h[i];
    return c.m.insert(c.r.one_in(2) ? i + 1 : c.r.below(c.m.n + 1), l);
}

/// Drop a header line (mandatory ones too).
inline bool drop_header(ctx& c) {
    if (c.m.n == 0) return false;
    c.m.erase(c.r.below(c.m.n));
    return true;
}

/// Swap two header lines, or move one to the front or the end.
inline bool reorder_headers(ctx& c) {
    model& m = c.m;
    if (m.n < 2) return false;
    size_t const i = c.r.below(m.n);
    size_t j = c.r.below(m.n);
    if (c.r.one_in(3)) j = c.r.one_in(2) ? 0 : m.n - 1;
    line const t = m.h[i];
    m.h[i] = m.h[j];
    m.h[j] = t;
    return true;
}

/// Long <-> compact header name, and its case.
inline bool header_name_form(ctx& c) {
    model& m = c.m;
    size_t const i = pick_header(m, c.r, [](line const& l) { return l.id != header_id::other; });
    if (i == m.n) return false;
    line& l = m.h[i];
    char const compact = compact_form(l.id);
    string_view name = to_string(l.id);
    if (compact != 0 && l.name.size() > 1 && !c.r.one_in(4)) name = c.cat(string_view(&compact, 1));
    else name = c.cat(name);
    if (!c.ok) return false;
    char* p = const_cast<char*>(name.data());  // arena text
    switch (c.r.below(4)) {
    case 0: break;
    case 1:
        for (size_t k = 0; k < name.size(); ++k) p[k] = sipview::detail::ascii_lower(p[k]);
        break;
    case 2:
        for (size_t k = 0; k < name.size(); ++k)
            if (p[k] >= 'a' && p[k] <= 'z') p[k] = static_cast<char>(p[k] - 32);
        break;
    default:
        for (size_t k = 0; k < name.size(); ++k)
            if (c.r.one_in(2) && ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')) p[k] = static_cast<char>(p[k] ^ 0x20);
    }
    l.name = name;
    return true;
}

/// Fold a value at a space (or after the colon), with the model's line end.
inline bool fold_value(ctx& c) {
    model& m = c.m;
    if (m.n == 0) return false;
    line& l = m.h[c.r.below(m.n)];
    if (l.raw) return false;
    size_t spaces[64];
    size_t k = 0;
    for (size_t i = 0; i < l.value.size() && k < 64; ++i)
        if (l.value[i] == ' ') spaces[k++] = i;
    static constexpr string_view indent[] = {" ", "\t", "   ", " \t"};
    string_view const in = c.r.pick(indent);
    if (k == 0 || c.r.one_in(4)) {
        l.value = c.cat(m.eol, in, l.value);  // fold right after the colon
    } else {
        size_t const at = spaces[c.r.below(k)];
        l.value = c.splice(l.value, at, at + 1, c.cat(c.r.one_in(3) ? string_view(" ") : string_view(), m.eol, in));
    }
    return c.ok;
}

/// CRLF, LF or CR: for the whole message or one line.
inline bool line_ends(ctx& c) {
    static constexpr string_view eols[] = {"\r\n", "\n", "\r", "\r\r\n", "\n\r"};
    string_view const e = c.r.one_in(2) ? string_view("\r\n") : c.r.pick(eols);
    if (c.m.n > 0 && c.r.one_in(2)) c.m.h[c.r.below(c.m.n)].eol = e;
    else c.m.eol = e;
    return true;
}

/// Spaces and tabs around the colon.
inline bool header_colon(ctx& c) {
    static constexpr string_view seps[] = {":", " : ", "\t:\t", ":   ", ": \t ", " :"};
    c.m.sep = c.r.pick(seps);
    return true;
}

/// Content-Length: ±1, 0, huge, several values, leading zeros, absent; the
/// body kept or cut.
inline bool content_length(ctx& c) {
    model& m = c.m;
    size_t i = m.n;
    for (size_t k = 0; k < m.n; ++k)
        if (m.h[k].id == header_id::content_length && !m.h[k].raw) i = k;
    if (c.r.one_in(4) && !m.body.empty()) m.body = m.body.substr(0, c.r.below(m.body.size()));  // cut the body
    size_t const len = m.body.size();
    if (i == m.n) {
        line l;
        l.name = c.r.one_in(3) ? "l" : "Content-Length";
        l.id = header_id::content_length;
        l.value = c.a.number(len);
        if (!m.insert(c.r.below(m.n + 1), l)) return false;
        i = m.n - 1;
        for (size_t k = 0; k < m.n; ++k)
            if (m.h[k].id == header_id::content_length) i = k;
        if (c.r.one_in(2)) return true;
    }
    m.fix_length = false;
    line& l = m.h[i];
    switch (c.r.below(10)) {
    case 0: l.value = c.a.number(len + 1); break;
    case 1: l.value = c.a.number(len ? len - 1 : 0); break;
    case 2: l.value = "0"; break;
    case 3: {
        static constexpr string_view huge[] = {"4294967295", "4294967296", "18446744073709551616", "99999999999999999999999",
                                               "2147483648", "-1", "+5", "0x10", "1e3", " "};
        l.value = c.r.pick(huge);
        break;
    }
    case 4: {  // a second Content-Length, equal or not
        line d = l;
        d.value = c.r.one_in(2) ? c.a.number(len) : c.a.number(len + 1 + c.r.below(10));
        if (c.r.one_in(2)) d.name = "l";
        return m.insert(c.r.below(m.n + 1), d);
    }
    case 5: l.value = c.cat(c.a.number(len), ", ", c.a.number(len)); break;
    case 6: l.value = c.cat(c.a.repeat('0', 1 + c.r.below(30)), c.a.number(len)); break;
    case 7: m.erase(i); break;  // absent
    case 8: l.value = c.cat(c.a.number(len), c.r.one_in(2) ? string_view(" ; x=1") : string_view("\t")); break;
    default: l.value = c.a.number(len); break;  // exact, with a cut body
    }
    return c.ok;
}

/// Splice a header value from the other message (cross-over), or from the
/// registry's example for that header.
inline bool splice_value(ctx& c) {
    model& m = c.m;
    model const* o = c.other;
    if (o && o->n > 0 && !c.r.one_in(4)) {
        line const& src = o->h[c.r.below(o->n)];
        if (src.raw) return false;
        size_t const i = pick_header(m, c.r, [&](line const& l) { return l.id == src.id; });
        if (i == m.n || c.r.one_in(3)) return m.insert(c.r.below(m.n + 1), src);
        if (c.r.one_in(4)) m.h[i].value = c.cat(m.h[i].value, ", ", src.value);  // appended as a list element
        else m.h[i].value = src.value;
        return c.ok;
    }
    // a registry header with its example value, new or replacing one
    registry_row const& row = registry[c.r.below(registry_size)];
    if (row.id == header_id::content_length || row.id == header_id::cseq || row.id == header_id::content_type) return false;
    size_t const i = pick_header(m, c.r, [&](line const& l) { return l.id == row.id; });
    if (i != m.n) {
        m.h[i].value = row.example;
        return true;
    }
    line l;
    l.name = to_string(row.id);
    l.id = row.id;
    l.value = row.example;
    return m.insert(c.r.below(m.n + 1), l);
}

/// Percent-escape or unescape part of a URI's user part (or host).
inline bool uri_escape(ctx& c) {
    size_t slot = 0;
    uri_spans u;
    if (!pick_uri_slot(c, slot, u)) return false;
    string_view& t = slot_text(c.m, slot);
    span const s = u.user.found && u.user.e > u.user.b && !c.r.one_in(5) ? u.user : u.host;
    if (s.e <= s.b) return false;
    static constexpr char hex[] = "0123456789ABCDEF";
    auto hexval = [](char h) {
        if (h >= '0' && h <= '9') return h - '0';
        if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f') return (h | 0x20) - 'a' + 10;
        return -1;
    };
    // unescape a %XX when there is one
    for (size_t i = s.b; i + 2 < s.e; ++i)
        if (t[i] == '%' && c.r.one_in(2)) {
            int const x = hexval(t[i + 1]), y = hexval(t[i + 2]);
            if (x < 0 || y < 0) continue;
            char const ch = static_cast<char>(x * 16 + y);
            t = c.splice(t, i, i + 3, string_view(&ch, 1));
            return c.ok;
        }
    // escape 1..n octets (sometimes a special one: '@', ' ', '%00', '%', lower-case hex)
    size_t const b = s.b + c.r.below(s.e - s.b);
    size_t const n = 1 + c.r.below(s.e - b < 4 ? s.e - b : 4);
    char* p = c.a.alloc(3 * n);
    if (!p) return false;
    for (size_t k = 0; k < n; ++k) {
        unsigned char const ch = static_cast<unsigned char>(t[b + k]);
        p[3 * k] = '%';
        p[3 * k + 1] = hex[ch >> 4];
        p[3 * k + 2] = c.r.one_in(4) ? static_cast<char>(sipview::detail::ascii_lower(hex[ch & 15])) : hex[ch & 15];
    }
    string_view rep(p, 3 * n);
    switch (c.r.below(8)) {
    case 0: rep = "%40"; break;
    case 1: rep = c.cat(rep, "%00"); break;
    case 2: rep = c.r.one_in(2) ? "%" : "%4"; break;
    case 3: rep = c.cat(rep, "%C3%A9"); break;
    default: break;
    }
    t = c.splice(t, b, b + n, rep);
    return c.ok;
}

/// A second '@' in a URI (1001@company1@host), or '@' where it does not belong.
inline bool uri_second_at(ctx& c) {
    size_t slot = 0;
    uri_spans u;
    if (!pick_uri_slot(c, slot, u)) return false;
    string_view& t = slot_text(c.m, slot);
    static constexpr string_view tenants[] = {"company1@", "@", "a@b@", "%40tenant@", "user:pw@"};
    if (u.user.found) t = c.splice(t, u.user.e, u.user.e, c.cat("@", c.r.pick(tenants)).substr(0, 1 + c.r.below(3)));
    else t = c.splice(t, u.host.b, u.host.b, c.cat("1001@", c.r.pick(tenants)));
    return c.ok;
}

/// The host of a URI or a Via for an edge case.
inline bool host_edge(ctx& c) {
    static constexpr string_view hosts[] = {
        "[2001:db8::1]", "2001:db8::1", "[::ffff:192.0.2.1]", "[::1]", "[2001:db8::1", "2001:db8::1]", "[]",
        "[2001:0db8:0000:0000:0000:0000:0000:0001]", "[2001:db8::1:2:3:4:5:6:7]", "[fe80::1%25eth0]", "[::]",
        "192.000.002.001", "010.0.0.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "0x7f.0.0.1", "255.255.255.255",
        "under_score.example.com", "_sip._udp.example.com", "-lead.example.com", "trail-.example.com",
        "example.com.", ".example.com", "a..b", "EXAMPLE.COM", "xn--nxasmq6b.example", "h\xC3\xA9.example",
        "1", "123", "a"};
    size_t slot = 0;
    uri_spans u;
    model& m = c.m;
    size_t const via = pick_header(m, c.r, [](line const& l) { return l.id == header_id::via; });
    bool const use_via = via != m.n && c.r.one_in(3);
    if (use_via) {
        slot = via;
        u = find_via_host(m.h[via].value);
        if (!u.found) return false;
    } else if (!pick_uri_slot(c, slot, u)) {
        return false;
    }
    string_view& t = slot_text(m, slot);
    string_view host;
    switch (c.r.below(12)) {
    case 0: {  // an over-long label (> 63) or name (> 255)
        host = c.cat(c.a.repeat('a', 60 + c.r.below(8)), ".example.com");
        if (c.r.one_in(2))
            for (int k = 0; k < 5; ++k) host = c.cat(c.a.repeat('b', 63), ".", host);
        break;
    }
    default: host = c.r.pick(hosts); break;
    }
    t = c.splice(t, u.host.b, u.host.e, host);
    return c.ok;
}

/// Digest parameters: unquote, quote, duplicate, empty, over-long nonce,
/// bad hex, drop.
inline bool digest_param(ctx& c) {
    model& m = c.m;
    size_t const i = pick_header(m, c.r, [](line const& l) { return is_auth(l.id); });
    if (i == m.n) {
        if (!c.r.one_in(3)) return false;
        line l;
        l.id = c.m.is_request ? header_id::authorization : header_id::www_authenticate;
        l.name = to_string(l.id);
        l.value = example_of(l.id);
        return m.insert(c.r.below(m.n + 1), l);
    }
    string_view& v = m.h[i].value;
    auth_param ps[32];
    size_t const n = find_auth_params(v, ps, 32);
    if (n == 0) return false;
    auth_param const p = ps[c.r.below(n)];
    string_view const name = v.substr(p.nb, p.ne - p.nb);
    string_view const val = v.substr(p.vb, p.ve - p.vb);
    switch (c.r.below(10)) {
    case 0:  // unquote
        if (!p.quoted || val.size() < 2) return false;
        v = c.splice(v, p.vb, p.ve, val.substr(1, val.size() - 2));
        break;
    case 1: v = c.splice(v, p.vb, p.ve, c.cat("\"", val, "\"")); break;           // quote (again)
    case 2: v = c.cat(v, ", ", v.substr(p.nb, p.ve - p.nb)); break;              // duplicate
    case 3: v = c.splice(v, p.vb, p.ve, c.r.one_in(2) ? "\"\"" : ""); break;      // empty
    case 4: v = c.splice(v, p.vb, p.ve, c.cat("\"", c.a.repeat('a', 200 + c.r.below(2000)), "\"")); break;  // over-long
    case 5: {  // bad hex in response / nonce / cnonce / nc
        static constexpr string_view bad[] = {"\"zz98b7102dd2f0e8b11d0f600bfb0c09\"", "\"6629FAE49393A05397450978507C4EF1\"",
                                              "\"6629fae49393a0539745097850\"", "0000000g", "000000001", "\"0x1f\""};
        v = c.splice(v, p.vb, p.ve, c.r.pick(bad));
        break;
    }
    case 6: v = c.splice(v, p.nb, p.ve < v.size() && v[p.ve] == ',' ? p.ve + 1 : p.ve, ""); break;  // drop
    case 7: {  // a known parameter with an edge value
        static constexpr string_view params[] = {
            "algorithm=MD5-sess", "algorithm=SHA-256", "algorithm=SHA-512-256-sess", "algorithm=\"MD5\"", "qop=auth-int",
            "qop=\"auth,auth-int\"", "stale=TRUE", "stale=maybe", "userhash=true", "charset=UTF-8", "nc=ffffffff",
            "opaque=\"\"", "domain=\"sip:a.example.com sips:b\"", "realm=\"company1@pbx.example.com\"", "x=\"y\\\"z\""};
        v = c.cat(v, c.r.one_in(4) ? "," : ", ", c.r.pick(params));
        break;
    }
    case 8: v = c.splice(v, p.nb, p.ne, c.r.one_in(2) ? string_view("NONCE") : c.cat(name, "x")); break;  // rename
    default:  // no separator / whitespace around '='
        v = c.splice(v, p.ne, p.vb, c.r.one_in(2) ? " = " : "=\r\n ");
        break;
    }
    return c.ok;
}

/// Quoted strings: escapes, an unterminated quote, a quote in a token.
inline bool quoted_string(ctx& c) {
    model& m = c.m;
    size_t const i = pick_header(m, c.r, [](line const& l) { return l.value.find('"') != string_view::npos; });
    if (i == m.n) return false;
    string_view& v = m.h[i].value;
    size_t quotes[32];
    size_t k = 0;
    for (size_t j = 0; j < v.size() && k < 32; ++j)
        if (v[j] == '"') quotes[k++] = j;
    size_t const q = quotes[c.r.below(k)];
    static constexpr string_view inserts[] = {"\\\"", "\\\\", "\\", "\\\r\n", "\\\x7f", "\\\x01", "\\a", "\"\"", "\\\xC3\xA9"};
    switch (c.r.below(4)) {
    case 0: v = c.splice(v, q, q + 1, ""); break;  // unterminated (or unopened)
    case 1: v = c.cat(v.substr(0, q + 1), "unterminated \\"); break;
    default: v = c.splice(v, q + 1, q + 1, c.r.pick(inserts)); break;
    }
    return c.ok;
}

/// Via lists with many entries, on one line or many.
inline bool via_many(ctx& c) {
    model& m = c.m;
    size_t i = pick_header(m, c.r, [](line const& l) { return l.id == header_id::via; });
    if (i == m.n) {
        line l;
        l.name = "Via";
        l.id = header_id::via;
        l.value = example_of(header_id::via);
        if (!m.insert(0, l)) return false;
        i = 0;
    }
    size_t const n = c.r.one_in(8) ? 20 + c.r.below(60) : 2 + c.r.below(8);  // small inputs run faster
    bool const lines = c.r.one_in(3);
    static constexpr string_view vias[] = {"SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK", "SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK",
                                           "SIP/2.0/TLS proxy.example.com;rport;branch=z9hG4bK", "SIP / 2.0 / SCTP p.example.com ;branch=z9hG4bK"};
    for (size_t k = 0; k < n && c.ok; ++k) {
        string_view const e = c.cat(c.r.pick(vias), c.a.number(c.r.next()));
        if (lines) {
            line l = m.h[i];
            l.value = e;
            if (!m.insert(i + 1, l)) break;
        } else {
            m.h[i].value = c.cat(e, c.r.one_in(4) ? string_view(" ,\r\n ") : string_view(", "), m.h[i].value);
        }
    }
    return c.ok;
}

/// A multipart body, with its boundary broken or not.
inline bool multipart_body(ctx& c) {
    model& m = c.m;
    static constexpr string_view boundaries[] = {"boundary1", "unique-boundary-1", "a", "\"quoted boundary\"", "x y"};
    string_view const bnd = c.r.pick(boundaries);
    string_view const b = bnd.size() > 1 && bnd[0] == '"' ? bnd.substr(1, bnd.size() - 2) : bnd;
    string_view part1 = "Content-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
    string_view part2 = "Content-Type: application/pidf+xml\r\nContent-ID: <a@b>\r\n\r\n<presence/>\r\n";
    string_view delim = c.cat("--", b);
    string_view body = c.cat(delim, "\r\n", part1);
    body = c.cat(body, delim, "\r\n", part2);
    body = c.cat(body, delim, "--\r\n");
    string_view ct_b = bnd;
    switch (c.r.below(8)) {
    case 0: body = c.cat("--other\r\n", part1, "--other--\r\n"); break;  // boundary not in the body
    case 1: body = body.substr(0, body.size() - 4 - b.size()); break;    // no closing delimiter
    case 2: ct_b = ""; break;                                             // empty boundary parameter
    case 3: body = c.cat("preamble\r\n", body, "epilogue"); break;
    case 4: body = c.cat(c.cat(delim, "\r\n", part1), c.cat(delim, "\r\n", part1.substr(0, c.r.below(part1.size())))); break;
    case 5: ct_b = c.cat(b, "x"); break;
    default: break;  // well-formed
    }
    string_view const ct = ct_b.empty() ? string_view("multipart/mixed;boundary=") : c.cat("multipart/mixed;boundary=", ct_b);
    line* t = m.find(header_id::content_type);
    if (t) t->value = ct;
    else {
        line l;
        l.name = "Content-Type";
        l.id = header_id::content_type;
        l.value = ct;
        if (!m.insert(m.n, l)) return false;
    }
    if (!m.find(header_id::content_length)) {
        line l;
        l.name = "Content-Length";
        l.id = header_id::content_length;
        l.value = "0";
        if (!m.insert(m.n, l)) return false;
    }
    m.body = body;
    return c.ok;
}

/// Numbers at their limits: CSeq, Max-Forwards, ports, Expires, status codes.
inline bool number_limits(ctx& c) {
    model& m = c.m;
    switch (c.r.below(6)) {
    case 0: {
        static constexpr string_view v[] = {"2147483647", "2147483648", "4294967295", "4294967296", "0", "00000000001", "18446744073709551616"};
        line* l = m.find(header_id::cseq);
        if (!l) return false;
        size_t sp = 0;
        while (sp < l->value.size() && l->value[sp] >= '0' && l->value[sp] <= '9') ++sp;
        l->value = c.splice(l->value, 0, sp, c.r.pick(v));
        break;
    }
    case 1: {
        static constexpr string_view v[] = {"255", "256", "0", "70", "-1", "0070", "99999999999"};
        line* l = m.find(header_id::max_forwards);
        if (!l) return false;
        l->value = c.r.pick(v);
        break;
    }
    case 2: {
        static constexpr string_view v[] = {"65535", "65536", "0", "99999", "005060", ""};
        size_t slot = 0;
        uri_spans u;
        if (!pick_uri_slot(c, slot, u)) return false;
        string_view& t = slot_text(m, slot);
        string_view const p = c.r.pick(v);
        t = u.port.found ? c.splice(t, u.port.b, u.port.e, p) : c.splice(t, u.host.e, u.host.e, c.cat(":", p));
        break;
    }
    case 3: {
        static constexpr header_id ids[] = {header_id::expires, header_id::min_expires, header_id::session_expires,
                                            header_id::min_se, header_id::rseq, header_id::retry_after};
        static constexpr string_view v[] = {"4294967295", "4294967296", "0", "2147483648", "99999999999999999999"};
        header_id const id = c.r.pick(ids);
        line* l = m.find(id);
        if (!l) {
            line n;
            n.name = to_string(id);
            n.id = id;
            if (!m.insert(m.n, n)) return false;
            l = &m.h[m.n - 1];
        }
        l->value = c.r.pick(v);
        break;
    }
    case 4: {  // the status code
        if (m.is_request) return false;
        static constexpr string_view v[] = {"100", "199", "699", "700", "099", "1000", "20", "000"};
        size_t const sp = m.start.find(' ');
        if (sp == string_view::npos) return false;
        size_t e = sp + 1;
        while (e < m.start.size() && m.start[e] != ' ') ++e;
        m.start = c.splice(m.start, sp + 1, e, c.r.pick(v));
        break;
    }
    default: {  // a Via port or ttl
        line* l = m.find(header_id::via);
        if (!l) return false;
        uri_spans const u = find_via_host(l->value);
        if (!u.found) return false;
        static constexpr string_view v[] = {":65536", ":65535", ":0", ";ttl=256", ";ttl=255", ";rport=65536", ";received=1.2.3.256"};
        size_t const at = u.port.found ? u.port.e : u.host.e;
        l->value = c.splice(l->value, at, at, c.r.pick(v));
        break;
    }
    }
    return c.ok;
}

/// Display names with UTF-8, invalid UTF-8, quoted or not.
inline bool display_name(ctx& c) {
    model& m = c.m;
    size_t const i = pick_header(m, c.r, [](line const& l) {
        return (l.id == header_id::from || l.id == header_id::to || l.id == header_id::contact || l.id == header_id::reply_to) &&
               l.value.find('<') != string_view::npos;
    });
    if (i == m.n) return false;
    static constexpr string_view names[] = {
        "\"Zo\xC3\xAB\" ",  "\"\xE6\x97\xA5\xE6\x9C\xAC\" ", "\"\xF0\x9F\x98\x80 emoji\" ", "Zo\xC3\xAB ",
        "\"\xC0\x80\" ",    "\"\xFF\xFE\" ",                  "\"\x80 lone\" ",               "\"\xE6\x97\" ",
        "\"\xED\xA0\x80\" ", "\"\xF4\x90\x80\x80\" ",          "\"a\\\"b\" ",                  "\"\" ",
        "Bob  Smith ",      "\"tab\there\" ",                 string_view("\"nul\\\0\" ", 8)};
    string_view& v = m.h[i].value;
    size_t const lt = v.find('<');
    v = c.splice(v, 0, lt, c.r.pick(names));
    return c.ok;
}

/// The start line: method case, version, spacing, Request-URI scheme.
inline bool start_line(ctx& c) {
    model& m = c.m;
    size_t const sp1 = m.start.find(' ');
    size_t const sp2 = m.start.rfind(' ');
    switch (c.r.below(5)) {
    case 0: {
        static constexpr string_view v[] = {"SIP/2.0", "sip/2.0", "SIP/2.1", "SIP/1.0", "SIP/20", "SIP/2.0 ", "SIP /2.0", "HTTP/1.1"};
        if (m.is_request) {
            if (sp2 == string_view::npos) return false;
            m.start = c.splice(m.start, sp2 + 1, m.start.size(), c.r.pick(v));
        } else {
            if (sp1 == string_view::npos) return false;
            m.start = c.splice(m.start, 0, sp1, c.r.pick(v));
        }
        break;
    }
    case 1: {
        static constexpr string_view v[] = {"INVITE", "invite", "REGISTER", "ACK", "OPTIONS", "!interesting-Method0123456789_*+`.%indeed'~",
                                            "NEWMETHOD", "BYE", "CANCEL", "PRACK", "SUBSCRIBE", "NOTIFY"};
        if (!m.is_request || sp1 == string_view::npos) return false;
        m.start = c.splice(m.start, 0, sp1, c.r.pick(v));
        break;
    }
    case 2: {
        if (sp1 == string_view::npos) return false;
        static constexpr string_view v[] = {"  ", "\t", " \t", ""};
        m.start = c.splice(m.start, sp1, sp1 + 1, c.r.pick(v));
        break;
    }
    case 3: {
        if (!m.is_request || sp1 == string_view::npos || sp2 <= sp1) return false;
        static constexpr string_view v[] = {"sips:bob@biloxi.example.com", "tel:+1-212-555-1212", "<sip:bob@biloxi.example.com>",
                                            "sip:bob@biloxi.example.com?Subject=x", "urn:service:sos", "sip:bob@biloxi.example.com;transport=tcp;lr;maddr=[::1]",
                                            "SIP:BOB@BILOXI.EXAMPLE.COM", "sip:user;par=u%40example.net@example.com"};
        m.start = c.splice(m.start, sp1 + 1, sp2, c.r.pick(v));
        break;
    }
    default: {  // the reason phrase
        if (m.is_request) return false;
        static constexpr string_view v[] = {"OK", "", "Trying \xC3\xA9", "Bad\xFF", "%41%4", "very long reason phrase with spaces"};
        size_t const sp = m.start.find(' ', sp1 == string_view::npos ? 0 : sp1 + 1);
        if (sp == string_view::npos) return false;
        m.start = c.splice(m.start, sp + 1, m.start.size(), c.r.pick(v));
        break;
    }
    }
    return c.ok;
}

/// Stream framing: CRLF keep-alives (RFC 5626) before the message or after it.
inline bool keepalive(ctx& c) {
    static constexpr string_view v[] = {"\r\n", "\r\n\r\n", "\n", "\r", "\r\n\r\n\r\n", "\n\n", ""};
    if (c.r.one_in(2)) c.m.lead = c.r.pick(v);
    else c.m.tail = c.cat(c.m.tail, c.r.pick(v));
    return c.ok;
}

/// What stream framing looks at: the Content-Length name and value forms,
/// and sizes around its limits (header bytes, header count, body bytes).
inline bool framing_edges(ctx& c) {
    model& m = c.m;
    line* cl = m.find(header_id::content_length);
    switch (c.r.below(5)) {
    case 0: {
        static constexpr string_view names[] = {"l", "L", "content-length", "CONTENT-LENGTH", "Content-Lengt", "Content-Lengthx", "ll"};
        if (!cl) return false;
        cl->name = c.r.pick(names);
        if (cl->name.size() != 1 && cl->name.size() != 14) cl->id = header_id::other;
        break;
    }
    case 1: {  // folds and spaces around the value (fixed to the body's length here)
        if (!cl) return false;
        static constexpr string_view pre[] = {"\r\n ", " ", "\t", "\r\n\t  ", "00"};
        static constexpr string_view post[] = {"", " ", "\t", "\r\n ", " \r\n\t"};
        m.fix_length = false;
        cl->value = c.cat(c.r.pick(pre), c.a.number(m.body.size()), c.r.pick(post));
        break;
    }
    case 2: {  // a header line that takes the header section past 64, 512, 4096 or 16384 octets
        static constexpr size_t sizes[] = {40, 64, 400, 512, 4000, 4096};
        line l;
        l.name = "X-Pad";
        l.value = c.a.repeat('a', c.r.pick(sizes) + c.r.below(8) - 4);
        return c.ok && !l.value.empty() && m.insert(c.r.below(m.n + 1), l);
    }
    case 3: {  // header counts around 1, 8, 64 and 1000
        static constexpr size_t counts[] = {1, 2, 7, 8, 9, 63, 64, 65, 999, 1000, 1001};
        size_t const want = c.r.pick(counts);
        while (m.n > want && m.n > 0) m.erase(m.n - 1 - (m.n > 1 ? 1 : 0));
        line l;
        l.name = "X-N";
        l.value = "1";
        while (m.n < want && m.n < max_model_headers) m.insert(c.r.below(m.n + 1), l);
        break;
    }
    default: {  // body sizes around 0, 16 and 1024
        static constexpr size_t sizes[] = {0, 1, 15, 16, 17, 1023, 1024, 1025};
        m.body = c.a.repeat('x', c.r.pick(sizes));
        if (!cl) {
            line l;
            l.name = "Content-Length";
            l.id = header_id::content_length;
            return m.insert(m.n, l);
        }
        break;
    }
    }
    return c.ok;
}

/// Byte-level edits of one value (or the start line): flip, insert, erase,
/// a SIP separator.
inline bool value_bytes(ctx& c) {
    model& m = c.m;
    bool const start = m.n == 0 || c.r.one_in(6);
    string_view& v = start ? m.start : m.h[c.r.below(m.n)].value;
    static constexpr char seps[] = {';', ',', ':', '@', '<', '>', '"', '\\', '%', '=', ' ', '\t', '[', ']', '?', '&', '/', '\0', '\x7f', '\xff'};
    char const ch = c.r.pick(seps);
    size_t const at = c.r.below(v.size() + 1);
    switch (c.r.below(3)) {
    case 0: v = c.splice(v, at, at, string_view(&ch, 1)); break;
    case 1: v = c.splice(v, at, at + 1 + c.r.below(4), ""); break;
    default: v = c.splice(v, at, at + 1, string_view(&ch, 1)); break;
    }
    return c.ok;
}

// ---------------------------------------------------------------------------
// The table: every mutation, in one place, with its weight.

using mutation_fn = bool (*)(ctx&);
struct mutation {
    char const* name;
    mutation_fn fn;
    unsigned weight;
};
inline constexpr mutation mutations[] = {
    {"dup_header", dup_header, 3},
    {"drop_header", drop_header, 2},
    {"reorder_headers", reorder_headers, 3},
    {"header_name_form", header_name_form, 3},
    {"fold_value", fold_value, 2},
    {"line_ends", line_ends, 1},
    {"header_colon", header_colon, 1},
    {"content_length", content_length, 2},
    {"splice_value", splice_value, 4},
    {"uri_escape", uri_escape, 2},
    {"uri_second_at", uri_second_at, 1},
    {"host_edge", host_edge, 2},
    {"digest_param", digest_param, 3},
    {"quoted_string", quoted_string, 1},
    {"via_many", via_many, 1},
    {"multipart_body", multipart_body, 1},
    {"number_limits", number_limits, 2},
    {"display_name", display_name, 2},
    {"start_line", start_line, 1},
    {"value_bytes", value_bytes, 2},
    {"keepalive", keepalive, 1},
    {"framing_edges", framing_edges, 2},
};
inline constexpr size_t mutation_count = sizeof mutations / sizeof mutations[0];
inline constexpr unsigned total_weight() {
    unsigned t = 0;
    for (mutation const& m : mutations) t += m.weight;
    return t;
}

inline mutation const& pick_mutation(rng& r) noexcept {
    unsigned w = static_cast<unsigned>(r.next() % total_weight());
    for (mutation const& m : mutations) {
        if (w < m.weight) return m;
        w -= m.weight;
    }
    return mutations[0];
}

// ---------------------------------------------------------------------------
// Byte level, for inputs with no SIP structure.

/// Inserts src[0, n) at d + at (at <= size, size + n <= max checked by the caller).
inline void insert_bytes(std::uint8_t* d, size_t size, size_t at, void const* src, size_t n) noexcept {
    if (at > size) at = size;
    std::memmove(d + at + n, d + at, size - at);
    std::memcpy(d + at, src, n);
}

inline size_t byte_mutate(std::uint8_t* d, size_t size, size_t max_size, rng& r) noexcept {
    static constexpr string_view tokens[] = {"SIP/2.0", "\r\n", "\r\n\r\n", ": ", "sip:", "Via: SIP/2.0/UDP ", "Content-Length: ",
                                             "INVITE ", "@", ";branch=z9hG4bK", "<sip:a@b>", "\"", "%40", ";tag=", "CSeq: 1 "};
    size_t const ops = 1 + r.below(4);
    for (size_t k = 0; k < ops; ++k) {
        switch (r.below(6)) {
        case 0:
            if (size) d[r.below(size)] ^= static_cast<std::uint8_t>(1u << r.below(8));
            break;
        case 1:
            if (size) d[r.below(size)] = static_cast<std::uint8_t>(r.next());
            break;
        case 2:  // erase a run
            if (size) {
                size_t const at = r.below(size);
                size_t n = 1 + r.below(8);
                if (n > size - at) n = size - at;
                std::memmove(d + at, d + at + n, size - at - n);
                size -= n;
            }
            break;
        case 3: {  // insert a token
            string_view const t = r.pick(tokens);
            if (t.size() > max_size - size) break;
            insert_bytes(d, size, r.below(size + 1), t.data(), t.size());
            size += t.size();
            break;
        }
        case 4: {  // duplicate a run
            if (!size) break;
            std::uint8_t run[32];
            size_t const from = r.below(size);
            size_t n = 1 + r.below(sizeof run);
            if (n > size - from) n = size - from;
            if (n > max_size - size) break;
            std::memcpy(run, d + from, n);
            insert_bytes(d, size, r.below(size + 1), run, n);
            size += n;
            break;
        }
        default:  // insert a byte
            if (size < max_size) {
                std::uint8_t const b = static_cast<std::uint8_t>(r.next());
                insert_bytes(d, size, r.below(size + 1), &b, 1);
                ++size;
            }
        }
    }
    return size;
}

inline size_t clamp_cap(size_t max) noexcept { return max < scratch_capacity ? max : scratch_capacity; }

/// Applies 1 (mostly) to 4 mutations to c.m; false when none applied.
inline bool apply_some(ctx& c) noexcept {
    size_t const want = c.r.one_in(6) ? 2 + c.r.below(3) : 1;
    size_t done = 0;
    for (size_t tries = 0; tries < 16 && done < want; ++tries) {
        c.ok = true;
        if (pick_mutation(c.r).fn(c) && c.ok) ++done;
    }
    return done > 0;
}

inline size_t generate_into(char* out, size_t cap, rng& r) noexcept;

} // namespace mutator_detail

/// The number of mutations in the table, and their names (for statistics).
inline constexpr std::size_t mutation_count = mutator_detail::mutation_count;
inline constexpr char const* mutation_name(std::size_t i) noexcept {
    return i < mutation_count ? mutator_detail::mutations[i].name : "";
}

/// Builds a valid SIP message (request or response) from the registry's
/// example values into out[0, max_out); returns its length (cut at max_out).
inline std::size_t generate(std::uint8_t* out, std::size_t max_out, std::uint32_t seed) noexcept {
    mutator_detail::rng r(seed);
    return mutator_detail::generate_into(reinterpret_cast<char*>(out), max_out, r);
}

/// Mutates data[0, size) in place at the level of SIP; returns the new size
/// (at most max_size). Deterministic for a seed.
inline std::size_t mutate(std::uint8_t* data, std::size_t size, std::size_t max_size, std::uint32_t seed) noexcept {
    using namespace mutator_detail;
    if (max_size == 0) return 0;
    if (size > max_size) size = max_size;
    rng r(seed);
    scratch& s = tls();
    s.text.used = 0;
    model& m = s.models[0];
    string_view const in(reinterpret_cast<char const*>(data), size);
    size_t const cap = clamp_cap(max_size);
    if (size == 0 || r.one_in(64)) {  // now and then a fresh message
        size_t const n = generate_into(s.out, cap, r);
        std::memcpy(data, s.out, n);
        return n;
    }
    // A stream of several messages (a tail after the first one's body): now
    // and then the first is kept and the rest mutated.
    if (load(in, m, s.fields[0]) && !m.tail.empty() && r.one_in(2)) {
        size_t const keep = static_cast<size_t>(m.tail.data() - in.data());
        return keep + mutate(data + keep, size - keep, max_size - keep, r.next());
    }
    // A mutation whose output would not fit in max_size is tried again with
    // the seed's next numbers (a few times), rather than cut.
    size_t n = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
        s.text.used = 0;
        if (!load(in, m, s.fields[0])) return byte_mutate(data, size, max_size, r);
        ctx c{m, r, s.text, nullptr};
        if (!apply_some(c)) return byte_mutate(data, size, max_size, r);
        n = write(m, s.out, scratch_capacity);
        if (n <= cap) break;
    }
    if (n > cap) n = write(m, s.out, cap);
    if (r.one_in(16) && 2 * n <= cap) {  // pipelined: the message twice, maybe keep-alives between
        static constexpr string_view between[] = {"", "\r\n", "\r\n\r\n"};
        string_view const k = r.pick(between);
        if (2 * n + k.size() <= cap) {
            std::memcpy(s.out + n, k.data(), k.size());
            std::memcpy(s.out + n + k.size(), s.out, n);
            n = 2 * n + k.size();
        }
    }
    std::memcpy(data, s.out, n);
    return n;
}

/// Mixes two messages into out[0, max_out): header values and lines of b
/// spliced into a (a's other mutations too, now and then). Returns the size.
inline std::size_t cross_over(std::uint8_t const* a, std::size_t na, std::uint8_t const* b, std::size_t nb, std::uint8_t* out,
                              std::size_t max_out, std::uint32_t seed) noexcept {
    using namespace mutator_detail;
    if (max_out == 0) return 0;
    rng r(seed);
    scratch& s = tls();
    s.text.used = 0;
    string_view const sa(reinterpret_cast<char const*>(a), na), sb(reinterpret_cast<char const*>(b), nb);
    bool const la = load(sa, s.models[0], s.fields[0]);
    bool const lb = load(sb, s.models[1], s.fields[1]);
    if (!la || !lb) {  // byte level: a's head, b's tail
        size_t const ca = na ? r.below(na + 1) : 0;
        size_t const cb = nb ? r.below(nb + 1) : 0;
        size_t n = 0;
        for (size_t i = 0; i < ca && n < max_out; ++i) out[n++] = a[i];
        for (size_t i = cb; i < nb && n < max_out; ++i) out[n++] = b[i];
        return n;
    }
    model& m = s.models[0];
    model const& o = s.models[1];
    ctx c{m, r, s.text, &o};
    size_t const k = 1 + r.below(4);
    for (size_t i = 0; i < k; ++i) {
        c.ok = true;
        switch (r.below(5)) {
        case 0:  // b's body (and Content-Type)
            m.body = o.body;
            if (line const* t = o.find(header_id::content_type)) {
                if (line* mt = m.find(header_id::content_type)) mt->value = t->value;
                else m.insert(m.n, *t);
            }
            break;
        case 1:
            if (r.one_in(2)) m.start = o.start, m.is_request = o.is_request;
            else if (o.n) m.insert(r.below(m.n + 1), o.h[r.below(o.n)]);
            break;
        case 4: apply_some(c); break;
        default: splice_value(c); break;
        }
    }
    return write(m, reinterpret_cast<char*>(out), clamp_cap(max_out));
}

namespace mutator_detail {

inline size_t generate_into(char* out, size_t cap, rng& r) noexcept {
    static constexpr string_view methods[] = {"INVITE", "REGISTER", "OPTIONS", "BYE", "ACK", "CANCEL", "MESSAGE",
                                              "SUBSCRIBE", "NOTIFY", "REFER", "INFO", "PRACK", "UPDATE", "PUBLISH"};
    static constexpr string_view statuses[] = {"100 Trying", "180 Ringing", "200 OK", "401 Unauthorized", "407 Proxy Authentication Required",
                                               "486 Busy Here", "302 Moved Temporarily", "503 Service Unavailable", "603 Decline"};
    static constexpr string_view uris[] = {"sip:bob@biloxi.example.com", "sips:alice@atlanta.example.com:5061",
                                           "sip:[2001:db8::10]:5070;transport=tcp", "sip:+1-212-555-1212@gateway.example.com;user=phone",
                                           "sip:registrar.example.com", "tel:+12125551212"};
    scratch& s = tls();
    arena& a = s.text;
    a.used = 0;
    model& m = s.models[0];
    m = model{};
    bool ok = true;
    string_view const method = r.pick(methods);
    m.is_request = !r.one_in(3);
    m.start = m.is_request ? a.cat(ok, method, " ", r.pick(uris), " SIP/2.0") : a.cat(ok, "SIP/2.0 ", r.pick(statuses));
    auto add = [&](header_id id, string_view value) {
        line l;
        l.id = id;
        l.name = r.one_in(8) && compact_form(id) ? string_view(&detail::header_names[static_cast<size_t>(id)].compact, 1) : to_string(id);
        l.value = value;
        m.insert(m.n, l);
    };
    add(header_id::via, example_of(header_id::via));
    if (m.is_request) add(header_id::max_forwards, r.one_in(2) ? string_view("70") : example_of(header_id::max_forwards));
    add(header_id::from, example_of(header_id::from));
    add(header_id::to, example_of(header_id::to));
    add(header_id::call_id, example_of(header_id::call_id));
    add(header_id::cseq, a.cat(ok, a.number(1 + r.below(100000)), " ", method));
    if (r.one_in(2)) add(header_id::contact, example_of(header_id::contact));
    size_t const extra = r.below(8);
    for (size_t k = 0; k < extra; ++k) {
        registry_row const& row = registry[r.below(registry_size)];
        if (row.id == header_id::content_length || row.id == header_id::content_type || row.id == header_id::cseq ||
            row.id == header_id::max_forwards || m.find(row.id))
            continue;
        add(row.id, row.example);
    }
    if (r.one_in(2)) {
        add(header_id::content_type, "application/sdp");
        m.body = "v=0\r\no=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r\ns=-\r\n"
                 "c=IN IP4 host.atlanta.example.com\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 97\r\na=rtpmap:0 PCMU/8000\r\n";
    }
    add(header_id::content_length, "0");
    (void)ok;
    return write(m, out, clamp_cap(cap));
}

} // namespace mutator_detail
} // namespace fuzz
} // namespace sipview

#endif
