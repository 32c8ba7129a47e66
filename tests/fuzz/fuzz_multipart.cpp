// libFuzzer harness: parse_multipart and multipart_boundary (multipart.hpp).
//
// Input: one byte, the boundary length (modulo 72, so 0 and 71 occur), the
// boundary, then the body. The body is an exact-size heap copy, so ASan sees
// any read past it. Invariants:
//   * an error's offset is inside the body (or at its end);
//   * every part's text, body and header lines lie inside the body, in
//     order, each part's body inside its text, offsets agreeing with views;
//   * no more parts and header lines than the storage holds;
//   * a part's content_type() and disposition() never fail for a reason
//     other than their own value (offsets inside that value);
//   * multipart_boundary() of "multipart/mixed;boundary=" + quoted boundary
//     accepts exactly the boundaries parse_multipart accepts.
#include "harness.hpp"

#include <sipview/multipart.hpp>

using namespace sipview;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t const blen = std::min<std::size_t>(data[0] % 72, size - 1);
    std::string_view const boundary(reinterpret_cast<char const*>(data) + 1, blen);
    std::vector<char> const copy(data + 1 + blen, data + size);
    std::string_view const body(copy.data(), copy.size());
    char const* const entry = "parse_multipart";

    body_part parts[6];
    header_field headers[12];
    auto mp = parse_multipart(body, boundary, parts, headers, 3);
    if (!mp) {
        if (mp.error().offset > body.size()) sipview_fuzz::fail(entry, "error offset past the end of the body", body);
    } else {
        sipview_fuzz::buffer const b{body.data(), body.data() + body.size()};
        if (mp->size() > 6) sipview_fuzz::fail(entry, "more parts than the storage", body);
        if (!b.in(mp->preamble()) || !b.in(mp->epilogue())) sipview_fuzz::fail(entry, "preamble or epilogue outside the body", body);
        std::size_t previous_end = 0, lines = 0;
        for (body_part const& p : *mp) {
            if (!b.in(p.text) || !b.in(p.body)) sipview_fuzz::fail(entry, "a part outside the body", body);
            if (p.text.data() != body.data() + p.offset || p.body.data() != body.data() + p.body_offset)
                sipview_fuzz::fail(entry, "a part's offsets disagree with its views", body);
            if (p.offset < previous_end) sipview_fuzz::fail(entry, "parts out of order or overlapping", body);
            if (p.body_offset < p.offset || p.body_offset + p.body.size() > p.offset + p.text.size())
                sipview_fuzz::fail(entry, "a part's body outside its text", body);
            previous_end = p.offset + p.text.size();
            for (header_field const& h : p.headers) {
                if (!b.in(h.name) || !b.in(h.value) || h.name.data() != body.data() + h.offset ||
                    h.value.data() != body.data() + h.value_offset)
                    sipview_fuzz::fail(entry, "a part header outside the body or off its offsets", body);
                ++lines;
            }
            if (auto ct = p.content_type(); !ct && ct.error().offset > body.size())
                sipview_fuzz::fail(entry, "a part's Content-Type error past the body", body);
            if (auto d = p.disposition(); d && !*d && (*d).error().offset > body.size())
                sipview_fuzz::fail(entry, "a part's Content-Disposition error past the body", body);
        }
        if (lines > 12) sipview_fuzz::fail(entry, "more header lines than the storage", body);
    }
    // the boundary check agrees between multipart_boundary and parse_multipart
    if (boundary.find('"') == std::string_view::npos && boundary.find('\\') == std::string_view::npos) {
        std::string const ct_text = "multipart/mixed;boundary=\"" + std::string(boundary) + "\"";
        auto ct = parse_media_type(ct_text);
        if (ct) {
            auto mb = multipart_boundary(*ct);
            if (mb && *mb != boundary) sipview_fuzz::fail("multipart_boundary", "the boundary is not the parameter's text", boundary);
            body_part one[1];
            header_field none[1];
            auto probe = parse_multipart("", boundary, one, none);
            bool const boundary_ok = probe || (probe.error().id != diag::mp_boundary_length && probe.error().id != diag::mp_boundary_char &&
                                                   probe.error().id != diag::mp_boundary_missing);
            if (mb.has_value() != boundary_ok) sipview_fuzz::fail("multipart_boundary", "disagrees with parse_multipart on a boundary", boundary);
        }
    }
    return 0;
}
