// Checks shared by the fuzz harnesses and tests/test_format.cpp:
//   * within(ast, buffer): every string_view of an AST (and of what its
//     ranges yield) lies inside the parsed buffer;
//   * same(a, b, why): two ASTs are equal field by field (not by pointer),
//     comparing whitespace-insensitively exactly where the grammar lets
//     whitespace vary (around separators, between display-name words, line
//     folds in quoted strings and header values), so that
//     same(parse(x), parse(format(parse(x)))) must hold;
//   * round_trip(ast, reparse, why): format, re-parse, compare, and check
//     that formatting again gives the same text (idempotence) and that the
//     three format forms (size, buffer, iterator) agree.
// Test code: it may allocate.
#pragma once

#include <sipview/auth.hpp>
#include <sipview/format.hpp>
#include <sipview/message.hpp>
#include <sipview/stream.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace sipview_check {

using namespace sipview;

// ---------------------------------------------------------------------------
// Views inside the buffer.

struct buffer {
    char const* begin;
    char const* end;
    bool in(std::string_view v) const noexcept {
        if (v.data() == nullptr) return v.empty();
        return v.data() >= begin && v.data() <= end && v.size() <= static_cast<std::size_t>(end - v.data());
    }
    bool in(std::optional<std::string_view> const& v) const noexcept { return !v || in(*v); }
};

inline bool within(param_range const& r, buffer const& b) {
    if (!b.in(r.text())) return false;
    for (auto const& p : r)
        if (!b.in(p.name) || !b.in(p.value)) return false;
    return true;
}

inline bool within(uri const& u, buffer const& b) {
    return b.in(u.text) && b.in(u.scheme) && b.in(u.user) && b.in(u.password) && b.in(u.host) && b.in(u.port_text) &&
           b.in(u.params_text) && b.in(u.headers_text) && b.in(u.opaque) && within(u.params(), b) && within(u.headers(), b);
}

inline bool within(name_addr const& n, buffer const& b) {
    return b.in(n.text) && b.in(n.display_name) && within(n.uri, b) && b.in(n.params_text) && within(n.params(), b);
}

template <class Element>
inline bool within(basic_name_addr_list<Element> const& l, buffer const& b) {
    if (!b.in(l.text())) return false;
    std::size_t count = 0;
    for (auto const& n : l) {
        if (!within(static_cast<name_addr const&>(n), b)) return false;
        ++count;
    }
    return count == l.size();
}

inline bool within(via const& v, buffer const& b) {
    return b.in(v.text) && b.in(v.protocol_name) && b.in(v.protocol_version) && b.in(v.transport) && b.in(v.host) &&
           b.in(v.port_text) && b.in(v.params_text) && within(v.params(), b) && b.in(v.branch()) && b.in(v.received()) &&
           b.in(v.rport()) && b.in(v.maddr());
}

inline bool within(via_list const& l, buffer const& b) {
    if (!b.in(l.text())) return false;
    std::size_t count = 0;
    for (auto const& v : l) {
        if (!within(v, b)) return false;
        ++count;
    }
    return count == l.size() && (l.empty() || within(l.front(), b));
}

template <class Auth>
inline bool within_auth(Auth const& a, buffer const& b) {
    if (!b.in(a.text) || !b.in(a.scheme) || !b.in(a.params_text) || !within(a.params(), b)) return false;
    return true;
}
inline bool within(credentials const& c, buffer const& b) { return within_auth(c, b); }
inline bool within(challenge const& c, buffer const& b) { return within_auth(c, b); }

inline bool within(cseq const& c, buffer const& b) { return b.in(c.number_text) && b.in(c.method); }
inline bool within(media_type const& m, buffer const& b) {
    return b.in(m.text) && b.in(m.type) && b.in(m.subtype) && b.in(m.params_text) && within(m.params(), b);
}

/// Numbers hold no view; text must lie inside.
inline bool within(std::string_view v, buffer const& b) { return b.in(v); }
inline bool within(std::optional<std::string_view> const& v, buffer const& b) { return b.in(v); }
template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
inline bool within(T, buffer const&) {
    return true;
}
template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
inline bool within(std::optional<T> const&, buffer const&) {
    return true;
}

/// visit_fields(ast, f) of the ASTs added through the header registry.
template <class T, class = void>
struct has_fields : std::false_type {};
struct field_probe {
    template <class V>
    void operator()(char const*, V const&) const {}
};
template <class T>
struct has_fields<T, std::void_t<decltype(visit_fields(std::declval<T const&>(), std::declval<field_probe&>()))>> : std::true_type {};

template <class T, std::enable_if_t<has_fields<T>::value, int> = 0>
inline bool within(T const& v, buffer const& b) {
    bool ok = true;
    visit_fields(v, [&](char const*, auto const& f) { ok = ok && within(f, b); });
    return ok;
}

