// sipview — what a message is parsed with and what it yields besides its
// fields: message_options, the fixed-capacity warning_list, and the ranges
// over header lines (header_list, field_range) and over the typed values of
// repeated headers (header_list_range for list headers such as Via, Contact
// and Route; header_value_range for headers that repeat one value per line).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MESSAGE_RANGES_HPP
#define SIPVIEW_MESSAGE_RANGES_HPP

#include <cstddef>
#include <iterator>
#include <new>
#include <string_view>
#include <type_traits>

#include <sipview/error.hpp>
#include <sipview/headers.hpp>

namespace sipview {

class header_cache;

/// Options of parse_message. Defaults are strict; every leniency is a named flag.
struct message_options {
    /// Run validate() after the split: every typed header is parsed and the
    /// first error (in message order) rejects the message.
    bool validate = true;
    /// The leniency flags (leniency.hpp) the message is parsed under: the
    /// deviations they accept are warnings (message::warnings()), and typed
    /// access (get<>) reads the values under the same flags. parse_message
    /// honours allow_bare_lf (typed values folded with a bare LF still do
    /// not parse); the value parsers the others.
    leniency_set lenient{};
    /// Strict: a Date that is malformed or not in GMT is an error, not a warning.
    bool strict_date = false;
    /// Strict: several different Content-Length values reject a datagram
    /// (by default the datagram is accepted with a warning and the rest of it
    /// is the body, as RFC 4475 §3.3.9 allows; stream framing always rejects).
    bool strict_content_length = false;
    /// Stream transport: Content-Length must be present (RFC 3261 §18.3).
    bool require_content_length = false;
    /// Caller storage (header_cache.hpp) in which validation keeps the typed
    /// From, To, Call-ID, CSeq, top Via and first credentials and challenges
    /// it parsed; the message's accessors then read them from there instead
    /// of parsing them again. Unused (and not touched) without validation.
    header_cache* cache = nullptr;
};

/// The header_fields of a message, in order (a span over caller storage).
class header_list {
public:
    constexpr header_list() noexcept = default;
    constexpr header_list(header_field const* first, std::size_t n) noexcept : first_(first), size_(n) {}
    header_field const* begin() const noexcept { return first_; }
    header_field const* end() const noexcept { return first_ + size_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    header_field const& operator[](std::size_t i) const noexcept {
        SIPVIEW_ASSERT(i < size_, "header_list index out of range");
        return first_[i];
    }

private:
    header_field const* first_ = nullptr;
    std::size_t size_ = 0;
};

/// The header_fields with one id (or, for unknown headers, one name), in order.
class field_range {
public:
    class iterator {
    public:
        // Forward: *it refers into the caller's header storage, not into the iterator.
        using iterator_category = std::forward_iterator_tag;
        using value_type = header_field;
        using difference_type = std::ptrdiff_t;
        using pointer = header_field const*;
        using reference = header_field const&;
        iterator() noexcept = default;
        iterator(header_field const* p, header_field const* e, header_id id, std::string_view name) noexcept
            : p_(p), e_(e), id_(id), name_(name) { settle(); }
        reference operator*() const noexcept { return *p_; }
        pointer operator->() const noexcept { return p_; }
        iterator& operator++() noexcept { ++p_; settle(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.p_ == b.p_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.p_ != b.p_; }

    private:
        bool match(header_field const& h) const noexcept {
            return id_ != header_id::other ? h.id == id_ : (h.id == header_id::other && iequals(h.name, name_));
        }
        void settle() noexcept { while (p_ != e_ && !match(*p_)) ++p_; }
        header_field const* p_ = nullptr;
        header_field const* e_ = nullptr;
        header_id id_ = header_id::other;
        std::string_view name_;
    };
    field_range() noexcept = default;
    field_range(header_list all, header_id id, std::string_view name) noexcept : all_(all), id_(id), name_(name) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), id_, name_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), id_, name_); }
    bool empty() const noexcept { return begin() == end(); }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }

private:
    header_list all_;
    header_id id_ = header_id::other;
    std::string_view name_;
};

/// Every element of a comma-separated list header over all its header lines
/// (all Via entries of all Via headers, all Contacts, all Routes), in order.
/// Each header value is re-read from the validated text as the iterator
/// reaches it: no allocation.
template <class List, auto Parse>
class header_list_range {
public:
    using list_iterator = typename List::iterator;
    using value_type = typename std::iterator_traits<list_iterator>::value_type;

    class iterator {
    public:
        // Input, not forward: *it refers into the list iterator held here.
        using iterator_category = std::input_iterator_tag;
        using value_type = typename std::iterator_traits<list_iterator>::value_type;
        using difference_type = std::ptrdiff_t;
        using pointer = value_type const*;
        using reference = value_type const&;

