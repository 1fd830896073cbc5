#include "lib/model/relationship_graph.hpp"

#include <utility>

#include "lib/model/org_index.hpp"

namespace baton::internal {

RelationshipGraph::RelationshipGraph(std::size_t reps, std::size_t contacts,
                                     const std::vector<Relationship>& relationships)
    : reps_(reps) {
  const std::size_t n = relationships.size();
  const Csr by_rep =
      Csr::Group(reps, n, [&](std::size_t i) { return relationships[i].rep; });
  const Csr by_contact =
      Csr::Group(contacts, n, [&](std::size_t i) { return relationships[i].contact; });

  // Edges sorted by source vertex, each vertex's in ascending relationship
  // order, which lets the graph take them as they are (edges_are_sorted).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<RelationshipIndex> edge_relationships;
  edges.reserve(2 * n);
  edge_relationships.reserve(2 * n);
  for (std::size_t r = 0; r < reps; ++r) {
    for (Index i : by_rep.row(static_cast<Index>(r))) {
      edges.emplace_back(r, reps + relationships[i].contact);
      edge_relationships.push_back(i);
    }
  }
  for (std::size_t c = 0; c < contacts; ++c) {
    for (Index i : by_contact.row(static_cast<Index>(c))) {
      edges.emplace_back(reps + c, relationships[i].rep);
      edge_relationships.push_back(i);
    }
  }
  graph_ = Graph(boost::edges_are_sorted, edges.begin(), edges.end(),
                 edge_relationships.begin(), reps + contacts, edges.size());
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
