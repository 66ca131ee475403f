package townhall_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The layers of docs/ARCHITECTURE.md. A package not named here (schema, i18n,
// the leaves, test support) may be imported by anyone it does not import.
var (
	domains  = []string{"requests", "kb", "booking", "town", "payments"}
	channels = []string{"web", "mailin", "open311", "sms", "desk"}
	// leaves may reach only the packages listed beside them.
	leaves = map[string][]string{
		"schema":   {"clock"},
		"i18n":     nil,
		"markdown": nil,
		"search":   {"i18n", "schema"},
		"clock":    nil,
		"busy":     nil,
		"upload":   nil,
		"outbox":   {"schema", "clock"},
	}
)

const module = "github.com/townhall/townhall/internal/"

// internalImports maps each package under internal/ (by its path below
// internal/, such as "notify" or "townhall/townhalltest") to the internal
// packages its non-test files import.
func internalImports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	graph := map[string][]string{}
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if _, ok := graph[pkg]; !ok {
			graph[pkg] = nil
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if dep, ok := strings.CutPrefix(p, module); ok && !slices.Contains(graph[pkg], dep) {
				graph[pkg] = append(graph[pkg], dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// reach lists every internal package pkg imports, directly or not, each with
// the chain that leads to it ("web → notify → outbox").
func reach(graph map[string][]string, pkg string) map[string]string {
	chain := map[string]string{}
	var walk func(p, via string)
	walk = func(p, via string) {
		for _, dep := range graph[p] {
			if _, seen := chain[dep]; seen || dep == pkg {
				continue
			}
			chain[dep] = via + " → " + dep
			walk(dep, chain[dep])
		}
	}
	walk(pkg, pkg)
	return chain
}

func isLeaf(pkg string) bool { _, ok := leaves[pkg]; return ok }

// top is the first path element: "townhall/townhalltest" belongs to townhall.
func top(pkg string) string { return strings.SplitN(pkg, "/", 2)[0] }

// TestLayers holds the arrows of the architecture: domains never reach a
// channel or notify, the outbox and the other leaves reach none of our
// packages but the schema, and channels never reach each other.
func TestLayers(t *testing.T) {
	graph := internalImports(t)
	if len(graph) < 10 {
		t.Fatalf("found only %d packages under internal/: is the walk broken?", len(graph))
	}
	var problems []string
	for pkg := range graph {
		if strings.HasSuffix(pkg, "test") || strings.Contains(pkg, "testdata") {
			continue // test support may reach anything
		}
		own := top(pkg)
		for dep, chain := range reach(graph, pkg) {
			d := top(dep)
			if d == own {
				continue
			}
			switch {
			case slices.Contains(domains, own) && (slices.Contains(channels, d) || d == "notify"):
				problems = append(problems, "domain "+own+" reaches "+d+": "+chain)
			case isLeaf(own) && !slices.Contains(leaves[own], d):
				problems = append(problems, "leaf "+own+" reaches "+d+": "+chain)
			case slices.Contains(channels, own) && slices.Contains(channels, d):
				problems = append(problems, "channel "+own+" reaches channel "+d+": "+chain)
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

// The rule would pass vacuously if reach saw nothing: check it on a graph
// made by hand.
func TestReachFollowsChains(t *testing.T) {
	g := map[string][]string{"web": {"notify"}, "notify": {"outbox", "requests"}, "outbox": {"schema"}}
	got := reach(g, "web")
	want := map[string]string{
		"notify":   "web → notify",
		"outbox":   "web → notify → outbox",
		"requests": "web → notify → requests",
		"schema":   "web → notify → outbox → schema",
	}
	if len(got) != len(want) {
		t.Fatalf("reach = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("reach[%s] = %q, want %q", k, got[k], v)
		}
	}
}