        iterator() noexcept = default;
        iterator(header_field const* h, header_field const* e, header_id id, leniency_set lenient) noexcept
            : h_(h), e_(e), id_(id), lenient_(lenient) { settle(); }
        reference operator*() const noexcept { return *it_; }
        pointer operator->() const noexcept { return &*it_; }
        iterator& operator++() noexcept {
            ++it_;
            if (it_ == list_.end()) {
                ++h_;
                settle();
            }
            return *this;
        }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        /// The header line the current element comes from.
        header_field const& field() const noexcept { return *h_; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.h_ == b.h_ && a.it_ == b.it_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return !(a == b); }

    private:
        void settle() noexcept {
            for (; h_ != e_; ++h_) {
                if (h_->id != id_) continue;
                parse_options opts;
                opts.lenient = lenient_;
                auto r = detail::call_parse(Parse, h_->value, opts);
                if (!r) continue;  // not reached on validated headers
                list_ = *r;
                it_ = list_.begin();
                if (it_ != list_.end()) return;
            }
            list_ = List{};
            it_ = list_iterator{};
        }
        header_field const* h_ = nullptr;
        header_field const* e_ = nullptr;
        header_id id_ = header_id::other;
        leniency_set lenient_{};
        List list_{};
        list_iterator it_{};
    };

    header_list_range() noexcept = default;
    header_list_range(header_list all, header_id id, std::size_t count, bool star = false, leniency_set lenient = {}) noexcept
        : all_(all), id_(id), count_(count), star_(star), lenient_(lenient) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), id_, lenient_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), id_, lenient_); }
    /// Number of elements over all header lines.
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    value_type front() const noexcept { return empty() ? value_type{} : *begin(); }
    /// Contact: some Contact header is `*`.
    bool is_star() const noexcept { return star_; }

private:
    header_list all_;
    header_id id_ = header_id::other;
    std::size_t count_ = 0;
    bool star_ = false;
    leniency_set lenient_{};
};

/// All Via entries of all Via headers, topmost first.
using via_range = header_list_range<via_list, header::via::parse_with>;
/// All Contact elements of all Contact headers.
using contact_range = header_list_range<name_addr_list, header::contact::parse_with>;
/// All Route (or Record-Route) elements over all their header lines.
using route_range = header_list_range<name_addr_list, header::route::parse_with>;

/// The value of every line of a header that may repeat with one value per
/// line (each Authorization, each Warning...), in order. Each value is
/// re-read from the validated text as the iterator reaches it: no allocation.
template <class H>
class header_value_range {
public:
    using value_type = typename H::ast;

    class iterator {
    public:
        // Input, not forward: *it refers to the value held in the iterator.
        using iterator_category = std::input_iterator_tag;
        using value_type = typename H::ast;
        using difference_type = std::ptrdiff_t;
        using pointer = value_type const*;
        using reference = value_type const&;

        iterator() noexcept = default;
        iterator(header_field const* h, header_field const* e, leniency_set lenient) noexcept : h_(h), e_(e), lenient_(lenient) {
            settle();
        }
        reference operator*() const noexcept { return value_; }
        pointer operator->() const noexcept { return &value_; }
        iterator& operator++() noexcept {
            ++h_;
            settle();
            return *this;
        }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        /// The header line the current value comes from.
        header_field const& field() const noexcept { return *h_; }
        friend bool operator==(iterator const& a, iterator const& b) noexcept { return a.h_ == b.h_; }
        friend bool operator!=(iterator const& a, iterator const& b) noexcept { return a.h_ != b.h_; }

    private:
        void settle() noexcept {
            for (; h_ != e_; ++h_) {
                if (h_->id != H::id) continue;
                parse_options opts;
                opts.lenient = lenient_;
                auto r = H::parse_with(h_->value, opts);
                if (!r) continue;  // not reached on validated headers
                value_ = *r;
                return;
            }
        }
        header_field const* h_ = nullptr;
        header_field const* e_ = nullptr;
        leniency_set lenient_{};
        value_type value_{};
    };

    header_value_range() noexcept = default;
    header_value_range(header_list all, std::size_t count, leniency_set lenient = {}) noexcept
        : all_(all), count_(count), lenient_(lenient) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), lenient_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), lenient_); }
    /// Number of header lines.
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }

private:
    header_list all_;
    std::size_t count_ = 0;
    leniency_set lenient_{};
};

/// What message::get<H>() returns for the registry's tag H: result<ast> for
/// a single-valued header (its first line); for a list header, the elements
/// of all its lines (header_list_range: via_range, route_range...); for a
/// header that repeats with one value per line, those values
/// (header_value_range<H>).
namespace detail {
template <class H, header_arity = H::arity>
struct typed_access { using type = result<typename H::ast>; };
template <class H>
struct typed_access<H, header_arity::list> { using type = result<header_list_range<typename H::ast, H::parse_with>>; };
template <class H>
struct typed_access<H, header_arity::multi> { using type = result<header_value_range<H>>; };
} // namespace detail
template <class H>
using typed_access_t = typename detail::typed_access<H>::type;

} // namespace sipview

#endif
