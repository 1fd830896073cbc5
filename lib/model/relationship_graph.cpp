#include "lib/model/relationship_graph.hpp"

#include <cstddef>
#include <optional>
#include <utility>

#include "lib/model/huge_pages.hpp"
#include "lib/model/side_task.hpp"

namespace baton::internal {
namespace {

// Relationships from which the two sides' edges are placed on two threads;
// below this a thread costs more than it saves.
constexpr std::size_t kTwoSidesFrom = std::size_t{1} << 16;

}  // namespace

// Fills the graph's compressed rows in place, as Boost's own constructors
// do (its storage is public for that), by a counting sort of the
// relationships for each side: one pass to count degrees, one to place.
// Every vertex's edges come out in ascending relationship order, and the
// table is only read in its own order. The reps' edges take the first
// half of the rows and the contacts' the second, so the two sides write
// disjoint memory and a large graph places them on two threads: the reps'
// side is the slow one (its writes scatter over as many streams as there
// are reps), and at 10 M relationships it took 0.17 s of the 0.3 s the
// graph took on one thread.
//
// Boost's sorted-edges constructor wants the edges grouped by source first:
// two groupings of the table, then a pass reading it in rep order, all over
// memory; at 10 M relationships that took 0.37 s against 0.25 s for this
// on one thread, and 80 MB more at the peak.
RelationshipGraph::RelationshipGraph(std::size_t reps, std::size_t contacts,
                                     const std::vector<Relationship>& relationships)
    : reps_(reps) {
  const std::size_t n = relationships.size();
  auto& rows = graph_.m_forward;
  ResizeOnHugePages(rows.m_rowstart, reps + contacts + 1);
  ResizeOnHugePages(rows.m_column, 2 * n);
  ResizeOnHugePages(rows.m_edge_properties, 2 * n);
  const auto rep_side = [&] {
    PlaceSide(relationships, 0, reps, 0, [&](const Relationship& r) {
      return std::pair{r.rep, static_cast<Index>(reps + r.contact)};
    });
  };
  std::optional<SideTask> beside;
  if (n >= kTwoSidesFrom) {
    beside.emplace(rep_side);
  } else {
    rep_side();
  }
  PlaceSide(relationships, reps, contacts, n, [&](const Relationship& r) {
    return std::pair{r.contact, r.rep};
  });
  if (beside) beside->Join();
}

// Counts the degrees of vertices [first, first + count) into
// rowstart[first + 1 ...], turns them into row starts from `first_edge`,
// then places each relationship's edge of this side. Writes no row start
// outside (first, first + count]: the two sides run at once.
template <typename EndsOf>
void RelationshipGraph::PlaceSide(const std::vector<Relationship>& relationships,
                                  std::size_t first, std::size_t count,
                                  std::size_t first_edge, EndsOf ends_of) {
  auto& rows = graph_.m_forward;
  std::uint32_t* const starts = rows.m_rowstart.data() + first;
  for (const Relationship& r : relationships) ++starts[ends_of(r).first + 1];
  // next[v] is where vertex v's next edge goes; starts[0] is not read, as
  // the other side may be writing it.
  std::vector<std::uint32_t> next(count);
  auto edge = static_cast<std::uint32_t>(first_edge);
  for (std::size_t v = 0; v < count; ++v) {
    next[v] = edge;
    edge += starts[v + 1];
    starts[v + 1] = edge;
  }
  std::uint32_t* const targets = rows.m_column.data();
  RelationshipIndex* const properties = rows.m_edge_properties.data();
  for (std::size_t i = 0; i < relationships.size(); ++i) {
    const auto [from, to] = ends_of(relationships[i]);
    const std::uint32_t at = next[from]++;
    targets[at] = to;
    properties[at] = static_cast<RelationshipIndex>(i);
  }
}

absl::Span<const RelationshipIndex> RelationshipGraph::OutEdges(Index vertex) const {
  const auto degree = boost::out_degree(vertex, graph_);
  if (degree == 0) return {};
  // CSR stores a vertex's out-edges, and so their properties, contiguously.
  const auto first = *boost::out_edges(vertex, graph_).first;
  return {&graph_[first], degree};
}

std::size_t RelationshipGraph::MemoryBytes() const {
  const std::size_t vertices = boost::num_vertices(graph_) + 1;
  const std::size_t edges = boost::num_edges(graph_);
  return vertices * sizeof(std::uint32_t) +
         edges * (sizeof(std::uint32_t) + sizeof(RelationshipIndex));
}

}  // namespace baton::internal
