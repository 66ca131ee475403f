package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/requests/metrics"
	"github.com/townhall/townhall/internal/town"
)

// metricsPeriods are the periods the metrics page offers.
var metricsPeriods = []string{metrics.ThisMonth, metrics.LastMonth, metrics.ThisYear, metrics.Custom}

// metricsData is the desk's metrics page.
type metricsData struct {
	Form        *Form
	Periods     []string
	Departments []option
	From, To    string // the period's first and last day, written out
	Cards       []metricCard
	Charts      []chart
	CSV         string // the same period and department as CSV
	// Collected is what payments brought in during the period, by kind,
	// and Total their sum: the clerk's only (staff see their departments).
	Collected []option
	Total     string

	deptNames map[string]string // every department's name by id
}

// metricCard is one headline figure.
type metricCard struct{ Label, Value, Note string }

// staffMetrics is how the town is doing: the figures of a period and
// department, as cards, charts and their tables, ready to print.
func (h *Handler) staffMetrics(e *core.RequestEvent, lang string, s *desk.Staff) error {
	d, p, scope, err := h.metricsForm(e, lang, s)
	if err != nil {
		return h.fail(e, lang, err)
	}
	v := h.staffView(e, lang, "/staff/metrics", h.bundle.T(lang, "metrics.title", nil), s)
	v.Data = d
	if len(d.Form.Errors) > 0 {
		return h.render(e, http.StatusUnprocessableEntity, "staff_metrics", v)
	}
	t := h.town.Get()
	keys, err := metrics.LoadKeys(e.App, queueChannels)
	if err != nil {
		return h.fail(e, lang, err)
	}
	rep, err := metrics.Load(e.App, t.Location, p, scope, keys, h.now())
	if err != nil {
		return h.fail(e, lang, err)
	}
	names, err := h.serviceNames(e.App, lang)
	if err != nil {
		return h.fail(e, lang, err)
	}
	if s.Clerk {
		if d.Collected, d.Total, err = h.collected(e.App, lang, p.From, p.To); err != nil {
			return h.fail(e, lang, err)
		}
	}
	d.Cards = h.metricCards(lang, rep)
	d.Charts = h.metricCharts(lang, rep, func(id string) string { return names[id].Label }, func(id string) string { return d.deptNames[id] })
	return h.render(e, http.StatusOK, "staff_metrics", v)
}

// staffMetricsCSV is the period's requests as CSV, with contact columns.
func (h *Handler) staffMetricsCSV(e *core.RequestEvent, lang string, s *desk.Staff) error {
	d, p, scope, err := h.metricsForm(e, lang, s)
	if err != nil {
		return h.fail(e, lang, err)
	}
	if len(d.Form.Errors) > 0 {
		v := h.staffView(e, lang, "/staff/metrics", h.bundle.T(lang, "metrics.title", nil), s)
		v.Data = d
		return h.render(e, http.StatusUnprocessableEntity, "staff_metrics", v)
	}
	return h.writeCSV(e, lang, p, scope, true, "requests-staff")
}

// writeCSV streams the requests of p in scope as a CSV download.
func (h *Handler) writeCSV(e *core.RequestEvent, lang string, p metrics.Period, scope metrics.Scope, staff bool, name string) error {
	t := h.town.Get()
	x, err := metrics.NewExport(e.App, t, lang, p, scope, staff, town.AbsURL(e.App, ""))
	if err != nil {
		return h.fail(e, lang, err)
	}
	hd := e.Response.Header()
	hd.Set("Content-Type", "text/csv; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="`+name+"-"+p.From.In(t.Location).Format("2006-01-02")+"-"+
		p.LastDay().In(t.Location).Format("2006-01-02")+`.csv"`)
	if !staff {
		hd.Set("Cache-Control", "public, max-age=300")
	}
	e.Response.WriteHeader(http.StatusOK)
	if err := x.Write(e.App, e.Response); err != nil {
		// The header is sent: the download ends short, and the log says why.
		h.logError(e, err)
	}
	return nil
}

// metricsForm reads the period and department from the query, with a
// translated problem beside a bad field.
func (h *Handler) metricsForm(e *core.RequestEvent, lang string, s *desk.Staff) (*metricsData, metrics.Period, metrics.Scope, error) {
	t := h.town.Get()
	f := &Form{Values: e.Request.URL.Query()}
	names, mine, err := h.deskDepartments(e.App, lang, s)
	if err != nil {
		return nil, metrics.Period{}, metrics.Scope{}, err
	}
	d := &metricsData{Form: f, Periods: metricsPeriods, Departments: mine, deptNames: names}
	scope := metrics.Scope{}
	if !s.Clerk {
		scope.Departments = append([]string{}, s.Departments...)
	}
	if dep := f.Get("department"); dep != "" {
		if slices.ContainsFunc(d.Departments, func(o option) bool { return o.Value == dep }) {
			scope.Department = dep
		} else {
			h.fieldError(f, lang, "department", "metrics.error.department", nil)
		}
	}
	p := h.metricsPeriod(f, lang, t.Location)
	d.From, d.To = h.bundle.Date(lang, p.From.In(t.Location)), h.bundle.Date(lang, p.LastDay().In(t.Location))
	q := url.Values{}
	for _, k := range []string{"period", "from", "to", "department"} {
		if v := f.Get(k); v != "" {
			q.Set(k, v)
		}
	}
	d.CSV = "/" + lang + "/staff/metrics/requests.csv"
	if len(q) > 0 {
		d.CSV += "?" + q.Encode()
	}
	return d, p, scope, nil
}

// metricsPeriod reads the period: a named one, or custom days from and to
// (the town's calendar days, both included). A bad custom period is said
// beside its field, and this month is shown meanwhile.
func (h *Handler) metricsPeriod(f *Form, lang string, loc *time.Location) metrics.Period {
	now := h.now()
	name := f.Get("period")
	if name != metrics.Custom {
		if name != "" && !slices.Contains(metricsPeriods, name) {
			h.fieldError(f, lang, "period", "metrics.error.period", nil)
		}
		return metrics.Named(name, now, loc)
	}
	day := func(field string) time.Time {
		v := strings.TrimSpace(f.Get(field))
		t, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			h.fieldError(f, lang, field, "metrics.error.date", nil)
		}
		return t
	}
	from, to := day("from"), day("to")
	if len(f.Errors) > 0 {
		return metrics.Named(metrics.ThisMonth, now, loc)
	}
	p, err := metrics.Days(from, to, loc)
	switch {
	case errors.Is(err, metrics.ErrPeriodOrder):
		h.fieldError(f, lang, "to", "metrics.error.order", nil)
	case errors.Is(err, metrics.ErrPeriodLong):
		h.fieldError(f, lang, "to", "metrics.error.long", map[string]any{"Max": metrics.MaxCustomDays})
	}
	if err != nil {
		return metrics.Named(metrics.ThisMonth, now, loc)
	}
	return p
}

