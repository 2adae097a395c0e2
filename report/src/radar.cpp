// The radar: spokes clockwise from the top in the framework's order (so each group's
// spokes are neighbours). The lowest score sits a little out from the centre, so that a
// low score is never drawn where nothing is drawn, and an unknown answer leaves a gap
// in the outline, a hollow marker at the rim and the word "unknown" in its label.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "html.hpp"
#include "proviso/report/radar.hpp"

namespace proviso {
namespace {

using report::internal::esc;

// Wide enough for long labels left and right of the circle.
constexpr double kWidth = 960, kSize = 720, kCx = kWidth / 2, kCy = kSize / 2, kRadius = 230, kInner = 0.15;

struct GroupStyle {
  const char* colour;
  const char* dash;    // stroke-dasharray, "none" for solid
  const char* marker;  // circle, square, diamond, triangle
};
// Colours differ in lightness too, and dash and marker shape tell the groups apart
// without any colour at all.
constexpr GroupStyle kStyles[] = {
    {"#1d3557", "none", "circle"},   {"#8a3b12", "10 5", "square"}, {"#2d6a4f", "3 4", "diamond"},
    {"#5a189a", "12 4 3 4", "triangle"}, {"#404040", "1 3", "circle"}, {"#7f5539", "6 2", "square"},
};
constexpr std::size_t kStyleCount = sizeof kStyles / sizeof kStyles[0];

double angle(std::size_t i, std::size_t n) { return -std::numbers::pi / 2 + 2 * std::numbers::pi * double(i) / double(n); }

double radius_of(double v, const Spoke& s) {
  return kRadius * (kInner + (1 - kInner) * (v - double(s.lo)) / double(s.hi - s.lo));
}

std::string pt(double x, double y) { return fmt::format("{:.1f},{:.1f}", x, y); }

// A group's marker; with a `title`, the title is its tooltip and accessible name.
std::string marker(const GroupStyle& st, double x, double y, bool hollow, std::string_view cls,
                   const std::string& title = {}) {
  const std::string fill = hollow ? "#ffffff" : st.colour;
  const std::string common = fmt::format("class=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"", cls, fill, st.colour);
  const std::string_view shape = st.marker;
  std::string tag, attrs;
  if (shape == "square") {
    tag = "rect";
    attrs = fmt::format("x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\"", x - 5, y - 5);
  } else if (shape == "diamond") {
    tag = "polygon";
    attrs = fmt::format("points=\"{} {} {} {}\"", pt(x, y - 7), pt(x + 7, y), pt(x, y + 7), pt(x - 7, y));
  } else if (shape == "triangle") {
    tag = "polygon";
    attrs = fmt::format("points=\"{} {} {}\"", pt(x, y - 7), pt(x + 6.5, y + 5), pt(x - 6.5, y + 5));
  } else {
    tag = "circle";
    attrs = fmt::format("cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5.5\"", x, y);
  }
  if (title.empty()) return fmt::format("<{} {} {}/>", tag, common, attrs);
  return fmt::format("<{0} {1} {2}><title>{3}</title></{0}>", tag, common, attrs, esc(title));
}

// Where a threshold's boundary lies on the spoke: the literal itself, or the last value
// on the passing side for a strict comparison (`> 2` is drawn at 3, `< 3` at 2).
double boundary(const Threshold& t) {
  if (t.op == ">") return double(t.value + 1);
  if (t.op == "<") return double(t.value - 1);
  return double(t.value);
}

}  // namespace

std::string render_radar_svg_element(const Assessment& a, std::string_view id) {
  const Program& p = *a.program;
  const FrameworkInfo& f = *a.framework;
  const std::size_t n = a.spokes.size();
  std::vector<std::string> groups;
  for (const AssessedGroup& g : a.groups) {
    for (const Spoke& s : a.spokes) {
      if (s.group == g.name) {
        groups.push_back(g.name);
        break;
      }
    }
  }
  auto style_of = [&](const std::string& g) -> const GroupStyle& {
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (groups[i] == g) return kStyles[i % kStyleCount];
    }
    return kStyles[0];
  };
  const double legend_h = 30.0 + 22.0 * double(groups.size() + 2);
  const double height = kSize + legend_h;
  std::string known_count = std::to_string(std::count_if(a.spokes.begin(), a.spokes.end(), [](const Spoke& s) { return s.known; }));
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {7:.0f} {1:.0f}\" width=\"{7:.0f}\" height=\"{1:.0f}\" "
      "role=\"img\" aria-labelledby=\"{2}-title {2}-desc\" font-family=\"sans-serif\" font-size=\"13\">\n"
      "<title id=\"{2}-title\">{3}: scores by question</title>\n"
      "<desc id=\"{2}-desc\">{4} scored questions, {5} answered; one spoke per question, grouped by {6}.</desc>\n"
      "<rect x=\"0\" y=\"0\" width=\"{7:.0f}\" height=\"{1:.0f}\" fill=\"#ffffff\"/>\n",
      kSize, height, esc(id), esc(f.name), n, known_count, groups.size() == 1 ? "one group" : std::to_string(groups.size()) + " groups", kWidth);
  if (n == 0) {
    out += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">No question of {} is answered by a score.</text>\n",
                       kCx, kCy, esc(f.name));
    return out + "</svg>\n";
  }
  // Rings at the lowest score, the quarters and the highest, shared by every spoke (on a
  // 1..5 scale each score has its ring).
  out += "<g class=\"rings\" fill=\"none\" stroke=\"#b0b0b0\" stroke-width=\"1\">\n";
  for (double frac : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\"/>\n", kCx, kCy,
                       kRadius * (kInner + (1 - kInner) * frac));
  }
  out += "</g>\n";
  // Spokes.
  for (std::size_t i = 0; i < n; ++i) {
    const Spoke& s = a.spokes[i];
    const GroupStyle& st = style_of(s.group);
    const double th = angle(i, n);
    const double x = kCx + (kRadius + 8) * std::cos(th), y = kCy + (kRadius + 8) * std::sin(th);
    out += fmt::format("<line class=\"spoke\" data-question=\"{}\" data-group=\"{}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
                       "y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\"/>\n",
                       esc(f.questions[s.question].name), esc(s.group), kCx, kCy, x, y, st.colour, st.dash);
    const double lx = kCx + (kRadius + 30) * std::cos(th), ly = kCy + (kRadius + 30) * std::sin(th) + 4;
    const char* anchor = std::cos(th) > 0.3 ? "start" : std::cos(th) < -0.3 ? "end" : "middle";
    const std::string value = s.known ? fmt::format("{}/{}", s.value, s.hi) : "unknown";
    out += fmt::format("<text class=\"label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" fill=\"{}\"{}>{} {}</text>\n", lx, ly,
                       anchor, st.colour, s.known ? "" : " font-style=\"italic\"", esc(f.questions[s.question].name), value);
  }
  // The team thresholds: a thick dashed tick across each spoke at its boundary, joined
  // between neighbouring spokes that both have one.
  std::string th_path;
  bool pen = false;
  for (std::size_t i = 0; i <= n; ++i) {
    const Spoke& s = a.spokes[i % n];
    if (!s.threshold || (i == n && !a.spokes[0].threshold)) {
      pen = false;
      continue;
    }
    if (i == n && n < 3) break;
    const double r = radius_of(std::clamp(boundary(*s.threshold), double(s.lo), double(s.hi)), s);
    const double th = angle(i % n, n);
    th_path += fmt::format("{}{} ", pen ? "L" : "M", pt(kCx + r * std::cos(th), kCy + r * std::sin(th)));
    pen = true;
  }
  if (!th_path.empty()) {
    out += fmt::format("<path class=\"threshold\" d=\"{}\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2.5\" "
                       "stroke-dasharray=\"2 4\"/>\n", th_path);
  }
  // The answers: an outline through neighbouring known answers, broken at each unknown.
  std::string path;
  pen = false;
  for (std::size_t i = 0; i <= n; ++i) {
    const Spoke& s = a.spokes[i % n];
    if (!s.known) {
      pen = false;
      continue;
    }
    if (i == n && (n < 3 || !pen)) break;
    const double r = radius_of(double(s.value), s), th = angle(i % n, n);
    path += fmt::format("{}{} ", pen ? "L" : "M", pt(kCx + r * std::cos(th), kCy + r * std::sin(th)));
    pen = true;
  }
  if (!path.empty()) {
    out += fmt::format("<path class=\"answers\" d=\"{}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n", path);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Spoke& s = a.spokes[i];
    const GroupStyle& st = style_of(s.group);
    const double th = angle(i, n);
    const double r = s.known ? radius_of(double(s.value), s) : kRadius;
    out += marker(st, kCx + r * std::cos(th), kCy + r * std::sin(th), !s.known, s.known ? "answer" : "answer unknown",
                  fmt::format("{}: {}", p.facts[s.fact].name,
                              s.known ? fmt::format("{} of {}..{}", s.value, s.lo, s.hi) : "unknown")) +
           "\n";
  }
  // Legend: a sample of each group's line and marker, then the threshold and unknowns.
  double y = kSize + 10;
  out += fmt::format("<g class=\"legend\">\n<text x=\"20\" y=\"{:.0f}\" font-weight=\"bold\">Key</text>\n", y + 4);
  for (const std::string& g : groups) {
    y += 22;
    const GroupStyle& st = style_of(g);
    out += fmt::format("<line x1=\"20\" y1=\"{0:.0f}\" x2=\"70\" y2=\"{0:.0f}\" stroke=\"{1}\" stroke-width=\"2\" stroke-dasharray=\"{2}\"/>\n",
                       y, st.colour, st.dash);
    std::string mk = marker(st, 45, y, false, "key");
    out += mk + "\n";
    out += fmt::format("<text x=\"80\" y=\"{:.0f}\">group {}</text>\n", y + 4, esc(g.empty() ? "(none)" : g));
  }
  y += 22;
  out += fmt::format("<line x1=\"20\" y1=\"{0:.0f}\" x2=\"70\" y2=\"{0:.0f}\" stroke=\"#000000\" stroke-width=\"2.5\" "
                     "stroke-dasharray=\"2 4\"/>\n<text x=\"80\" y=\"{1:.0f}\">team threshold (from a condition comparing the score with a number)</text>\n",
                     y, y + 4);
  y += 22;
  out += fmt::format("<circle cx=\"45\" cy=\"{:.0f}\" r=\"5.5\" fill=\"#ffffff\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n"
                     "<text x=\"80\" y=\"{:.0f}\">hollow marker at the rim, gap in the outline: answer unknown</text>\n</g>\n",
                     y, y + 4);
  return out + "</svg>\n";
}

std::string render_radar_svg(const Assessment& a) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render_radar_svg_element(a);
}

}  // namespace proviso
