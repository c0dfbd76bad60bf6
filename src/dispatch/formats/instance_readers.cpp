#include "dispatch/formats/instance_readers.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

#include "dispatch/engine/travel.h"
#include "dispatch/formats/text_fields.h"
#include "dispatch/formats/vroom_json.h"

namespace dongne::dispatch::formats {
namespace {

constexpr int64_t kMaxQuantity = 1'000'000'000;

// One node line of any of the three formats.
struct Node {
  int line = 0;
  int64_t id = 0;
  Coord at;
  int64_t demand = 0;
  TimeWindow window;
  Time service = 0;
  int64_t pickup_sibling = 0;
  int64_t delivery_sibling = 0;
};

bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Reads the window columns; both non-negative and ready <= due.
Result<TimeWindow> window_fields(const TextLine& l, size_t i, std::string_view ready, std::string_view due) {
  DONGNE_ASSIGN_OR_RETURN(double a, non_negative_field(l, i, ready));
  DONGNE_ASSIGN_OR_RETURN(double b, non_negative_field(l, i + 1, due));
  if (b < a) {
    std::string quoted = "'";
    quoted += ready;
    quoted += "'";
    return line_error(l.number, due, "is before " + quoted, quoted + "보다 앞섭니다");
  }
  return TimeWindow{a, b};
}

// Ids must be unique; returns position-by-id (-1 where absent).
Result<std::vector<int>> index_ids(const std::vector<Node>& nodes) {
  int64_t max_id = 0;
  for (const Node& n : nodes) max_id = std::max(max_id, n.id);
  std::vector<int> at(static_cast<size_t>(max_id) + 1, -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    int& slot = at[static_cast<size_t>(nodes[i].id)];
    if (slot >= 0)
      return line_error(
          nodes[i].line, "id",
          "duplicates node " + std::to_string(nodes[i].id) + " of line " + std::to_string(nodes[slot].line),
          std::to_string(nodes[slot].line) + "번째 줄의 노드와 번호가 같습니다");
    slot = static_cast<int>(i);
  }
  return at;
}

// Locations = node coordinates in file order; Euclidean travel; K identical vehicles at location 0.
Problem base_problem(const std::vector<Node>& nodes, int64_t k, int64_t capacity, TimeWindow shift) {
  Problem p;
  p.locations.reserve(nodes.size());
  for (const Node& n : nodes) p.locations.push_back(n.at);
  p.travel = std::make_shared<EuclideanTravel>(p.locations);
  Vehicle v;
  v.start = 0;
  v.end = 0;
  v.capacity.q[0] = static_cast<int32_t>(capacity);
  v.shift = shift;
  for (int64_t i = 0; i < k; ++i) {
    v.id = std::to_string(i + 1);
    p.vehicles.push_back(v);
  }
  p.start_depot_external_id = nodes.front().id;
  p.end_depot_external_id = nodes.front().id;
  return p;
}

Stop stop_of(const Node& n, LocationIndex loc, int64_t load) {
  Stop s;
  s.location = loc;
  s.service = n.service;
  s.windows = {n.window};
  s.load.q[0] = static_cast<int32_t>(load);
  return s;
}

Status no_nodes(int line) {
  return line_error(line, "", "no node lines (truncated file?)", "노드 줄이 없습니다 (파일이 잘렸나요?)");
}

}  // namespace

std::string_view format_name(InstanceFormat f) {
  switch (f) {
    case InstanceFormat::kSolomon:
      return "solomon";
    case InstanceFormat::kLiLim:
      return "lilim";
    case InstanceFormat::kCordeau:
      return "cordeau";
    case InstanceFormat::kVroomJson:
      return "vroom-json";
    case InstanceFormat::kUnknown:
      return "unknown";
  }
  return "unknown";
}

InstanceFormat detect_format(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string_view::npos) return InstanceFormat::kUnknown;
  if (text[first] == '{') return InstanceFormat::kVroomJson;
  const std::vector<TextLine> lines = split_lines(text.substr(0, std::min<size_t>(text.size(), 4096)));
  for (const TextLine& l : lines)
    if (same_word(l.tokens[0], "NUMBER")) return InstanceFormat::kSolomon;
  if (lines.empty()) return InstanceFormat::kUnknown;
  for (size_t i = 0; i < lines[0].tokens.size(); ++i)
    if (!number_field(lines[0], i, "").ok()) return InstanceFormat::kUnknown;
  if (lines[0].tokens.size() == 3) return InstanceFormat::kLiLim;
  if (lines[0].tokens.size() == 5) return InstanceFormat::kCordeau;
  return InstanceFormat::kUnknown;
}

