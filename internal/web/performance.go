package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/metrics"
)

// performanceData is the public performance page: counts only, nothing
// about any one request or person.
type performanceData struct {
	Overall  []perfRow
	Services []perfService
	Form     *Form // the CSV download's period
	Periods  []string
}

type perfService struct {
	Name string
	Rows []perfRow
}

// perfRow is one month's figures, written out.
type perfRow struct {
	Month, Received, Closed, Median, OnTime string
}

// performance shows, per service and for the town, this month and each of
// the last twelve: received, closed, median days to close, share on time.
// It is cached like every public page.
func (h *Handler) performance(e *core.RequestEvent, lang string) error {
	return h.renderPerformance(e, lang, &Form{Values: e.Request.URL.Query()}, http.StatusOK)
}

func (h *Handler) renderPerformance(e *core.RequestEvent, lang string, f *Form, status int) error {
	t := h.town.Get()
	svcs, err := requests.Services(e.App, lang, t.DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	ids := make([]string, len(svcs))
	for i, s := range svcs {
		ids[i] = s.ID
	}
	perf, err := metrics.LoadPerformance(e.App, t.Location, ids, h.now())
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := &performanceData{Form: f, Periods: metricsPeriods[:3], Overall: h.perfRows(lang, perf, perf.Overall)}
	for _, s := range svcs {
		if figs := perf.Services[s.ID]; figs != nil {
			d.Services = append(d.Services, perfService{Name: s.Name, Rows: h.perfRows(lang, perf, figs)})
		}
	}
	v := h.view(e, lang, "/performance")
	v.Title = h.bundle.T(lang, "performance.title", nil)
	v.Description = h.bundle.T(lang, "performance.intro", nil)
	v.Data = d
	return h.render(e, status, "performance", v)
}

// perfRows are the months newest first.
func (h *Handler) perfRows(lang string, perf metrics.Performance, figs []metrics.MonthFigures) []perfRow {
	out := make([]perfRow, 0, len(figs))
	for i := len(figs) - 1; i >= 0; i-- {
		f := figs[i]
		median := "–"
		if f.Closed > 0 {
			median = decimal(lang, f.Median)
		}
		out = append(out, perfRow{Month: h.monthName(lang, perf.Months[i]), Received: i18n.Count(lang, f.Received), Closed: i18n.Count(lang, f.Closed),
			Median: median, OnTime: percent(f.OnTime, f.Closed)})
	}
	return out
}

// performanceCSV is the public requests of a period as CSV: no contact
// columns, descriptions and addresses as the public pages show them.
func (h *Handler) performanceCSV(e *core.RequestEvent, lang string) error {
	f := &Form{Values: e.Request.URL.Query()}
	p := h.metricsPeriod(f, lang, h.town.Get().Location)
	if len(f.Errors) > 0 {
		return h.renderPerformance(e, lang, f, http.StatusUnprocessableEntity)
	}
	return h.writeCSV(e, lang, p, metrics.Scope{}, false, "requests")
}

// monthName is "March 2026" in lang.
func (h *Handler) monthName(lang string, t time.Time) string {
	month := h.bundle.T(lang, fmt.Sprintf("month.%d", int(t.Month())), nil)
	return h.bundle.T(lang, "performance.month", map[string]any{"Month": month, "Year": t.Year()})
}
