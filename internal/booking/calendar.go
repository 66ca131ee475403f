package booking

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Happening is one thing on a calendar: a town event, a program meeting or
// a reservation, with its text in one language.
type Happening struct {
	UID                          string // stable across feeds and emails
	Kind                         string // event, program or reservation
	ID                           string // the record's id
	Title, Description, Location string // for a reservation, Title is its purpose when public
	Facility                     string // facility name, when at one
	Start, End                   time.Time
	Updated                      time.Time
	Status                       string // a reservation's status
	Sequence                     int
}

// Kinds of happening.
const (
	KindEvent       = "event"
	KindProgram     = "program"
	KindReservation = "reservation"
)

// uid makes a globally unique, stable UID on the town's mail domain.
func (d *Domain) uid(parts ...string) string {
	host := d.Town.Get().MailDomain
	if host == "" {
		host = "townhall.invalid"
	}
	return strings.Join(parts, "-") + "@" + host
}

// Sequence is a reservation's iCalendar revision: it rises with each
// decision, so calendar apps replace the older copy.
func Sequence(status string) int {
	switch status {
	case StatusApproved:
		return 1
	case StatusDeclined, StatusCancelled:
		return 2
	}
	return 0
}

// PublicCalendar lists what the town shows everyone between from and to:
// public events, program meetings and approved bookings marked public
// (their purpose and place only, never who booked).
func (d *Domain) PublicCalendar(app core.App, from, to time.Time, lang string) ([]Happening, error) {
	out, err := d.townEvents(app, from, to, lang)
	if err != nil {
		return nil, err
	}
	sessions, err := app.FindRecordsByFilter(Sessions, "active = true && first_day <= {:to} && last_day >= {:from}", "", 0, 0,
		dbx.Params{"from": dbTime(from.Add(-24 * time.Hour)), "to": dbTime(to.Add(24 * time.Hour))})
	if err != nil {
		return nil, fmt.Errorf("load sessions: %w", err)
	}
	names := d.facilityNames(app, lang)
	for _, sr := range sessions {
		h, err := d.sessionHappenings(app, sr, from, to, lang, names)
		if err != nil {
			return nil, err
		}
		out = append(out, h...)
	}
	recs, err := app.FindRecordsByFilter(Reservations, "status = 'approved' && public = true && starts < {:to} && ends > {:from}", "starts", 0, 0,
		dbx.Params{"from": dbTime(from), "to": dbTime(to)})
	if err != nil {
		return nil, fmt.Errorf("load public reservations: %w", err)
	}
	for _, r := range recs {
		out = append(out, d.reservationHappening(r, names))
	}
	sortHappenings(out)
	return out, nil
}

// ResidentCalendar lists one resident's reservations (cancelled ones too,
// so calendar apps remove them) and the meetings of the sessions their
// household has places in.
func (d *Domain) ResidentCalendar(app core.App, residentID string, from, to time.Time, lang string) ([]Happening, error) {
	names := d.facilityNames(app, lang)
	recs, err := app.FindRecordsByFilter(Reservations, "resident = {:r} && starts < {:to} && ends > {:from}", "starts", 0, 0,
		dbx.Params{"r": residentID, "from": dbTime(from), "to": dbTime(to)})
	if err != nil {
		return nil, fmt.Errorf("load reservations: %w", err)
	}
	var out []Happening
	for _, r := range recs {
		out = append(out, d.reservationHappening(r, names))
	}
	var sessionIDs []string
	err = app.DB().NewQuery("SELECT DISTINCT session FROM registrations WHERE resident = {:r} AND status = 'registered'").
		Bind(dbx.Params{"r": residentID}).Column(&sessionIDs)
	if err != nil {
		return nil, fmt.Errorf("load registrations: %w", err)
	}
	for _, id := range sessionIDs {
		sr, err := app.FindRecordById(Sessions, id)
		if err != nil {
			continue
		}
		h, err := d.sessionHappenings(app, sr, from, to, lang, names)
		if err != nil {
			return nil, err
		}
		out = append(out, h...)
	}
	sortHappenings(out)
	return out, nil
}

func sortHappenings(hs []Happening) {
	sort.SliceStable(hs, func(i, j int) bool {
		if !hs[i].Start.Equal(hs[j].Start) {
			return hs[i].Start.Before(hs[j].Start)
		}
		return hs[i].UID < hs[j].UID
	})
}

