// Command benchtable reads `go test -bench` output on standard input and
// prints, for every benchmark named NAME/requests=N/PAGE that reports a
// p50-ms metric (BenchmarkFlat), a table of p50 per page and number of
// stored requests, with the ratio of the largest to the smallest: flat
// means a ratio within 2. Other lines are passed through, so `make bench`
// shows every benchmark and then the table.
//
//	go test -run '^$' -bench BenchmarkFlat ./internal/web/ | go run ./scripts/benchtable
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// line matches "BenchmarkFlat/requests=1000/list-first-2   100   ...   5.31 p50-ms ...".
var line = regexp.MustCompile(`^Benchmark\w+/requests=(\d+)/([\w-]+?)(?:-\d+)?\s.*?\s([\d.]+) p50-ms`)

func main() {
	p50 := map[string]map[int]float64{} // page → requests → ms
	var pages []string
	var sizes []int
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fmt.Println(sc.Text())
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		ms, _ := strconv.ParseFloat(m[3], 64)
		if p50[m[2]] == nil {
			p50[m[2]] = map[int]float64{}
			pages = append(pages, m[2])
		}
		p50[m[2]][n] = ms
		if !slices.Contains(sizes, n) {
			sizes = append(sizes, n)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(pages) == 0 {
		return
	}
	slices.Sort(sizes)
	fmt.Println()
	fmt.Println("p50 in ms by stored requests (flat: the last column within 2):")
	head := []string{"page"}
	for _, n := range sizes {
		head = append(head, thousands(n))
	}
	fmt.Println("| " + strings.Join(append(head, "ratio"), " | ") + " |")
	fmt.Println(strings.Repeat("| --- ", len(head)+1) + "|")
	for _, page := range pages {
		row := []string{page}
		for _, n := range sizes {
			if ms, ok := p50[page][n]; ok {
				row = append(row, strconv.FormatFloat(ms, 'f', 1, 64))
			} else {
				row = append(row, "")
			}
		}
		first, last := p50[page][sizes[0]], p50[page][sizes[len(sizes)-1]]
		ratio := ""
		if first > 0 && last > 0 {
			ratio = strconv.FormatFloat(last/first, 'f', 2, 64) + "×"
		}
		fmt.Println("| " + strings.Join(append(row, ratio), " | ") + " |")
	}
}

// thousands writes 100000 as 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
