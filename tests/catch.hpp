// Include Catch2 v2 or v3, whichever the build found.
#pragma once
#if defined(SIPVIEW_CATCH3)
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#else
#include <catch2/catch.hpp>
#endif
