#include <aperture/formats/yaml_tree.hpp>

#include <memory>

#include <yaml.h>

namespace aperture::formats {
namespace {

using util::ErrorCode;

std::string location(const yaml_mark_t& mark, std::uint32_t first_line) {
  return " at line " + std::to_string(mark.line + first_line) + ", column " + std::to_string(mark.column + 1);
}

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

struct EventGuard {
  yaml_event_t event{};
  ~EventGuard() { yaml_event_delete(&event); }
};

// Builds the tree from events with an explicit stack of open collections.
class Builder {
public:
  explicit Builder(const YamlLimits& limits) : m_limits(limits) {}

  // Returns an error message, or empty when the event was taken.
  std::string take(const yaml_event_t& e) {
    switch (e.type) {
    case YAML_SCALAR_EVENT:
      return add(scalar_node(e));
    case YAML_ALIAS_EVENT:
      return add(YamlNode{YamlNode::Kind::null, {}, {}, {}, line_of(e)});
    case YAML_SEQUENCE_START_EVENT:
      return open(YamlNode::Kind::sequence, e);
    case YAML_MAPPING_START_EVENT:
      return open(YamlNode::Kind::mapping, e);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      return close();
    default:
      return {};
    }
  }

  [[nodiscard]] bool done() const { return m_have_root && m_stack.empty(); }
  YamlNode root() { return std::move(m_root); }

private:
  struct Open {
    YamlNode node;
    std::string key;  // mappings: the key waiting for its value
    bool have_key = false;
    bool skip_value = false;  // a non-scalar key: its value is dropped
  };

  [[nodiscard]] std::uint32_t line_of(const yaml_event_t& e) const {
    return static_cast<std::uint32_t>(e.start_mark.line) + m_limits.first_line;
  }

  [[nodiscard]] YamlNode scalar_node(const yaml_event_t& e) const {
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.scalar.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    n.line = line_of(e);
    return n;
  }

  std::string count() {
    return ++m_nodes > m_limits.max_nodes ? "more than " + std::to_string(m_limits.max_nodes) + " nodes"
                                          : std::string();
  }

  std::string open(YamlNode::Kind kind, const yaml_event_t& e) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      return "nested more than " + std::to_string(m_limits.max_depth) + " levels deep";
    }
    if (auto err = count(); !err.empty()) {
      return err;
    }
    Open o;
    o.node.kind = kind;
    o.node.line = line_of(e);
    m_stack.push_back(std::move(o));
    return {};
  }

  std::string close() {
    if (m_stack.empty()) {
      return {};
    }
    YamlNode n = std::move(m_stack.back().node);
    m_stack.pop_back();
    return place(std::move(n));
  }

  std::string add(YamlNode n) {
    if (auto err = count(); !err.empty()) {
      return err;
    }
    return place(std::move(n));
  }

  // Puts a finished node into its parent (or makes it the root).
  std::string place(YamlNode n) {
    if (m_stack.empty()) {
      if (!m_have_root) {
        m_root = std::move(n);
        m_have_root = true;
      }
      return {};
    }
    Open& parent = m_stack.back();
    if (parent.node.kind == YamlNode::Kind::sequence) {
      parent.node.items.push_back(std::move(n));
    } else if (!parent.have_key) {
      parent.have_key = true;
      parent.skip_value = !n.is_scalar();
      parent.key = std::move(n.scalar);
    } else {
      if (!parent.skip_value) {
        parent.node.entries.push_back(YamlEntry{std::move(parent.key), std::move(n)});
      }
      parent.have_key = false;
      parent.key.clear();
    }
    return {};
  }

  YamlLimits m_limits;
  std::vector<Open> m_stack;
  YamlNode m_root;
  bool m_have_root = false;
  std::size_t m_nodes = 0;
};

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

std::vector<const YamlNode*> scalars_of(const YamlNode* node) {
  std::vector<const YamlNode*> out;
  if (node == nullptr) {
    return out;
  }
  if (node->is_scalar()) {
    out.push_back(node);
  }
  for (const auto& item : node->items) {
    if (item.is_scalar()) {
      out.push_back(&item);
    }
  }
  return out;
}

util::Result<YamlNode> parse_yaml(std::string_view text, const YamlLimits& limits) {
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
  if (yaml_parser_initialize(parser.get()) == 0) {
    return util::make_error(ErrorCode::io, "cannot start the YAML parser");
  }
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Builder builder(limits);
  while (!builder.done()) {
    EventGuard g;
    if (yaml_parser_parse(parser.get(), &g.event) == 0) {
      std::string problem = parser->problem != nullptr ? parser->problem : "malformed YAML";
      return util::make_error(ErrorCode::parse, problem + location(parser->problem_mark, limits.first_line));
    }
    if (g.event.type == YAML_STREAM_END_EVENT || g.event.type == YAML_DOCUMENT_END_EVENT) {
      break;
    }
    if (std::string err = builder.take(g.event); !err.empty()) {
      return util::make_error(ErrorCode::parse, err + location(g.event.start_mark, limits.first_line));
    }
  }
  return builder.root();
}

}  // namespace aperture::formats
