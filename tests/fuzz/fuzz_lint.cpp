// libFuzzer harness: sip-lint's output path, through the functions main()
// uses (examples/sip-lint/cli.hpp), without running main().
// Input: one flags byte, then the text.
//   bits 0-1  0: a message, 1: a message with --password, 2: --uri,
//             3: --header (the next byte picks the registry row)
//   bit 2     also --compare: the text cut in two at its middle
// Each input goes through lint_to_streams() twice, as --json and as human
// output. Invariants:
//   * no exception escapes; the status is 0 or 1;
//   * the JSON output is one line of valid UTF-8 that nlohmann re-parses to
//     an object;
//   * the human output (and --compare's) holds no byte below 0x20 but LF
//     and TAB, no DEL, no C1 control, and is valid UTF-8.
// A violated invariant prints the input and aborts, so libFuzzer saves it.
#include "../../examples/sip-lint/cli.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void fail(char const* what, std::string_view input, std::string_view output = {}) {
    std::fprintf(stderr, "\n*** sip-lint invariant violated: %s\n", what);
    std::fprintf(stderr, "input (%zu bytes): %s\n", input.size(), sip_lint::terminal_text(input).c_str());
    if (!output.empty()) std::fprintf(stderr, "output: %s\n", sip_lint::terminal_text(output).c_str());
    std::abort();
}

void check_human(std::string_view out, std::string_view in) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto const c = static_cast<unsigned char>(out[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) fail("a control byte in human output", in, out);
        if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) < 0xA0)
            fail("a C1 control in human output", in, out);
    }
    if (sip_lint::first_invalid_utf8(out) != std::string_view::npos) fail("human output is not UTF-8", in, out);
}

void check_json(std::string_view out, std::string_view in) {
    if (out.empty() || out.back() != '\n' || out.find('\n') != out.size() - 1) fail("JSON output is not one line", in, out);
    if (sip_lint::first_invalid_utf8(out) != std::string_view::npos) fail("JSON output is not UTF-8", in, out);
    auto const j = nlohmann::json::parse(out, nullptr, false);
    if (j.is_discarded() || !j.is_object()) fail("JSON output does not re-parse", in, out);
}

std::vector<sipview::header_id> const& header_ids() {
    static std::vector<sipview::header_id> const ids = [] {
        std::vector<sipview::header_id> v;
        sipview::for_each_header([&](auto tag) { v.push_back(decltype(tag)::id); });
        return v;
    }();
    return ids;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    unsigned const flags = data[0];
    std::string_view in(reinterpret_cast<char const*>(data) + 1, size - 1);
    sip_lint::lint_options o;
    if (flags & 8) o.lenient = sipview::leniency_set::all();  // --lenient
    switch (flags & 3) {
    case 1: o.password = "SomePass"; break;
    case 2: o.uri = true; break;
    case 3:
        if (in.empty()) return 0;
        o.header = header_ids()[static_cast<unsigned char>(in[0]) % header_ids().size()];
        in.remove_prefix(1);
        break;
    default: break;
    }
    try {
        for (bool json : {true, false}) {
            o.json = json;
            std::ostringstream out;
            int const status = sip_lint::lint_to_streams(in, "fuzz.sip", o, out);
            if (status != sip_lint::exit_valid && status != sip_lint::exit_invalid) fail("status not 0 or 1", in);
            if (json) check_json(out.str(), in);
            else check_human(out.str(), in);
        }
        if (flags & 4) {
            std::ostringstream out;
            std::size_t const half = in.size() / 2;
            int const status = sip_lint::compare_to_stream("a.sip", in.substr(0, half), "b.sip", in.substr(half), out);
            if (status != sip_lint::exit_valid && status != sip_lint::exit_invalid) fail("--compare status not 0 or 1", in);
            check_human(out.str(), in);
        }
    } catch (std::exception const& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("an exception escaped", in);
    } catch (...) {
        fail("an exception escaped", in);
    }
    return 0;
}
