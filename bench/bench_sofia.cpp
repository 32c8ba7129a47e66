// sipview benchmarks — Sofia-SIP (libsofia-sip-ua, found through pkg-config):
// the same work through its usual entry points; every iteration destroys the
// message (and so frees everything the library allocated).
// Distributed under the Boost Software License, Version 1.0.
#include "bench.hpp"

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>

namespace bench {
namespace {

/// msg_make (copies the bytes into the message's buffer and parses every
/// header of the default SIP mclass) + field reads + msg_destroy.
struct sofia_work {
    bool read_fields = true;
    bool credentials = false;
    bool challenge = false;

    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) const {
        msg_t* msg = msg_make(sip_default_mclass(), 0, in.data(), static_cast<ssize_t>(in.size()));
        if (!msg) return false;
        sip_t const* sip = sip_object(msg);
        bool ok = sip != nullptr && !msg_has_error(msg);
        if (ok) ok = read_fields ? read(sip, sink) : read_body(sip, sink);
        msg_destroy(msg);
        return ok;
    }

    template <class Sink>
    static bool read_body(sip_t const* sip, Sink&& sink) {
        fields f;
        if (sip->sip_payload) f.body = sip->sip_payload->pl_len;
        sink(f);
        return true;
    }

    static std::string_view param(msg_param_t const* params, char const* name) {
        return params ? cstr(msg_params_find(params, name)) : std::string_view();
    }

    template <class Sink>
    bool read(sip_t const* sip, Sink&& sink) const {
        fields f;
        if (!sip->sip_from || !sip->sip_to || !sip->sip_via || !sip->sip_cseq || !sip->sip_call_id) return false;
        f.from_user = cstr(sip->sip_from->a_url->url_user);
        f.from_host = cstr(sip->sip_from->a_url->url_host);
        f.to_user = cstr(sip->sip_to->a_url->url_user);
        f.to_host = cstr(sip->sip_to->a_url->url_host);
        f.branch = cstr(sip->sip_via->v_branch);
        f.cseq = sip->sip_cseq->cs_seq;
        f.call_id = cstr(sip->sip_call_id->i_id);
        if (credentials) {
            sip_authorization_t const* a = sip->sip_authorization;
            if (!a) return false;
            f.username = param(a->au_params, "username");
            f.realm = param(a->au_params, "realm");
            f.uri = param(a->au_params, "uri");
            f.response = param(a->au_params, "response");
        }
        if (challenge) {
            sip_www_authenticate_t const* w = sip->sip_www_authenticate;
            if (!w) return false;
            f.chal_realm = param(w->au_params, "realm");
            f.chal_nonce = param(w->au_params, "nonce");
        }
        sink(f);
        return true;
    }
};

} // namespace

void register_sofia() {
    for (auto const& m : messages()) {
        sofia_work w;
        w.credentials = m.is_register();
        w.challenge = m.has_challenge();
        add("full", "sofia", m, w);
        add("strict", "sofia", m, w);  // its full parse is its strict parse: the same work
    }
    for (auto const& m : messages()) {
        sofia_work w;
        w.read_fields = false;
        add("framing", "sofia", m, w);
    }
}

} // namespace bench
