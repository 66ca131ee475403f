package kb

import (
	"strings"
	"unicode"
)

// Diff operations.
const (
	Same    = "same"
	Removed = "removed"
	Added   = "added"
)

// DiffLine is one line of a comparison. A changed line paired with its new
// version has Words, which mark what changed inside it.
type DiffLine struct {
	Op       string
	Text     string
	Old, New int // line numbers, 1-based; 0 where the line is not in that text
	Words    []Segment
}

// Segment is a run of text inside a changed line.
type Segment struct {
	Op   string
	Text string
}

// Hunk is a run of changes with a few unchanged lines around it, as a
// person reads a comparison; Skipped unchanged lines come before it.
type Hunk struct {
	Skipped int
	Lines   []DiffLine
}

// maxEdits bounds the work of a comparison: texts that differ more than
// this are shown as all removed, then all added.
const maxEdits = 1500

// DiffLines compares two texts line by line.
func DiffLines(a, b string) []DiffLine {
	al, bl := splitLines(a), splitLines(b)
	ops := diff(al, bl)
	out := make([]DiffLine, 0, len(ops))
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case Same:
			out = append(out, DiffLine{Op: Same, Text: al[i], Old: i + 1, New: j + 1})
			i, j = i+1, j+1
		case Removed:
			out = append(out, DiffLine{Op: Removed, Text: al[i], Old: i + 1})
			i++
		case Added:
			out = append(out, DiffLine{Op: Added, Text: bl[j], New: j + 1})
			j++
		}
	}
	pairWords(out)
	return out
}

// Changed reports whether a comparison found any difference.
func Changed(lines []DiffLine) bool {
	for _, l := range lines {
		if l.Op != Same {
			return true
		}
	}
	return false
}

// Hunks groups lines into changes with context unchanged lines around each.
func Hunks(lines []DiffLine, context int) []Hunk {
	var out []Hunk
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op == Same {
			continue
		}
		for k := max(0, i-context); k <= min(len(lines)-1, i+context); k++ {
			keep[k] = true
		}
	}
	skipped := 0
	for i, l := range lines {
		if !keep[i] {
			skipped++
			continue
		}
		if len(out) == 0 || skipped > 0 || !keep[i-1] {
			out = append(out, Hunk{Skipped: skipped})
			skipped = 0
		}
		out[len(out)-1].Lines = append(out[len(out)-1].Lines, l)
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

// pairWords marks the changed words of each removed line that is followed,
// in the same place, by an added line.
func pairWords(lines []DiffLine) {
	for i := 0; i < len(lines); {
		if lines[i].Op != Removed {
			i++
			continue
		}
		del := i
		for i < len(lines) && lines[i].Op == Removed {
			i++
		}
		add := i
		for i < len(lines) && lines[i].Op == Added {
			i++
		}
		for k := 0; k < min(add-del, i-add); k++ {
			oldW, newW := DiffWords(lines[del+k].Text, lines[add+k].Text)
			if similar(oldW, newW) {
				lines[del+k].Words, lines[add+k].Words = oldW, newW
			}
		}
	}
}

// similar reports whether two lines share at least half their text, so
// marking the changed words helps; lines that differ throughout are shown
// whole.
func similar(old, new []Segment) bool {
	same, total := 0, 0
	for _, s := range old {
		total += len(s.Text)
		if s.Op == Same {
			same += len(s.Text)
		}
	}
	for _, s := range new {
		total += len(s.Text)
		if s.Op == Same {
			same += len(s.Text)
		}
	}
	return total > 0 && 2*same >= total
}

// DiffWords compares two lines word by word and returns each side with its
// changed words marked.
func DiffWords(a, b string) (old, new []Segment) {
	at, bt := tokens(a), tokens(b)
	i, j := 0, 0
	for _, op := range diff(at, bt) {
		switch op {
		case Same:
			old = appendSegment(old, Same, at[i])
			new = appendSegment(new, Same, bt[j])
			i, j = i+1, j+1
		case Removed:
			old = appendSegment(old, Removed, at[i])
			i++
		case Added:
			new = appendSegment(new, Added, bt[j])
			j++
		}
	}
	return old, new
}

func appendSegment(s []Segment, op, text string) []Segment {
	if n := len(s); n > 0 && s[n-1].Op == op {
		s[n-1].Text += text
		return s
	}
	return append(s, Segment{Op: op, Text: text})
}

// tokens splits a line into words, spaces and punctuation, keeping all of it.
func tokens(s string) []string {
	var out []string
	start := 0
	kind := func(r rune) int {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return 1
		case unicode.IsSpace(r):
			return 2
		}
		return 3
	}
	prev := 0
	for i, r := range s {
		k := kind(r)
		if i > start && (k != prev || k == 3) {
			out = append(out, s[start:i])
			start = i
		}
		prev = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// diff returns the shortest edit script from a to b (Myers' algorithm),
// after setting aside the common beginning and end.
func diff(a, b []string) []string {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]string, 0, len(a)+len(b))
	for range pre {
		ops = append(ops, Same)
	}
	mid := myers(a[pre:len(a)-suf], b[pre:len(b)-suf])
	ops = append(ops, mid...)
	for range suf {
		ops = append(ops, Same)
	}
	return ops
}

func myers(a, b []string) []string {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return replaceAll(n, m)
	}
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int // trace[d] is v[-d..d] before step d
	for d := 0; d <= n+m; d++ {
		if d > maxEdits {
			return replaceAll(n, m)
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	return replaceAll(n, m)
}

func backtrack(trace [][]int, x, y int) []string {
	var rev []string
	for d := len(trace) - 1; d >= 0; d-- {
		vd := trace[d]
		at := func(k int) int { return vd[k+d] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px, py := 0, 0
		if d > 0 {
			px = at(pk)
			py = px - pk
		}
		for x > px && y > py {
			rev = append(rev, Same)
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == px {
				rev = append(rev, Added)
			} else {
				rev = append(rev, Removed)
			}
		}
		x, y = px, py
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

func replaceAll(n, m int) []string {
	ops := make([]string, 0, n+m)
	for range n {
		ops = append(ops, Removed)
	}
	for range m {
		ops = append(ops, Added)
	}
	return ops
}
