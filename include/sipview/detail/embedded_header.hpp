// sipview — a header carried inside a URI's headers component (RFC 3261
// §19.1.1: `<sip:bob@b?Replaces=...>`, RFC 7044's `?Reason=...`): found by
// name, percent-decoded into caller storage and parsed with its value
// parser.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DETAIL_EMBEDDED_HEADER_HPP
#define SIPVIEW_DETAIL_EMBEDDED_HEADER_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include <sipview/error.hpp>
#include <sipview/text.hpp>
#include <sipview/uri.hpp>

namespace sipview {
namespace detail {
/// The value of URI header `name` (RFC 3261 §19.1.1 headers), percent-decoded
/// into [out, out + cap) and parsed with `parse`: nullopt when the URI has no
/// such header. Error offsets are in the decoded text.
template <class Ast>
inline result<std::optional<Ast>> embedded_header(uri const& u, std::string_view name, char* out, std::size_t cap,
                                                  result<Ast> (*parse)(borrowed_text) noexcept) noexcept {
    auto const h = u.headers().find(name);
    if (!h) return std::optional<Ast>();
    auto const decoded = decode_percent(h->value.value_or(std::string_view{}), out, cap);
    if (!decoded) return decoded.error();
    auto const parsed = parse(*decoded);
    if (!parsed) return parsed.error();
    return std::optional<Ast>(*parsed);
}
} // namespace detail
} // namespace sipview

#endif
