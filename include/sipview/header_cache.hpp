// sipview — header_cache: caller-provided storage in which the strict pass
// (parse_message's validation, message::validate) keeps the typed values a
// transaction or dialog layer reads on every message, so that reading them
// does not parse them a second time:
//   - From, To, Call-ID and CSeq (RFC 3261 §12.1.1: the dialog identifier;
//     §17.1.3 / §17.2.3: the CSeq method in transaction matching);
//   - the topmost Via (§17.2.3: its branch and sent-by identify the server
//     transaction; §18.2.2: a response goes back to its sent-by);
//   - the first Authorization / Proxy-Authorization (§22.2, §22.3) and the
//     first WWW-Authenticate / Proxy-Authenticate (§20.44, §20.27).
// Lists (Contact, Route...) are not kept: they are ranges over the message
// that parse an element when it is read.
//
//   sipview::header_field headers[64];
//   sipview::header_cache cache;              // ~1.5 KB, reused message after message
//   sipview::message_options opts;
//   opts.cache = &cache;
//   auto m = sipview::parse_message(datagram, headers, opts);
//   auto from = m->from();                    // a copy of the kept value, no parse
//
// The message refers to the cache as it refers to the header array: both
// must outlive it. A cache filled for another message since is not used (the
// message's accessors then parse the value, as without a cache).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_HEADER_CACHE_HPP
#define SIPVIEW_HEADER_CACHE_HPP

#include <cstdint>
#include <string_view>
#include <type_traits>

#include <sipview/auth.hpp>
#include <sipview/headers.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/scalar_headers.hpp>
#include <sipview/via.hpp>

namespace sipview {

/// Storage for the typed values of the first From, To, Call-ID, CSeq, Via
/// (its topmost entry), Authorization, Proxy-Authorization, WWW-Authenticate
/// and Proxy-Authenticate lines of one message, as the strict pass parsed
/// them (message_options::cache). Each reader gives the kept value, or
/// nullptr when the pass did not keep one (no such header, the pass stopped
/// before it or at it, or the cache now holds another message's values).
class header_cache {
public:
    header_cache() noexcept {}

    /// Whether the cache keeps the first line of `id` (Via: its top entry).
    static constexpr bool keeps(header_id id) noexcept { return slot_of(id) < slot_count; }

    name_addr const* from() const noexcept { return find<name_addr>(header_id::from); }
    name_addr const* to() const noexcept { return find<name_addr>(header_id::to); }
    std::string_view const* call_id() const noexcept { return find<std::string_view>(header_id::call_id); }
    sipview::cseq const* cseq() const noexcept { return find<sipview::cseq>(header_id::cseq); }
    via const* top_via() const noexcept { return find<via>(header_id::via); }
    credentials const* authorization() const noexcept { return find<credentials>(header_id::authorization); }
    credentials const* proxy_authorization() const noexcept { return find<credentials>(header_id::proxy_authorization); }
    challenge const* www_authenticate() const noexcept { return find<challenge>(header_id::www_authenticate); }
    challenge const* proxy_authenticate() const noexcept { return find<challenge>(header_id::proxy_authenticate); }

    /// The kept value of the first `id` line as a T (T: the type its reader
    /// above returns), or nullptr.
    template <class T>
    T const* find(header_id id) const noexcept {
        unsigned const s = slot_of(id);
        if (s >= slot_count || !(held_ & (1u << s))) return nullptr;
        return slot<T>(*this, id);
    }

    /// The message text the kept values point into (empty when none are kept).
    std::string_view text() const noexcept { return text_; }

    // --- filled by the strict pass (validate.hpp) -----------------------------
    /// Forgets every kept value; the values kept next belong to `message_text`.
    void reset(std::string_view message_text) noexcept {
        held_ = 0;
        text_ = message_text;
    }
    /// Keeps `value` as the first `id` line's value (ignored unless keeps(id)
    /// and T is that line's type).
    template <class T>
    void keep(header_id id, T const& value) noexcept {
        if (T* p = slot<T>(*this, id)) {
            *p = value;
            held_ = static_cast<std::uint16_t>(held_ | (1u << slot_of(id)));
        }
    }

private:
    static constexpr unsigned slot_count = 9;
    static constexpr unsigned slot_of(header_id id) noexcept {
        switch (id) {
        case header_id::from: return 0;
        case header_id::to: return 1;
        case header_id::call_id: return 2;
        case header_id::cseq: return 3;
        case header_id::via: return 4;
        case header_id::authorization: return 5;
        case header_id::proxy_authorization: return 6;
        case header_id::www_authenticate: return 7;
        case header_id::proxy_authenticate: return 8;
        default: return slot_count;
        }
    }
    /// The member of `self` holding the first `id` line's value when it is a T, else nullptr.
    template <class T, class Self>
    static auto slot(Self& self, header_id id) noexcept -> std::conditional_t<std::is_const_v<Self>, T const*, T*> {
        if constexpr (std::is_same_v<T, name_addr>) {
            return id == header_id::from ? &self.from_ : id == header_id::to ? &self.to_ : nullptr;
        } else if constexpr (std::is_same_v<T, std::string_view>) {
            return id == header_id::call_id ? &self.call_id_ : nullptr;
        } else if constexpr (std::is_same_v<T, sipview::cseq>) {
            return id == header_id::cseq ? &self.cseq_ : nullptr;
        } else if constexpr (std::is_same_v<T, via>) {
            return id == header_id::via ? &self.top_via_ : nullptr;
        } else if constexpr (std::is_same_v<T, credentials>) {
            return id == header_id::authorization ? &self.authorization_
                 : id == header_id::proxy_authorization ? &self.proxy_authorization_ : nullptr;
        } else if constexpr (std::is_same_v<T, challenge>) {
            return id == header_id::www_authenticate ? &self.www_authenticate_
                 : id == header_id::proxy_authenticate ? &self.proxy_authenticate_ : nullptr;
        } else {
            (void)self;
            (void)id;
            return nullptr;
        }
    }

    std::string_view text_;
    std::uint16_t held_ = 0;  // bit slot_of(id): that line's value is kept
    name_addr from_, to_;
    std::string_view call_id_;
    sipview::cseq cseq_;
    via top_via_;
    credentials authorization_, proxy_authorization_;
    challenge www_authenticate_, proxy_authenticate_;
};

} // namespace sipview

#endif
