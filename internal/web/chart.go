package web

import (
	"fmt"
	"strconv"
	"strings"
)

// chart is a bar chart drawn on the server as SVG, with the table of its
// numbers: the picture is hidden from screen readers, which read the table.
type chart struct {
	ID, Title, KeyHead, ValueHead string
	Columns                       bool // vertical columns (weeks) instead of horizontal bars
	Bars                          []bar
	Height                        int // of the SVG's view box
}

// bar is one bar: its label, number as shown, and geometry in the view box
// (300 wide).
type bar struct {
	Label, Text       string
	N                 int
	X, Y, W, H, TextY int
}

const chartWidth = 300

// newBars lays out horizontal bars: the label above each bar, the number
// after it, scaled to the largest.
func newBars(id, title, keyHead, valueHead string, labels []string, ns []int) chart {
	c := chart{ID: id, Title: title, KeyHead: keyHead, ValueHead: valueHead}
	top := maxOf(ns)
	for i, n := range ns {
		y := i * 34
		w := 0
		if top > 0 {
			w = n * (chartWidth - 60) / top
		}
		c.Bars = append(c.Bars, bar{Label: labels[i], Text: strconv.Itoa(n), N: n, X: 0, Y: y + 16, W: max(w, 1), H: 14, TextY: y + 12})
	}
	c.Height = len(ns)*34 + 4
	return c
}

// newColumns lays out vertical columns, one per label, scaled to the largest.
func newColumns(id, title, keyHead, valueHead string, labels []string, ns []int) chart {
	c := chart{ID: id, Title: title, KeyHead: keyHead, ValueHead: valueHead, Columns: true, Height: 120}
	top := maxOf(ns)
	step := chartWidth / max(len(ns), 1)
	for i, n := range ns {
		h := 0
		if top > 0 {
			h = n * 100 / top
		}
		c.Bars = append(c.Bars, bar{Label: labels[i], Text: strconv.Itoa(n), N: n, X: i*step + 1, Y: 104 - h, W: max(step-2, 1), H: max(h, 1)})
	}
	return c
}

func maxOf(ns []int) int {
	top := 0
	for _, n := range ns {
		top = max(top, n)
	}
	return top
}

// decimal writes x with one decimal in lang's style (3.5, 3,5).
func decimal(lang string, x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percent writes a share as a whole percentage, or "–" when there is none.
func percent(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return strconv.Itoa((part*100+whole/2)/whole) + "%"
}
