// Parsing a leniency row's example (leniency.hpp) where the row says: a
// header value with its registry row, a message, or a stream. Shared by the
// leniency tests of the default build (test_leniency.cpp) and of the
// SIPVIEW_NO_LENIENCY build (no_leniency_test.cpp).
#ifndef SIPVIEW_TESTS_LENIENCY_EXAMPLES_HPP
#define SIPVIEW_TESTS_LENIENCY_EXAMPLES_HPP

#include "catch.hpp"

#include <sipview/sipview.hpp>

namespace sipview_test {
using namespace sipview;

/// What parsing a leniency row's example gave.
struct outcome {
    bool ok = false;
    parse_error error{};
    warning_list warnings;
};

/// Parses `row`'s example where the row says, under `flags`.
inline outcome parse_example(leniency_info const& row, leniency_set flags) {
    outcome out;
    switch (row.entry) {
    case leniency_entry::header_value: {
        header_id const id = lookup_header(row.header);
        REQUIRE(id != header_id::other);
        visit_header(id, [&](auto tag) {
            parse_options o;
            o.lenient = flags;
            o.warnings = &out.warnings;
            auto r = decltype(tag)::parse_with(row.example, o);
            out.ok = static_cast<bool>(r);
            if (!r) out.error = r.error();
        });
        break;
    }
    case leniency_entry::message: {
        static header_field h[64];
        message_options o;
        o.lenient = flags;
        auto r = parse_message(row.example, h, o);
        out.ok = static_cast<bool>(r);
        if (r) out.warnings = r->warnings();
        else out.error = r.error();
        break;
    }
    case leniency_entry::stream: {
        stream_options o;
        o.lenient = flags;
        frame_state st;
        frame_result const f = frame_message(row.example, st, o);
        out.ok = f.status == frame_status::complete;
        if (f.status == frame_status::error) out.error = f.error;
        for (std::size_t i = 1; i <= leniency_count; ++i) {
            auto const l = static_cast<leniency>(i);
            if (f.accepted.has(l)) out.warnings.add(make_error(info(l).warning, 0));
        }
        break;
    }
    }
    return out;
}

inline bool has_warning(warning_list const& w, diag d) {
    for (parse_error const& e : w)
        if (e.id == d) return true;
    return false;
}

} // namespace sipview_test

#endif
