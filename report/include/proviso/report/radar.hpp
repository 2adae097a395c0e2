#pragma once
// The radar picture of an assessment: one spoke per question whose citing fact is a
// score (a bounded int), grouped by the framework's groups. Readable in greyscale: each
// group has its own dash pattern and marker shape as well as its colour.
#include <string>

#include "proviso/report/assess.hpp"

namespace proviso {

// The <svg> element alone, for inlining in HTML. `id` prefixes the element ids.
std::string render_radar_svg_element(const Assessment& a, std::string_view id = "radar");

}  // namespace proviso