Result<Problem> read_solomon(std::string_view text) {
  const std::vector<TextLine> lines = split_lines(text);
  size_t i = 0;
  while (i < lines.size() && !same_word(lines[i].tokens[0], "NUMBER")) ++i;
  if (i + 1 >= lines.size())
    return line_error(0, "", "has no 'NUMBER CAPACITY' line followed by the fleet size and capacity",
                      "'NUMBER CAPACITY' 줄과 차량 수·용량 줄이 없습니다");
  const TextLine& fleet = lines[++i];
  DONGNE_TRY(expect_fields(fleet, 2, "number of vehicles, capacity"));
  DONGNE_ASSIGN_OR_RETURN(int64_t k, int_field(fleet, 0, "number", 1, kMaxVehicles));
  DONGNE_ASSIGN_OR_RETURN(int64_t q, int_field(fleet, 1, "capacity", 1, kMaxQuantity));
  while (i < lines.size() && !same_word(lines[i].tokens[0], "CUST")) ++i;
  if (i >= lines.size())
    return line_error(0, "", "has no 'CUST NO.' header before the customer lines",
                      "'CUST NO.' 머리줄이 없습니다");
  std::vector<Node> nodes;
  for (++i; i < lines.size(); ++i) {
    const TextLine& l = lines[i];
    DONGNE_TRY(expect_fields(l, 7, "id x y demand ready due service"));
    if (nodes.size() >= static_cast<size_t>(kMaxNodes))
      return line_error(l.number, "", "too many nodes", "노드가 너무 많습니다");
    Node n;
    n.line = l.number;
    DONGNE_ASSIGN_OR_RETURN(n.id, int_field(l, 0, "id", 0, kMaxNodes));
    DONGNE_ASSIGN_OR_RETURN(n.at.x, number_field(l, 1, "x"));
    DONGNE_ASSIGN_OR_RETURN(n.at.y, number_field(l, 2, "y"));
    DONGNE_ASSIGN_OR_RETURN(n.demand, int_field(l, 3, "demand", 0, kMaxQuantity));
    DONGNE_ASSIGN_OR_RETURN(n.window, window_fields(l, 4, "ready", "due"));
    DONGNE_ASSIGN_OR_RETURN(n.service, non_negative_field(l, 6, "service"));
    nodes.push_back(n);
  }
  if (nodes.empty()) return no_nodes(lines.back().number).error();
  if (nodes[0].id != 0)
    return line_error(nodes[0].line, "id", "of the first node must be 0 (the depot)",
                      "첫 노드(차고지)는 0번이어야 합니다");
  DONGNE_TRY(index_ids(nodes));
  Problem p = base_problem(nodes, k, q, nodes[0].window);
  for (size_t j = 1; j < nodes.size(); ++j) {
    Task t;
    t.id = std::to_string(nodes[j].id);
    t.kind = TaskKind::kSingle;
    t.pickup = stop_of(nodes[j], static_cast<LocationIndex>(j), nodes[j].demand);
    t.pickup_external_id = nodes[j].id;
    p.tasks.push_back(std::move(t));
  }
  return p;
}

