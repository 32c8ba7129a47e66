// The firmware profile: SIPVIEW_NO_LENIENCY (leniency.hpp: the flags
// compiled out), SIPVIEW_NO_DIAGNOSTIC_TEXT (diagnostics.hpp: ids and names
// without prose) and SIPVIEW_NO_FAST_PATHS (detail/config.hpp: every value
// through its grammar). Every flag asked for is ignored, each row's example
// gets exactly the strict verdict, error id and offset, no error names a
// flag, errors keep their id, code and offset with no text, and every entry
// point's verdicts (the grammars alone) are the strict ones.
#if !defined(SIPVIEW_NO_LENIENCY) || !defined(SIPVIEW_NO_DIAGNOSTIC_TEXT) || !defined(SIPVIEW_NO_FAST_PATHS)
#error "this test must be compiled with SIPVIEW_NO_LENIENCY, SIPVIEW_NO_DIAGNOSTIC_TEXT and SIPVIEW_NO_FAST_PATHS"
#endif

#include "leniency_examples.hpp"
#include "parse_calls.hpp"

using namespace sipview;
using sipview_test::outcome;
using sipview_test::parse_example;

static_assert(!leniency_compiled_in, "SIPVIEW_NO_LENIENCY compiles the flags out");
static_assert(!detail::diagnostic_text_compiled_in, "SIPVIEW_NO_DIAGNOSTIC_TEXT compiles the prose out");
static_assert(!detail::fast_paths, "SIPVIEW_NO_FAST_PATHS compiles the fast paths out");
static_assert(info(diag::uri_second_at).name == std::string_view("uri_second_at"));
static_assert(info(diag::via_ttl_range).code == errc::out_of_range);

TEST_CASE("no_diagnostic_text: every row keeps its name and code, without prose", "[no_diagnostic_text]") {
    for (std::size_t i = 1; i < diag_count; ++i) {
        diag const d = static_cast<diag>(i);
        diag_info const r = info(d);
        INFO(r.name);
        CHECK_FALSE(r.name.empty());
        CHECK(diag_from_string(r.name) == d);
        CHECK(r.expected.empty());
        CHECK(r.message.empty());
        CHECK(r.hint.empty());
    }
}

TEST_CASE("no_diagnostic_text: make_error and refine take each row's code from the one-byte table", "[no_diagnostic_text]") {
    for (std::size_t i = 1; i < diag_count; ++i) {
        diag const d = static_cast<diag>(i);
        INFO(to_string(d));
        CHECK(code_of(d) == info(d).code);
        parse_error const e = make_error(d, 7);
        CHECK(e.id == d);
        CHECK(e.code == info(d).code);
        CHECK(e.offset == 7);
        CHECK(e.expected.empty());
        CHECK(e.message.empty());
        parse_error refined = make_error(diag::uri_second_at, 3);
        refined.refine(d);
        CHECK(refined.id == d);
        CHECK(refined.code == info(d).code);
        CHECK(refined.offset == 3);
    }
    CHECK(code_of(static_cast<diag>(diag_count)) == errc::ok);
}

TEST_CASE("no_diagnostic_text: the two-@ URI is rejected at the second @ by id", "[no_diagnostic_text]") {
    auto const r = parse_uri("sip:1001@company1@pbx.example.com:5080");
    REQUIRE_FALSE(r);
    CHECK(r.error().id == diag::uri_second_at);
    CHECK(r.error().offset == 17);
    CHECK(r.error().code == info(diag::uri_second_at).code);
    CHECK(r.error().message.empty());
    CHECK(r.error().hint.empty());
}

TEST_CASE("no_leniency: a leniency_set stays empty whatever is added", "[no_leniency]") {
    CHECK(leniency_set::all().empty());
    for (std::size_t i = 1; i <= leniency_count; ++i) {
        auto const l = static_cast<leniency>(i);
        INFO(to_string(l));
        leniency_set s(l);
        s.add(l);
        CHECK(s.empty());
        CHECK_FALSE(s.has(l));
        CHECK(leniency_set::from_bits(~std::uint32_t{0}).empty());
    }
}

TEST_CASE("no_leniency: the table and the names stay for tools", "[no_leniency]") {
    CHECK(leniency_count == 9);
    CHECK(leniency_from_string("allow_bare_lf") == leniency::allow_bare_lf);
    CHECK(info(leniency::allow_bare_lf).warning == diag::lenient_bare_lf);
}

TEST_CASE("no_leniency: each flag's example gets the strict error with its flag asked for", "[no_leniency]") {
    for (std::size_t i = 1; i <= leniency_count; ++i) {
        auto const l = static_cast<leniency>(i);
        leniency_info const& row = info(l);
        INFO(row.name);
        outcome const strict = parse_example(row, {});
        outcome const asked = parse_example(row, l);
        outcome const every = parse_example(row, leniency_set::all());
        CHECK_FALSE(strict.ok);
        CHECK_FALSE(asked.ok);
        CHECK_FALSE(every.ok);
        CHECK(strict.error.would_accept == leniency::none);  // no second parse to name a flag
        CHECK(asked.error.would_accept == leniency::none);
        CHECK(asked.error.id == strict.error.id);
        CHECK(asked.error.offset == strict.error.offset);
        CHECK(every.error.id == strict.error.id);
        CHECK(every.error.offset == strict.error.offset);
        CHECK(asked.warnings.empty());
        CHECK(strict.error.id != diag::none);
        CHECK(leniency_of_warning(strict.error.id) == leniency::none);  // an error, never a leniency warning
    }
}

namespace {
struct verdict_probe {
    int passed = 0;
    void begin() noexcept {}
    void end(char const* entry, bool expected_ok, bool ok) {
        INFO(entry);
        CHECK(ok == expected_ok);
        ++passed;
    }
};
} // namespace

TEST_CASE("no_leniency: every entry point keeps its strict verdicts", "[no_leniency]") {
    verdict_probe probe;
    sipview_test::run_parse_calls(probe);
    CHECK(probe.passed > 50);
}
