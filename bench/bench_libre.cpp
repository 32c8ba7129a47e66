// sipview benchmarks — libre (found through pkg-config): the same work
// through its usual entry points; every iteration releases the decoded
// message (and so frees everything the library allocated for it).
// Distributed under the Boost Software License, Version 1.0.
#include "bench.hpp"

#include <cstdint>
#include <memory>

extern "C" {
#include <re.h>
}

namespace bench {
namespace {

/// The receive buffer: libre decodes from an mbuf and keeps a reference to it
/// in the message. One mbuf is reused for every iteration (allocated on first
/// use), and each iteration writes the datagram into it as a receive would:
/// that copy is the only cost outside sip_msg_decode, and it allocates
/// nothing once the buffer is large enough.
struct mbuf_holder {
    mbuf* mb = nullptr;
    ~mbuf_holder() { mem_deref(mb); }
};

/// sip_msg_decode (start line, header list and hash table, eager decoding of
/// Via/From/To/CSeq/Call-ID/Content-Type...) + field reads (Digest
/// credentials and challenges through httpauth_digest_*_decode) + mem_deref.
struct libre_work {
    std::shared_ptr<mbuf_holder> buffer = std::make_shared<mbuf_holder>();
    bool read_fields = true;
    bool credentials = false;
    bool challenge = false;

    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) const {
        mbuf*& mb = buffer->mb;
        if (!mb && !(mb = mbuf_alloc(8192))) return false;
        mb->pos = 0;
        mb->end = 0;
        if (mbuf_write_mem(mb, reinterpret_cast<uint8_t const*>(in.data()), in.size()) != 0) return false;
        mb->pos = 0;
        sip_msg* msg = nullptr;
        if (sip_msg_decode(&msg, mb) != 0) return false;
        bool const ok = read_fields ? read(msg, sink) : read_body(msg, sink);
        mem_deref(msg);
        return ok;
    }

    static std::string_view view(pl const& p) { return std::string_view(p.p, p.l); }

    template <class Sink>
    static bool read_body(sip_msg const* msg, Sink&& sink) {
        fields f;
        f.body = mbuf_get_left(msg->mb);
        sink(f);
        return true;
    }

    template <class Sink>
    bool read(sip_msg const* msg, Sink&& sink) const {
        fields f;
        f.from_user = view(msg->from.uri.user);
        f.from_host = view(msg->from.uri.host);
        f.to_user = view(msg->to.uri.user);
        f.to_host = view(msg->to.uri.host);
        f.branch = view(msg->via.branch);
        f.cseq = msg->cseq.num;
        f.call_id = view(msg->callid);
        if (credentials) {
            sip_hdr const* h = sip_msg_hdr(msg, SIP_HDR_AUTHORIZATION);
            httpauth_digest_resp resp;
            if (!h || httpauth_digest_response_decode(&resp, &h->val) != 0) return false;
            f.username = view(resp.username);
            f.realm = view(resp.realm);
            f.uri = view(resp.uri);
            f.response = view(resp.response);
        }
        if (challenge) {
            sip_hdr const* h = sip_msg_hdr(msg, SIP_HDR_WWW_AUTHENTICATE);
            httpauth_digest_chall chall;
            if (!h || httpauth_digest_challenge_decode(&chall, &h->val) != 0) return false;
            f.chal_realm = view(chall.realm);
            f.chal_nonce = view(chall.nonce);
        }
        sink(f);
        return true;
    }
};

} // namespace

void register_libre() {
    for (auto const& m : messages()) {
        libre_work w;
        w.credentials = m.is_register();
        w.challenge = m.has_challenge();
        add("full", "libre", m, w);
        add("strict", "libre", m, w);  // its full parse is its strict parse: the same work
    }
    for (auto const& m : messages()) {
        libre_work w;
        w.read_fields = false;
        add("framing", "libre", m, w);
    }
}

} // namespace bench
