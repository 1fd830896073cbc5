#include "lib/model/relationship_graph.hpp"

#include <cstddef>
#include <iterator>
#include <utility>

#include "lib/model/org_index.hpp"

namespace baton::internal {

namespace {

// The graph's edges in source order, made one at a time from the two
// groupings: rep r's relationships as edges r -> R + contact, then contact
// c's as edges R + c -> rep. Streaming them into the graph, rather than
// building the list first, saves 12 bytes per edge at the peak of a load
// (240 MB at 10 M relationships). An input iterator, as the graph's sorted
// constructor needs; a position p and the row it falls in.
class SortedEdges {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::pair<std::uint32_t, std::uint32_t>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;

  SortedEdges(const Csr& by_rep, const Csr& by_contact,
              const std::vector<Relationship>& relationships, std::size_t position)
      : by_rep_(&by_rep),
        by_contact_(&by_contact),
        relationships_(&relationships),
        reps_(by_rep.offsets.size() - 1),
        half_(by_rep.items.size()),
        p_(position) {}

  // The relationship of edge p.
  RelationshipIndex relationship() const {
    return p_ < half_ ? by_rep_->items[p_] : by_contact_->items[p_ - half_];
  }

  pointer operator->() {
    const Relationship& r = (*relationships_)[relationship()];
    if (p_ < half_) {
      // A rep's relationships lie all over the table (it is in account
      // order): fetch the row a few edges ahead, so the misses overlap.
      if (p_ + kAhead < half_)
        __builtin_prefetch(&(*relationships_)[by_rep_->items[p_ + kAhead]]);
      while (by_rep_->offsets[row_ + 1] <= p_) ++row_;
      edge_ = {row_, static_cast<std::uint32_t>(reps_ + r.contact)};
    } else {
      const std::size_t q = p_ - half_;
      if (row_ < reps_) row_ = static_cast<std::uint32_t>(reps_);
      while (by_contact_->offsets[row_ - reps_ + 1] <= q) ++row_;
      edge_ = {row_, r.rep};
    }
    return &edge_;
  }
  reference operator*() { return *operator->(); }
  SortedEdges& operator++() {
    ++p_;
    return *this;
  }
  bool operator==(const SortedEdges& o) const { return p_ == o.p_; }
  bool operator!=(const SortedEdges& o) const { return p_ != o.p_; }

 private:
  static constexpr std::size_t kAhead = 16;

  const Csr* by_rep_;
  const Csr* by_contact_;
  const std::vector<Relationship>* relationships_;
  std::size_t reps_;
  std::size_t half_;  // edges from reps
  std::size_t p_;
  std::uint32_t row_ = 0;  // source vertex of the last edge made
  value_type edge_;
};

// The relationship of each edge, in step with SortedEdges.
class EdgeRelationships {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = RelationshipIndex;
  using difference_type = std::ptrdiff_t;
  using pointer = const RelationshipIndex*;
  using reference = RelationshipIndex;

  explicit EdgeRelationships(const SortedEdges& edges) : edges_(edges) {}
  RelationshipIndex operator*() const { return edges_.relationship(); }
  EdgeRelationships& operator++() {
    ++edges_;
    return *this;
  }

 private:
  SortedEdges edges_;
};

}  // namespace

RelationshipGraph::RelationshipGraph(std::size_t reps, std::size_t contacts,
                                     const std::vector<Relationship>& relationships)
    : reps_(reps) {
  const std::size_t n = relationships.size();
  const Csr by_rep =
      Csr::Group(reps, n, [&](std::size_t i) { return relationships[i].rep; });
  const Csr by_contact =
      Csr::Group(contacts, n, [&](std::size_t i) { return relationships[i].contact; });
  // Each vertex's edges come in ascending relationship order, sources in
  // order, which lets the graph take them as they come (edges_are_sorted).
  const SortedEdges first(by_rep, by_contact, relationships, 0);
  const SortedEdges last(by_rep, by_contact, relationships, 2 * n);
  graph_ = Graph(boost::edges_are_sorted, first, last, EdgeRelationships(first),
                 reps + contacts, 2 * n);
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
