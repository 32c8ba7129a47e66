// sipview — the library's compiled part, for separate compilation
// (SIPVIEW_SEPARATE_COMPILATION, see detail/config.hpp and README.md).
//
// Include this file in exactly one .cpp of the program, before any other
// sipview header, with SIPVIEW_SEPARATE_COMPILATION defined for every TU:
//
//     // sipview.cpp
//     #include <sipview/src.hpp>
//
// (or link the CMake target sipview::compiled, which does this). That TU
// instantiates every grammar and defines every function the headers only
// declare in that mode: the parse_* functions, the list iterators' steps,
// message parsing, the explainers and format()'s writers.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_SRC_HPP
#define SIPVIEW_SRC_HPP

#if !defined(SIPVIEW_SEPARATE_COMPILATION)
#error "sipview/src.hpp is for SIPVIEW_SEPARATE_COMPILATION: define it for every TU of the program (header-only needs no src.hpp)"
#endif
#if defined(SIPVIEW_DETAIL_CONFIG_HPP)
#error "include sipview/src.hpp before any other sipview header"
#endif

#define SIPVIEW_SOURCE
#include <sipview/sipview.hpp>

#include <type_traits>
#include <utility>

namespace sipview {
namespace detail {

// The element rules the list types name (SIPVIEW_RULE_REF, value_list.hpp).
#define SIPVIEW_DEFINE_RULE_REF(name, Tag) constexpr rule_ref<Tag> name{};
SIPVIEW_DEFINE_RULE_REF(reason_value_ref, reason_value_rule)
SIPVIEW_DEFINE_RULE_REF(warning_value_ref, warning_value_rule)
SIPVIEW_DEFINE_RULE_REF(server_val_ref, server_val_rule)
SIPVIEW_DEFINE_RULE_REF(accept_range_ref, accept_range_rule)
SIPVIEW_DEFINE_RULE_REF(encoding_ref, encoding_rule)
SIPVIEW_DEFINE_RULE_REF(language_ref, language_rule)
SIPVIEW_DEFINE_RULE_REF(star_value_ref, star_value_rule)
SIPVIEW_DEFINE_RULE_REF(token_value_ref, token_value_rule)
SIPVIEW_DEFINE_RULE_REF(token_or_quoted_value_ref, token_or_quoted_value_rule)
#undef SIPVIEW_DEFINE_RULE_REF

} // namespace detail

// The list iterators, whose step re-reads an element with its grammar.
template class detail::value_list<reason, detail::reason_value_ref>::iterator;
template class detail::value_list<warning_value, detail::warning_value_ref>::iterator;
template class detail::value_list<product_item, detail::server_val_ref>::iterator;
template class detail::value_list<valued_params, detail::accept_range_ref>::iterator;
template class detail::value_list<valued_params, detail::encoding_ref>::iterator;
template class detail::value_list<valued_params, detail::language_ref>::iterator;
template class detail::value_list<valued_params, detail::star_value_ref>::iterator;
template class detail::value_list<valued_params, detail::token_value_ref>::iterator;
template class detail::value_list<valued_params, detail::token_or_quoted_value_ref>::iterator;
template class basic_name_addr_list<name_addr>::iterator;
template class basic_name_addr_list<diversion>::iterator;
template class basic_name_addr_list<history_entry>::iterator;

// The link-time check of the build configuration (detail/config.hpp): the
// functions for this TU's switches and validated rows, which every other TU
// of the program references for its own.
namespace detail {
void build_switches_check(this_build_switches*) noexcept {}
void message_impl::validated_rows_check(message_impl::this_validated_rows*) noexcept {}
} // namespace detail

// format(): the writers, once per formattable type.
namespace detail {
namespace fmt {
template <class T>
void write_erased(erased_sink& s, T const& v, format_options const& o) {
    write(s, v, o);
}
template <class T, class = void>
struct has_writer : std::false_type {};
template <class T>
struct has_writer<T, std::void_t<decltype(write(std::declval<count_sink&>(), std::declval<T const&>(),
                                                std::declval<format_options const&>()))>> : std::true_type {};
} // namespace fmt
} // namespace detail

#define SIPVIEW_INSTANTIATE_FORMAT(T)                                                                              \
    static_assert(detail::fmt::has_writer<T>::value, "SIPVIEW_FORMATTABLE_TYPES lists a type without a writer");  \
    template std::size_t formatted_size<T, 0>(T const&, format_options const&) noexcept;                           \
    template std::optional<parse_error> check_format<T, 0>(T const&, format_options const&) noexcept;              \
    template result<std::string_view> format<T, 0>(T const&, char*, std::size_t, format_options const&) noexcept; \
    template void detail::fmt::write_erased<T>(detail::fmt::erased_sink&, T const&, format_options const&);
SIPVIEW_FORMATTABLE_TYPES(SIPVIEW_INSTANTIATE_FORMAT)
#undef SIPVIEW_INSTANTIATE_FORMAT

} // namespace sipview

#endif