func (d *Domain) townEvents(app core.App, from, to time.Time, lang string) ([]Happening, error) {
	recs, err := app.FindRecordsByFilter(Events, "public = true && starts < {:to} && ends > {:from}", "starts", 0, 0,
		dbx.Params{"from": dbTime(from), "to": dbTime(to)})
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	names := d.facilityNames(app, lang)
	out := make([]Happening, 0, len(recs))
	for _, r := range recs {
		loc := d.text(r, "location", lang)
		if loc == "" {
			loc = names[r.GetString("facility")]
		}
		out = append(out, Happening{
			UID: d.uid("event", r.Id), Kind: KindEvent, ID: r.Id, Title: d.text(r, "title", lang),
			Description: d.text(r, "description", lang), Location: loc, Facility: names[r.GetString("facility")],
			Start: r.GetDateTime("starts").Time(), End: r.GetDateTime("ends").Time(), Updated: r.GetDateTime("updated").Time(),
		})
	}
	return out, nil
}

func (d *Domain) sessionHappenings(app core.App, sr *core.Record, from, to time.Time, lang string, names map[string]string) ([]Happening, error) {
	p, err := app.FindRecordById(Programs, sr.GetString("program"))
	if err != nil {
		return nil, fmt.Errorf("find program: %w", err)
	}
	if !p.GetBool("active") || !sr.GetBool("active") {
		return nil, nil
	}
	s := d.sessionFrom(sr, lang)
	loc := d.loc()
	var out []Happening
	for _, m := range s.Meetings(loc, DateOf(from.In(loc)), DateOf(to.In(loc))) {
		if !m.Overlaps(Interval{from, to}) {
			continue
		}
		out = append(out, Happening{
			UID: d.uid("session", s.ID, m.Start.In(loc).Format("20060102")), Kind: KindProgram, ID: s.ID,
			Title: d.text(p, "name", lang) + " – " + s.Name, Location: names[s.FacilityID], Facility: names[s.FacilityID],
			Start: m.Start, End: m.End, Updated: s.Updated,
		})
	}
	return out, nil
}

func (d *Domain) reservationHappening(r *core.Record, names map[string]string) Happening {
	h := Happening{
		UID: d.uid("reservation", r.Id), Kind: KindReservation, ID: r.Id, Facility: names[r.GetString("facility")],
		Location: names[r.GetString("facility")], Start: r.GetDateTime("starts").Time(), End: r.GetDateTime("ends").Time(),
		Updated: r.GetDateTime("updated").Time(), Status: r.GetString("status"), Sequence: Sequence(r.GetString("status")),
	}
	if r.GetBool("public") {
		h.Title = r.GetString("purpose")
	}
	return h
}

// facilityNames maps every facility's id to its name in lang.
func (d *Domain) facilityNames(app core.App, lang string) map[string]string {
	recs, err := app.FindAllRecords(Facilities)
	out := map[string]string{}
	if err != nil {
		return out
	}
	for _, r := range recs {
		out[r.Id] = d.text(r, "name", lang)
	}
	return out
}

// NewCalendar is an empty calendar of the town, in its time zone.
func (d *Domain) NewCalendar(name, method string) *Calendar {
	t := d.Town.Get()
	return &Calendar{ProdID: "-//" + t.Name + "//Townhall//EN", Method: method, Name: name, Location: t.Location}
}

// Event turns a happening into a calendar event; summary is its title in
// the reader's language.
func (d *Domain) Event(h Happening, summary, url string) Event {
	t := d.Town.Get()
	e := Event{UID: h.UID, Stamp: h.Updated, Start: h.Start, End: h.End, Summary: summary, Description: h.Description,
		Location: h.Location, Sequence: h.Sequence, URL: url}
	if e.Stamp.IsZero() {
		e.Stamp = d.now()
	}
	if h.Kind == KindReservation {
		e.Status = map[string]string{StatusPending: "TENTATIVE", StatusApproved: "CONFIRMED"}[h.Status]
		if e.Status == "" {
			e.Status = "CANCELLED"
		}
		e.OrganizerName, e.OrganizerEmail = t.Name, t.Email
	}
	return e
}

// ReservationHappening is one reservation as a happening in lang.
func (d *Domain) ReservationHappening(app core.App, r *core.Record, lang string) Happening {
	return d.reservationHappening(r, d.facilityNames(app, lang))
}

// SessionHappenings are every meeting of the session with id, in lang,
// with the same UIDs as the resident's calendar feed.
func (d *Domain) SessionHappenings(app core.App, id, lang string) ([]Happening, error) {
	sr, err := app.FindRecordById(Sessions, id)
	if err != nil {
		return nil, fmt.Errorf("find session %s: %w", id, err)
	}
	loc := d.loc()
	from := DateOf(sr.GetDateTime("first_day").Time()).Start(loc)
	to := DateOf(sr.GetDateTime("last_day").Time()).AddDays(1).Start(loc)
	return d.sessionHappenings(app, sr, from, to, lang, d.facilityNames(app, lang))
}
