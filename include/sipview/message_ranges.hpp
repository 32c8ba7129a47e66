// sipview — what a message is parsed with and what it yields besides its
// fields: message_options, the fixed-capacity warning_list, and the ranges
// over header lines (header_list, field_range) and over the typed values of
// repeated headers (header_list_range for list headers such as Via, Contact
// and Route; header_value_range for headers that repeat one value per line).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_MESSAGE_RANGES_HPP
#define SIPVIEW_MESSAGE_RANGES_HPP

#include <cassert>
#include <cstddef>
#include <iterator>
#include <new>
#include <string_view>
#include <type_traits>

#include <sipview/error.hpp>
#include <sipview/headers.hpp>

namespace sipview {

/// Options of parse_message. Defaults are strict; every leniency is a named flag.
struct message_options {
    /// Run validate() after the split: every typed header is parsed and the
    /// first error (in message order) rejects the message.
    bool validate = true;
    /// Lenient: accept a bare LF as a line end (RFC 3261 requires CRLF).
    /// Typed values folded with a bare LF do not parse.
    bool allow_bare_lf = false;
    /// Strict: a Date that is malformed or not in GMT is an error, not a warning.
    bool strict_date = false;
    /// Strict: several different Content-Length values reject a datagram
    /// (by default the datagram is accepted with a warning and the rest of it
    /// is the body, as RFC 4475 §3.3.9 allows; stream framing always rejects).
    bool strict_content_length = false;
    /// Stream transport: Content-Length must be present (RFC 3261 §18.3).
    bool require_content_length = false;
};

/// A small fixed-capacity list of warnings (non-fatal findings, such as a
/// Date not in GMT). No allocation: findings beyond the capacity are counted.
class warning_list {
public:
    static constexpr std::size_t capacity = 8;
    warning_list() noexcept {}
    void add(parse_error const& w) noexcept {
        if (count_ < capacity) new (&storage_.items[count_++]) parse_error(w);
        else ++dropped_;
    }
    parse_error const* begin() const noexcept { return storage_.items; }
    parse_error const* end() const noexcept { return storage_.items + count_; }
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }
    parse_error const& operator[](std::size_t i) const noexcept {
        assert(i < count_);
        return storage_.items[i];
    }
    /// Warnings that did not fit.
    std::size_t dropped() const noexcept { return dropped_; }
    void clear() noexcept { count_ = 0; dropped_ = 0; }
    /// Adds every warning of `other` (and counts those it dropped).
    void append(warning_list const& other) noexcept {
        for (parse_error const& w : other) add(w);
        dropped_ += other.dropped_;
    }
    /// Keeps the first n warnings.
    void truncate(std::size_t n) noexcept {
        if (n < count_) count_ = n;
        dropped_ = 0;
    }

private:
    // Items past count_ are never read; the union leaves them uninitialised,
    // since every message carries a warning_list and most carry no warning.
    static_assert(std::is_trivially_copyable_v<parse_error> && std::is_trivially_destructible_v<parse_error>);
    union storage {
        storage() noexcept {}
        parse_error items[capacity];  // items[0, count_) constructed by add()
    };
    storage storage_;
    std::size_t count_ = 0;
    std::size_t dropped_ = 0;
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
        assert(i < size_);
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
template <class List, result<List> (*Parse)(borrowed_text) noexcept>
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
        iterator(header_field const* h, header_field const* e, header_id id) noexcept : h_(h), e_(e), id_(id) { settle(); }
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
                auto r = Parse(h_->value);
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
        List list_{};
        list_iterator it_{};
    };

    header_list_range() noexcept = default;
    header_list_range(header_list all, header_id id, std::size_t count, bool star = false) noexcept
        : all_(all), id_(id), count_(count), star_(star) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end(), id_); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end(), id_); }
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
};

/// All Via entries of all Via headers, topmost first.
using via_range = header_list_range<via_list, parse_via_list>;
/// All Contact elements of all Contact headers.
using contact_range = header_list_range<name_addr_list, parse_contact_list>;
/// All Route (or Record-Route) elements over all their header lines.
using route_range = header_list_range<name_addr_list, parse_route_list>;

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
        iterator(header_field const* h, header_field const* e) noexcept : h_(h), e_(e) { settle(); }
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
                auto r = H::parse(h_->value);
                if (!r) continue;  // not reached on validated headers
                value_ = *r;
                return;
            }
        }
        header_field const* h_ = nullptr;
        header_field const* e_ = nullptr;
        value_type value_{};
    };

    header_value_range() noexcept = default;
    header_value_range(header_list all, std::size_t count) noexcept : all_(all), count_(count) {}
    iterator begin() const noexcept { return iterator(all_.begin(), all_.end()); }
    iterator end() const noexcept { return iterator(all_.end(), all_.end()); }
    /// Number of header lines.
    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }

private:
    header_list all_;
    std::size_t count_ = 0;
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
struct typed_access<H, header_arity::list> { using type = result<header_list_range<typename H::ast, H::parse>>; };
template <class H>
struct typed_access<H, header_arity::multi> { using type = result<header_value_range<H>>; };
} // namespace detail
template <class H>
using typed_access_t = typename detail::typed_access<H>::type;

} // namespace sipview

#endif
