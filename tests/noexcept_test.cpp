// Built with -fno-exceptions -fno-rtti, as phone firmware is: runs the same
// parse calls as the allocation test and checks every verdict.
#include "parse_calls.hpp"

#include <cstdio>

#if defined(__cpp_exceptions) || defined(__GXX_RTTI) || defined(__cpp_rtti)
#error "this test must be compiled with -fno-exceptions -fno-rtti"
#endif

namespace {
struct verdict_probe {
    int passed = 0;
    int failed = 0;
    void begin() noexcept {}
    void end(char const* entry, bool expected_ok, bool ok) noexcept {
        if (ok == expected_ok) {
            ++passed;
            return;
        }
        ++failed;
        std::printf("FAIL: %s: verdict %s (expected %s)\n", entry, ok ? "ok" : "error", expected_ok ? "ok" : "error");
    }
};
} // namespace

int main() {
    verdict_probe probe;
    sipview_test::run_parse_calls(probe);
    std::printf("no-exceptions test: %d passed, %d failed\n", probe.passed, probe.failed);
    return probe.failed == 0 && probe.passed > 0 ? 0 : 1;
}