// metricCards are the headline figures.
func (h *Handler) metricCards(lang string, rep metrics.Report) []metricCard {
	T := func(id string, d map[string]any) string { return h.bundle.T(lang, id, d) }
	days := func(x float64) string {
		if rep.Days.N == 0 {
			return "–"
		}
		return decimal(lang, x)
	}
	return []metricCard{
		{T("metrics.card.received", nil), i18n.Count(lang, rep.Received), ""},
		{T("metrics.card.closed", nil), i18n.Count(lang, rep.Closed), ""},
		{T("metrics.card.median", nil), days(rep.Days.Median), T("metrics.card.days_note", nil)},
		{T("metrics.card.p90", nil), days(rep.Days.P90), T("metrics.card.days_note", nil)},
		{T("metrics.card.on_time", nil), percent(rep.OnTime, rep.Closed),
			T("metrics.card.on_time_note", map[string]any{"Count": rep.OnTime, "Max": rep.Closed})},
		{T("metrics.card.reopened", nil), percent(rep.Reopened, rep.EverClosed),
			T("metrics.card.reopened_note", map[string]any{"Count": rep.Reopened, "Max": rep.EverClosed})},
		{T("metrics.card.satisfaction", nil), percent(rep.Yes, rep.Yes+rep.No),
			T("metrics.card.satisfaction_note", map[string]any{"Count": rep.Yes, "Min": rep.No})},
	}
}

// metricCharts are the charts with their tables.
func (h *Handler) metricCharts(lang string, rep metrics.Report, service, dept func(string) string) []chart {
	T := func(id string) string { return h.bundle.T(lang, id, nil) }
	n := T("metrics.chart.requests")
	named := func(id, title, head string, cs []metrics.Count, name func(string) string) chart {
		labels, ns := make([]string, len(cs)), make([]int, len(cs))
		for i, c := range cs {
			labels[i], ns[i] = name(c.Key), c.N
			if labels[i] == "" {
				labels[i] = T("metrics.chart.unknown")
			}
		}
		return newBars(id, title, head, n, labels, ns)
	}
	channel := func(c string) string { return T("desk.channel." + c) }
	weeks, wn := make([]string, len(rep.ByWeek)), make([]int, len(rep.ByWeek))
	for i, w := range rep.ByWeek {
		weeks[i], wn[i] = h.bundle.Date(lang, w.Start), w.N
	}
	bands := make([]string, len(metrics.BacklogBands))
	for i, b := range metrics.BacklogBands {
		bands[i] = T("metrics.backlog." + b)
	}
	return []chart{
		named("by-service", T("metrics.chart.by_service"), T("request.form.service"), rep.ByService, service),
		named("by-department", T("metrics.chart.by_department"), T("desk.field.department"), rep.ByDepartment, dept),
		named("by-channel", T("metrics.chart.by_channel"), T("desk.field.channel"), rep.ByChan, channel),
		newColumns("by-week", T("metrics.chart.by_week"), T("metrics.chart.week"), n, weeks, wn),
		newBars("backlog", T("metrics.chart.backlog"), T("metrics.chart.age"), n, bands, rep.Backlog[:]),
	}
}
