//go:build !race

package search_test

// raceDetector is true when the tests run under -race, which makes
// sync.Pool drop items at random: allocation counts mean nothing then.
const raceDetector = false
