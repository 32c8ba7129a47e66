// register_fields: the firmware-sized example. Parses a REGISTER and prints
// the fields a phone or registrar reads. Built with -Os -fno-exceptions
// -fno-rtti by the firmware preset; CI tracks the code size of the same work
// in bench/size_probe.cpp (.ci/size).
#include <sipview/message.hpp>

#include <cstdio>

namespace {
constexpr char register_message[] =
    "REGISTER sip:company1.example.com:5080;transport=tcp SIP/2.0\r\n"
    "Via: SIP/2.0/TCP 192.0.2.20:41234;branch=z9hG4bK2210983476;rport;alias\r\n"
    "From: <sip:1001@company1.example.com:5080>;tag=1290384756\r\n"
    "To: <sip:1001@company1.example.com:5080>\r\n"
    "Call-ID: 2087766121-12036-1@192.0.2.20\r\n"
    "CSeq: 2 REGISTER\r\n"
    "Contact: <sip:1001@192.0.2.20:41234;transport=tcp>;expires=3600\r\n"
    "Authorization: Digest username=\"1001\", realm=\"company1.example.com\", "
    "nonce=\"7b1e5d9c3a0f2e4d6c8b0a1f3e5d7c9b\", uri=\"sip:company1.example.com:5080\", "
    "response=\"4afaed48e8f5b82f60018176f5f3be89\", algorithm=MD5, cnonce=\"c4d2e6f8\", qop=auth, nc=00000001\r\n"
    "Max-Forwards: 70\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

void print(char const* label, std::string_view v) { std::printf("%s: %.*s\n", label, int(v.size()), v.data()); }
} // namespace

int main() {
    sipview::header_field headers[24];
    auto m = sipview::parse_message(register_message, headers);
    if (!m) {
        std::printf("error at %zu: %.*s\n", m.error().offset, int(m.error().message.size()), m.error().message.data());
        return 1;
    }
    print("method", m->method());
    print("request-uri host", m->request_uri().host);
    if (auto from = m->from()) {
        print("from user", from->uri.user.value_or(""));
        print("from tag", from->tag().value_or(""));
    }
    if (auto via = m->top_via()) print("via branch", via->branch().value_or(""));
    if (auto cseq = m->cseq()) std::printf("cseq: %u %.*s\n", unsigned(cseq->number), int(cseq->method.size()), cseq->method.data());
    if (auto contacts = m->contacts())
        for (auto const& c : *contacts) std::printf("contact expires: %u\n", unsigned(c.expires().value_or(0)));
    if (auto auth = m->authorization())
        if (auto realm = auth->realm()) print("realm", realm->text());
    return 0;
}
