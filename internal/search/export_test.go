package search

// RankedSQL is the hot search query, for TestSearchPlan.
const RankedSQL = rankedSQL
