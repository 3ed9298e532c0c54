#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include <aperture/report/openness_chart.hpp>
#include <aperture/report/text_escape.hpp>
#include <aperture/report/verdict_labels.hpp>

namespace aperture::report {
namespace {

using frameworks::State;

constexpr double k_width = 960;
constexpr double k_gap = 4;
constexpr std::string_view k_font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
constexpr std::string_view k_text = "#1f2328";
constexpr std::string_view k_muted = "#59636e";
constexpr std::string_view k_track = "#eaeef2";

// Coordinates with at most one decimal, without a trailing ".0".
std::string num(double v) {
  std::string s = fmt::format("{:.1f}", v);
  return s.ends_with(".0") ? s.substr(0, s.size() - 2) : s;
}

// Splits `text` at spaces into lines of at most `width` characters (a word
// longer than that gets a line of its own).
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string_view word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) {
      line += ' ';
    }
    line += word;
    start = end + 1;
  }
  if (!line.empty()) {
    lines.push_back(line);
  }
  return lines;
}

struct Box {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

std::string svg_open(double height, std::string_view label) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\" aria-label=\"{}\" font-family=\"{}\">\n",
      num(k_width), num(height), num(k_width), num(height), html_escape(label), k_font);
}

// A text element; `content` is escaped here.
std::string text(double x,
                 double y,
                 std::string_view content,
                 double size,
                 std::string_view fill,
                 std::string_view extra = {}) {
  return fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}{}>{}</text>", num(x), num(y),
                     num(size), fill, extra.empty() ? "" : " ", extra, html_escape(content));
}

// A filled, rounded rectangle; unknown gets a dashed outline so that it does
// not read as a colour alone.
std::string rect(const Box& b, State state, std::string_view extra = {}) {
  Swatch s = swatch(state);
  std::string stroke = state == State::unknown ? " stroke=\"#8c959f\" stroke-dasharray=\"4 3\"" : "";
  return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"{}\"{}{}{}/>",
                     num(b.x), num(b.y), num(b.w), num(b.h), s.fill, stroke, extra.empty() ? "" : " ", extra);
}

// Lines of text centred in `b`, the last one bold.
std::string
tile_text(const Box& b, const std::vector<std::string>& lines, double size, std::string_view ink) {
  std::string out;
  double line_height = size * 1.2;
  double top = b.y + (b.h - line_height * static_cast<double>(lines.size())) / 2 + size;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view weight = i + 1 == lines.size() ? " font-weight=\"600\"" : "";
    out += text(b.x + b.w / 2, top + line_height * static_cast<double>(i), lines[i], size, ink,
                fmt::format("text-anchor=\"middle\"{}", weight));
  }
  return out;
}

// One mark: a tile coloured by `state` with `lines` in it and a tooltip.
std::string mark(std::string_view data,
                 const Box& b,
                 State state,
                 const std::vector<std::string>& lines,
                 std::string_view title,
                 double size) {
  std::string out = fmt::format("<g class=\"mark\" {} data-state=\"{}\"><title>{}</title>", data,
                                swatch(state).label, html_escape(title));
  out += rect(b, state);
  out += tile_text(b, lines, size, swatch(state).ink);
  return out + "</g>\n";
}

// ---- the component chart --------------------------------------------------

constexpr double k_column_width = (k_width - 5 * k_gap) / 6;
constexpr double k_tile_height = 52;
constexpr double k_tiles_top = 44;

std::string component_title(const frameworks::ComponentState& s, const release::Component& c) {
  std::string title = fmt::format("{}: {}", release::mof_name(c.kind), swatch(s.state).label);
  if (!c.license_id.empty()) {
    title += " · " + c.license_id;
  }
  return s.reason.empty() ? title : title + " · " + s.reason;
}

std::string layer_column(const release::Release& r, const ComponentLayer& layer, double x) {
  std::size_t open = 0;
  std::string tiles;
  for (std::size_t i = 0; i < layer.kinds.size(); ++i) {
    release::ComponentKind kind = layer.kinds[i];
    frameworks::ComponentState s = frameworks::component_state(r, kind);
    open += s.state == State::open ? 1 : 0;
    Box b{x, k_tiles_top + static_cast<double>(i) * (k_tile_height + k_gap + 2), k_column_width,
          k_tile_height};
    std::vector<std::string> lines = wrap(release::mof_name(kind), 22);
    lines.emplace_back(swatch(s.state).label);
    std::string data =
        fmt::format("data-component=\"{}\" data-layer=\"{}\"", release::to_string(kind), layer.id);
    tiles += mark(data, b, s.state, lines, component_title(s, r.component(kind)), 11.5);
  }
  std::string out = text(x + 2, 17, layer.title, 14, k_text, "font-weight=\"700\"");
  out += text(x + 2, 34, fmt::format("{} of {} open", open, layer.kinds.size()), 11.5, k_muted);
  return out + "\n" + tiles;
}

