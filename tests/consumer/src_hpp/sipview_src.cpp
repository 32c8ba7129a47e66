// The one TU of this project that compiles sipview's grammars.
#include <sipview/src.hpp>
