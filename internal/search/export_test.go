package search

import "github.com/pocketbase/dbx"

// RankedSQL is the hot search query in the titles and in everything, for
// TestSearchPlan.
var RankedSQL = []string{titles.rankedSQL(), everything.rankedSQL()}

// SearchRanking is Search scoring at most ranked matches a pass, so that a
// test can cap it with a few pages.
func SearchRanking(db dbx.Builder, q Query, limit, ranked int) ([]Hit, error) {
	return search(db, q, limit, ranked)
}