/// Lists of tokens and of typed values (Reason, Warning): every element inside, as many as size() says.
inline bool within(token_list const& l, buffer const& b) {
    if (!b.in(l.text())) return false;
    for (std::string_view t : l)
        if (!b.in(t)) return false;
    return true;
}
template <class T, auto const& E>
inline bool within(sipview::detail::value_list<T, E> const& l, buffer const& b) {
    if (!b.in(l.text())) return false;
    std::size_t count = 0;
    for (auto const& r : l) {
        if (!within(r, b)) return false;
        ++count;
    }
    return count == l.size();
}

/// A message and every typed header it yields (every row of the header registry).
inline bool within(message const& m, buffer const& b) {
    if (!b.in(m.text()) || !b.in(m.start_line()) || !b.in(m.method()) || !b.in(m.version()) || !b.in(m.reason()) ||
        !b.in(m.head()) || !b.in(m.body()))
        return false;
    if (m.is_request() && !within(m.request_uri(), b)) return false;
    std::size_t const size = static_cast<std::size_t>(b.end - b.begin);
    for (auto const& h : m.headers()) {
        if (!b.in(h.name) || !b.in(h.value)) return false;
        if (h.offset > size || h.value_offset > size) return false;
    if (b.begin + h.offset != h.name.data() || b.begin + h.value_offset != h.value.data()) return false;
    }
    if (auto r = m.top_via()) { if (!within(*r, b)) return false; } else if (r.error().offset > size) return false;
    bool ok = true;
    for_each_header([&](auto tag) {
        using H = decltype(tag);
        if (!ok) return;
        auto r = m.get<H>();
        if (!r) {
            ok = r.error().offset <= size;
            return;
        }
        if constexpr (H::arity == header_arity::single) {
            ok = within(*r, b);
        } else {
            for (auto const& e : *r) ok = ok && within(e, b);
        }
    });
    if (!ok) return false;
    for (auto const& h : m.headers()) {
        bool line_ok = true;
        m.visit_typed(h, [&](auto, auto const& r) { line_ok = r ? within(*r, b) : r.error().offset <= size; });
        if (!line_ok) return false;
    }
    for (auto const& w : m.warnings())
        if (w.offset > size) return false;
    return true;
}

// ---------------------------------------------------------------------------
// Equality up to canonical spacing.

/// What differed (a field name), for the report.
struct why {
    char const* field = nullptr;
    bool fail(char const* f) {
        if (field == nullptr) field = f;
        return false;
    }
};

/// A quoted string or header value with the line break of every fold removed
/// (what format() writes): CR and LF outside quoted-pairs dropped.
inline std::string drop_line_breaks(std::string_view v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
            s += v[i];
            s += v[++i];
            continue;
        }
        if (v[i] != '\r' && v[i] != '\n') s += v[i];
    }
    return s;
}

/// An unknown header value with the line break of each fold (CR? LF before WSP) removed.
inline std::string unfold(std::string_view v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::size_t j = i;
        if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') ++j;
        if (v[j] == '\n') {
            if (j + 1 < v.size() && (v[j + 1] == ' ' || v[j + 1] == '\t')) {
                i = j;
                continue;
            }
        }
        s += v[i];
    }
    return s;
}

/// Words separated by LWS, joined by one SP.
inline std::string words(std::string_view v) {
    std::string s;
    std::size_t i = 0;
    while (i < v.size()) {
        while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) ++i;
        std::size_t const b = i;
        while (i < v.size() && !(v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) ++i;
        if (i == b) break;
        if (!s.empty()) s += ' ';
        s.append(v.data() + b, i - b);
    }
    return s;
}

inline std::string param_value(std::string_view v) {
    return !v.empty() && v.front() == '"' ? drop_line_breaks(v) : std::string(v);
}

inline bool same_opt(std::optional<std::string_view> const& a, std::optional<std::string_view> const& b) {
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

inline bool same(param_range const& a, param_range const& b, why& w) {
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j) {
        if (i->name != j->name) return w.fail("param name");
        if (i->value.has_value() != j->value.has_value()) return w.fail("param value presence");
        if (i->value && param_value(*i->value) != param_value(*j->value)) return w.fail("param value");
    }
    if (i != a.end() || j != b.end()) return w.fail("param count");
    return true;
}

inline bool same(uri const& a, uri const& b, why& w) {
    if (a.text != b.text) return w.fail("uri.text");
    if (a.scheme != b.scheme) return w.fail("uri.scheme");
    if (a.kind != b.kind) return w.fail("uri.kind");
    if (!same_opt(a.user, b.user)) return w.fail("uri.user");
    if (!same_opt(a.password, b.password)) return w.fail("uri.password");
    if (a.host != b.host) return w.fail("uri.host");
    if (a.host_kind != b.host_kind) return w.fail("uri.host_kind");
    if (!same_opt(a.port_text, b.port_text)) return w.fail("uri.port_text");
    if (a.params_text != b.params_text) return w.fail("uri.params_text");
    if (!same_opt(a.headers_text, b.headers_text)) return w.fail("uri.headers_text");
    if (a.opaque != b.opaque) return w.fail("uri.opaque");
    return same(a.params(), b.params(), w) && same(a.headers(), b.headers(), w);
}

