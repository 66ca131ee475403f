package open311

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

type discoveryDoc struct {
	XMLName    xml.Name         `xml:"discovery" json:"-"`
	Changeset  string           `xml:"changeset" json:"changeset"`
	Contact    string           `xml:"contact" json:"contact"`
	KeyService string           `xml:"key_service" json:"key_service"`
	Endpoints  list[endpointEl] `xml:"endpoints" json:"endpoints"`
}

type endpointEl struct {
	Specification string       `xml:"specification" json:"specification"`
	URL           string       `xml:"url" json:"url"`
	Changeset     string       `xml:"changeset" json:"changeset"`
	Type          string       `xml:"type" json:"type"`
	Formats       list[string] `xml:"formats" json:"formats"`
}

// discovery describes this endpoint. Its changeset is the last change to
// the service catalog, so clients know when to fetch definitions again.
func (h *Handler) discovery(e *core.RequestEvent, f format) error {
	changed, err := catalogChanged(e.App)
	if err != nil {
		return err
	}
	lang := h.lang(e)
	t := h.town.Get()
	page := town.AbsURL(e.App, "") + "/" + lang + "/developers"
	who := map[string]any{"Town": t.NameIn(lang), "Email": strings.Join(nonEmpty(t.Email, t.Phone), ", ")}
	doc := discoveryDoc{
		Changeset:  w3c(changed, t.Location),
		Contact:    h.bundle.T(lang, "developers.discovery.contact", who) + " " + page,
		KeyService: h.bundle.T(lang, "developers.discovery.key_service", who) + " " + page,
		Endpoints: list[endpointEl]{Name: "endpoint", Items: []endpointEl{{
			Specification: Specification, URL: BaseURL(e.App), Changeset: w3c(changed, t.Location), Type: "production",
			Formats: list[string]{Name: "format", Items: []string{"text/xml", "application/json"}},
		}}},
	}
	return write(e, f, 200, doc, doc)
}

// catalogChanged is when a service was last changed.
func catalogChanged(app core.App) (time.Time, error) {
	recs, err := app.FindRecordsByFilter("services", "", "-updated", 1, 0)
	if err != nil || len(recs) == 0 {
		return time.Unix(0, 0), err
	}
	return recs[0].GetDateTime("updated").Time(), nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// w3c formats t as the spec's W3C date-time, in the town's time zone.
func w3c(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}
