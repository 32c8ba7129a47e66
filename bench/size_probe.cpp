// size_probe: the fixed translation unit whose code size .ci/size tracks
// (issue 15, "speed and size for servers and firmware"). What a phone or a
// registrar links: parse_message with its default validation, then the typed
// From, To, Via, Contact, CSeq and Authorization reads. Do not grow it with
// new features: its size is compared with bench/size_budget.txt, and a change
// of this file changes the baseline (lower the budget in the same change when
// it shrinks the code).
//
//   size_probe [MESSAGE]   parses MESSAGE (default: a REGISTER with Digest)
// Distributed under the Boost Software License, Version 1.0.
#include <sipview/message.hpp>

#include <cstdio>
#include <cstring>

namespace {
constexpr char register_message[] =
    "REGISTER sip:company1.example.com:5080;transport=tcp SIP/2.0\r\n"
    "Via: SIP/2.0/TCP 192.0.2.20:41234;branch=z9hG4bK2210983476;rport;alias\r\n"
    "From: \"1001\" <sip:1001@company1.example.com:5080>;tag=1290384756\r\n"
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

void print(char const* label, std::string_view v) { std::printf("%s: %.*s\n", label, static_cast<int>(v.size()), v.data()); }
void print(char const* label, std::optional<sipview::auth_value> const& v) { print(label, v ? v->text() : std::string_view()); }
} // namespace

int main(int argc, char** argv) {
    // From the command line when given, so nothing is folded at compile time.
    std::string_view const input = argc > 1 ? std::string_view(argv[1], std::strlen(argv[1])) : std::string_view(register_message);
    sipview::header_field headers[32];
    auto m = sipview::parse_message(input, headers);
    if (!m) {
        std::printf("error at %zu: %.*s\n", m.error().offset, static_cast<int>(m.error().message.size()), m.error().message.data());
        return 1;
    }
    print("method", m->method());
    print("request-uri host", m->request_uri().host);
    if (auto from = m->from()) {
        print("from display", from->display_name.value_or(""));
        print("from user", from->uri.user.value_or(""));
        print("from host", from->uri.host);
        print("from tag", from->tag().value_or(""));
    }
    if (auto to = m->to()) {
        print("to user", to->uri.user.value_or(""));
        print("to host", to->uri.host);
    }
    if (auto via = m->top_via()) {
        print("via host", via->host);
        print("via branch", via->branch().value_or(""));
    }
    if (auto cseq = m->cseq()) std::printf("cseq: %u %.*s\n", unsigned(cseq->number), static_cast<int>(cseq->method.size()), cseq->method.data());
    if (auto contacts = m->contacts())
        for (auto const& c : *contacts) {
            print("contact host", c.uri.host);
            std::printf("contact expires: %u\n", unsigned(c.expires().value_or(0)));
        }
    if (auto auth = m->authorization()) {
        print("username", auth->username());
        print("realm", auth->realm());
        print("uri", auth->uri());
        print("response", auth->response());
    }
    return 0;
}
