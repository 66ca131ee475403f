package booking

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/town"
)

// Facility is a bookable place with its rules, its text in one language.
type Facility struct {
	ID, Slug                 string
	Name, Description, Rules string
	Translated               bool // false when the text fell back to the default language
	Capacity                 int
	Hours                    []town.Hours // bookable hours by weekday, in the town's zone
	MinMinutes, MaxMinutes   int
	BufferMinutes            int
	AdvanceDays, NoticeHours int
	CancelHours              int
	Fee                      float64
	ApprovalRequired         bool
	Photos                   []string // file paths under /api/files
	record                   *core.Record
}

// Record is the facility's record.
func (f *Facility) Record() *core.Record { return f.record }

// Buffer is the time kept free between two bookings.
func (f *Facility) Buffer() time.Duration { return time.Duration(f.BufferMinutes) * time.Minute }

// HoursOn lists the opening periods on weekday wd, earliest first.
func (f *Facility) HoursOn(wd time.Weekday) []town.Hours {
	var out []town.Hours
	for _, h := range f.Hours {
		if h.Day == wd {
			out = append(out, h)
		}
	}
	return out
}

// FacilityFrom reads a facility record in lang.
func (d *Domain) FacilityFrom(r *core.Record, lang string) *Facility {
	def := d.Town.Get().DefaultLanguage
	name, ok := i18n.Text(r, "name", lang, def)
	desc, _ := i18n.Text(r, "description", lang, def)
	rules, _ := i18n.Text(r, "rules", lang, def)
	f := &Facility{
		ID: r.Id, Slug: r.GetString("slug"), Name: name, Description: desc, Rules: rules, Translated: ok,
		Capacity: r.GetInt("capacity"), MinMinutes: r.GetInt("min_minutes"), MaxMinutes: r.GetInt("max_minutes"),
		BufferMinutes: r.GetInt("buffer_minutes"), AdvanceDays: r.GetInt("advance_days"), NoticeHours: r.GetInt("notice_hours"),
		CancelHours: r.GetInt("cancel_hours"), Fee: r.GetFloat("fee"), ApprovalRequired: r.GetBool("approval_required"),
		record: r,
	}
	_ = r.UnmarshalJSONField("hours", &f.Hours)
	sort.SliceStable(f.Hours, func(i, j int) bool {
		if f.Hours[i].Day != f.Hours[j].Day {
			return f.Hours[i].Day < f.Hours[j].Day
		}
		return f.Hours[i].Open < f.Hours[j].Open
	})
	for _, p := range r.GetStringSlice("photos") {
		f.Photos = append(f.Photos, "/api/files/"+r.Collection().Id+"/"+r.Id+"/"+p)
	}
	return f
}

// ListFacilities returns the active facilities, by name.
func (d *Domain) ListFacilities(app core.App, lang string) ([]*Facility, error) {
	recs, err := app.FindRecordsByFilter(Facilities, "active = true", "name", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("list facilities: %w", err)
	}
	out := make([]*Facility, len(recs))
	for i, r := range recs {
		out[i] = d.FacilityFrom(r, lang)
	}
	return out, nil
}

// FacilityBySlug returns an active facility, or ErrNotFound.
func (d *Domain) FacilityBySlug(app core.App, slug, lang string) (*Facility, error) {
	r, err := activeBySlug(app, Facilities, slug)
	if err != nil {
		return nil, err
	}
	return d.FacilityFrom(r, lang), nil
}

// activeBySlug is the active record of collection with slug, or
// ErrNotFound.
func activeBySlug(app core.App, collection, slug string) (*core.Record, error) {
	r, err := app.FindFirstRecordByData(collection, "slug", slug)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !r.GetBool("active")) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find %s %q: %w", collection, slug, err)
	}
	return r, nil
}

// facilityByID is any facility, active or not, for existing bookings.
func (d *Domain) facilityByID(app core.App, id, lang string) (*Facility, error) {
	r, err := app.FindRecordById(Facilities, id)
	if err != nil {
		return nil, fmt.Errorf("find facility %s: %w", id, err)
	}
	return d.FacilityFrom(r, lang), nil
}
