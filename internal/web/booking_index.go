package web

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

type bookingIndexData struct {
	Facilities []facilityCard
	Programs   []*booking.Program
}

type facilityCard struct {
	F        *booking.Facility
	Fee      string
	Approval bool
}

// index lists what residents can book and sign up for.
func (b *bookingPages) index(e *core.RequestEvent, lang string) error {
	fs, err := b.d.ListFacilities(e.App, lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	ps, err := b.d.ListPrograms(e.App, lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	d := bookingIndexData{Programs: ps}
	for _, f := range fs {
		d.Facilities = append(d.Facilities, facilityCard{F: f, Fee: money(f.Fee), Approval: f.ApprovalRequired})
	}
	v := b.view(e, lang, "/book")
	v.Title = b.bundle.T(lang, "booking.index.title", nil)
	v.Description = b.bundle.T(lang, "booking.index.lead", nil)
	v.Data = d
	return b.render(e, http.StatusOK, "booking_index", v)
}