// ---- the framework chart --------------------------------------------------

constexpr double k_label_width = 200;
constexpr double k_plot_x = k_label_width + 10;
constexpr double k_plot_width = k_width - k_plot_x;

// A row's label: the framework's name and its value under it.
std::string row_label(double y, std::string_view name, std::string_view value) {
  return text(0, y + 15, name, 13.5, k_text, "font-weight=\"700\"") + text(0, y + 32, value, 12, k_muted) +
         "\n";
}

// Box `index` of a grid across the plot with `per_row` boxes in each row.
Box cell(double y, std::size_t index, std::size_t per_row, double height) {
  double w = (k_plot_width - k_gap * static_cast<double>(per_row - 1)) / static_cast<double>(per_row);
  double row = static_cast<double>(index / per_row);
  double col = static_cast<double>(index % per_row);
  return {k_plot_x + col * (w + k_gap), y + row * (height + k_gap), w, height};
}

std::string osd_row(const frameworks::OsdVerdict& osd, double y) {
  std::string failing = failed_ids(osd.failing);
  std::string value(outcome_label(osd.outcome));
  std::string inside = failing.empty() ? value : fmt::format("{}: fails {}", value, failing);
  std::string out = row_label(y, "OSD", value);
  std::string title = osd.reason.empty() ? "Open Source Definition: " + value : osd.reason;
  out += mark("data-framework=\"osd\" data-item=\"osd\"", {k_plot_x, y, k_plot_width, 36}, tone(osd.outcome),
              {inside}, title, 12.5);
  return out;
}

std::string osaid_short_name(const assess::CriterionVerdict& c) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_names = {{
      {"osaid-data-information", "Data information"},
      {"osaid-code", "Code"},
      {"osaid-parameters", "Parameters"},
      {"osaid-freedoms", "Freedoms"},
  }};
  for (const auto& [id, name] : k_names) {
    if (c.id == id) {
      return std::string(name);
    }
  }
  return c.id;
}

std::string osaid_row(const frameworks::OsaidVerdict& osaid, double y) {
  std::string out = row_label(y, "OSAID 1.0", std::string(outcome_label(osaid.outcome)));
  std::size_t n = std::max<std::size_t>(osaid.requirements.size(), 1);
  for (std::size_t i = 0; i < osaid.requirements.size(); ++i) {
    const assess::CriterionVerdict& c = osaid.requirements[i];
    std::string data = fmt::format("data-framework=\"osaid\" data-item=\"{}\"", html_escape(c.id));
    out += mark(data, cell(y, i, n, 36), tone(c.outcome),
                {osaid_short_name(c), std::string(outcome_label(c.outcome))},
                fmt::format("{}: {} · {}", c.name, outcome_label(c.outcome), c.reason), 11.5);
  }
  return out;
}

// A progress bar for one MOF class: a track and a fill as wide as the progress.
std::string mof_row(const frameworks::MofVerdict& m, int mof_class, double y) {
  const frameworks::MofClassResult& r = m.result(mof_class);
  std::string_view label = frameworks::mof_class_label(mof_class);
  std::string value = r.met() ? "met" : fmt::format("{:.0f}% of required components", r.progress);
  std::size_t dash = label.find(" - ");  // "Class III - Open Model"
  std::string_view name = dash == std::string_view::npos ? std::string_view() : label.substr(dash + 3);
  std::string out = row_label(y, fmt::format("MOF {}", label.substr(0, dash)), name);
  State state = r.met() ? State::open : State::restricted;
  double fill = k_plot_width * std::clamp(r.progress, 0.0, 100.0) / 100.0;
  std::string title = fmt::format("{}: {:.1f}%{}", label, r.progress,
                                  r.missing.empty() ? "" : "; missing " + kind_names(r.missing, 17));
  out += fmt::format("<g class=\"mark\" data-framework=\"mof\" data-item=\"class-{}\" data-state=\"{}\" "
                     "data-progress=\"{:.1f}\"><title>{}</title>",
                     mof_class, swatch(state).label, r.progress, html_escape(title));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"26\" rx=\"5\" fill=\"{}\"/>",
                     num(k_plot_x), num(y + 4), num(k_plot_width), k_track);
  if (fill > 0) {
    out += rect({k_plot_x, y + 4, fill, 26}, state);
  }
  out +=
      text(k_plot_x + 8, y + 22, value, 12, fill > 200 ? swatch(state).ink : k_text, "font-weight=\"600\"");
  return out + "</g>\n";
}

