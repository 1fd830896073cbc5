// The rep-contact relationship graph on Boost.Graph's compressed sparse row
// graph: vertices are reps [0, R) then contacts [R, R + C); each relationship
// is stored as two directed edges (rep -> contact, contact -> rep) carrying
// its index, so both sides list their relationships in O(degree) as one
// contiguous span. 16 bytes per relationship plus 4 per vertex.
#ifndef BATON_LIB_MODEL_RELATIONSHIP_GRAPH_HPP_
#define BATON_LIB_MODEL_RELATIONSHIP_GRAPH_HPP_

#include <cstdint>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "absl/types/span.h"
#include "baton/records.hpp"

namespace baton::internal {

class RelationshipGraph {
 public:
  RelationshipGraph(std::size_t reps, std::size_t contacts,
                    const std::vector<Relationship>& relationships);

  absl::Span<const RelationshipIndex> OfRep(RepIndex rep) const { return OutEdges(rep); }
  absl::Span<const RelationshipIndex> OfContact(ContactIndex contact) const {
    return OutEdges(static_cast<Index>(reps_ + contact));
  }
  std::size_t MemoryBytes() const;

 private:
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                   RelationshipIndex, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;
  absl::Span<const RelationshipIndex> OutEdges(Index vertex) const;
  template <typename EndsOf>
  void PlaceSide(const std::vector<Relationship>& relationships, std::size_t first,
                 std::size_t count, std::size_t first_edge, EndsOf ends_of);

  std::size_t reps_;
  Graph graph_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_RELATIONSHIP_GRAPH_HPP_
