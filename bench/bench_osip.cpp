// sipview benchmarks — GNU oSIP (libosip2, found through pkg-config): the
// same work through its usual entry points; every iteration frees what the
// library allocated.
// Distributed under the Boost Software License, Version 1.0.
#include "bench.hpp"

#include <cstdlib>

extern "C" {
#include <osipparser2/osip_parser.h>
}

namespace bench {
namespace {

/// osip_message_init + osip_message_parse (copies the buffer and parses every
/// header it knows into allocated structures) + field reads + osip_message_free.
struct osip_work {
    bool read_fields = true;
    bool credentials = false;
    bool challenge = false;

    template <class Sink>
    bool operator()(std::string_view in, Sink&& sink) const {
        osip_message_t* sip = nullptr;
        if (osip_message_init(&sip) != 0) return false;
        bool ok = osip_message_parse(sip, in.data(), in.size()) == 0;
        if (ok) ok = read_fields ? read(sip, sink) : read_body(sip, sink);
        osip_message_free(sip);
        return ok;
    }

    template <class Sink>
    static bool read_body(osip_message_t* sip, Sink&& sink) {
        fields f;
        osip_body_t* body = nullptr;
        if (osip_message_get_body(sip, 0, &body) >= 0 && body) f.body = body->length;
        sink(f);
        return true;
    }

    template <class Sink>
    bool read(osip_message_t* sip, Sink&& sink) const {
        fields f;
        osip_from_t* from = osip_message_get_from(sip);
        osip_to_t* to = osip_message_get_to(sip);
        osip_cseq_t* cseq = osip_message_get_cseq(sip);
        osip_call_id_t* call_id = osip_message_get_call_id(sip);
        osip_via_t* via = nullptr;
        if (!from || !to || !cseq || !call_id || osip_message_get_via(sip, 0, &via) < 0 || !via) return false;
        osip_uri_t* fu = osip_from_get_url(from);
        osip_uri_t* tu = osip_to_get_url(to);
        if (!fu || !tu) return false;
        f.from_user = cstr(fu->username);
        f.from_host = cstr(fu->host);
        f.to_user = cstr(tu->username);
        f.to_host = cstr(tu->host);
        osip_generic_param_t* branch = nullptr;
        if (osip_via_param_get_byname(via, const_cast<char*>("branch"), &branch) >= 0 && branch) f.branch = cstr(branch->gvalue);
        f.cseq = cseq->number ? std::strtoul(cseq->number, nullptr, 10) : 0;
        f.call_id = cstr(call_id->number);  // oSIP splits the Call-ID at '@'
        f.call_id_host = cstr(call_id->host);
        if (credentials) {
            osip_authorization_t* a = nullptr;
            if (osip_message_get_authorization(sip, 0, &a) < 0 || !a) return false;
            f.username = cstr(a->username);
            f.realm = cstr(a->realm);
            f.uri = cstr(a->uri);
            f.response = cstr(a->response);
        }
        if (challenge) {
            osip_www_authenticate_t* w = nullptr;
            if (osip_message_get_www_authenticate(sip, 0, &w) < 0 || !w) return false;
            f.chal_realm = cstr(w->realm);
            f.chal_nonce = cstr(w->nonce);
        }
        sink(f);
        return true;
    }
};

} // namespace

void register_osip() {
    parser_init();  // once per process, as oSIP requires
    for (auto const& m : messages()) {
        osip_work w;
        w.credentials = m.is_register();
        w.challenge = m.has_challenge();
        add("full", "osip", m, w);
        add("strict", "osip", m, w);  // its full parse is its strict parse: the same work
    }
    for (auto const& m : messages()) {
        osip_work w;
        w.read_fields = false;
        add("framing", "osip", m, w);
    }
}

} // namespace bench
