package search_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/search"
)

// vocabularies give generated pages realistic words in each language.
var vocabularies = map[string][]string{
	"en": strings.Fields(`trash recycling collection bulk pickup transfer station water service bill payment pothole street
		light permit building dog licence pavilion reservation meeting room youth sports registration birth death marriage
		certificate property tax snow removal parking ban town meeting agenda voter registration clerk office hours fee form
		application inspection sewer leak meter account bin cardboard plastic glass mattress sofa appliance refrigerator
		road sidewalk plow salt sand ice winter summer park field soccer swim lesson library record copy request deadline`),
	"es": strings.Fields(`basura reciclaje recogida voluminosos estación transferencia agua servicio factura pago bache calle
		farola licencia construcción perro pabellón reserva sala reunión deportes juveniles inscripción nacimiento defunción
		matrimonio acta impuesto propiedad nieve estacionamiento prohibición reunión municipal orden día votar secretaría
		horario tarifa formulario solicitud inspección alcantarillado fuga contador cuenta contenedor cartón plástico vidrio
		colchón sofá electrodoméstico nevera carretera acera quitanieves sal arena hielo invierno verano parque campo fútbol`),
}

// BenchmarkSearch measures search latency over generated pages, 5,000 per
// language by default; TOWNHALL_BENCH_PAGES=50000 gives the figure
// (indexing them takes about five minutes of CPU, too long for every `make
// bench`). It reports the p50, p95 and p99 of single searches as the search
// page makes them (Find: the hits, a "Did you mean" for unknown words, and
// the other language's hits when there are none), per kind of query. Words follow a Zipf distribution,
// as in real text: function words are the most common, then the town's
// domain words spread over the next ranks of a 5,000-word vocabulary, so
// "water" is on about half the pages and "mattress" on a few.
//
//	TOWNHALL_BENCH_PAGES=50000 nice -n 19 go test -run '^$' -bench BenchmarkSearch -benchtime 200x ./internal/search/
//
// TOWNHALL_BENCH_KEEP=DIR keeps the generated index in DIR and uses it
// again next time, so that only the first run pays for indexing.
func BenchmarkSearch(b *testing.B) {
	runQueries(b, benchApp(b, benchPages(b)))
}

// benchApp is a database with n generated pages per language: a copy of
// the one kept in TOWNHALL_BENCH_KEEP when there is one, else a new one
// (then kept there when the variable is set).
func benchApp(b *testing.B, n int) core.App {
	b.Helper()
	keep := os.Getenv("TOWNHALL_BENCH_KEEP")
	if keep == "" {
		app := newApp(b)
		fillPages(b, app, n)
		return app
	}
	dir := filepath.Join(keep, fmt.Sprintf("search-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "data.db")); err == nil {
		b.Logf("using the index kept in %s", dir)
		return schematest.NewApp(b, dir)
	}
	app := newApp(b)
	fillPages(b, app, n)
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		b.Fatal(err)
	}
	if _, err := app.DB().NewQuery("VACUUM INTO {:to}").Bind(map[string]any{"to": filepath.Join(tmp, "data.db")}).Execute(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return app
}

// runQueries times Find for each query of benchQueries in turn and reports
// the percentiles of each kind.
func runQueries(b *testing.B, app core.App) {
	var queries []benchQuery
	for _, k := range benchQueries {
		for lang, qs := range k.queries {
			for _, q := range qs {
				queries = append(queries, benchQuery{kind: k.kind, lang: lang, text: q})
			}
		}
	}
	slices.SortFunc(queries, func(a, b benchQuery) int { return strings.Compare(a.lang+a.text, b.lang+b.text) })
	times, cpu, each := map[string][]time.Duration{}, map[string][]time.Duration{}, map[benchQuery][]time.Duration{}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		start, startCPU := time.Now(), cpuTime()
		if _, err := search.Find(app.DB(), q.text, q.lang, []string{"en", "es"}, 20); err != nil {
			b.Fatal(err)
		}
		times[q.kind] = append(times[q.kind], time.Since(start))
		cpu[q.kind] = append(cpu[q.kind], cpuTime()-startCPU)
		each[q] = append(each[q], cpuTime()-startCPU)
	}
	logSlowest(b, each, 5)
	for _, k := range benchQueries {
		report(b, k.kind, "", times[k.kind], 50, 95, 99)
		report(b, k.kind, "cpu-", cpu[k.kind], 50, 95)
	}
}

