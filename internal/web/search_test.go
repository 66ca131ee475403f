package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestSearchPage(t *testing.T) {
	f := demo(t)
	for _, s := range []tests.ApiScenario{
		get("/en/search?q=recycle", nil, 200, []string{"/en/help/waste/trash-and-recycling-collection", "<mark>", `name="robots" content="noindex"`}, nil, f),
		get("/es/search?q=reciclar", nil, 200, []string{"/es/help/waste/recogida-de-basura-y-reciclaje", "resultados para"}, nil, f),
		get("/en/search?q=pothole", nil, 200, []string{"/en/services/pothole", "Service"}, nil, f),
		get("/es/search?q=farola", nil, 200, []string{"/es/services/streetlight"}, nil, f),
		get("/en/search?q=zzzqqq", nil, 200, []string{"Nothing found for “zzzqqq”", "/en/services/general"}, nil, f),
		get("/es/search?q=zzzqqq", nil, 200, []string{"No encontramos nada para «zzzqqq»", "/es/services/general"}, nil, f),
		get("/en/search?q=recyling", nil, 200, []string{"Did you mean:", `href="/en/search?q=recycling"`}, nil, f),
		get("/en/search?q=potole", nil, 200, []string{"Did you mean:", `href="/en/search?q=pothole"`}, nil, f),
		get("/es/search?q=reciclje", nil, 200, []string{"Quizás quiso decir:", `href="/es/search?q=reciclaje"`}, nil, f),
		get("/en/search?q=basura", nil, 200, []string{"Pages in Español for “basura”", `lang="es"`, "/es/help/waste/recogida-de-basura-y-reciclaje"}, nil, f),
		get("/es/search?q=leaves", nil, 200, []string{"Páginas en English para «leaves»", "/en/help/waste/transfer-station-hours-and-stickers"}, nil, f),
		get("/en/search?q=recycling", nil, 200, nil, []string{"Did you mean", "Pages in Español"}, f),
		get("/en/search", nil, 200, []string{`id="search-q"`}, []string{"Nothing found"}, f),
		get("/en/search?q="+url.QueryEscape("<script>alert(1)</script>"), nil, 200, []string{"&lt;script&gt;"}, []string{"<script>alert"}, f),
	} {
		s.Test(t)
	}
	for _, q := range []string{`"unbalanced`, `trash*`, `-trash`, `NEAR(a b)`, `((`, `title:x`, strings.Repeat("x", 10_000)} {
		s := get("/en/search?q="+url.QueryEscape(q), nil, 200, []string{"<h1>"}, nil, f)
		s.Test(t)
	}
}
