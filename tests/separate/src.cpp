// The one file of the program that compiles byline's stages.
#include <byline/src.hpp>