Result<Problem> read_lilim(std::string_view text) {
  const std::vector<TextLine> lines = split_lines(text);
  if (lines.empty()) return line_error(0, "", "is empty", "비어 있습니다");
  DONGNE_TRY(expect_fields(lines[0], 3, "vehicles capacity speed"));
  DONGNE_ASSIGN_OR_RETURN(int64_t k, int_field(lines[0], 0, "vehicles", 1, kMaxVehicles));
  DONGNE_ASSIGN_OR_RETURN(int64_t q, int_field(lines[0], 1, "capacity", 1, kMaxQuantity));
  DONGNE_TRY(number_field(lines[0], 2, "speed"));
  std::vector<Node> nodes;
  for (size_t i = 1; i < lines.size(); ++i) {
    const TextLine& l = lines[i];
    DONGNE_TRY(expect_fields(l, 9, "id x y demand earliest latest service pickup delivery"));
    if (nodes.size() >= static_cast<size_t>(kMaxNodes))
      return line_error(l.number, "", "too many nodes", "노드가 너무 많습니다");
    Node n;
    n.line = l.number;
    DONGNE_ASSIGN_OR_RETURN(n.id, int_field(l, 0, "id", 0, kMaxNodes));
    DONGNE_ASSIGN_OR_RETURN(n.at.x, number_field(l, 1, "x"));
    DONGNE_ASSIGN_OR_RETURN(n.at.y, number_field(l, 2, "y"));
    DONGNE_ASSIGN_OR_RETURN(n.demand, int_field(l, 3, "demand", -kMaxQuantity, kMaxQuantity));
    DONGNE_ASSIGN_OR_RETURN(n.window, window_fields(l, 4, "earliest", "latest"));
    DONGNE_ASSIGN_OR_RETURN(n.service, non_negative_field(l, 6, "service"));
    DONGNE_ASSIGN_OR_RETURN(n.pickup_sibling, int_field(l, 7, "pickup", 0, kMaxNodes));
    DONGNE_ASSIGN_OR_RETURN(n.delivery_sibling, int_field(l, 8, "delivery", 0, kMaxNodes));
    nodes.push_back(n);
  }
  if (nodes.empty()) return no_nodes(lines[0].number).error();
  const Node& depot = nodes[0];
  if (depot.id != 0)
    return line_error(depot.line, "id", "of the first node must be 0 (the depot)",
                      "첫 노드(차고지)는 0번이어야 합니다");
  if (depot.demand != 0 || depot.pickup_sibling != 0 || depot.delivery_sibling != 0)
    return line_error(depot.line, "", "the depot must have demand 0 and no siblings",
                      "차고지는 수요 0, 짝 없음이어야 합니다");
  DONGNE_ASSIGN_OR_RETURN(std::vector<int> at, index_ids(nodes));
  auto find = [&](int64_t id) {
    return id < static_cast<int64_t>(at.size()) ? at[static_cast<size_t>(id)] : -1;
  };
  Problem p = base_problem(nodes, k, q, depot.window);
  for (size_t j = 1; j < nodes.size(); ++j) {
    const Node& n = nodes[j];
    const bool is_pickup = n.delivery_sibling != 0 && n.pickup_sibling == 0;
    const bool is_delivery = n.pickup_sibling != 0 && n.delivery_sibling == 0;
    if (!is_pickup && !is_delivery)
      return line_error(n.line, "",
                        "node " + std::to_string(n.id) + " must have exactly one non-zero sibling",
                        "노드 " + std::to_string(n.id) + "는 짝 번호가 정확히 하나여야 합니다");
    const int64_t sibling_id = is_pickup ? n.delivery_sibling : n.pickup_sibling;
    const int s = find(sibling_id);
    const std::string field = is_pickup ? "delivery" : "pickup";
    if (s <= 0)
      return line_error(n.line, field,
                        "names node " + std::to_string(sibling_id) + ", which is not a customer",
                        "고객이 아닌 노드 " + std::to_string(sibling_id) + "를 가리킵니다");
    const Node& sib = nodes[static_cast<size_t>(s)];
    if ((is_pickup ? sib.pickup_sibling : sib.delivery_sibling) != n.id)
      return line_error(n.line, field,
                        "names node " + std::to_string(sib.id) + ", which does not name it back",
                        "노드 " + std::to_string(sib.id) + "가 이 노드를 짝으로 가리키지 않습니다");
    if (!is_pickup) continue;  // each pair is built once, from its pickup
    if (n.demand < 0 || sib.demand != -n.demand)
      return line_error(sib.line, "demand",
                        "of delivery " + std::to_string(sib.id) + " is not minus the demand of pickup " +
                            std::to_string(n.id) + " (or the pickup's demand is negative)",
                        "배송 노드의 수요가 수거 노드 수요의 음수가 아닙니다");
    Task t;
    t.id = std::to_string(n.id);
    t.kind = TaskKind::kPickupDelivery;
    t.pickup = stop_of(n, static_cast<LocationIndex>(j), n.demand);
    t.delivery = stop_of(sib, static_cast<LocationIndex>(s), n.demand);
    t.pickup_external_id = n.id;
    t.delivery_external_id = sib.id;
    p.tasks.push_back(std::move(t));
  }
  return p;
}

