package search_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
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

// BenchmarkSearch measures search latency over 5,000 generated pages per
// language, and reports the p50 and p95 of single searches as the search
// page makes them (Find: the hits, a "Did you mean" for unknown words, and
// the other language's hits when there are none). Words follow a
// Zipf distribution, as in real text: function words are the most common,
// then the town's domain words spread over the next ranks of a 5,000-word
// vocabulary, so "water" is on about half the pages and "mattress" on a few.
func BenchmarkSearch(b *testing.B) {
	app := newApp(b)
	const pagesPerLang = 5000
	rng := rand.New(rand.NewPCG(1, 2))
	err := app.RunInTransaction(func(tx core.App) error {
		for lang, domain := range vocabularies {
			words := zipfVocabulary(rng, lang, domain, 5000)
			for i := range pagesPerLang {
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
	queries := map[string][]string{
		"en": {"recycling", "dog licence", "how do I pay my water bill", "snow parking ban", "pavilion reservation fee", "zzz", "bulk mattress pickup",
			"recyling", "potole", "basura", "snow parkng bann"},
		"es": {"reciclaje", "licencia perro", "cómo pago la factura del agua", "prohibición estacionamiento nieve", "reserva pabellón", "bache calle",
			"reciclje", "licencia de perrro", "pothole"},
	}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		lang := []string{"en", "es"}[i%2]
		q := queries[lang][(i/2)%len(queries[lang])]
		start := time.Now()
		if _, err := search.Find(app.DB(), q, lang, []string{"en", "es"}, 20); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
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