inline bool same(name_addr const& a, name_addr const& b, why& w) {
    if (a.display_name.has_value() != b.display_name.has_value()) return w.fail("display_name presence");
    if (a.display_name_quoted != b.display_name_quoted) return w.fail("display_name_quoted");
    if (a.display_name) {
        if (a.display_name_quoted ? drop_line_breaks(*a.display_name) != drop_line_breaks(*b.display_name)
                                  : words(*a.display_name) != words(*b.display_name))
            return w.fail("display_name");
    }
    if (a.bracketed != b.bracketed) return w.fail("bracketed");
    return same(a.uri, b.uri, w) && same(a.params(), b.params(), w);
}

template <class Element>
inline bool same(basic_name_addr_list<Element> const& a, basic_name_addr_list<Element> const& b, why& w) {
    if (a.is_star() != b.is_star()) return w.fail("list is_star");
    if (a.size() != b.size()) return w.fail("list size");
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
        if (!same(static_cast<name_addr const&>(*i), static_cast<name_addr const&>(*j), w)) return false;
    if (i != a.end() || j != b.end()) return w.fail("list iteration length");
    return true;
}

inline bool same(via const& a, via const& b, why& w) {
    if (a.protocol_name != b.protocol_name) return w.fail("via.protocol_name");
    if (a.protocol_version != b.protocol_version) return w.fail("via.protocol_version");
    if (a.transport != b.transport) return w.fail("via.transport");
    if (a.host != b.host) return w.fail("via.host");
    if (a.host_kind != b.host_kind) return w.fail("via.host_kind");
    if (!same_opt(a.port_text, b.port_text)) return w.fail("via.port_text");
    return same(a.params(), b.params(), w);
}

inline bool same(via_list const& a, via_list const& b, why& w) {
    if (a.size() != b.size()) return w.fail("via list size");
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
        if (!same(*i, *j, w)) return false;
    if (i != a.end() || j != b.end()) return w.fail("via list iteration length");
    return true;
}

template <class Auth>
inline bool same_auth(Auth const& a, Auth const& b, why& w) {
    if (a.scheme != b.scheme) return w.fail("auth.scheme");
    if constexpr (std::is_same_v<Auth, credentials>)
        if (a.bearer_token() != b.bearer_token()) return w.fail("auth.bearer_token");
    return same(a.params(), b.params(), w);
}
inline bool same(credentials const& a, credentials const& b, why& w) { return same_auth(a, b, w); }
inline bool same(challenge const& a, challenge const& b, why& w) { return same_auth(a, b, w); }

inline bool same(cseq const& a, cseq const& b, why& w) {
    if (a.number != b.number || a.number_text != b.number_text) return w.fail("cseq.number");
    if (a.method != b.method) return w.fail("cseq.method");
    return true;
}

inline bool same(media_type const& a, media_type const& b, why& w) {
    if (a.type != b.type || a.subtype != b.subtype) return w.fail("media_type");
    return same(a.params(), b.params(), w);
}

/// An optional number field (Reason's cause, Subscription-State's expires).
template <class T>
struct is_optional_number : std::false_type {};
template <class T>
struct is_optional_number<std::optional<T>> : std::is_integral<T> {};

/// The ASTs added through the header registry: field by field (visit_fields).
inline bool same_field(std::uint64_t a, std::uint64_t b, why& w) { return a == b || w.fail("number field"); }
/// Text fields compare without the line breaks of folds: a folded quoted
/// string (Reason's text, Warning's text) is written unfolded, and only text
/// from a quoted string or LWS can hold CR or LF.
inline bool same_field(std::string_view a, std::string_view b, why& w) {
    return a == b || drop_line_breaks(a) == drop_line_breaks(b) || w.fail("text field");
}
inline bool same_field(std::optional<std::string_view> const& a, std::optional<std::string_view> const& b, why& w) {
    return same_opt(a, b) || (a && b && drop_line_breaks(*a) == drop_line_breaks(*b)) || w.fail("optional text field");
}
inline bool same_field(param_range const& a, param_range const& b, why& w) { return same(a, b, w); }