// logSlowest logs the n queries with the highest median CPU time, to
// show where to look when a kind is slow.
func logSlowest(b *testing.B, each map[benchQuery][]time.Duration, n int) {
	type row struct {
		q   benchQuery
		p50 time.Duration
	}
	var rows []row
	for q, t := range each {
		slices.Sort(t)
		rows = append(rows, row{q, t[(len(t)-1)/2]})
	}
	slices.SortFunc(rows, func(a, b row) int { return int(b.p50 - a.p50) })
	for _, r := range rows[:min(n, len(rows))] {
		b.Logf("slowest: %s %s %q: cpu p50 %.1f ms over %d runs", r.q.kind, r.q.lang, r.q.text, float64(r.p50.Microseconds())/1000, len(each[r.q]))
	}
}

// report reports percentiles of t in milliseconds, named kind-pN-ms (or
// kind-cpu-pN-ms: the CPU time the process spent, which a busy machine does
// not inflate as it does the elapsed time).
func report(b *testing.B, kind, what string, t []time.Duration, percentiles ...int) {
	if len(t) == 0 {
		return
	}
	slices.Sort(t)
	for _, p := range percentiles {
		b.ReportMetric(float64(t[(len(t)*p+99)/100-1].Microseconds())/1000, fmt.Sprintf("%s-%sp%d-ms", kind, what, p))
	}
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type benchQuery struct{ kind, lang, text string }

// benchQueries are what visitors type, by kind: words and short searches
// with hits, longer questions and quoted phrases, typos (the search page
// offers "Did you mean"), and words with no hit in the visitor's language
// (the page looks in the other one).
var benchQueries = []struct {
	kind    string
	queries map[string][]string
}{
	{"hits", map[string][]string{
		"en": {"recycling", "dog licence", "water", "bulk mattress pickup"},
		"es": {"reciclaje", "licencia perro", "agua", "bache calle"},
	}},
	{"phrase", map[string][]string{
		"en": {"how do I pay my water bill", "snow parking ban", "pavilion reservation fee", `"water bill"`},
		"es": {"cómo pago la factura del agua", "prohibición estacionamiento nieve", "reserva pabellón", `"factura del agua"`},
	}},
	{"typo", map[string][]string{
		"en": {"recyling", "potole", "snow parkng bann", "watr bill"},
		"es": {"reciclje", "licencia de perrro", "fatura agua"},
	}},
	{"other", map[string][]string{
		"en": {"basura", "zzz", "contenedor vidrio"},
		"es": {"pothole", "recycling bin", "zzz"},
	}},
}

// benchPages is the number of pages per language: TOWNHALL_BENCH_PAGES, or
// 5,000.
func benchPages(b *testing.B) int {
	s := os.Getenv("TOWNHALL_BENCH_PAGES")
	if s == "" {
		return 5000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("TOWNHALL_BENCH_PAGES=%q: want a positive number", s)
	}
	return n
}

// fillPages indexes n generated pages in each language.
func fillPages(b *testing.B, app core.App, n int) {
	b.Helper()
	start := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	err := app.RunInTransaction(func(tx core.App) error {
		for _, lang := range []string{"en", "es"} {
			words := zipfVocabulary(rng, lang, vocabularies[lang], 5000)
			for i := range n {
				title := sentence(rng, words, 3+rng.IntN(4))
				body := sentence(rng, words, 150+rng.IntN(250))
				err := search.Put(tx.DB(), search.Entry{Kind: "page", Ref: fmt.Sprintf("%s-%d", lang, i), Lang: lang,
					Path: fmt.Sprintf("/%s/help/x/p%d", lang, i), Title: title, Summary: sentence(rng, words, 12), Text: body})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("indexed %d pages per language in %s", n, time.Since(start).Round(time.Second))
}

// zipfVocabulary returns size words by rank: the language's function words
// first (as in any real text), then the domain words spread over the next
// ranks, with made-up words between them.
func zipfVocabulary(rng *rand.Rand, lang string, domain []string, size int) []string {
	words := make([]string, size)
	for i := range words {
		words[i] = fmt.Sprintf("w%dx%d", i, rng.IntN(1000))
	}
	rank := 0
	for w := range stopwordsFor(lang) {
		words[rank] = w
		rank++
	}
	for i, w := range domain {
		words[rank+i*10] = w
	}
	return words
}

func stopwordsFor(lang string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(map[string]string{
		"en": "the of and to a in is you for it on be your are with as by or this at can if from",
		"es": "de la que el en y a los se del las un por con no una su para es al lo como más o",
	}[lang]) {
		m[w] = true
	}
	return m
}

// sentence draws n words with Zipf frequencies (rank r has weight 1/r^1.07).
func sentence(rng *rand.Rand, words []string, n int) string {
	z := rand.NewZipf(rng, 1.07, 2, uint64(len(words)-1))
	out := make([]string, n)
	for i := range out {
		out[i] = words[z.Uint64()]
	}
	return strings.Join(out, " ")
}
