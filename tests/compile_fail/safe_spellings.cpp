// MUST compile: the spellings the compile_fail cases' errors point to, so
// that those cases fail because of the trap and not because the headers, the
// flags or the include paths are broken. Also checks, with static_assert,
// every entry point that returns views into its input (not only the few
// with a compile_fail case of their own).
#include <sipview/sipview.hpp>

#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace sv = sipview;

std::string read_datagram();

// --- borrowed_text: a temporary std::string is refused, everything else not
template <class F>
constexpr bool takes_temporary_string = std::is_invocable_v<F, std::string> || std::is_invocable_v<F, std::string const>;
template <class F>
constexpr bool takes_named_text = std::is_invocable_v<F, std::string&> && std::is_invocable_v<F, std::string const&> &&
                                  std::is_invocable_v<F, char const*> && std::is_invocable_v<F, std::string_view>;
#define SIPVIEW_BORROWS(f)                                                                      \
    static_assert(!takes_temporary_string<decltype(f)>, #f " accepts a temporary std::string"); \
    static_assert(takes_named_text<decltype(f)>, #f " refuses a named string")
SIPVIEW_BORROWS(sv::parse_uri);
SIPVIEW_BORROWS(sv::parse_name_addr);
SIPVIEW_BORROWS(sv::parse_contact_list);
SIPVIEW_BORROWS(sv::parse_route_list);
SIPVIEW_BORROWS(sv::parse_name_addr_list);
SIPVIEW_BORROWS(sv::parse_via);
SIPVIEW_BORROWS(sv::parse_via_list);
SIPVIEW_BORROWS(sv::parse_credentials);
SIPVIEW_BORROWS(sv::parse_challenge);
SIPVIEW_BORROWS(sv::parse_cseq);
SIPVIEW_BORROWS(sv::parse_call_id);
SIPVIEW_BORROWS(sv::parse_media_type);
#undef SIPVIEW_BORROWS
static_assert(!std::is_convertible_v<std::string, sv::borrowed_text>);
// front() of every range returns its element by value (so it cannot dangle)
static_assert(std::is_same_v<decltype(std::declval<sv::via_list const&>().front()), sv::via>);
static_assert(std::is_same_v<decltype(std::declval<sv::name_addr_list const&>().front()), sv::name_addr>);
static_assert(std::is_same_v<decltype(std::declval<sv::via_range const&>().front()), sv::via>);
static_assert(std::is_same_v<decltype(std::declval<sv::contact_range const&>().front()), sv::name_addr>);
static_assert(!std::is_convertible_v<std::string const, sv::borrowed_text>);
static_assert(std::is_convertible_v<std::string&, sv::borrowed_text>);
static_assert(std::is_convertible_v<std::string_view, sv::borrowed_text>);
static_assert(std::is_convertible_v<char const (&)[4], sv::borrowed_text>);
static_assert(std::is_trivially_copyable_v<sv::borrowed_text> && sizeof(sv::borrowed_text) == sizeof(std::string_view));  // passed as a string_view is
// parse_message (pointer + capacity form), frame_result::message, message::all, make_digest_inputs
static_assert(!std::is_invocable_v<decltype(static_cast<sv::result<sv::message> (*)(sv::borrowed_text, sv::header_field*, std::size_t,
                                                                                     sv::message_options const&) noexcept>(&sv::parse_message)),
                                   std::string, sv::header_field*, std::size_t, sv::message_options const&>);
static_assert(!std::is_invocable_v<decltype(&sv::frame_result::message), sv::frame_result const&, std::string>);
static_assert(std::is_invocable_v<decltype(&sv::frame_result::message), sv::frame_result const&, std::string&>);
static_assert(!std::is_invocable_v<decltype(static_cast<sv::field_range (sv::message::*)(sv::borrowed_text) const noexcept>(&sv::message::all)),
                                   sv::message const&, std::string>);
// the number parsers keep no view: a temporary is fine there
static_assert(std::is_invocable_v<decltype(&sv::parse_max_forwards), std::string>);

// --- result<T>: no `->` on a temporary; `*` and value() return by value there
template <class R, class = void>
struct has_arrow : std::false_type {};
template <class R>
struct has_arrow<R, std::void_t<decltype(std::declval<R>().operator->())>> : std::true_type {};
using uri_result = sv::result<sv::uri>;
static_assert(has_arrow<uri_result&>::value && has_arrow<uri_result const&>::value);
static_assert(!has_arrow<uri_result>::value && !has_arrow<uri_result&&>::value && !has_arrow<uri_result const&&>::value);
static_assert(std::is_same_v<decltype(*std::declval<uri_result>()), sv::uri>);
static_assert(std::is_same_v<decltype(*std::declval<uri_result const>()), sv::uri>);
static_assert(std::is_same_v<decltype(std::declval<uri_result const>().value()), sv::uri>);
static_assert(std::is_same_v<decltype(std::declval<uri_result const&>().value()), sv::uri const&>);
static_assert(std::is_same_v<decltype(std::declval<uri_result>().error()), sv::parse_error>);

// --- iterators whose *it lives in the iterator are input iterators
template <class Range>
using category = typename std::iterator_traits<typename Range::iterator>::iterator_category;
static_assert(std::is_same_v<category<sv::param_range>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::qop_range>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::name_addr_list>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::via_list>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::via_range>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::contact_range>, std::input_iterator_tag>);
static_assert(std::is_same_v<category<sv::field_range>, std::forward_iterator_tag>);  // *it is in caller storage

// --- the safe spellings of the compile_fail cases
std::string_view safe_uri() {  // rvalue_string_parse_uri
    static std::string const text = "sip:alice@atlanta.com";
    auto u = sv::parse_uri(text);
    return u ? u->host : std::string_view();
}
std::string_view safe_message() {  // rvalue_string_parse_message
    static std::string const datagram = read_datagram();
    static sv::header_field headers[16];
    auto m = sv::parse_message(datagram, headers);
    auto m2 = sv::parse_message(datagram, headers, 16);
    return m && m2 ? m->method() : std::string_view();
}
std::size_t safe_list(std::string const& value) {  // rvalue_string_list_parser
    auto vias = sv::parse_via_list(value);
    auto contacts = sv::parse_contact_list(value);
    return vias ? vias->size() + (contacts ? contacts->size() : 0) : 0;
}
std::string_view safe_frame(sv::frame_result const& r, std::string const& buffer) {  // rvalue_string_frame_result_message
    return r.message(buffer);
}
std::string_view safe_top(std::string_view value) {  // arrow_on_temporary_result
    auto r = sv::parse_via_list(value);
    sv::via const& top = r->front();       // r outlives top
    sv::via copy = (*sv::parse_via_list(value)).front();  // by value from a temporary
    sv::via_list list = *sv::parse_via_list(value);
    return r ? top.host.substr(copy.host.size() + list.size()) : std::string_view();
}
std::size_t safe_const(sv::result<sv::uri> const& named) {  // arrow_on_const_temporary_result
    return named->host.size();
}

// --- idioms that must keep working
std::size_t idioms(sv::message const& m) {
    std::size_t n = 0;
    if (m.vias())
        for (auto const& v : *m.vias()) n += v.host.size();  // *m.vias() is a value: the range outlives the loop
    for (auto const& h : m.all(sv::header_id::authorization))
        if (auto c = m.parse_field(h, sv::parse_credentials)) n += c->scheme.size();  // a parse function as a callback
    sv::result<sv::uri> (*parse)(sv::borrowed_text) noexcept = sv::parse_uri;  // the strict parse as a function pointer
    sv::result<sv::cseq> (*cseq)(sv::borrowed_text) noexcept = &sv::parse_cseq;
    n += cseq("1 INVITE") ? 1 : 0;
    sv::parse_options lenient;
    lenient.lenient = sv::leniency::allow_underscore_host;
    n += sv::parse_uri("sip:a@my_host", lenient) ? 1 : 0;  // and with parse options
    n += parse("sip:a@b") ? 1 : 0;
    n += sv::parse_uri(std::string_view("sip:a@b")).value().host.size();
    n += sv::parse_cseq("1 INVITE").value().number;
    for (auto const& h : m.all("X-Custom")) n += h.value.size();
    for (auto const& p : sv::param_range("a=1;b", ';')) n += p.name.size();
    return n;
}