template <class T, std::enable_if_t<has_fields<T>::value, int> = 0>
inline bool same(T const& a, T const& b, why& w) {
    // the fields of a, then of b, compared in order
    std::uint64_t numbers[2][8] = {};
    std::optional<std::string_view> texts[2][8];
    param_range params[2][8];
    auto collect = [&](T const& v, int side) {
        std::size_t n = 0, t = 0, p = 0;
        visit_fields(v, [&](char const*, auto const& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (std::is_integral_v<F>) numbers[side][n++ % 8] = static_cast<std::uint64_t>(f);
            else if constexpr (is_optional_number<F>::value) numbers[side][n++ % 8] = f ? std::uint64_t{*f} + 1 : 0;  // 0: absent
            else if constexpr (std::is_same_v<F, param_range>) params[side][p++ % 8] = f;
            else texts[side][t++ % 8] = std::optional<std::string_view>(f);
        });
    };
    collect(a, 0);
    collect(b, 1);
    for (int i = 0; i < 8; ++i)
        if (!same_field(numbers[0][i], numbers[1][i], w) || !same_field(texts[0][i], texts[1][i], w) ||
            !same_field(params[0][i], params[1][i], w))
            return false;
    return true;
}

/// Lists of tokens and of typed values (Reason, Warning): element by element.
inline bool same(token_list const& a, token_list const& b, why& w) {
    if (a.separator() != b.separator()) return w.fail("token list separator");
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
        if (*i != *j) return w.fail("token list item");
    if (i != a.end() || j != b.end()) return w.fail("token list length");
    return true;
}
template <class T, auto const& E>
inline bool same(sipview::detail::value_list<T, E> const& a, sipview::detail::value_list<T, E> const& b, why& w) {
    if (a.size() != b.size()) return w.fail("value list size");
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
        if (!same(*i, *j, w)) return false;
    if (i != a.end() || j != b.end()) return w.fail("value list iteration length");
    return true;
}

/// Values of the headers known by name only, and numbers.
inline bool same(std::string_view a, std::string_view b, why& w) { return a == b || w.fail("value"); }
template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
inline bool same(T a, T b, why& w) {
    return a == b || w.fail("number");
}

/// A typed header value: equal ASTs when the first parses, equal unfolded
/// text when it does not.
template <class Parse>
inline bool same_typed(std::string_view a, std::string_view b, Parse parse, why& w) {
    auto ra = parse(a);
    if (!ra) {
        if (unfold(a) != unfold(b)) return w.fail("header value (untyped)");
        return true;
    }
    auto rb = parse(b);
    if (!rb) return w.fail("typed header value no longer parses");
    return same(*ra, *rb, w);
}

inline bool same(header_field const& a, header_field const& b, why& w) {
    if (a.id != b.id) return w.fail("header id");
    if (a.id == header_id::other && a.name != b.name) return w.fail("header name");
    // a header whose registry row formats it typed: equal ASTs; any other: equal unfolded text
    bool typed = false, result = true;
    visit_header(a.id, [&](auto tag) {
        using H = decltype(tag);
        if constexpr (H::format == value_format::typed) {
            typed = true;
            result = same_typed(a.value, b.value, H::parse, w);
        }
    });
    if (typed) return result;
    if (unfold(a.value) != unfold(b.value)) return w.fail("header value");
    return true;
}

inline bool same(message const& a, message const& b, why& w) {
    if (a.kind() != b.kind()) return w.fail("message kind");
    if (a.method() != b.method()) return w.fail("method");
    if (a.is_request() && !same(a.request_uri(), b.request_uri(), w)) return false;
    if (a.version() != b.version()) return w.fail("version");
    if (a.status_code() != b.status_code()) return w.fail("status code");
    if (a.reason() != b.reason()) return w.fail("reason");
    if (a.header_count() != b.header_count()) return w.fail("header count");
    for (std::size_t i = 0; i < a.header_count(); ++i)
        if (!same(a.headers()[i], b.headers()[i], w)) return false;
    if (a.body() != b.body()) return w.fail("body");
    return true;
}

// ---------------------------------------------------------------------------
// Formatting.

/// format() through the iterator form.
template <class T>
inline std::string formatted(T const& v, format_options const& o = {}) {
    std::string s;
    format(v, std::back_inserter(s), o);
    return s;
}

/// The three forms agree: formatted_size, the buffer form (exact capacity
/// succeeds, one less fails with too_large) and the iterator form.
template <class T>
inline bool forms_agree(T const& v, std::string const& text, format_options const& o, why& w) {
    if (formatted_size(v, o) != text.size()) return w.fail("formatted_size differs from the iterator form");
    std::string buf(text.size() + 1, '\0');
    auto r = format(v, &buf[0], text.size(), o);
    if (!r || *r != text) return w.fail("buffer form differs from the iterator form");
    if (!text.empty()) {
        auto small = format(v, &buf[0], text.size() - 1, o);
        if (small || small.error().code != errc::too_large) return w.fail("a buffer one byte short did not fail with too_large");
    }
    return true;
}

} // namespace sipview_check
