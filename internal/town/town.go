// Package town reads the town's own records: the town itself, its
// departments and its notices. The town record is cached in memory and
// reloaded whenever the clerk saves it.
package town

import (
	"fmt"
	"log/slog"
	"sort"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// Hours is one weekday's opening hours, as "15:04" strings.
type Hours struct {
	Day   time.Weekday `json:"day"`
	Open  string       `json:"open"`
	Close string       `json:"close"`
}

// Town is the town record in the shape the rest of the program uses.
type Town struct {
	ID              string
	Name            string
	Location        *time.Location
	Languages       []string // offered, default first
	DefaultLanguage string
	Address         string
	Phone           string
	Email           string
	MailDomain      string
	Colour          string
	LogoPath        string // file path under /api/files, or ""
	Hours           []Hours
	Updated         time.Time
	// RetentionDays is how long sent emails are kept (0: 30 days); see
	// OutboxRetention.
	RetentionDays int
	record        *core.Record
}

// OutboxRetention is how long sent emails are kept before the nightly
// prune empties or removes them: the clerk's outbox_retention_days, or 30
// days.
func (t *Town) OutboxRetention() time.Duration {
	days := t.RetentionDays
	if days <= 0 {
		days = 30
	}
	return time.Duration(days) * 24 * time.Hour
}

// NameIn returns the town's name in lang.
func (t *Town) NameIn(lang string) string {
	if t.record == nil {
		return t.Name
	}
	s, _ := i18n.Text(t.record, "name", lang, t.DefaultLanguage)
	return s
}

// Offers reports whether the site is offered in lang.
func (t *Town) Offers(lang string) bool {
	for _, l := range t.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Store holds the current town. Get never blocks and never returns nil.
type Store struct {
	app     core.App
	current atomic.Pointer[Town]
	offered func(string) bool // languages with translations
}

// NewStore loads the town now and reloads it after every save. offered says
// which languages have UI translations; others in the record are ignored.
func NewStore(app core.App, offered func(string) bool) *Store {
	s := &Store{app: app, offered: offered}
	s.current.Store(placeholder())
	reload := func(e *core.RecordEvent) error {
		err := e.Next()
		s.Reload()
		return err
	}
	app.OnRecordAfterCreateSuccess("town").BindFunc(reload)
	app.OnRecordAfterUpdateSuccess("town").BindFunc(reload)
	app.OnRecordAfterDeleteSuccess("town").BindFunc(reload)
	return s
}

// Get returns the current town.
func (s *Store) Get() *Town { return s.current.Load() }

// Reload reads the town record again; with none, a placeholder is used.
func (s *Store) Reload() {
	recs, err := s.app.FindRecordsByFilter("town", "", "created", 1, 0)
	if err != nil || len(recs) == 0 {
		s.current.Store(placeholder())
		return
	}
	t, err := FromRecord(recs[0], s.offered)
	if err != nil {
		s.app.Logger().Warn("town record has a problem; using what works", slog.String("error", err.Error()))
	}
	s.current.Store(t)
}

func placeholder() *Town {
	return &Town{Name: "Townhall", Location: time.UTC, Languages: []string{"en"}, DefaultLanguage: "en"}
}

// FromRecord reads a town record; offered says which languages have UI
// translations. The error lists fields with problems; the town is still usable.
func FromRecord(r *core.Record, offered func(string) bool) (*Town, error) {
	t := &Town{
		ID: r.Id, Name: r.GetString("name"), Address: r.GetString("address"), Phone: r.GetString("phone"),
		Email: r.GetString("email"), MailDomain: r.GetString("mail_domain"), Colour: r.GetString("colour"),
		DefaultLanguage: r.GetString("default_language"), Updated: r.GetDateTime("updated").Time(), record: r,
		RetentionDays: r.GetInt("outbox_retention_days"),
		Location:      time.UTC,
	}
	var problems []error
	if loc, err := time.LoadLocation(r.GetString("timezone")); err == nil {
		t.Location = loc
	} else {
		problems = append(problems, fmt.Errorf("timezone: %w", err))
	}
	var langs []string
	_ = r.UnmarshalJSONField("languages", &langs)
	for _, l := range langs {
		if offered(l) {
			t.Languages = append(t.Languages, l)
		}
	}
	if len(t.Languages) == 0 {
		t.Languages = []string{"en"}
	}
	if !t.Offers(t.DefaultLanguage) {
		t.DefaultLanguage = t.Languages[0]
	}
	// Default language first: it is the fallback everywhere.
	sort.SliceStable(t.Languages, func(i, j int) bool { return t.Languages[i] == t.DefaultLanguage })
	if err := r.UnmarshalJSONField("office_hours", &t.Hours); err != nil {
		problems = append(problems, fmt.Errorf("office_hours: %w", err))
	}
	sort.Slice(t.Hours, func(i, j int) bool { return t.Hours[i].Day < t.Hours[j].Day })
	if logo := r.GetString("logo"); logo != "" {
		t.LogoPath = "/api/files/" + r.Collection().Id + "/" + r.Id + "/" + logo
	}
	if len(problems) > 0 {
		return t, fmt.Errorf("%v", problems)
	}
	return t, nil
}