std::string osai_row(const frameworks::OsaiVerdict& v, double y) {
  std::string out = row_label(y, "OSAI index", fmt::format("{:.0f}% · 12 parameters", v.score * 100));
  for (std::size_t i = 0; i < v.ratings.size(); ++i) {
    const frameworks::OsaiRating& r = v.ratings[i];
    const frameworks::OsaiParameterInfo& p = frameworks::info(r.parameter);
    std::vector<std::string> lines = wrap(p.name, 19);
    lines.emplace_back(frameworks::to_string(r.rating));
    std::string data = fmt::format("data-framework=\"osai\" data-item=\"{}\"", p.ref);
    out += mark(data, cell(y, i, 6, 44), tone(r.rating), lines,
                fmt::format("{}: {} · {}", p.name, frameworks::to_string(r.rating), r.reason), 10.5);
  }
  return out;
}

std::string spectrum_row(const frameworks::SpectrumVerdict& s, double y) {
  std::string value = s.level ? fmt::format("level {} of 5", *s.level) : "unknown";
  if (s.ceiling < 5) {
    value += fmt::format(" · capped at {}", s.ceiling);
  }
  std::string out = row_label(y, "Spectrum", value);
  for (int level = 1; level <= 5; ++level) {
    bool reached = s.level && level <= *s.level;
    // The levels reached take the colour of the release's level.
    State state = reached ? spectrum_tone(s.level) : State::unknown;
    Box b = cell(y, static_cast<std::size_t>(level - 1), 5, 44);
    std::vector<std::string> lines = wrap(frameworks::spectrum_label(level), 24);
    lines.push_back(fmt::format("level {}", level));
    std::string title = fmt::format("Level {}: {}", level, frameworks::spectrum_label(level));
    if (s.level && level == *s.level) {
      title += fmt::format(" (this release: {})", s.reason);
    } else if (level > s.ceiling) {
      title += " (the terms do not allow it)";
    }
    std::string data = fmt::format("data-framework=\"spectrum\" data-item=\"level-{}\"", level);
    out += mark(data, b, state, lines, title, 10.5);
    if (s.level && level == *s.level) {
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"none\" stroke=\"{}\" "
          "stroke-width=\"3\"/>\n",
          num(b.x - 1.5), num(b.y - 1.5), num(b.w + 3), num(b.h + 3), k_text);
    }
  }
  return out;
}

}  // namespace

std::string component_chart_svg(const release::Release& release) {
  double rows = 0;
  for (const ComponentLayer& layer : component_layers()) {
    rows = std::max(rows, static_cast<double>(layer.kinds.size()));
  }
  double height = k_tiles_top + rows * (k_tile_height + k_gap + 2);
  std::string out = svg_open(height, "Openness of each component, by layer");
  double x = 0;
  for (const ComponentLayer& layer : component_layers()) {
    out += layer_column(release, layer, x);
    x += k_column_width + k_gap;
  }
  return out + "</svg>";
}

std::string framework_chart_svg(const frameworks::Assessment& a) {
  std::string rows;
  double y = 2;
  rows += osd_row(a.osd, y);
  y += 48;
  rows += osaid_row(a.osaid, y);
  y += 48;
  for (int c = 3; c >= 1; --c) {
    rows += mof_row(a.mof, c, y);
    y += 40;
  }
  y += 8;
  rows += osai_row(a.osai, y);
  y += 2 * (44 + k_gap) + 12;
  rows += spectrum_row(a.spectrum, y);
  y += 48;
  return svg_open(y, "Verdict of each framework") + rows + "</svg>";
}

std::string state_legend_svg() {
  std::string out =
      fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"legend\" viewBox=\"0 0 {} 24\" "
                  "width=\"{}\" height=\"24\" role=\"img\" aria-label=\"Legend\" font-family=\"{}\">\n",
                  num(5 * 120), num(5 * 120), k_font);
  double x = 0;
  for (State s : {State::open, State::restricted, State::unlicensed, State::closed, State::unknown}) {
    out += rect({x, 4, 16, 16}, s);
    out += text(x + 22, 17, swatch(s).label, 12.5, k_text) + "\n";
    x += 120;
  }
  return out + "</svg>";
}

}  // namespace aperture::report
