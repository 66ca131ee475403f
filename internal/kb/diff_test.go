package kb

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// apply rebuilds both texts from a comparison: it must give them back.
func rebuild(lines []DiffLine) (a, b []string) {
	for _, l := range lines {
		if l.Op != Added {
			a = append(a, l.Text)
		}
		if l.Op != Removed {
			b = append(b, l.Text)
		}
	}
	return a, b
}

func TestDiffLinesRebuildsBothTexts(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"a", "b", "c", "d", ""}
	for range 300 {
		gen := func() string {
			n := rng.IntN(12)
			l := make([]string, n)
			for i := range l {
				l[i] = words[rng.IntN(len(words))]
			}
			return strings.Join(l, "\n")
		}
		x, y := gen(), gen()
		got := DiffLines(x, y)
		a, b := rebuild(got)
		if strings.Join(a, "\n") != x || strings.Join(b, "\n") != y {
			t.Fatalf("diff of %q and %q does not rebuild them: %+v", x, y, got)
		}
	}
}

func TestDiffLinesIsMinimalAndReadable(t *testing.T) {
	t.Parallel()
	old := "# Trash\n\nTrash is picked up every week.\nPut bins out by 7 a.m.\n\nCall us."
	new := "# Trash\n\nTrash is picked up every Tuesday.\nPut bins out by 7 a.m.\n\nCall us.\nOr write."
	lines := DiffLines(old, new)
	var ops []string
	for _, l := range lines {
		ops = append(ops, l.Op[:1])
	}
	if got := strings.Join(ops, ""); got != "ssrasssa" {
		t.Fatalf("ops %s, want ssrasssa: %+v", got, lines)
	}
	removed, added := lines[2], lines[3]
	if removed.Old != 3 || added.New != 3 {
		t.Errorf("line numbers %d/%d", removed.Old, added.New)
	}
	if len(removed.Words) != 3 || removed.Words[1] != (Segment{Removed, "week"}) || added.Words[1] != (Segment{Added, "Tuesday"}) {
		t.Errorf("word marks: %+v / %+v", removed.Words, added.Words)
	}
	hunks := Hunks(lines, 1)
	if len(hunks) != 2 || hunks[0].Skipped != 1 || hunks[1].Skipped != 1 {
		t.Errorf("hunks: %+v", hunks)
	}
	if Changed(DiffLines(old, old)) || !Changed(lines) {
		t.Error("Changed is wrong")
	}
}

func TestDiffOfVeryDifferentTextsStaysCheap(t *testing.T) {
	t.Parallel()
	var a, b strings.Builder
	for i := range 5000 {
		a.WriteString("x" + strings.Repeat("a", i%7) + "\n")
		b.WriteString("y" + strings.Repeat("b", i%5) + "\n")
	}
	lines := DiffLines(a.String(), b.String())
	x, y := rebuild(lines)
	if strings.Join(x, "\n") != a.String() || strings.Join(y, "\n") != b.String() {
		t.Fatal("fallback diff does not rebuild the texts")
	}
}
