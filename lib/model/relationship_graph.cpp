#include "lib/model/relationship_graph.hpp"

#include <cstddef>

#include "lib/model/huge_pages.hpp"

namespace baton::internal {

// Fills the graph's compressed rows in place, as Boost's own constructors
// do (its storage is public for that), by a counting sort of both edges of
// each relationship at once: one pass to count degrees, one to place. Every
// vertex's edges come out in ascending relationship order, and the table
// is only read in its own order. Boost's sorted-edges constructor wants the
// edges grouped by source first: two groupings of the table, then a pass
// reading it in rep order, all over memory; at 10 M relationships that took
// 0.37 s against 0.25 s now, and 80 MB more at the peak.
RelationshipGraph::RelationshipGraph(std::size_t reps, std::size_t contacts,
                                     const std::vector<Relationship>& relationships)
    : reps_(reps) {
  const std::size_t vertices = reps + contacts;
  const std::size_t edges = 2 * relationships.size();
  auto& rows = graph_.m_forward;
  std::vector<std::uint32_t>& starts = rows.m_rowstart;
  ResizeOnHugePages(starts, vertices + 1);
  for (const Relationship& r : relationships) {
    ++starts[r.rep + 1];
    ++starts[reps + r.contact + 1];
  }
  for (std::size_t v = 0; v < vertices; ++v) starts[v + 1] += starts[v];

  std::vector<std::uint32_t>& targets = rows.m_column;
  std::vector<RelationshipIndex>& properties = rows.m_edge_properties;
  ResizeOnHugePages(targets, edges);
  ResizeOnHugePages(properties, edges);
  std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
  for (std::size_t i = 0; i < relationships.size(); ++i) {
    const Relationship& r = relationships[i];
    const auto contact = static_cast<std::uint32_t>(reps + r.contact);
    const std::uint32_t from_rep = next[r.rep]++;
    targets[from_rep] = contact;
    properties[from_rep] = static_cast<RelationshipIndex>(i);
    const std::uint32_t from_contact = next[contact]++;
    targets[from_contact] = r.rep;
    properties[from_contact] = static_cast<RelationshipIndex>(i);
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