Result<Problem> read_cordeau(std::string_view text) {
  const std::vector<TextLine> lines = split_lines(text);
  if (lines.empty()) return line_error(0, "", "is empty", "비어 있습니다");
  const TextLine& h = lines[0];
  DONGNE_TRY(expect_fields(h, 5, "K n T Q L"));
  DONGNE_ASSIGN_OR_RETURN(int64_t k, int_field(h, 0, "K", 1, kMaxVehicles));
  DONGNE_ASSIGN_OR_RETURN(int64_t n, int_field(h, 1, "n", 1, kMaxNodes / 2 - 1));
  DONGNE_ASSIGN_OR_RETURN(double max_duration, non_negative_field(h, 2, "T"));
  DONGNE_ASSIGN_OR_RETURN(int64_t q, int_field(h, 3, "Q", 1, kMaxQuantity));
  DONGNE_ASSIGN_OR_RETURN(double max_ride, non_negative_field(h, 4, "L"));
  const size_t expected = static_cast<size_t>(2 * n + 2);
  if (lines.size() - 1 < expected)
    return line_error(lines.back().number, "",
                      "truncated: the header announces " + std::to_string(expected) + " node lines, found " +
                          std::to_string(lines.size() - 1),
                      "잘린 파일: 노드 줄 " + std::to_string(expected) + "개 중 " +
                          std::to_string(lines.size() - 1) + "개뿐입니다");
  if (lines.size() - 1 > expected)
    return line_error(lines[expected + 1].number, "", "extra line after the destination depot (node 2n+1)",
                      "도착 차고지(2n+1번) 뒤에 줄이 더 있습니다");
  std::vector<Node> nodes;
  nodes.reserve(expected);
  for (size_t i = 1; i <= expected; ++i) {
    const TextLine& l = lines[i];
    DONGNE_TRY(expect_fields(l, 7, "id x y service load earliest latest"));
    Node nd;
    nd.line = l.number;
    DONGNE_ASSIGN_OR_RETURN(nd.id, int_field(l, 0, "id", 0, kMaxNodes));
    if (nd.id != static_cast<int64_t>(i - 1))
      return line_error(
          l.number, "id",
          "is " + std::to_string(nd.id) + ", expected " + std::to_string(i - 1) + " (nodes in order)",
          std::to_string(i - 1) + "번이어야 합니다 (노드는 순서대로)");
    DONGNE_ASSIGN_OR_RETURN(nd.at.x, number_field(l, 1, "x"));
    DONGNE_ASSIGN_OR_RETURN(nd.at.y, number_field(l, 2, "y"));
    DONGNE_ASSIGN_OR_RETURN(nd.service, non_negative_field(l, 3, "service"));
    DONGNE_ASSIGN_OR_RETURN(nd.demand, int_field(l, 4, "load", -kMaxQuantity, kMaxQuantity));
    DONGNE_ASSIGN_OR_RETURN(nd.window, window_fields(l, 5, "earliest", "latest"));
    const bool depot = i == 1 || i == expected;
    const bool pickup = !depot && nd.id <= n;
    if ((depot && nd.demand != 0) || (pickup && nd.demand < 0))
      return line_error(l.number, "load", depot ? "of a depot must be 0" : "of a pickup must not be negative",
                        depot ? "차고지는 0이어야 합니다" : "승차 노드는 음수일 수 없습니다");
    if (!depot && !pickup && nd.demand != -nodes[static_cast<size_t>(nd.id - n)].demand)
      return line_error(l.number, "load",
                        "of drop-off " + std::to_string(nd.id) + " is not minus the load of pickup " +
                            std::to_string(nd.id - n),
                        "하차 노드의 인원이 승차 노드 인원의 음수가 아닙니다");
    nodes.push_back(nd);
  }
  Problem p = base_problem(nodes, k, q, TimeWindow{nodes.front().window.start, nodes.back().window.end});
  p.end_depot_external_id = nodes.back().id;
  p.objective.minimise_vehicles = false;
  for (Vehicle& v : p.vehicles) {
    v.end = static_cast<LocationIndex>(expected - 1);
    v.max_duration = max_duration;
  }
  for (int64_t r = 1; r <= n; ++r) {
    const Node& a = nodes[static_cast<size_t>(r)];
    const Node& b = nodes[static_cast<size_t>(r + n)];
    Task t;
    t.id = std::to_string(r);
    t.kind = TaskKind::kRide;
    t.pickup = stop_of(a, static_cast<LocationIndex>(r), a.demand);
    t.delivery = stop_of(b, static_cast<LocationIndex>(r + n), a.demand);
    t.max_ride_time = max_ride;
    t.pickup_external_id = a.id;
    t.delivery_external_id = b.id;
    p.tasks.push_back(std::move(t));
  }
  return p;
}

Result<Problem> read_instance(std::string_view text) {
  switch (detect_format(text)) {
    case InstanceFormat::kSolomon:
      return read_solomon(text);
    case InstanceFormat::kLiLim:
      return read_lilim(text);
    case InstanceFormat::kCordeau:
      return read_cordeau(text);
    case InstanceFormat::kVroomJson:
      return read_vroom_input(text);
    case InstanceFormat::kUnknown:
      break;
  }
  return line_error(0, "", "is not a Solomon, Li & Lim, Cordeau or VROOM JSON instance",
                    "Solomon, Li & Lim, Cordeau, VROOM JSON 형식이 아닙니다");
}

Result<Problem> read_instance_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("파일을 열 수 없습니다: " + path, "cannot open file: " + path);
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes)
      return Error::invalid("파일이 너무 큽니다: " + path, "file too large: " + path);
  }
  Result<Problem> r = read_instance(text);
  if (r.ok()) return r;
  Error e = std::move(r).error();
  e.message_en = path + ": " + e.message_en;
  e.message_ko = path + ": " + e.message_ko;
  return e;
}

}  // namespace dongne::dispatch::formats
